import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { startSandbox, type RunningSandbox } from './server';
import { Api } from './test-helpers';

let sandbox: RunningSandbox;
let api: Api;

beforeAll(async () => {
	sandbox = await startSandbox({
		clients: [{ clientId: 'other', clientSecret: 'other-secret', name: 'Other', scopes: ['agents:write'] }],
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
		const otherPath = await api.post(`/conversations/${conversationId}/messages`, { name: 'First' }, key('k-2'));
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
		const first = await api.post(`/conversations/${conversationId}/messages`, { content: 'Hello' }, key('k-4'));
		const again = await api.post(`/conversations/${conversationId}/messages`, { content: 'Hello' }, key('k-4'));
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
