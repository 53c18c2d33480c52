import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { startSandbox, type RunningSandbox } from './server';
import { Api, schemaErrors, sleep } from './test-helpers';

let sandbox: RunningSandbox;
let api: Api;

beforeAll(async () => {
	sandbox = await startSandbox({
		clients: [{ clientId: 'other', clientSecret: 'other-secret', name: 'Other', scopes: ['agents:read'] }],
	});
	api = new Api(sandbox.baseUrl);
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.control.reset());

describe('rate limits', () => {
	it('sends X-RateLimit-* on every answer, generous by default', async () => {
		await api.login();
		const answer = await api.get('/agents');
		expect(answer.headers.get('x-ratelimit-limit')).toBe('600');
		expect(Number(answer.headers.get('x-ratelimit-remaining'))).toBeLessThan(600);
		expect(Number(answer.headers.get('x-ratelimit-reset'))).toBeGreaterThan(0);
		const notFound = await api.get('/agents/agt_missing');
		expect(notFound.headers.get('x-ratelimit-limit')).toBe('600');
		const unauthorized = await api.get('/agents', { token: null });
		expect(unauthorized.headers.get('x-ratelimit-limit')).toBe('600');
	});

	it('answers 429 rate_limited with Retry-After once a client is over its limit', async () => {
		await api.login();
		sandbox.control.configure({ rateLimit: { limit: 5, windowSeconds: 60 } });
		const remaining: string[] = [];
		for (let i = 0; i < 5; i++) {
			const answer = await api.get('/agents');
			expect(answer.status).toBe(200);
			remaining.push(answer.headers.get('x-ratelimit-remaining')!);
		}
		expect(remaining).toEqual(['4', '3', '2', '1', '0']);
		const limited = await api.get('/agents');
		expect(limited.status).toBe(429);
		expect(limited.body.error.code).toBe('rate_limited');
		expect(schemaErrors('ErrorEnvelope', limited.body)).toEqual([]);
		const retryAfter = Number(limited.headers.get('retry-after'));
		expect(retryAfter).toBeGreaterThanOrEqual(1);
		expect(retryAfter).toBeLessThanOrEqual(60);
		expect(limited.headers.get('x-ratelimit-limit')).toBe('5');
		expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');

		// Another client has its own budget.
		const other = new Api(sandbox.baseUrl);
		await other.login('other', 'other-secret');
		expect((await other.get('/agents')).status).toBe(200);
	});

	it('frees the budget when the window passes (fixed and sliding)', async () => {
		for (const algorithm of ['fixed', 'sliding'] as const) {
			await api.login();
			sandbox.control.configure({ rateLimit: { limit: 2, windowSeconds: 0.3, algorithm } });
			expect((await api.get('/agents')).status).toBe(200);
			expect((await api.get('/agents')).status).toBe(200);
			expect((await api.get('/agents')).status).toBe(429);
			await sleep(350);
			expect((await api.get('/agents')).status, algorithm).toBe(200);
		}
	});
});
