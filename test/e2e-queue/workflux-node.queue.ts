import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createWorkfluxCredential } from '../e2e/support/workflux-credential';
import { byId, chainWorkflow } from '../e2e/support/workflows';
import { reportFigure } from './support/figures';
import { QueueSession } from './support/queue-session';

/**
 * The WorkFlux node in queue mode: "Execute workflow" on main hands the run to the workers (n8n's
 * OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS), which call the sandbox with the OAuth2 token n8n keeps in the
 * shared database.
 */

const AGENT = 'agt_sales_concierge';
const RUNS = 10;
const ITEMS_PER_RUN = 100;

let session: QueueSession;

/** 1,000 items as 10 executions of 100 "Get agent" calls, all started at once; the workers share them out. */
async function runThousandItems(credential: { id: string; name: string }, label: string) {
	const workflow = await session.n8n.createWorkflow(
		chainWorkflow(credential, {
			name: `Queue: ${label}`,
			steps: [
				{
					name: 'Get Agent',
					parameters: { resource: 'agent', operation: 'get', agentId: byId(AGENT) },
				},
			],
			input: Array.from({ length: ITEMS_PER_RUN }, (_, index) => ({ index })),
		}),
	);
	const started = Date.now();
	await Promise.all(
		Array.from({ length: RUNS }, async () => await session.n8n.runManually(workflow.id, 'Start')),
	);
	const executions = await session.waitForExecutions(workflow.id, RUNS, { timeoutMs: 240_000 });
	const seconds = (Date.now() - started) / 1000;
	const outputs = await session.outputs(
		executions.map((e) => e.id),
		'Get Agent',
	);
	const workers = session.workerOfExecutions();
	return { executions, outputs, workers, seconds };
}

describe('WorkFlux node on the workers', () => {
	beforeAll(async () => {
		session = await QueueSession.open();
	});

	afterAll(async () => {
		await session?.sandbox.configure({ tokenTtlSeconds: 3600 }).catch(() => undefined);
		await session?.close();
	});

	it('runs 1,000 items on both workers with at most one token request per worker', async () => {
		// A credential no process has used: its first token is fetched during this run.
		const credential = await createWorkfluxCredential(session.n8n, session.ctx.sandboxBaseUrl, {
			name: 'WorkFlux (token count)',
		});
		await session.sandbox.clearRequests();
		const run = await runThousandItems(credential, 'token count');

		expect(run.executions).toHaveLength(RUNS);
		expect(run.executions.every((e) => e.status === 'success')).toBe(true);
		const items = [...run.outputs.values()].flat();
		expect(items).toHaveLength(RUNS * ITEMS_PER_RUN);
		expect(items.every((item) => item.json.id === AGENT)).toBe(true);

		// Which process ran them: every execution was started by a worker, and both workers took some.
		const ranBy = run.executions.map((e) => run.workers.get(e.id));
		expect(ranBy.every((role) => role === 'worker-1' || role === 'worker-2')).toBe(true);
		expect(new Set(ranBy).size).toBe(2);

		const requests = await session.sandbox.requests();
		const tokenRequests = requests.filter((r) => r.path.endsWith('/auth/token')).length;
		const agentCalls = requests.filter((r) => r.path === `/v1/agents/${AGENT}`).length;
		reportFigure(
			session.ctx.resultsDir,
			`WorkFlux node: ${items.length} items in ${RUNS} executions (${ranBy.filter((r) => r === 'worker-1').length} on worker-1, ${ranBy.filter((r) => r === 'worker-2').length} on worker-2) in ${run.seconds.toFixed(1)} s; ${agentCalls} API calls, ${tokenRequests} token requests`,
		);
		expect(agentCalls).toBe(RUNS * ITEMS_PER_RUN);
		expect(tokenRequests).toBeGreaterThanOrEqual(1);
		expect(tokenRequests).toBeLessThanOrEqual(2);
	});

	it('refreshes a token that expires mid-run without a failed item', async () => {
		const credential = await createWorkfluxCredential(session.n8n, session.ctx.sandboxBaseUrl, {
			name: 'WorkFlux (short tokens)',
		});
		// Tokens that live 3 s: the run outlasts several of them.
		const ttlSeconds = 3;
		await session.sandbox.configure({ tokenTtlSeconds: ttlSeconds });
		await session.sandbox.clearRequests();
		const run = await runThousandItems(credential, 'short tokens');

		expect(run.executions.every((e) => e.status === 'success')).toBe(true);
		const items = [...run.outputs.values()].flat();
		expect(items).toHaveLength(RUNS * ITEMS_PER_RUN);
		expect(items.every((item) => item.json.id === AGENT)).toBe(true);

		const requests = await session.sandbox.requests();
		const tokenRequests = requests.filter((r) => r.path.endsWith('/auth/token')).length;
		const expired = requests.filter((r) => r.status === 401).length;
		const lifetimes = Math.ceil(run.seconds / ttlSeconds) + 1;
		reportFigure(
			session.ctx.resultsDir,
			`WorkFlux node with ${ttlSeconds} s tokens: ${items.length} items in ${run.seconds.toFixed(1)} s, ${expired} answers 401 (expired token), ${tokenRequests} token requests (at most ${lifetimes} lifetimes x 2 workers = ${2 * lifetimes})`,
		);
		// The token did expire under the running executions, and n8n fetched new ones...
		expect(expired).toBeGreaterThan(0);
		expect(tokenRequests).toBeGreaterThan(1);
		// ...at most one per worker per token lifetime.
		expect(tokenRequests).toBeLessThanOrEqual(2 * lifetimes);
	});
});
