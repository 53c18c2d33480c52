import { describe, expect, it } from 'vitest';

import { MAX_PAGES } from '../../nodes/shared/transport/pagination';
import { useSandbox } from '../support/use-sandbox';
import { chainWorkflow } from '../support/workflows';

// Issue 10, point 6: an API that keeps answering with a fresh cursor made Return All page forever.
const env = useSandbox({ empty: true });

const listAgents = (parameters: Record<string, unknown>) =>
	chainWorkflow([
		{ name: 'WorkFlux', parameters: { resource: 'agent', operation: 'getAll', ...parameters } },
	]);

describe('Return All on a list that never ends', () => {
	it(`stops after ${MAX_PAGES} pages with a clear error`, async () => {
		env.sandbox.control.configure({
			// 1,000 pages in a few seconds would otherwise hit the sandbox's 600-a-minute rate limit.
			rateLimit: { limit: 10_000 },
			faults: { answer: 'endless_cursor', match: { method: 'GET', path: '/v1/agents' } },
		});
		const run = await env.run(listAgents({ returnAll: true }));
		expect(run.status).toBe('error');
		expect(run.error?.message).toBe(
			'The list did not end after 1,000 pages, so reading it stopped',
		);
		expect((run.error as { description?: string }).description).toContain(
			'turn off "Return All" and set a Limit',
		);
		const pages = env.sandbox.control.requests().filter((r) => r.path === '/v1/agents');
		expect(pages).toHaveLength(MAX_PAGES);
		// Every page followed the cursor the previous one gave: none was asked twice.
		expect(new Set(pages.map((page) => page.query.cursor)).size).toBe(MAX_PAGES);
	}, 120_000); // 1,000 real requests through n8n-core: seconds, more on a busy machine

	it('a Limit on the same list ends normally', async () => {
		env.sandbox.control.configure({
			faults: { answer: 'endless_cursor', match: { method: 'GET', path: '/v1/agents' } },
		});
		const run = await env.run(listAgents({ returnAll: false, limit: 30 }));
		expect(run.status).toBe('success');
		expect(run.json('WorkFlux')).toHaveLength(30);
	});
});
