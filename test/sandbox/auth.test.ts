import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningSandbox, startSandbox } from './server';
import { Api, DEMO, schemaErrors, sleep } from './test-helpers';

describe('Auth', () => {
	let sandbox: RunningSandbox;
	let api: Api;

	beforeAll(async () => {
		sandbox = await startSandbox({
			clients: [
				{
					clientId: 'reader',
					clientSecret: 's3cret: with colon',
					name: 'Reader',
					scopes: ['agents:read'],
				},
			],
		});
		api = new Api(sandbox.baseUrl);
	});
	afterAll(() => sandbox.close());
	beforeEach(() => sandbox.control.reset());

	const basic = (id: string, secret: string) =>
		`Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

	describe('POST /v1/auth/token', () => {
		it('issues a token for JSON credentials (the guide form)', async () => {
			const answer = await api.post('/auth/token', {
				client_id: DEMO.clientId,
				client_secret: DEMO.clientSecret,
				grant_type: 'client_credentials',
			});
			expect(answer.status).toBe(200);
			expect(schemaErrors('TokenResponse', answer.body)).toEqual([]);
			expect(answer.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
			expect(answer.body.scope.split(' ')).toContain('agents:read');
			expect(answer.headers.get('cache-control')).toBe('no-store');
			const me = await api.get('/me', { token: answer.body.access_token });
			expect(me.status).toBe(200);
		});

		it('issues a token for form-encoded credentials', async () => {
			const answer = await api.call('POST', '/auth/token', {
				raw: `grant_type=client_credentials&client_id=${DEMO.clientId}&client_secret=${DEMO.clientSecret}`,
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
			});
			expect(answer.status).toBe(200);
			expect(answer.body.access_token).toMatch(/^wfx_at_/);
		});

		it('issues a token for HTTP Basic credentials with a form or JSON body', async () => {
			const form = await api.call('POST', '/auth/token', {
				raw: 'grant_type=client_credentials',
				headers: {
					'content-type': 'application/x-www-form-urlencoded',
					authorization: basic('reader', 's3cret: with colon'),
				},
			});
			expect(form.status).toBe(200);
			expect(form.body.scope).toBe('agents:read');
			const json = await api.post(
				'/auth/token',
				{ grant_type: 'client_credentials' },
				{ headers: { authorization: basic(DEMO.clientId, DEMO.clientSecret) } },
			);
			expect(json.status).toBe(200);
		});

		it('answers 401 invalid_client for a wrong secret, an unknown client or missing credentials', async () => {
			for (const body of [
				{ client_id: DEMO.clientId, client_secret: 'wrong', grant_type: 'client_credentials' },
				{ client_id: 'nobody', client_secret: 'x', grant_type: 'client_credentials' },
				{ grant_type: 'client_credentials' },
			]) {
				const answer = await api.post('/auth/token', body);
				expect(answer.status).toBe(401);
				expect(answer.body.error).toBe('invalid_client');
				expect(answer.body.error_description).toEqual(expect.any(String));
				expect(schemaErrors('OAuthError', answer.body)).toEqual([]);
			}
			const viaBasic = await api.post(
				'/auth/token',
				{ grant_type: 'client_credentials' },
				{ headers: { authorization: basic(DEMO.clientId, 'wrong') } },
			);
			expect(viaBasic.status).toBe(401);
			expect(viaBasic.headers.get('www-authenticate')).toMatch(/^Basic/);
		});

		it('answers 400 for another grant type, a missing grant type or an unknown scope', async () => {
			const password = await api.post('/auth/token', {
				client_id: DEMO.clientId,
				client_secret: DEMO.clientSecret,
				grant_type: 'password',
			});
			expect(password.status).toBe(400);
			expect(password.body.error).toBe('unsupported_grant_type');
			const missing = await api.post('/auth/token', {
				client_id: DEMO.clientId,
				client_secret: DEMO.clientSecret,
			});
			expect(missing.status).toBe(400);
			expect(missing.body.error).toBe('invalid_request');
			const scope = await api.post('/auth/token', {
				client_id: 'reader',
				client_secret: 's3cret: with colon',
				grant_type: 'client_credentials',
				scope: 'agents:write',
			});
			expect(scope.status).toBe(400);
			expect(scope.body.error).toBe('invalid_scope');
			const broken = await api.call('POST', '/auth/token', {
				raw: '{"grant_type":',
				headers: { 'content-type': 'application/json' },
			});
			expect(broken.status).toBe(400);
			expect(broken.body.error).toBe('invalid_request');
		});

		it('grants a requested subset of scopes', async () => {
			const answer = await api.post('/auth/token', {
				client_id: DEMO.clientId,
				client_secret: DEMO.clientSecret,
				grant_type: 'client_credentials',
				scope: 'agents:read reports:read',
			});
			expect(answer.body.scope).toBe('agents:read reports:read');
			const me = await api.get('/me', { token: answer.body.access_token });
			expect(me.body.scopes).toEqual(['agents:read', 'reports:read']);
		});
	});

	describe('Bearer tokens', () => {
		it('GET /v1/me describes the client', async () => {
			const token = await api.login();
			const me = await api.get('/me', { token });
			expect(me.status).toBe(200);
			expect(schemaErrors('Me', me.body)).toEqual([]);
			expect(me.body).toMatchObject({ client_id: DEMO.clientId, name: 'WorkFlux Demo' });
		});

		it('answers 401 missing_token / invalid_token with WWW-Authenticate', async () => {
			const none = await api.get('/agents', { token: null });
			expect(none.status).toBe(401);
			expect(none.body.error.code).toBe('missing_token');
			expect(none.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
			expect(schemaErrors('ErrorEnvelope', none.body)).toEqual([]);
			const bogus = await api.get('/agents', { token: 'not-a-token' });
			expect(bogus.status).toBe(401);
			expect(bogus.body.error.code).toBe('invalid_token');
			const wrongScheme = await api.get('/agents', {
				headers: { authorization: basic('a', 'b') },
				token: null,
			});
			expect(wrongScheme.body.error.code).toBe('invalid_token');
		});

		it('expires tokens after the configured TTL (401 token_expired)', async () => {
			sandbox.control.configure({ tokenTtlSeconds: 0.3 });
			const token = await api.login();
			expect((await api.get('/agents', { token })).status).toBe(200);
			await sleep(400);
			const expired = await api.get('/agents', { token });
			expect(expired.status).toBe(401);
			expect(expired.body.error.code).toBe('token_expired');
		});

		it('revokes and expires every token through the control surface', async () => {
			const first = await api.login();
			const revoked = await fetch(`${sandbox.origin}/_sandbox/tokens/revoke`, { method: 'POST' });
			expect(((await revoked.json()) as { revoked: number }).revoked).toBeGreaterThanOrEqual(1);
			expect((await api.get('/agents', { token: first })).body.error.code).toBe('invalid_token');

			const second = await api.login();
			expect((await api.get('/agents', { token: second })).status).toBe(200);
			await fetch(`${sandbox.origin}/_sandbox/tokens/expire`, { method: 'POST' });
			expect((await api.get('/agents', { token: second })).body.error.code).toBe('token_expired');

			const third = sandbox.control.issueToken();
			expect((await api.get('/agents', { token: third })).status).toBe(200);
			sandbox.control.revokeTokens();
			expect((await api.get('/agents', { token: third })).status).toBe(401);
		});
	});
});

describe('Rate limits', () => {
	let sandbox: RunningSandbox;
	let api: Api;

	beforeAll(async () => {
		sandbox = await startSandbox({
			clients: [
				{ clientId: 'other', clientSecret: 'other-secret', name: 'Other', scopes: ['agents:read'] },
			],
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
});
