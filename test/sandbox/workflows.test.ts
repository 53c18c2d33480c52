import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { startSandbox, type RunningSandbox } from './server';
import { Api, schemaErrors, waitFor } from './test-helpers';

let sandbox: RunningSandbox;
let api: Api;

beforeAll(async () => {
	sandbox = await startSandbox({ runDurationMs: 150 });
	api = new Api(sandbox.baseUrl);
	await api.login();
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.control.reset());

describe('workflows and runs', () => {
	it('lists and gets the demo workflows', async () => {
		const list = await api.get('/workflows');
		expect(schemaErrors('WorkflowList', list.body)).toEqual([]);
		expect(list.body.data.map((w: { name: string }) => w.name)).toEqual([
			'Create support ticket',
			'Sync contact to CRM',
			'Send follow-up email',
		]);
		const one = await api.get(`/workflows/${list.body.data[1].id}`);
		expect(schemaErrors('Workflow', one.body)).toEqual([]);
		expect(one.body).toEqual(list.body.data[1]);
		expect((await api.get('/workflows/wf_missing')).status).toBe(404);
	});

	it('runs queued → running → succeeded with the payload echoed in the output', async () => {
		const workflowId = sandbox.control.workflows()[0].id;
		const payload = { email: 'ada@example.com', items: [1, 2], nested: { ok: true } };
		const started = await api.post(`/workflows/${workflowId}/runs`, { payload });
		expect(started.status).toBe(202);
		expect(schemaErrors('WorkflowRun', started.body)).toEqual([]);
		expect(started.body).toMatchObject({ workflow_id: workflowId, status: 'queued', payload, output: null, finished_at: null });

		const statuses = new Set<string>();
		const done = await waitFor(
			async () => (await api.get(`/workflows/${workflowId}/runs/${started.body.id}`)).body,
			(run) => {
				statuses.add(run.status);
				return run.status === 'succeeded';
			},
			3000,
			'the run',
		);
		expect(statuses.has('running')).toBe(true);
		expect(schemaErrors('WorkflowRun', done)).toEqual([]);
		expect(done.output).toEqual({ received: payload });
		expect(done.finished_at).toEqual(expect.any(String));
	});

	it('accepts a run without a body (empty payload) and 404s runs of another workflow', async () => {
		const [first, second] = sandbox.control.workflows();
		const run = await api.call('POST', `/workflows/${first.id}/runs`);
		expect(run.status).toBe(202);
		expect(run.body.payload).toEqual({});
		expect((await api.get(`/workflows/${second.id}/runs/${run.body.id}`)).status).toBe(404);
		expect((await api.get(`/workflows/${first.id}/runs/run_missing`)).status).toBe(404);
		expect((await api.post('/workflows/wf_missing/runs', { payload: {} })).status).toBe(404);
		expect((await api.post(`/workflows/${first.id}/runs`, { payload: {}, extra: 1 })).body.error.field).toBe('extra');
	});

	it('can fail (fault) with an error in the output', async () => {
		sandbox.control.configure({ faults: { runFailureRate: 1 } });
		const workflowId = sandbox.control.workflows()[0].id;
		const run = await api.post(`/workflows/${workflowId}/runs`, { payload: { a: 1 } });
		const done = await waitFor(
			async () => (await api.get(`/workflows/${workflowId}/runs/${run.body.id}`)).body,
			(r) => r.status === 'failed',
			3000,
			'the failed run',
		);
		expect(done.output.error).toEqual(expect.any(String));
	});
});
