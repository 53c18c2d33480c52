import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningSandbox, startSandbox } from './server';
import { Api, schemaErrors } from './test-helpers';

describe('Agents', () => {
	let sandbox: RunningSandbox;
	let api: Api;

	beforeAll(async () => {
		sandbox = await startSandbox();
		api = new Api(sandbox.baseUrl);
		await api.login();
	});
	afterAll(() => sandbox.close());
	beforeEach(() => sandbox.control.reset());

	describe('agents', () => {
		it('lists the default demo agents as a page', async () => {
			const answer = await api.get('/agents');
			expect(answer.status).toBe(200);
			expect(schemaErrors('AgentList', answer.body)).toEqual([]);
			expect(answer.body.data.map((a: { name: string }) => a.name)).toEqual([
				'Support Assistant',
				'Sales Concierge',
				'Billing Helper',
			]);
			expect(answer.body).toMatchObject({ has_more: false, next_cursor: null });
		});

		it('creates an agent with schema defaults, then gets, changes and deletes it', async () => {
			const created = await api.post('/agents', { name: 'Returns Bot' });
			expect(created.status).toBe(201);
			expect(schemaErrors('Agent', created.body)).toEqual([]);
			expect(created.body).toMatchObject({
				name: 'Returns Bot',
				description: '',
				model: 'workflux-standard',
				status: 'active',
				channels: ['web'],
				metadata: {},
			});
			expect(created.body.id).toMatch(/^agt_/);
			const id = created.body.id as string;

			const fetched = await api.get(`/agents/${id}`);
			expect(fetched.body).toEqual(created.body);

			const changed = await api.patch(`/agents/${id}`, {
				status: 'inactive',
				channels: ['sms', 'voice'],
			});
			expect(changed.status).toBe(200);
			expect(changed.body).toMatchObject({
				name: 'Returns Bot',
				status: 'inactive',
				channels: ['sms', 'voice'],
			});
			expect(changed.body.updated_at >= created.body.updated_at).toBe(true);

			const inactive = await api.get('/agents?status=inactive');
			expect(inactive.body.data.map((a: { id: string }) => a.id)).toEqual([id]);

			const deleted = await api.delete(`/agents/${id}`);
			expect(deleted.status).toBe(204);
			expect(deleted.text).toBe('');
			const gone = await api.get(`/agents/${id}`);
			expect(gone.status).toBe(404);
			expect(gone.body.error).toMatchObject({ code: 'not_found', status: 404 });
			expect(gone.body.error.message).toContain(id);
			expect((await api.delete(`/agents/${id}`)).status).toBe(404);
		});

		it('refuses invalid agents with 422 naming the field', async () => {
			const cases: Array<[unknown, string]> = [
				[{}, 'name'],
				[{ name: '' }, 'name'],
				[{ name: 5 }, 'name'],
				[{ name: 'A', status: 'sleeping' }, 'status'],
				[{ name: 'A', channels: ['web', 'fax'] }, 'channels.1'],
				[{ name: 'A', channels: ['web', 'web'] }, 'channels'],
				[{ name: 'A', metadata: 'x' }, 'metadata'],
				[{ name: 'A', nickname: 'x' }, 'nickname'],
			];
			for (const [body, field] of cases) {
				const answer = await api.post('/agents', body);
				expect(answer.status, JSON.stringify(body)).toBe(422);
				expect(answer.body.error).toMatchObject({ code: 'validation_error', field, status: 422 });
				expect(answer.body.error.message).toContain(`\`${field}\``);
				expect(schemaErrors('ErrorEnvelope', answer.body)).toEqual([]);
			}
			expect(sandbox.control.agents()).toHaveLength(3);
			const patch = await api.patch(`/agents/${sandbox.control.agents()[0].id}`, {
				status: 'gone',
			});
			expect(patch.body.error.field).toBe('status');
			const query = await api.get('/agents?status=asleep');
			expect(query.status).toBe(422);
			expect(query.body.error.field).toBe('status');
		});

		it('answers 404 for an unknown agent on every route', async () => {
			expect((await api.get('/agents/agt_missing')).status).toBe(404);
			expect((await api.patch('/agents/agt_missing', { name: 'x' })).status).toBe(404);
			expect((await api.delete('/agents/agt_missing')).status).toBe(404);
		});
	});
});

describe('Conversations', () => {
	let sandbox: RunningSandbox;
	let api: Api;
	let agentId: string;

	beforeAll(async () => {
		sandbox = await startSandbox();
		api = new Api(sandbox.baseUrl);
		await api.login();
	});
	afterAll(() => sandbox.close());
	beforeEach(() => {
		sandbox.control.reset();
		agentId = sandbox.control.agents()[0].id;
	});

	async function start(body: Record<string, unknown> = {}) {
		const answer = await api.post('/conversations', { agent_id: agentId, ...body });
		expect(answer.status, answer.text).toBe(201);
		return answer.body as { id: string; [key: string]: unknown };
	}

	describe('conversations', () => {
		it('starts a conversation with defaults and emits conversation.started', async () => {
			const conversation = await start({ subject: 'Hi' });
			expect(schemaErrors('Conversation', conversation)).toEqual([]);
			expect(conversation).toMatchObject({
				agent_id: agentId,
				status: 'open',
				channel: 'api',
				subject: 'Hi',
				customer: { name: null, email: null, phone: null, external_id: null },
				metadata: {},
				message_count: 0,
				completed_at: null,
				resolution: null,
				escalated_at: null,
				escalation: null,
			});
			const [event] = sandbox.control.events({ type: 'conversation.started' });
			expect(event.data).toEqual(conversation);
			expect(schemaErrors('ConversationStartedEvent', event)).toEqual([]);
		});

		it('with a first message, stores it, lets the agent answer and emits agent.response', async () => {
			const conversation = await start({
				channel: 'whatsapp',
				customer: {
					name: 'Ada',
					email: 'ada@example.com',
					phone: '+14155550123',
					external_id: 'c-1',
				},
				message: 'Where is my order?',
			});
			expect(conversation.message_count).toBe(2);
			const messages = await api.get(`/conversations/${conversation.id}/messages`);
			expect(schemaErrors('MessageList', messages.body)).toEqual([]);
			expect(messages.body.data.map((m: { role: string }) => m.role)).toEqual(['user', 'agent']);
			expect(messages.body.data[0].content).toBe('Where is my order?');
			expect(messages.body.data[1].content).toMatch(/order/i);
			const [response] = sandbox.control.events({ type: 'agent.response' });
			expect(response.data).toEqual({
				conversation_id: conversation.id,
				agent_id: agentId,
				message: messages.body.data[1],
			});
			expect(schemaErrors('AgentResponseEvent', response)).toEqual([]);
		});

		it('posts messages: 201 with the message and the agent reply', async () => {
			const conversation = await start();
			const answer = await api.post(`/conversations/${conversation.id}/messages`, {
				content: 'I want a refund',
			});
			expect(answer.status).toBe(201);
			expect(schemaErrors('MessageCreateResult', answer.body)).toEqual([]);
			expect(answer.body.message).toMatchObject({ role: 'user', content: 'I want a refund' });
			expect(answer.body.reply).toMatchObject({ role: 'agent', conversation_id: conversation.id });
			expect(answer.body.reply.content).toMatch(/refund/i);
			const system = await api.post(`/conversations/${conversation.id}/messages`, {
				content: 'Note',
				role: 'system',
			});
			expect(system.body.message.role).toBe('system');
			expect((await api.get(`/conversations/${conversation.id}`)).body.message_count).toBe(4);
			const bad = await api.post(`/conversations/${conversation.id}/messages`, {
				content: 'x',
				role: 'agent',
			});
			expect(bad.body.error.field).toBe('role');
			const empty = await api.post(`/conversations/${conversation.id}/messages`, { content: '' });
			expect(empty.body.error.field).toBe('content');
		});

		it('completes once (409 the second time), then refuses messages and escalation with 409', async () => {
			const conversation = await start();
			const done = await api.post(`/conversations/${conversation.id}/complete`, {
				resolution: 'Solved',
			});
			expect(done.status).toBe(200);
			expect(done.body).toMatchObject({ status: 'completed', resolution: 'Solved' });
			expect(done.body.completed_at).toEqual(expect.any(String));
			expect(sandbox.control.events({ type: 'conversation.completed' })).toHaveLength(1);

			const again = await api.post(`/conversations/${conversation.id}/complete`);
			expect(again.status).toBe(409);
			expect(again.body.error.code).toBe('conflict');
			const message = await api.post(`/conversations/${conversation.id}/messages`, {
				content: 'Hello?',
			});
			expect(message.status).toBe(409);
			const escalate = await api.post(`/conversations/${conversation.id}/escalate`, {
				reason: 'x',
			});
			expect(escalate.status).toBe(409);
			expect(sandbox.control.events({ type: 'conversation.completed' })).toHaveLength(1);
		});

		it('completes without a body (no Content-Type) and with an empty JSON body', async () => {
			const first = await start();
			const noBody = await api.call('POST', `/conversations/${first.id}/complete`);
			expect(noBody.status).toBe(200);
			expect(noBody.body.resolution).toBeNull();
			const second = await start();
			const emptyJson = await api.call('POST', `/conversations/${second.id}/complete`, {
				raw: '',
				headers: { 'content-type': 'application/json' },
			});
			expect(emptyJson.status).toBe(200);
		});

		it('escalates with a reason (required) and a default priority, emitting conversation.escalated', async () => {
			const conversation = await start();
			const missing = await api.post(`/conversations/${conversation.id}/escalate`, {
				team: 'Billing',
			});
			expect(missing.status).toBe(422);
			expect(missing.body.error.field).toBe('reason');
			const answer = await api.post(`/conversations/${conversation.id}/escalate`, {
				reason: 'Angry customer',
				team: 'Billing',
			});
			expect(answer.status).toBe(200);
			expect(answer.body).toMatchObject({
				status: 'escalated',
				escalation: { reason: 'Angry customer', team: 'Billing', priority: 'normal' },
			});
			const [event] = sandbox.control.events({ type: 'conversation.escalated' });
			expect(schemaErrors('ConversationEscalatedEvent', event)).toEqual([]);
		});

		it('changes, filters and deletes conversations', async () => {
			const conversation = await start({ channel: 'email' });
			const changed = await api.patch(`/conversations/${conversation.id}`, {
				subject: 'Changed',
				customer: { email: 'grace@example.com' },
				metadata: { priority: 'vip' },
			});
			expect(changed.body).toMatchObject({
				subject: 'Changed',
				customer: { email: 'grace@example.com', name: null },
				metadata: { priority: 'vip' },
			});

			const all = sandbox.control.conversations();
			const byFilter = async (query: string) =>
				(await api.get(`/conversations?limit=100&${query}`)).body.data.map(
					(c: { id: string }) => c.id,
				);
			expect(await byFilter('status=escalated')).toEqual(
				all.filter((c) => c.status === 'escalated').map((c) => c.id),
			);
			expect(await byFilter(`agent_id=${agentId}`)).toEqual(
				all.filter((c) => c.agent_id === agentId).map((c) => c.id),
			);
			expect(await byFilter('channel=email')).toEqual(
				all.filter((c) => c.channel === 'email').map((c) => c.id),
			);
			const middle = all[6].created_at;
			expect(await byFilter(`created_after=${middle}`)).toEqual(all.slice(6).map((c) => c.id));
			expect(await byFilter(`created_before=${middle}`)).toEqual(all.slice(0, 6).map((c) => c.id));
			const badDate = await api.get('/conversations?created_after=yesterday');
			expect(badDate.body.error.field).toBe('created_after');

			expect((await api.delete(`/conversations/${conversation.id}`)).status).toBe(204);
			expect((await api.get(`/conversations/${conversation.id}`)).status).toBe(404);
			expect((await api.get(`/conversations/${conversation.id}/messages`)).status).toBe(404);
			expect(sandbox.control.messages(conversation.id)).toEqual([]);
		});

		it('refuses an unknown agent (422 agent_id) and invalid nested fields with a dot path', async () => {
			const unknown = await api.post('/conversations', { agent_id: 'agt_nope' });
			expect(unknown.status).toBe(422);
			expect(unknown.body.error).toMatchObject({ code: 'validation_error', field: 'agent_id' });
			const email = await api.post('/conversations', {
				agent_id: agentId,
				customer: { email: 'not-an-email' },
			});
			expect(email.body.error.field).toBe('customer.email');
			const phone = await api.post('/conversations', {
				agent_id: agentId,
				customer: { phone: '0415 555' },
			});
			expect(phone.body.error.field).toBe('customer.phone');
			expect(phone.body.error.message).toMatch(/E\.164/);
			const extra = await api.post('/conversations', {
				agent_id: agentId,
				customer: { mail: 'a@b.c' },
			});
			expect(extra.body.error.field).toBe('customer.mail');
			const channel = await api.post('/conversations', { agent_id: agentId, channel: 'pigeon' });
			expect(channel.body.error.field).toBe('channel');
			expect(channel.body.error.message).toContain('web, email, sms, whatsapp, voice, api');
		});

		it('serves the deprecated transcript with Deprecation, Sunset and a successor Link', async () => {
			const conversation = await start({ message: 'Hello' });
			const answer = await api.get(`/conversations/${conversation.id}/transcript`);
			expect(answer.status).toBe(200);
			expect(schemaErrors('Transcript', answer.body)).toEqual([]);
			expect(answer.body.messages).toHaveLength(2);
			const deprecation = answer.headers.get('deprecation') ?? '';
			expect(deprecation).toMatch(/^@\d+$/);
			const sunset = Date.parse(answer.headers.get('sunset') ?? '');
			expect(answer.headers.get('sunset')).toMatch(/GMT$/);
			expect(sunset).toBeGreaterThan(Number(deprecation.slice(1)) * 1000);
			const link = answer.headers.get('link') ?? '';
			const successor = /^<([^>]+)>; rel="successor-version"$/.exec(link);
			expect(successor?.[1]).toBe(`/v1/conversations/${conversation.id}/messages`);
			const followed = await api.get(successor![1].replace('/v1', ''));
			expect(followed.body.data).toEqual(answer.body.messages);
			expect(
				(await api.get(`/conversations/${conversation.id}/messages`)).headers.get('deprecation'),
			).toBeNull();
		});
	});
});

describe('Deprecation', () => {
	let sandbox: RunningSandbox;
	let api: Api;

	beforeAll(async () => {
		sandbox = await startSandbox();
		api = new Api(sandbox.baseUrl);
		await api.login();
	});
	afterAll(() => sandbox.close());
	beforeEach(() => sandbox.control.reset());

	async function configure(patch: unknown) {
		const answer = await fetch(`${sandbox.origin}/_sandbox/config`, {
			method: 'PATCH',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(patch),
		});
		expect(answer.status).toBe(200);
	}

	describe('run-time deprecations', () => {
		it('marks a route pattern deprecated with a sunset date and successor', async () => {
			await configure({
				deprecations: [
					{
						method: 'GET',
						path: '/v1/agents/{agent_id}',
						sunset: '2027-01-31',
						link: '/v2/agents',
					},
				],
			});
			const agentId = sandbox.control.agents()[0].id;
			const before = Math.floor(Date.now() / 1000) - 1;
			const answer = await api.get(`/agents/${agentId}`);
			expect(answer.status).toBe(200);
			expect(answer.headers.get('sunset')).toBe('Sun, 31 Jan 2027 00:00:00 GMT');
			expect(answer.headers.get('link')).toBe('</v2/agents>; rel="successor-version"');
			const since = Number((answer.headers.get('deprecation') ?? '').slice(1));
			expect(since).toBeGreaterThanOrEqual(before);
			// Only that route and method.
			expect((await api.get('/agents')).headers.get('deprecation')).toBeNull();
			expect(
				(await api.patch(`/agents/${agentId}`, { name: 'X' })).headers.get('deprecation'),
			).toBeNull();
		});

		it('marks everything under a path prefix, with a given deprecation date', async () => {
			sandbox.control.configure({
				deprecations: [
					{
						path: '/v1/workflows',
						sunset: '2027-06-30T00:00:00Z',
						deprecatedAt: '2026-10-01T00:00:00Z',
					},
				],
			});
			const workflowId = sandbox.control.workflows()[0].id;
			for (const answer of [
				await api.get('/workflows'),
				await api.post(`/workflows/${workflowId}/runs`, { payload: {} }),
			]) {
				expect(answer.headers.get('deprecation')).toBe(
					`@${Date.parse('2026-10-01T00:00:00Z') / 1000}`,
				);
				expect(answer.headers.get('sunset')).toBe('Wed, 30 Jun 2027 00:00:00 GMT');
				expect(answer.headers.get('link')).toBeNull();
			}
			expect((await api.get('/agents')).headers.get('deprecation')).toBeNull();
		});

		it('keeps the transcript deprecated whatever the run-time rules', async () => {
			sandbox.control.configure({ deprecations: [] });
			const conversationId = sandbox.control.conversations()[0].id;
			const answer = await api.get(`/conversations/${conversationId}/transcript`);
			expect(answer.headers.get('deprecation')).toMatch(/^@\d+$/);
			expect(answer.headers.get('link')).toContain('rel="successor-version"');
		});
	});
});
