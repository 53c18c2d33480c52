import { describe, expect, it } from 'vitest';

import { useSandbox } from '../support/use-sandbox';
import { agentWorkflow, chainWorkflow } from '../support/workflows';

// Issue 10, point 3: an API that accepts the connection and never answers kept the item waiting forever.
const env = useSandbox({ empty: true });

const description = (error: unknown) => (error as { description?: string }).description ?? '';

describe('a WorkFlux that accepts the connection and never answers', () => {
	it('times out each try, retries the safe request, and says what to try', async () => {
		const { agents } = env.sandbox.control.seed({ agents: 1 });
		env.sandbox.control.configure({ faults: { answer: 'hang', match: { method: 'GET' } } });
		const started = Date.now();
		const run = await env.run(
			agentWorkflow('get', agents[0], { options: { timeoutSeconds: 0.5, retryMaxAttempts: 3 } }),
		);
		const elapsed = Date.now() - started;
		expect(run.status).toBe('error');
		expect(run.error?.message).toBe('WorkFlux did not answer within 0.5 seconds (timed out)');
		expect(description(run.error)).toContain('stopped after 3 attempts');
		expect(description(run.error)).toContain('raise "Timeout (Seconds)" under Options');
		expect(description(run.error)).toContain(`request GET /agents/${agents[0]}`);
		const tries = env.sandbox.control
			.requests()
			.filter((r) => r.path === `/v1/agents/${agents[0]}`);
		expect(tries).toHaveLength(3);
		expect(tries.every((entry) => entry.fault === 'hang')).toBe(true);
		// Three tries of half a second each at least: the node waited for each, and no longer than it may.
		expect(elapsed).toBeGreaterThanOrEqual(1500);
	});

	it('Get Many times out the same way, and Continue On Fail goes on with the next item', async () => {
		env.sandbox.control.configure({ faults: { answer: 'hang', match: { method: 'GET' } } });
		const run = await env.run(
			chainWorkflow(
				[
					{
						name: 'WorkFlux',
						parameters: {
							resource: 'agent',
							operation: 'getAll',
							returnAll: true,
							options: { timeoutSeconds: 0.3, retryMaxAttempts: 2 },
						},
						settings: { onError: 'continueRegularOutput' },
					},
				],
				[{ n: 1 }, { n: 2 }],
			),
		);
		expect(run.status).toBe('success');
		const output = run.json('WorkFlux');
		expect(output).toHaveLength(2);
		for (const item of output) {
			expect(item.error).toBe('WorkFlux did not answer within 0.3 seconds (timed out)');
			expect(item.details).toContain('stopped after 2 attempts');
		}
		expect(env.sandbox.control.requests().filter((r) => r.fault === 'hang')).toHaveLength(4);
	});

	it('with retries turned off, one try and the same words', async () => {
		const { agents } = env.sandbox.control.seed({ agents: 1 });
		env.sandbox.control.configure({ faults: { answer: 'hang', match: { method: 'GET' } } });
		const run = await env.run(
			agentWorkflow('get', agents[0], { options: { timeoutSeconds: 0.3, retryEnabled: false } }),
		);
		expect(run.error?.message).toBe('WorkFlux did not answer within 0.3 seconds (timed out)');
		expect(description(run.error)).not.toContain('stopped after');
		expect(env.sandbox.control.requests().filter((r) => r.fault === 'hang')).toHaveLength(1);
	});

	it('stops at once when the user stops the execution: no retries, and says what happened', async () => {
		const { agents } = env.sandbox.control.seed({ agents: 1 });
		env.sandbox.control.configure({ faults: { answer: 'hang', match: { method: 'GET' } } });
		const run = await env.run(
			agentWorkflow('get', agents[0], { options: { timeoutSeconds: 30, retryMaxAttempts: 5 } }),
			{ cancelAfterMs: 300 },
		);
		// Before, n8n's cancelled request counted as a lost connection and was retried through the backoff.
		const error = run.taskData('WorkFlux').error;
		expect(error?.message).toBe('The execution was stopped before WorkFlux answered');
		expect(description(error)).toContain(`The request GET /agents/${agents[0]} was cancelled`);
		expect(env.sandbox.control.requests().filter((r) => r.fault === 'hang')).toHaveLength(1);
	});
});
