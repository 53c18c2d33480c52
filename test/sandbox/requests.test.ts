import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningSandbox, startSandbox } from './server';
import { Api, type ApiAnswer, schemaErrors } from './test-helpers';

describe('Validation', () => {
	let sandbox: RunningSandbox;
	let api: Api;

	beforeAll(async () => {
		sandbox = await startSandbox();
		api = new Api(sandbox.baseUrl);
		await api.login();
	});
	afterAll(() => sandbox.close());

	describe('request validation and generic errors', () => {
		it('validates bodies strictly: no type coercion', async () => {
			const answer = await api.post('/agents', { name: 'A', channels: 'web' });
			expect(answer.status).toBe(422);
			expect(answer.body.error.field).toBe('channels');
			expect(answer.body.error.message).toBe('`channels` must be an array.');
			const runs = await api.post(`/workflows/${sandbox.control.workflows()[0].id}/runs`, {
				payload: 'x',
			});
			expect(runs.body.error.field).toBe('payload');
		});

		it('validates query strings with coercion (numbers arrive as text)', async () => {
			expect((await api.get('/agents?limit=2')).body.data).toHaveLength(2);
			expect((await api.get('/agents?limit=2.5')).body.error.field).toBe('limit');
			// Unknown query parameters are ignored.
			expect((await api.get('/agents?colour=blue')).status).toBe(200);
		});

		it('answers 422 when a required body is missing or not an object', async () => {
			const missing = await api.call('POST', '/agents');
			expect(missing.status).toBe(422);
			expect(missing.body.error.code).toBe('validation_error');
			const array = await api.post('/agents', [{ name: 'A' }]);
			expect(array.status).toBe(422);
			expect(array.body.error.message).toMatch(/JSON object/);
		});

		it('answers 400 bad_request for broken JSON and 415 for a non-JSON body', async () => {
			const broken = await api.call('POST', '/agents', {
				raw: '{"name": "A",',
				headers: { 'content-type': 'application/json' },
			});
			expect(broken.status).toBe(400);
			expect(broken.body.error.code).toBe('bad_request');
			expect(schemaErrors('ErrorEnvelope', broken.body)).toEqual([]);
			const form = await api.call('POST', '/agents', {
				raw: 'name=A',
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
			});
			expect(form.status).toBe(415);
			expect(form.body.error.code).toBe('unsupported_media_type');
			const text = await api.call('POST', '/agents', {
				raw: 'name',
				headers: { 'content-type': 'text/plain' },
			});
			expect(text.status).toBe(415);
		});

		it('answers 404 not_found in the envelope for unknown routes', async () => {
			const answer = await api.get('/unicorns');
			expect(answer.status).toBe(404);
			expect(answer.body.error).toMatchObject({ code: 'not_found', status: 404 });
			expect(answer.body.error.request_id).toMatch(/^req_/);
			expect(answer.headers.get('x-request-id')).toBe(answer.body.error.request_id);
		});
	});
});

describe('Pagination', () => {
	let sandbox: RunningSandbox;
	let api: Api;

	beforeAll(async () => {
		sandbox = await startSandbox({ empty: true });
		api = new Api(sandbox.baseUrl);
		await api.login();
	});
	afterAll(() => sandbox.close());
	beforeEach(() => {
		sandbox.control.reset();
		sandbox.control.seed({ agents: 2, conversations: 250, messages_per_conversation: 0 });
	});

	async function page(cursor: string | null, limit = 100) {
		const query = new URLSearchParams({ limit: String(limit) });
		if (cursor) query.set('cursor', cursor);
		const answer = await api.get(`/conversations?${query}`);
		expect(answer.status, answer.text).toBe(200);
		return answer.body as {
			data: Array<{ id: string; created_at: string }>;
			has_more: boolean;
			next_cursor: string | null;
		};
	}

	describe('cursor pagination', () => {
		it('returns 250 records in exactly 3 pages of at most 100, in (created_at, id) order', async () => {
			const pages = [];
			let cursor: string | null = null;
			do {
				const current = await page(cursor);
				pages.push(current);
				cursor = current.next_cursor;
				expect(current.has_more).toBe(cursor !== null);
			} while (cursor);
			expect(pages.map((p) => p.data.length)).toEqual([100, 100, 50]);
			const ids = pages.flatMap((p) => p.data.map((c) => c.id));
			expect(new Set(ids).size).toBe(250);
			expect(ids).toEqual(sandbox.control.conversations().map((c) => c.id));
			const keys = pages.flatMap((p) => p.data.map((c) => `${c.created_at}|${c.id}`));
			expect(keys).toEqual([...keys].sort());
		});

		it('defaults to 20 per page', async () => {
			const answer = await api.get('/conversations');
			expect(answer.body.data).toHaveLength(20);
			expect(answer.body.has_more).toBe(true);
		});

		it('neither repeats nor skips when records are created or deleted while paging', async () => {
			const first = await page(null);
			// New records (created now) sort after every seeded one; deleting the last record seen must not shift the rest.
			const agentId = sandbox.control.agents()[0].id;
			for (let i = 0; i < 5; i++) {
				expect(
					(await api.post('/conversations', { agent_id: agentId, subject: `New ${i}` })).status,
				).toBe(201);
			}
			const lastSeen = first.data[first.data.length - 1].id;
			expect((await api.delete(`/conversations/${lastSeen}`)).status).toBe(204);
			const earlier = first.data[10].id;
			expect((await api.delete(`/conversations/${earlier}`)).status).toBe(204);

			const seen = first.data.map((c) => c.id);
			let cursor = first.next_cursor;
			while (cursor) {
				const next = await page(cursor);
				seen.push(...next.data.map((c) => c.id));
				cursor = next.next_cursor;
			}
			expect(new Set(seen).size).toBe(seen.length);
			expect(seen).toHaveLength(255);
			const expected = [...first.data.map((c) => c.id)];
			const remaining = sandbox.control
				.conversations()
				.map((c) => c.id)
				.filter((id) => !expected.includes(id));
			expect(seen.slice(100)).toEqual(remaining);
		});

		it('refuses a limit outside 1..100 and a bad cursor with 422', async () => {
			for (const limit of ['0', '101', 'abc', '-5']) {
				const answer = await api.get(`/conversations?limit=${limit}`);
				expect(answer.status, limit).toBe(422);
				expect(answer.body.error).toMatchObject({ code: 'validation_error', field: 'limit' });
			}
			const bad = await api.get('/conversations?cursor=definitely-not-a-cursor');
			expect(bad.status).toBe(422);
			expect(bad.body.error.field).toBe('cursor');
		});

		it('pages every list the same way (messages, agents, workflows)', async () => {
			sandbox.control.seed({ workflows: 7 });
			const conversationId = sandbox.control
				.conversations()
				.find((c) => c.status !== 'completed')!.id;
			for (let i = 0; i < 3; i++) {
				await api.post(`/conversations/${conversationId}/messages`, { content: `Message ${i}` });
			}
			for (const path of [`/conversations/${conversationId}/messages`, '/workflows', '/agents']) {
				const ids: string[] = [];
				let cursor: string | null = null;
				do {
					const answer: ApiAnswer = await api.get(
						`${path}?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
					);
					expect(answer.body.data.length).toBeLessThanOrEqual(2);
					ids.push(...answer.body.data.map((r: { id: string }) => r.id));
					cursor = answer.body.next_cursor;
				} while (cursor);
				expect(new Set(ids).size, path).toBe(ids.length);
				expect(ids.length, path).toBe(
					path.endsWith('messages') ? 6 : path === '/workflows' ? 7 : 2,
				);
			}
		});
	});
});

describe('Idempotency', () => {
	let sandbox: RunningSandbox;
	let api: Api;

	beforeAll(async () => {
		sandbox = await startSandbox({
			clients: [
				{
					clientId: 'other',
					clientSecret: 'other-secret',
					name: 'Other',
					scopes: ['agents:write'],
				},
			],
		});
		api = new Api(sandbox.baseUrl);
		await api.login();
	});
	afterAll(() => sandbox.close());
	beforeEach(() => sandbox.control.reset());

	const key = (value: string) => ({ headers: { 'Idempotency-Key': value } });

	describe('Idempotency-Key', () => {
		it('replays the first answer for the same request and creates nothing twice', async () => {
			const first = await api.post('/agents', { name: 'Once' }, key('k-1'));
			expect(first.status).toBe(201);
			expect(first.headers.get('idempotent-replayed')).toBeNull();
			const second = await api.post('/agents', { name: 'Once' }, key('k-1'));
			expect(second.status).toBe(201);
			expect(second.headers.get('idempotent-replayed')).toBe('true');
			expect(second.body).toEqual(first.body);
			expect(sandbox.control.agents().filter((a) => a.name === 'Once')).toHaveLength(1);
		});

		it('treats the same JSON with another key order or spacing as the same request', async () => {
			await api.post('/agents', { name: 'Same', description: 'd' }, key('k-order'));
			const reordered = await api.call('POST', '/agents', {
				raw: '{ "description": "d",   "name": "Same" }',
				headers: { 'content-type': 'application/json', 'Idempotency-Key': 'k-order' },
			});
			expect(reordered.headers.get('idempotent-replayed')).toBe('true');
			expect(sandbox.control.agents().filter((a) => a.name === 'Same')).toHaveLength(1);
		});

		it('answers 409 idempotency_key_reused for the same key with a different body or path', async () => {
			await api.post('/agents', { name: 'First' }, key('k-2'));
			const other = await api.post('/agents', { name: 'Second' }, key('k-2'));
			expect(other.status).toBe(409);
			expect(other.body.error.code).toBe('idempotency_key_reused');
			const conversationId = sandbox.control.conversations()[0].id;
			const otherPath = await api.post(
				`/conversations/${conversationId}/messages`,
				{ name: 'First' },
				key('k-2'),
			);
			expect(otherPath.status).toBe(409);
			expect(sandbox.control.agents().filter((a) => a.name === 'Second')).toHaveLength(0);
		});

		it('keeps keys per client', async () => {
			const mine = await api.post('/agents', { name: 'Mine' }, key('shared'));
			const otherApi = new Api(sandbox.baseUrl);
			await otherApi.login('other', 'other-secret');
			const theirs = await otherApi.post('/agents', { name: 'Mine' }, key('shared'));
			expect(theirs.status).toBe(201);
			expect(theirs.headers.get('idempotent-replayed')).toBeNull();
			expect(theirs.body.id).not.toBe(mine.body.id);
		});

		it('does not store validation errors, so the corrected request can use the key', async () => {
			const invalid = await api.post('/agents', { name: '' }, key('k-3'));
			expect(invalid.status).toBe(422);
			const valid = await api.post('/agents', { name: 'Fixed' }, key('k-3'));
			expect(valid.status).toBe(201);
			expect(valid.headers.get('idempotent-replayed')).toBeNull();
		});

		it('replays conflicts and side effects: one message, one reply, one event', async () => {
			const conversationId = sandbox.control.conversations().find((c) => c.status === 'open')!.id;
			const before = sandbox.control.messages(conversationId).length;
			const first = await api.post(
				`/conversations/${conversationId}/messages`,
				{ content: 'Hello' },
				key('k-4'),
			);
			const again = await api.post(
				`/conversations/${conversationId}/messages`,
				{ content: 'Hello' },
				key('k-4'),
			);
			expect(again.body).toEqual(first.body);
			expect(sandbox.control.messages(conversationId)).toHaveLength(before + 2);
			expect(sandbox.control.events({ type: 'agent.response' })).toHaveLength(1);

			const completed = await api.post(`/conversations/${conversationId}/complete`, {}, key('k-5'));
			expect(completed.status).toBe(200);
			const replay = await api.post(`/conversations/${conversationId}/complete`, {}, key('k-5'));
			expect(replay.status).toBe(200);
			expect(replay.headers.get('idempotent-replayed')).toBe('true');
			const fresh = await api.post(`/conversations/${conversationId}/complete`, {}, key('k-6'));
			expect(fresh.status).toBe(409);
		});

		it('ignores the header on requests other than POST', async () => {
			const first = await api.get('/agents', key('k-get'));
			const second = await api.get('/agents', key('k-get'));
			expect(second.headers.get('idempotent-replayed')).toBeNull();
			expect(second.status).toBe(first.status);
		});
	});
});

describe('Faults', () => {
	let sandbox: RunningSandbox;
	let api: Api;

	beforeAll(async () => {
		sandbox = await startSandbox();
		api = new Api(sandbox.baseUrl);
		await api.login();
	});
	afterAll(() => sandbox.close());
	beforeEach(() => sandbox.control.reset());

	describe('fault injection', () => {
		it('phase "before": answers 500 without doing anything', async () => {
			sandbox.control.configure({ faults: { error5xxRate: 1 } });
			const answer = await api.post('/agents', { name: 'Never' });
			expect(answer.status).toBe(500);
			expect(answer.body.error.code).toBe('internal_error');
			expect(schemaErrors('ErrorEnvelope', answer.body)).toEqual([]);
			expect(sandbox.control.agents().some((a) => a.name === 'Never')).toBe(false);
			expect(sandbox.control.requests().at(-1)).toMatchObject({
				status: 500,
				fault: 'error_5xx_before',
			});
		});

		it('phase "after" + Idempotency-Key: the work is done, the retry replays the real answer', async () => {
			sandbox.control.configure({
				faults: {
					error5xxRate: 1,
					error5xxPhase: 'after',
					match: { method: 'POST', path: '/v1/agents' },
				},
			});
			const headers = { 'Idempotency-Key': 'retry-me' };
			const failed = await api.post('/agents', { name: 'Exactly once' }, { headers });
			expect(failed.status).toBe(500);
			expect(sandbox.control.agents().filter((a) => a.name === 'Exactly once')).toHaveLength(1);

			sandbox.control.configure({ faults: { error5xxRate: 0 } });
			const retried = await api.post('/agents', { name: 'Exactly once' }, { headers });
			expect(retried.status).toBe(201);
			expect(retried.headers.get('idempotent-replayed')).toBe('true');
			expect(retried.body.id).toBe(
				sandbox.control.agents().find((a) => a.name === 'Exactly once')!.id,
			);
			expect(sandbox.control.agents().filter((a) => a.name === 'Exactly once')).toHaveLength(1);
			// Without a key, the same retry would have created a second agent.
			sandbox.control.configure({ faults: { error5xxRate: 1 } });
			await api.post('/agents', { name: 'Twice' });
			sandbox.control.configure({ faults: { error5xxRate: 0 } });
			await api.post('/agents', { name: 'Twice' });
			expect(sandbox.control.agents().filter((a) => a.name === 'Twice')).toHaveLength(2);
		});

		it('limits faults to a method and path prefix', async () => {
			sandbox.control.configure({
				faults: { error5xxRate: 1, match: { method: 'GET', path: '/v1/conversations' } },
			});
			expect((await api.get('/conversations')).status).toBe(500);
			expect(
				(await api.get(`/conversations/${sandbox.control.conversations()[0].id}`)).status,
			).toBe(500);
			expect((await api.get('/agents')).status).toBe(200);
			expect(
				(await api.post('/conversations', { agent_id: sandbox.control.agents()[0].id })).status,
			).toBe(201);
		});

		it('repeats the same faults for the same seed', async () => {
			const run = async () => {
				sandbox.control.configure({ faults: { error5xxRate: 0.4, seed: 1234 } });
				const statuses = [];
				for (let i = 0; i < 20; i++) statuses.push((await api.get('/agents')).status);
				return statuses;
			};
			const first = await run();
			expect(first).toContain(500);
			expect(first).toContain(200);
			expect(await run()).toEqual(first);
		});

		it('injects 503 with Retry-After, 429 with Retry-After, and slow answers', async () => {
			sandbox.control.configure({
				faults: { error5xxRate: 1, error5xxStatus: 503, retryAfterSeconds: 7 },
			});
			const unavailable = await api.get('/agents');
			expect(unavailable.status).toBe(503);
			expect(unavailable.body.error.code).toBe('service_unavailable');
			expect(unavailable.headers.get('retry-after')).toBe('7');

			sandbox.control.configure({
				faults: { error5xxRate: 0, rate429Rate: 1, retryAfterSeconds: 3 },
			});
			const limited = await api.get('/agents');
			expect(limited.status).toBe(429);
			expect(limited.body.error.code).toBe('rate_limited');
			expect(limited.headers.get('retry-after')).toBe('3');
			expect(limited.headers.get('x-ratelimit-limit')).toBe('600');

			sandbox.control.configure({ faults: { rate429Rate: 0, slowRate: 1, slowMs: 150 } });
			const started = Date.now();
			expect((await api.get('/agents')).status).toBe(200);
			expect(Date.now() - started).toBeGreaterThanOrEqual(140);
			expect(sandbox.control.requests().at(-1)).toMatchObject({ fault: 'slow', status: 200 });
		});
	});
});
