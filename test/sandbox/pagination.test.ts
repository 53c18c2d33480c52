import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { startSandbox, type RunningSandbox } from './server';
import { Api } from './test-helpers';

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
	return answer.body as { data: Array<{ id: string; created_at: string }>; has_more: boolean; next_cursor: string | null };
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
			expect((await api.post('/conversations', { agent_id: agentId, subject: `New ${i}` })).status).toBe(201);
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
		const conversationId = sandbox.control.conversations().find((c) => c.status !== 'completed')!.id;
		for (let i = 0; i < 3; i++) {
			await api.post(`/conversations/${conversationId}/messages`, { content: `Message ${i}` });
		}
		for (const path of [`/conversations/${conversationId}/messages`, '/workflows', '/agents']) {
			const ids: string[] = [];
			let cursor: string | null = null;
			do {
				const answer = await api.get(`${path}?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
				expect(answer.body.data.length).toBeLessThanOrEqual(2);
				ids.push(...answer.body.data.map((r: { id: string }) => r.id));
				cursor = answer.body.next_cursor;
			} while (cursor);
			expect(new Set(ids).size, path).toBe(ids.length);
			expect(ids.length, path).toBe(path.endsWith('messages') ? 6 : path === '/workflows' ? 7 : 2);
		}
	});
});
