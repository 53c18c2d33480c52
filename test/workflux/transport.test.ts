import { describe, expect, it } from 'vitest';

import { testCredential } from '../harness/credential-test';
import { useSandbox } from '../support/use-sandbox';
import { agentWorkflow, byId, chainWorkflow, CREDENTIAL } from '../support/workflows';

const env = useSandbox({ empty: true });

const listAgents = chainWorkflow([
	{ name: 'WorkFlux', parameters: { resource: 'agent', operation: 'getAll', returnAll: true } },
]);

const apiRequests = (method: string, path: string) =>
	env.sandbox.control.requests().filter((r) => r.method === method && r.path === path);

describe('pagination', () => {
	it('returns exactly 2,500 distinct records in 25 page requests of 100', async () => {
		env.sandbox.control.seed({ agents: 2500 });
		const run = await env.run(listAgents);
		expect(run.status).toBe('success');
		const ids = run.json('WorkFlux').map((agent) => agent.id);
		expect(ids).toHaveLength(2500);
		expect(new Set(ids).size).toBe(2500);
		expect(new Set(ids)).toEqual(new Set(env.sandbox.control.agents().map((a) => a.id)));
		const pages = apiRequests('GET', '/v1/agents');
		expect(pages).toHaveLength(25);
		expect(pages.every((page) => Number(page.query.limit) === 100)).toBe(true);
	});
});

describe('token expiry', () => {
	it('fetches a new token when one expires mid-run, and the run succeeds', async () => {
		const { agents } = env.sandbox.control.seed({ agents: 1 });
		// Tokens live 0.4 s and every request takes 60 ms: a 25-item run outlives several tokens.
		env.sandbox.control.configure({ tokenTtlSeconds: 0.4, faults: { slowRate: 1, slowMs: 60 } });
		// The token the credential holds from earlier tests was issued with the old lifetime.
		env.sandbox.control.expireTokens();
		env.credentialsHelper.oauthTokenUpdates = 0;
		try {
			const items = Array.from({ length: 25 }, () => ({ id: agents[0] }));
			const run = await env.run(
				chainWorkflow(
					[
						{
							name: 'WorkFlux',
							parameters: { resource: 'agent', operation: 'get', agentId: byId('={{ $json.id }}') },
						},
					],
					items,
				),
			);
			expect(run.status).toBe('success');
			expect(run.json('WorkFlux')).toHaveLength(25);
			const expired = env.sandbox.control.requests().filter((r) => r.status === 401);
			expect(expired.length).toBeGreaterThan(0);
			// Each 401 was followed by a token fetch and a successful retry of the same request.
			expect(env.credentialsHelper.oauthTokenUpdates).toBeGreaterThanOrEqual(expired.length);
			expect(
				apiRequests('GET', `/v1/agents/${agents[0]}`).filter((r) => r.status === 200),
			).toHaveLength(25);
		} finally {
			env.sandbox.control.configure({ tokenTtlSeconds: 3600 });
		}
	});
});

describe('rate limits', () => {
	it('completes under 429s, waiting as long as Retry-After says', async () => {
		env.sandbox.control.seed({ agents: 450 });
		env.sandbox.control.configure({
			faults: {
				seed: 7,
				rate429Rate: 0.4,
				retryAfterSeconds: 1,
				match: { method: 'GET', path: '/v1/agents' },
			},
		});
		const run = await env.run(listAgents);
		expect(run.status).toBe('success');
		expect(new Set(run.json('WorkFlux').map((a) => a.id)).size).toBe(450);

		const log = apiRequests('GET', '/v1/agents');
		const limited = log.filter((entry) => entry.status === 429);
		expect(limited.length).toBeGreaterThan(0);
		for (const entry of limited) {
			const next = log[log.indexOf(entry) + 1];
			const waited = Date.parse(next.time) - (Date.parse(entry.time) + entry.duration_ms);
			expect(waited).toBeGreaterThanOrEqual(1000 - 5);
			expect(waited).toBeLessThan(1000 + 500);
		}
	});

	it('gives up with a plain message when the wait budget is used up', async () => {
		env.sandbox.control.seed({ agents: 1 });
		env.sandbox.control.configure({ faults: { rate429Rate: 1, retryAfterSeconds: 3 } });
		const run = await env.run(
			chainWorkflow([
				{
					name: 'WorkFlux',
					parameters: {
						resource: 'agent',
						operation: 'getAll',
						returnAll: true,
						options: { retryMaxWaitSeconds: 1 },
					},
				},
			]),
		);
		expect(run.status).toBe('error');
		expect(run.error?.message).toBeTruthy();
		expect((run.error as { description?: string }).description).toMatch(/retry budget/);
		expect(apiRequests('GET', '/v1/agents')).toHaveLength(1);
	});
});

describe('server errors on creates', () => {
	it('creates every item exactly once under 20% injected 5xx', async () => {
		env.sandbox.control.configure({
			faults: {
				seed: 11,
				error5xxRate: 0.2,
				// Half the time the agent is created and only the answer is lost: the case retries must not double.
				error5xxPhase: 'after',
				match: { method: 'POST', path: '/v1/agents' },
			},
		});
		const names = Array.from({ length: 60 }, (_, i) => ({ name: `Agent ${i}` }));
		const run = await env.run(
			chainWorkflow(
				[
					{
						name: 'WorkFlux',
						parameters: { resource: 'agent', operation: 'create', name: '={{ $json.name }}' },
					},
				],
				names,
			),
		);
		expect(run.status).toBe('success');
		expect(run.json('WorkFlux').map((a) => a.name)).toEqual(names.map((n) => n.name));
		const stored = env.sandbox.control.agents().map((a) => a.name);
		expect(stored.sort()).toEqual(names.map((n) => n.name).sort());
		const posts = apiRequests('POST', '/v1/agents');
		expect(posts.filter((r) => r.status >= 500).length).toBeGreaterThan(5);
		expect(posts.some((r) => r.replayed)).toBe(true);
	});

	it('never retries a failed create without an idempotency key', async () => {
		const { agents } = env.sandbox.control.seed({ agents: 1 });
		env.sandbox.control.configure({
			faults: { error5xxRate: 1, match: { method: 'PATCH', path: '/v1/agents' } },
		});
		const run = await env.run(agentWorkflow('update', agents[0], { updateFields: { name: 'x' } }));
		expect(run.status).toBe('error');
		expect((run.error as { description?: string }).description).toContain('HTTP 500');
		expect(apiRequests('PATCH', `/v1/agents/${agents[0]}`)).toHaveLength(1);
	});
});

describe('credential test', () => {
	const test = (data: Record<string, string>) =>
		testCredential(env.credentialsHelper, 'workfluxOAuth2Api', {
			baseUrl: env.sandbox.baseUrl,
			clientId: 'demo-client',
			clientSecret: 'demo-secret',
			...data,
		});

	it('passes with the right client', async () => {
		expect(await test({})).toEqual({ status: 'OK', message: 'Connection successful!' });
	});

	it('fails with a readable message for a wrong secret', async () => {
		const result = await test({ clientSecret: 'not-the-secret' });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/Client authentication failed/);
	});

	it('fails with a readable message for an unreachable host', async () => {
		const result = await test({ baseUrl: 'http://127.0.0.1:1/v1' });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/refused the connection/);
	});
});

describe('deprecated endpoints', () => {
	it('shows a warning on the run naming the endpoint and the sunset date', async () => {
		env.sandbox.control.seed({ agents: 3 });
		env.sandbox.control.configure({
			deprecations: [{ method: 'GET', path: '/v1/agents', sunset: '2027-03-31' }],
		});
		const run = await env.run(listAgents);
		expect(run.status).toBe('success');
		expect(run.hints('WorkFlux')).toEqual([
			{
				type: 'warning',
				location: 'outputPane',
				message:
					'WorkFlux has deprecated the endpoint GET /agents: it will stop working on 2027-03-31. Update the n8n-nodes-workflux package before then.',
			},
		]);
	});
});

describe('idempotency keys', () => {
	it('treat a node that runs twice in one execution as two requests, not a replay', async () => {
		// Two branches feed one Create node, so it runs twice with the same item index.
		const node = (name: string, type: string, parameters = {}) => ({
			id: name,
			name,
			type,
			typeVersion: 1,
			position: [0, 0] as [number, number],
			parameters,
		});
		const run = await env.run({
			nodes: [
				node('Start', 'n8n-nodes-base.manualTrigger'),
				node('Branch A', 'n8n-nodes-base.noOp'),
				node('Branch B', 'n8n-nodes-base.noOp'),
				{
					...node('Create', 'n8n-nodes-workflux.workflux', {
						resource: 'agent',
						operation: 'create',
						name: 'Twice',
					}),
					credentials: CREDENTIAL,
				},
			],
			connections: {
				Start: {
					main: [
						[
							{ node: 'Branch A', type: 'main', index: 0 },
							{ node: 'Branch B', type: 'main', index: 0 },
						],
					],
				},
				'Branch A': { main: [[{ node: 'Create', type: 'main', index: 0 }]] },
				'Branch B': { main: [[{ node: 'Create', type: 'main', index: 0 }]] },
			},
		});
		expect(run.status).toBe('success');
		const created = [run.json('Create', 0, 0)[0].id, run.json('Create', 0, 1)[0].id];
		expect(new Set(created).size).toBe(2);
		expect(env.sandbox.control.agents()).toHaveLength(2);
		expect(apiRequests('POST', '/v1/agents').some((r) => r.replayed)).toBe(false);
	});
});

describe('a rate-limited token request', () => {
	it('is waited out and reported as a rate limit, not as a wrong secret', async () => {
		const { agents } = env.sandbox.control.seed({ agents: 1 });
		env.sandbox.control.expireTokens();
		env.sandbox.control.configure({
			faults: { rate429Rate: 1, match: { method: 'POST', path: '/v1/auth/token' } },
		});
		const run = await env.run(
			agentWorkflow('get', agents[0], { options: { retryMaxAttempts: 2 } }),
		);
		expect(run.status).toBe('error');
		const error = run.error as { message?: string; description?: string; httpCode?: string };
		expect(error.httpCode).toBe('429');
		expect(error.message).toMatch(/Too many requests/);
		expect(error.description).toMatch(/limiting how fast/);
		expect(error.description).not.toMatch(/client secret/);
		expect(apiRequests('POST', '/v1/auth/token').length).toBeGreaterThanOrEqual(2);
	});
});
