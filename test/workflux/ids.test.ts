import { describe, expect, it } from 'vitest';

import { useSandbox } from '../support/use-sandbox';
import { byId, chainWorkflow } from '../support/workflows';

// Issue 10, point 5: an ID of "", "." or ".." (after trimming) is collapsed by the URL parser, so
// Agent > Delete would send DELETE /v1/ and Send Message POST /v1/messages. They are refused before any
// request, in every operation, because every path is built by apiPath.
const env = useSandbox({ empty: true });

const step = (resource: string, operation: string, parameters: Record<string, unknown>) => ({
	name: 'WorkFlux',
	parameters: { resource, operation, ...parameters },
});

/** Operations that take an ID, each with the ID from the item's `id` field, as `{{ $json.id }}` would. */
const operationsWithIds = [
	step('agent', 'delete', { agentId: byId('={{ $json.id }}') }),
	step('agent', 'get', { agentId: byId('={{ $json.id }}') }),
	step('conversation', 'sendMessage', {
		conversationId: byId('={{ $json.id }}'),
		text: 'Hello',
	}),
	step('conversation', 'getMessages', { conversationId: byId('={{ $json.id }}'), returnAll: true }),
	step('conversation', 'delete', { conversationId: byId('={{ $json.id }}') }),
	step('webhook', 'delete', { webhookId: '={{ $json.id }}' }),
	step('export', 'download', { exportId: '={{ $json.id }}' }),
	step('workflow', 'getRun', { workflowId: byId('wf_1'), runId: '={{ $json.id }}' }),
];

describe('IDs that would reach another endpoint', () => {
	it.each(['..', '.', ' .. ', '', '   '])('%j is refused before any request', async (id) => {
		for (const operation of operationsWithIds) {
			const run = await env.run(chainWorkflow([operation], [{ id }]));
			const label = `${operation.parameters.resource} > ${operation.parameters.operation}`;
			expect(run.status, label).toBe('error');
			expect(run.error?.message, label).toMatch(
				/^(".{1,2}" is not a valid ID|An ID is empty), so no request was sent$/,
			);
			expect((run.error as { description?: string }).description, label).toContain(
				'{{ $json.id }}',
			);
		}
		// Not one request reached WorkFlux, not even for a token.
		expect(env.sandbox.control.requests()).toEqual([]);
	});

	it('Agent > Delete with ".." deletes nothing, and Continue On Fail goes on with the next item', async () => {
		const { agents } = env.sandbox.control.seed({ agents: 2 });
		const run = await env.run({
			...chainWorkflow(
				[
					{
						...step('agent', 'delete', { agentId: byId('={{ $json.id }}') }),
						settings: { onError: 'continueRegularOutput' },
					},
				],
				[{ id: '..' }, { id: agents[0] }],
			),
		});
		expect(run.status).toBe('success');
		const [refused, deleted] = run.json('WorkFlux');
		expect(refused.error).toBe('".." is not a valid ID, so no request was sent');
		expect(deleted).toEqual({ id: agents[0], deleted: true });
		expect(env.sandbox.control.agents().map((agent) => agent.id)).toEqual([agents[1]]);
		const deletes = env.sandbox.control.requests().filter((r) => r.method === 'DELETE');
		expect(deletes.map((r) => r.path)).toEqual([`/v1/agents/${agents[0]}`]);
	});

	it('an ID with blanks around it is sent trimmed', async () => {
		const { agents } = env.sandbox.control.seed({ agents: 1 });
		const run = await env.run(
			chainWorkflow(
				[step('agent', 'get', { agentId: byId('={{ $json.id }}') })],
				[{ id: ` ${agents[0]}\n` }],
			),
		);
		expect(run.status).toBe('success');
		expect(run.json('WorkFlux')[0].id).toBe(agents[0]);
	});
});
