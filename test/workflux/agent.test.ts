import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { createEnvironment, type TestEnvironment } from '../support/environment';
import { byId, chainWorkflow } from '../support/workflows';

let env: TestEnvironment;
beforeAll(async () => (env = await createEnvironment({ empty: true })));
afterAll(async () => await env.close());
beforeEach(() => env.sandbox.control.reset({ empty: true }));

const agentStep = (operation: string, parameters: Record<string, unknown> = {}) => ({
	name: 'WorkFlux',
	parameters: { resource: 'agent', operation, ...parameters },
});

describe('Agent', () => {
	it('creates an agent per item with the fields the user filled in', async () => {
		const run = await env.run(
			chainWorkflow(
				[
					agentStep('create', {
						name: '={{ $json.name }}',
						additionalFields: {
							description: 'Answers billing questions',
							channels: ['email', 'web'],
							metadata: '{"team": "billing"}',
							status: 'inactive',
						},
					}),
				],
				[{ name: 'Billing Bot' }, { name: 'Returns Bot' }],
			),
		);
		expect(run.status).toBe('success');
		const output = run.json('WorkFlux');
		expect(output.map((agent) => agent.name)).toEqual(['Billing Bot', 'Returns Bot']);
		expect(run.items('WorkFlux').map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
		]);
		const stored = env.sandbox.control.agents();
		expect(stored).toHaveLength(2);
		expect(stored[0]).toMatchObject({
			name: 'Billing Bot',
			description: 'Answers billing questions',
			channels: ['email', 'web'],
			metadata: { team: 'billing' },
			status: 'inactive',
		});
	});

	it('gets, updates and deletes the agent picked by ID', async () => {
		const { agents } = env.sandbox.control.seed({ agents: 1 });
		const id = agents[0];
		const get = await env.run(chainWorkflow([agentStep('get', { agentId: byId(id) })]));
		expect(get.json('WorkFlux')[0].id).toBe(id);

		const update = await env.run(
			chainWorkflow([
				agentStep('update', {
					agentId: byId(id),
					updateFields: { name: 'Renamed', status: 'inactive' },
				}),
			]),
		);
		expect(update.json('WorkFlux')[0]).toMatchObject({ id, name: 'Renamed', status: 'inactive' });
		expect(env.sandbox.control.agents()[0]).toMatchObject({ name: 'Renamed', status: 'inactive' });

		const remove = await env.run(chainWorkflow([agentStep('delete', { agentId: byId(id) })]));
		expect(remove.json('WorkFlux')).toEqual([{ id, deleted: true }]);
		expect(env.sandbox.control.agents()).toHaveLength(0);
	});

	it('refuses an update with nothing to change, in plain words', async () => {
		const { agents } = env.sandbox.control.seed({ agents: 1 });
		const run = await env.run(chainWorkflow([agentStep('update', { agentId: byId(agents[0]) })]));
		expect(run.status).toBe('error');
		expect(run.error?.message).toBe('Nothing to update');
	});

	it('lists agents with a filter and a limit', async () => {
		env.sandbox.control.seed({ agents: 30 });
		const inactive = env.sandbox.control.agents().filter((agent) => agent.status === 'inactive');
		const filtered = await env.run(
			chainWorkflow([agentStep('getAll', { returnAll: true, filters: { status: 'inactive' } })]),
		);
		expect(filtered.json('WorkFlux').map((agent) => agent.id)).toEqual(inactive.map((a) => a.id));

		const limited = await env.run(chainWorkflow([agentStep('getAll', { limit: 7 })]));
		expect(limited.json('WorkFlux')).toHaveLength(7);
	});

	it('explains a missing agent, and with Continue On Fail keeps going', async () => {
		const { agents } = env.sandbox.control.seed({ agents: 1 });
		const workflow = chainWorkflow(
			[
				{
					...agentStep('get', { agentId: byId('={{ $json.id }}') }),
					settings: { onError: 'continueRegularOutput' },
				},
			],
			[{ id: agents[0] }, { id: 'agt_doesnotexist' }, { id: agents[0] }],
		);
		const run = await env.run(workflow);
		expect(run.status).toBe('success');
		const [first, missing, third] = run.items('WorkFlux');
		expect(first.json.id).toBe(agents[0]);
		expect(third.json.id).toBe(agents[0]);
		expect(missing.pairedItem).toEqual({ item: 1 });
		expect(missing.json.error).toMatch(/agt_doesnotexist/);
		expect(missing.json.details).toContain('Check the ID');

		const withoutContinue = workflow.nodes.map((node) => ({ ...node, onError: undefined }));
		const stopped = await env.run({ ...workflow, nodes: withoutContinue });
		expect(stopped.status).toBe('error');
		expect(stopped.error?.message).toMatch(/agt_doesnotexist/);
		expect((stopped.error as { description?: string }).description).toContain('HTTP 404');
	});
});
