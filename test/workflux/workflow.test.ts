import type { INodeParameters, NodeError } from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { createEnvironment, type TestEnvironment } from '../support/environment';
import { byId, chainWorkflow } from '../support/workflows';

describe('Workflow resource against the sandbox', () => {
	let env: TestEnvironment;

	beforeAll(async () => {
		env = await createEnvironment();
	});
	afterAll(async () => {
		await env?.close();
	});
	beforeEach(() => {
		env.sandbox.control.reset();
	});

	const workflowStep = (name: string, parameters: INodeParameters) => ({
		name,
		parameters: { resource: 'workflow', ...parameters },
	});
	const waitOptions = { waitForCompletion: true, pollIntervalSeconds: 1, maxWaitSeconds: 20 };
	const firstWorkflowId = () => env.sandbox.control.workflows()[0].id;

	it('Get Many lists the WorkFlux workflows', async () => {
		const run = await env.run(
			chainWorkflow([workflowStep('List', { operation: 'getAll', returnAll: true })]),
		);
		expect(run.error).toBeUndefined();
		const expected = JSON.parse(JSON.stringify(env.sandbox.control.workflows()));
		expect(expected.length).toBeGreaterThan(0);
		expect(run.json('List')).toEqual(expected);
	});

	it('Get Many stops at the limit', async () => {
		env.sandbox.control.seed({ workflows: 5 });
		const run = await env.run(
			chainWorkflow([workflowStep('List', { operation: 'getAll', returnAll: false, limit: 2 })]),
		);
		expect(run.json('List').map((workflow) => workflow.id)).toEqual(
			env.sandbox.control
				.workflows()
				.slice(0, 2)
				.map((workflow) => workflow.id),
		);
	});

	it('Trigger Run starts a run with the payload from the fields', async () => {
		const workflowId = firstWorkflowId();
		const run = await env.run(
			chainWorkflow([
				workflowStep('Trigger', {
					operation: 'triggerRun',
					workflowId: byId(workflowId),
					payloadMode: 'fields',
					payloadFields: {
						values: [
							{ name: 'orderId', value: 'A-1001' },
							{ name: 'note', value: 'gift, "wrapped"' },
						],
					},
				}),
			]),
		);
		expect(run.error).toBeUndefined();
		const [output] = run.json('Trigger');
		expect(output).toMatchObject({ workflow_id: workflowId, status: 'queued' });
		const [stored] = env.sandbox.control.runs();
		expect(stored.id).toBe(output.id);
		expect(stored.payload).toEqual({ orderId: 'A-1001', note: 'gift, "wrapped"' });
	});

	it('Trigger Run with JSON and Wait for Completion outputs the succeeded run', async () => {
		const workflowId = firstWorkflowId();
		const payload = { orderId: 'A-1002', items: 3, tags: ['vip'], customer: { tier: 'gold' } };
		const run = await env.run(
			chainWorkflow([
				workflowStep('Trigger', {
					operation: 'triggerRun',
					workflowId: byId(workflowId),
					payloadMode: 'json',
					payloadJson: JSON.stringify(payload),
					options: waitOptions,
				}),
			]),
		);
		expect(run.error).toBeUndefined();
		const [output] = run.json('Trigger');
		expect(output).toMatchObject({
			workflow_id: workflowId,
			status: 'succeeded',
			payload,
			output: { received: payload },
		});
		expect(output.finished_at).toEqual(expect.any(String));
		const [stored] = env.sandbox.control.runs();
		expect(stored).toMatchObject({ id: output.id, status: 'succeeded', payload });
	});

	it('Trigger Run with Wait for Completion stops at Max Wait with an error that says how to pick it up', async () => {
		env.sandbox.control.configure({ runDurationMs: 60_000 });
		const workflowId = firstWorkflowId();
		const run = await env.run(
			chainWorkflow([
				workflowStep('Trigger', {
					operation: 'triggerRun',
					workflowId: byId(workflowId),
					options: { waitForCompletion: true, pollIntervalSeconds: 1, maxWaitSeconds: 1 },
				}),
			]),
		);
		const [stored] = env.sandbox.control.runs();
		expect(run.status).toBe('error');
		expect(run.error?.message).toBe(`The run ${stored.id} is still running after 1 seconds`);
		const description = (run.error as NodeError).description ?? '';
		expect(description).toContain('Workflow > Get Run');
		expect(description).toContain(`the run ID ${stored.id}`);
		expect(description).toContain(workflowId);
	});

	it('Trigger Run with Wait for Completion reports a failed run', async () => {
		env.sandbox.control.configure({ faults: { runFailureRate: 1 } });
		const run = await env.run(
			chainWorkflow([
				workflowStep('Trigger', {
					operation: 'triggerRun',
					workflowId: byId(firstWorkflowId()),
					options: waitOptions,
				}),
			]),
		);
		const [stored] = env.sandbox.control.runs();
		expect(stored.status).toBe('failed');
		expect(run.error?.message).toMatch(new RegExp(`^The run ${stored.id} failed in WorkFlux`));
	});

	it('Trigger Run refuses a payload that is not JSON, before starting anything', async () => {
		const run = await env.run(
			chainWorkflow([
				workflowStep('Trigger', {
					operation: 'triggerRun',
					workflowId: byId(firstWorkflowId()),
					payloadMode: 'json',
					payloadJson: '{"orderId": ',
				}),
			]),
		);
		expect(run.error?.message).toBe('Payload (JSON) is not valid JSON');
		expect(env.sandbox.control.runs()).toEqual([]);
	});

	it('Get Run outputs the run as WorkFlux has it, after it finished', async () => {
		const workflowId = firstWorkflowId();
		const run = await env.run(
			chainWorkflow([
				workflowStep('Trigger', {
					operation: 'triggerRun',
					workflowId: byId(workflowId),
					payloadMode: 'json',
					payloadJson: '{"ticket": 7}',
					options: waitOptions,
				}),
				workflowStep('Get Run', {
					operation: 'getRun',
					workflowId: byId(workflowId),
					runId: '={{ $json.id }}',
				}),
			]),
		);
		expect(run.error).toBeUndefined();
		const [stored] = env.sandbox.control.runs();
		expect(stored.status).toBe('succeeded');
		expect(run.json('Get Run')).toEqual([JSON.parse(JSON.stringify(stored))]);
	});

	it('Get Run of an unknown run is a plain not-found', async () => {
		const run = await env.run(
			chainWorkflow([
				workflowStep('Get Run', {
					operation: 'getRun',
					workflowId: byId(firstWorkflowId()),
					runId: 'run_missing',
				}),
			]),
		);
		expect(run.status).toBe('error');
		expect((run.error as NodeError & { httpCode?: string }).httpCode).toBe('404');
	});
});
