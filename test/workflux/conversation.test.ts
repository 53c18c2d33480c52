import { DateTime } from 'luxon';
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import type { WorkflowJson } from '../harness/run-workflow';
import { createEnvironment, type TestEnvironment } from '../support/environment';
import { byId, chainWorkflow } from '../support/workflows';

describe('Conversation resource against the sandbox', () => {
	let env: TestEnvironment;

	beforeAll(async () => {
		env = await createEnvironment({ empty: true });
	});
	afterAll(async () => {
		await env?.close();
	});
	beforeEach(() => {
		env.sandbox.control.reset({ empty: true });
	});

	const control = () => env.sandbox.control;

	const step = (name: string, parameters: INodeParameters) => ({
		name,
		parameters: { resource: 'conversation', ...parameters },
	});

	/** Runs one Conversation step and returns its run; the step is named after the operation. */
	async function runStep(parameters: INodeParameters, settings?: IDataObject) {
		const workflow: WorkflowJson = chainWorkflow([step('Conversation', parameters)]);
		if (settings) workflow.settings = settings;
		return await env.run(workflow);
	}

	/** Calls the sandbox's /v1 API directly, to set up records the way any WorkFlux client would. */
	async function api(method: string, path: string, body?: IDataObject): Promise<IDataObject> {
		const response = await fetch(`${env.sandbox.baseUrl}${path}`, {
			method,
			headers: {
				authorization: `Bearer ${control().issueToken()}`,
				...(body ? { 'content-type': 'application/json' } : {}),
			},
			body: body ? JSON.stringify(body) : undefined,
		});
		expect(response.ok).toBe(true);
		return (await response.json()) as IDataObject;
	}

	function seedAgent(): string {
		return control().seed({ agents: 1 }).agents[0];
	}

	async function openConversation(fields: IDataObject = {}): Promise<IDataObject> {
		const agentId = seedAgent();
		return await api('POST', '/conversations', { agent_id: agentId, ...fields });
	}

	const requestsTo = (path: string) =>
		control()
			.requests()
			.filter((request) => request.path === `/v1${path}`);

	describe('Create', () => {
		it('starts a conversation with customer, subject, metadata and a first message the agent answers', async () => {
			const agentId = seedAgent();
			const run = await runStep({
				operation: 'create',
				agentId: byId(agentId),
				channel: 'email',
				additionalFields: {
					subject: 'Order 1042 has not arrived',
					customerName: 'Jane Doe',
					customerEmail: 'jane@example.com',
					customerPhone: '+1 415-555 0123',
					customerExternalId: 'crm-10442',
					firstMessage: 'Where is my order?',
					metadata: '{"source": "crm"}',
				},
			});
			expect(run.error).toBeUndefined();
			const [created] = run.json('Conversation');
			expect(created).toMatchObject({
				agent_id: agentId,
				channel: 'email',
				status: 'open',
				subject: 'Order 1042 has not arrived',
				customer: {
					name: 'Jane Doe',
					email: 'jane@example.com',
					phone: '+14155550123',
					external_id: 'crm-10442',
				},
				metadata: { source: 'crm' },
				message_count: 2,
			});

			const [stored] = control().conversations();
			expect(stored).toEqual(created);
			const messages = control().messages(String(created.id));
			expect(messages.map((m) => [m.role, m.content.length > 0])).toEqual([
				['user', true],
				['agent', true],
			]);
			expect(messages[0].content).toBe('Where is my order?');
			expect(control().events({ type: 'conversation.started' })).toHaveLength(1);
			const [response] = control().events({ type: 'agent.response' });
			expect((response.data as IDataObject).message).toEqual(messages[1]);
		});

		it('sends only what the user filled in (channel defaults to API, no message)', async () => {
			const agentId = seedAgent();
			const run = await runStep({ operation: 'create', agentId: byId(agentId) });
			expect(run.error).toBeUndefined();
			const [created] = run.json('Conversation');
			expect(created).toMatchObject({
				channel: 'api',
				subject: null,
				customer: { name: null, email: null, phone: null, external_id: null },
				metadata: {},
				message_count: 0,
			});
			expect(control().conversations()).toHaveLength(1);
			expect(control().events({ type: 'agent.response' })).toHaveLength(0);
		});

		it('an unknown agent fails in plain words and creates nothing', async () => {
			seedAgent();
			const run = await runStep({ operation: 'create', agentId: byId('agt_missing') });
			expect(run.status).toBe('error');
			expect(run.error?.message).toContain('agt_missing was not found');
			expect(run.error?.description).toContain('Fix the value of "agent_id"');
			expect(control().conversations()).toEqual([]);
		});

		it('metadata that is not a JSON object stops before asking WorkFlux', async () => {
			const agentId = seedAgent();
			const run = await runStep({
				operation: 'create',
				agentId: byId(agentId),
				additionalFields: { metadata: '["a"]' },
			});
			expect(run.error?.message).toBe('Metadata must be a JSON object');
			expect(requestsTo('/conversations')).toEqual([]);
		});
	});

	describe('Get', () => {
		it('outputs the conversation as WorkFlux holds it', async () => {
			const { conversations } = control().seed({ agents: 2, conversations: 3 });
			const run = await runStep({ operation: 'get', conversationId: byId(conversations[1]) });
			expect(run.error).toBeUndefined();
			expect(run.json('Conversation')).toEqual([
				control()
					.conversations()
					.find((c) => c.id === conversations[1]),
			]);
		});

		it('an unknown ID fails with a next step', async () => {
			const run = await runStep({ operation: 'get', conversationId: byId('conv_nope') });
			expect(run.error?.message).toBe(
				'Conversation conv_nope was not found. Check the ID; it may have been deleted.',
			);
			expect(run.error?.description).toContain('Check the ID');
		});
	});

	describe('Get Many', () => {
		const simplifiedKeys = [
			'agent_id',
			'channel',
			'created_at',
			'customer_email',
			'customer_name',
			'id',
			'message_count',
			'status',
			'subject',
			'updated_at',
		];

		it('Return All pages through every conversation once, in order; Simplify is on by default', async () => {
			control().seed({ agents: 3, conversations: 230, messages_per_conversation: 0 });
			const run = await runStep({ operation: 'getAll', returnAll: true });
			expect(run.error).toBeUndefined();
			const output = run.json('Conversation');
			const stored = control().conversations();
			expect(output.map((c) => c.id)).toEqual(stored.map((c) => c.id));
			expect(new Set(output.map((c) => c.id)).size).toBe(230);
			expect(requestsTo('/conversations')).toHaveLength(3);
			for (const item of output) expect(Object.keys(item).sort()).toEqual(simplifiedKeys);
			expect(output[0]).toEqual({
				id: stored[0].id,
				status: stored[0].status,
				channel: stored[0].channel,
				agent_id: stored[0].agent_id,
				subject: stored[0].subject,
				customer_name: stored[0].customer.name,
				customer_email: stored[0].customer.email,
				message_count: stored[0].message_count,
				created_at: stored[0].created_at,
				updated_at: stored[0].updated_at,
			});
		});

		it('Simplify off gives the full records; Limit stops after that many with one small request', async () => {
			control().seed({ agents: 1, conversations: 30 });
			const run = await runStep({ operation: 'getAll', limit: 7, simple: false });
			expect(run.error).toBeUndefined();
			expect(run.json('Conversation')).toEqual(control().conversations().slice(0, 7));
			const requests = requestsTo('/conversations');
			expect(requests).toHaveLength(1);
			expect(requests[0].query).toMatchObject({ limit: 7 });
		});

		it('each filter, and all together, return exactly the matching conversations', async () => {
			const { agents } = control().seed({ agents: 3, conversations: 120 });
			const all = control().conversations();
			const range = [all[30].created_at, all[90].created_at];
			const cases: Array<{
				filters: INodeParameters;
				matches: (c: (typeof all)[number]) => boolean;
			}> = [
				{ filters: { status: 'escalated' }, matches: (c) => c.status === 'escalated' },
				{ filters: { agentId: byId(agents[1]) }, matches: (c) => c.agent_id === agents[1] },
				{ filters: { channel: 'whatsapp' }, matches: (c) => c.channel === 'whatsapp' },
				{
					filters: { createdAfter: range[0], createdBefore: range[1] },
					matches: (c) => c.created_at >= range[0] && c.created_at < range[1],
				},
				{
					filters: {
						status: 'completed',
						agentId: byId(agents[0]),
						createdAfter: range[0],
					},
					matches: (c) =>
						c.status === 'completed' && c.agent_id === agents[0] && c.created_at >= range[0],
				},
			];
			for (const { filters, matches } of cases) {
				const expected = all.filter(matches).map((c) => c.id);
				// A filter that matches everything or nothing would prove nothing.
				expect(expected.length).toBeGreaterThan(0);
				expect(expected.length).toBeLessThan(all.length);
				const run = await runStep({ operation: 'getAll', returnAll: true, filters });
				expect(run.error).toBeUndefined();
				expect(run.json('Conversation').map((c) => c.id)).toEqual(expected);
			}
		});

		it("dates picked in the editor are read in the workflow's time zone", async () => {
			control().seed({ agents: 1, conversations: 40 });
			const all = control().conversations();
			// The date picker's value: local time in the workflow's zone, without an offset.
			const berlin = (iso: string) =>
				DateTime.fromISO(iso, { zone: 'Europe/Berlin' }).toFormat("yyyy-MM-dd'T'HH:mm:ss.SSS");
			const run = await runStep(
				{
					operation: 'getAll',
					returnAll: true,
					filters: {
						createdAfter: berlin(all[10].created_at),
						createdBefore: berlin(all[20].created_at),
					},
				},
				{ timezone: 'Europe/Berlin' },
			);
			expect(run.error).toBeUndefined();
			expect(run.json('Conversation').map((c) => c.id)).toEqual(all.slice(10, 20).map((c) => c.id));
			expect(requestsTo('/conversations')[0].query).toMatchObject({
				created_after: all[10].created_at,
				created_before: all[20].created_at,
			});
		});

		it('a date that is not a date stops before asking WorkFlux', async () => {
			const run = await runStep({
				operation: 'getAll',
				filters: { createdAfter: 'last tuesday' },
			});
			expect(run.error?.message).toBe('Created After is not a valid date');
			expect(requestsTo('/conversations')).toEqual([]);
		});
	});

	describe('Update', () => {
		it('changes only the given customer fields, the subject, channel and metadata', async () => {
			const conversation = await openConversation({
				subject: 'Old subject',
				customer: { name: 'Jane Doe', email: 'old@example.com', external_id: 'crm-1' },
				metadata: { a: 1 },
			});
			const run = await runStep({
				operation: 'update',
				conversationId: byId(String(conversation.id)),
				updateFields: {
					customerEmail: 'new@example.com',
					subject: 'New subject',
					channel: 'sms',
					metadata: '{"b": 2}',
				},
			});
			expect(run.error).toBeUndefined();
			const [updated] = run.json('Conversation');
			const [stored] = control().conversations();
			expect(updated).toEqual(stored);
			expect(stored).toMatchObject({
				subject: 'New subject',
				channel: 'sms',
				metadata: { b: 2 },
				customer: { name: 'Jane Doe', email: 'new@example.com', phone: null, external_id: 'crm-1' },
			});
		});

		it('without customer fields it sends one PATCH and nothing else', async () => {
			const conversation = await openConversation({ subject: 'Old' });
			control().clearRequests();
			const run = await runStep({
				operation: 'update',
				conversationId: byId(String(conversation.id)),
				updateFields: { subject: 'New' },
			});
			expect(run.error).toBeUndefined();
			expect(
				control()
					.requests()
					.map((r) => r.method),
			).toEqual(['PATCH']);
			expect(control().conversations()[0].subject).toBe('New');
		});

		it('with nothing to update it says so and changes nothing', async () => {
			const conversation = await openConversation({ subject: 'Same' });
			control().clearRequests();
			const run = await runStep({
				operation: 'update',
				conversationId: byId(String(conversation.id)),
				updateFields: {},
			});
			expect(run.error?.message).toBe('Nothing to update');
			expect(control().requests()).toEqual([]);
		});
	});

	describe('Delete', () => {
		it('deletes the conversation and its messages and outputs { id, deleted: true }', async () => {
			const { conversations } = control().seed({ agents: 1, conversations: 2 });
			const run = await runStep({ operation: 'delete', conversationId: byId(conversations[0]) });
			expect(run.error).toBeUndefined();
			expect(run.json('Conversation')).toEqual([{ id: conversations[0], deleted: true }]);
			expect(
				control()
					.conversations()
					.map((c) => c.id),
			).toEqual([conversations[1]]);
			expect(control().messages(conversations[0])).toEqual([]);
			expect(control().messages(conversations[1])).toHaveLength(2);
		});
	});

	describe('Send Message', () => {
		it("outputs one item with the message and the agent's reply, both stored in WorkFlux", async () => {
			const conversation = await openConversation();
			const run = await runStep({
				operation: 'sendMessage',
				conversationId: byId(String(conversation.id)),
				text: 'Can I get a refund?',
			});
			expect(run.error).toBeUndefined();
			const output = run.json('Conversation');
			expect(output).toHaveLength(1);
			const { message, reply } = output[0] as { message: IDataObject; reply: IDataObject };
			expect(message).toMatchObject({
				conversation_id: conversation.id,
				role: 'user',
				content: 'Can I get a refund?',
			});
			expect(reply).toMatchObject({ conversation_id: conversation.id, role: 'agent' });
			expect(String(reply.content).length).toBeGreaterThan(0);
			expect(control().messages(String(conversation.id))).toEqual([message, reply]);
			const [event] = control().events({ type: 'agent.response' });
			expect((event.data as IDataObject).message).toEqual(reply);
		});

		it('sends a system message when Role is System', async () => {
			const conversation = await openConversation();
			const run = await runStep({
				operation: 'sendMessage',
				conversationId: byId(String(conversation.id)),
				text: 'The customer is a VIP.',
				role: 'system',
			});
			expect(run.error).toBeUndefined();
			expect(control().messages(String(conversation.id))[0]).toMatchObject({
				role: 'system',
				content: 'The customer is a VIP.',
			});
		});

		it('a completed conversation refuses the message, in plain words', async () => {
			const conversation = await openConversation();
			await api('POST', `/conversations/${String(conversation.id)}/complete`, {});
			const run = await runStep({
				operation: 'sendMessage',
				conversationId: byId(String(conversation.id)),
				text: 'Hello again',
			});
			expect(run.error?.message).toContain('is completed, so it cannot take new messages');
			expect(run.error?.description).toContain('already completed');
			expect(control().messages(String(conversation.id))).toEqual([]);
		});

		it('an empty message (e.g. an expression without a value) stops before asking WorkFlux', async () => {
			const conversation = await openConversation();
			control().clearRequests();
			const run = await runStep({
				operation: 'sendMessage',
				conversationId: byId(String(conversation.id)),
				text: '={{ $json.missing }}',
			});
			expect(run.error?.message).toBe('Message is empty');
			expect(control().requests()).toEqual([]);
		});
	});

	describe('Get Messages', () => {
		it('Return All outputs every message of a multi-page transcript once, oldest first', async () => {
			const { conversations } = control().seed({
				agents: 1,
				conversations: 2,
				messages_per_conversation: 250,
			});
			const run = await runStep({
				operation: 'getMessages',
				conversationId: byId(conversations[1]),
				returnAll: true,
			});
			expect(run.error).toBeUndefined();
			const output = run.json('Conversation');
			const stored = control().messages(conversations[1]);
			expect(stored).toHaveLength(250);
			expect(output).toEqual(stored);
			expect(new Set(output.map((m) => m.id)).size).toBe(250);
			expect(requestsTo(`/conversations/${conversations[1]}/messages`)).toHaveLength(3);
		});

		it('Limit outputs the first messages only', async () => {
			const { conversations } = control().seed({
				agents: 1,
				conversations: 1,
				messages_per_conversation: 12,
			});
			const run = await runStep({
				operation: 'getMessages',
				conversationId: byId(conversations[0]),
				limit: 5,
			});
			expect(run.error).toBeUndefined();
			expect(run.json('Conversation')).toEqual(control().messages(conversations[0]).slice(0, 5));
		});
	});

	describe('Complete', () => {
		it('completes the conversation with a resolution and WorkFlux emits conversation.completed', async () => {
			const conversation = await openConversation();
			const run = await runStep({
				operation: 'complete',
				conversationId: byId(String(conversation.id)),
				resolution: 'Refund issued',
			});
			expect(run.error).toBeUndefined();
			const [completed] = run.json('Conversation');
			const [stored] = control().conversations();
			expect(completed).toEqual(stored);
			expect(stored).toMatchObject({ status: 'completed', resolution: 'Refund issued' });
			expect(stored.completed_at).not.toBeNull();
			const events = control().events({ type: 'conversation.completed' });
			expect(events).toHaveLength(1);
			expect(events[0].data).toMatchObject({ id: conversation.id, status: 'completed' });
		});

		it('without a resolution, none is stored', async () => {
			const conversation = await openConversation();
			const run = await runStep({
				operation: 'complete',
				conversationId: byId(String(conversation.id)),
			});
			expect(run.error).toBeUndefined();
			expect(control().conversations()[0]).toMatchObject({ status: 'completed', resolution: null });
		});
	});

	describe('Escalate', () => {
		it('hands the conversation to a team with reason and priority; WorkFlux emits conversation.escalated', async () => {
			const conversation = await openConversation();
			const run = await runStep({
				operation: 'escalate',
				conversationId: byId(String(conversation.id)),
				reason: 'Refund above the limit',
				team: 'Billing',
				priority: 'urgent',
			});
			expect(run.error).toBeUndefined();
			const [escalated] = run.json('Conversation');
			const [stored] = control().conversations();
			expect(escalated).toEqual(stored);
			expect(stored).toMatchObject({
				status: 'escalated',
				escalation: { reason: 'Refund above the limit', team: 'Billing', priority: 'urgent' },
			});
			expect(stored.escalated_at).not.toBeNull();
			const events = control().events({ type: 'conversation.escalated' });
			expect(events).toHaveLength(1);
			expect(events[0].data).toMatchObject({ id: conversation.id, status: 'escalated' });
		});

		it('defaults to Normal priority and no team', async () => {
			const conversation = await openConversation();
			const run = await runStep({
				operation: 'escalate',
				conversationId: byId(String(conversation.id)),
				reason: 'Customer asked for a human',
			});
			expect(run.error).toBeUndefined();
			expect(control().conversations()[0].escalation).toEqual({
				reason: 'Customer asked for a human',
				team: null,
				priority: 'normal',
			});
		});
	});

	describe('one bad item among good ones', () => {
		const completeEach = (first: string, third: string, settings?: IDataObject) =>
			chainWorkflow(
				[
					{
						name: 'Conversation',
						parameters: {
							resource: 'conversation',
							operation: 'complete',
							conversationId: { __rl: true, mode: 'id', value: '={{ $json.conversationId }}' },
							resolution: '={{ $json.note }}',
						},
						settings,
					},
				],
				[
					{ conversationId: first, note: 'first' },
					{ conversationId: 'conv_unknown', note: 'second' },
					{ conversationId: third, note: 'third' },
				],
			);

		async function twoOpenConversations() {
			const first = await openConversation();
			const third = await api('POST', '/conversations', { agent_id: first.agent_id });
			return [String(first.id), String(third.id)];
		}

		it('with Continue On Fail, the bad item carries the error and the others succeed, each paired with its input', async () => {
			const [first, third] = await twoOpenConversations();
			const run = await env.run(completeEach(first, third, { onError: 'continueRegularOutput' }));
			expect(run.error).toBeUndefined();
			const output = run.items('Conversation');
			expect(output).toHaveLength(3);
			expect(output.map((item) => item.pairedItem)).toEqual([
				{ item: 0 },
				{ item: 1 },
				{ item: 2 },
			]);
			expect(output[0].json).toMatchObject({ id: first, status: 'completed', resolution: 'first' });
			expect(output[2].json).toMatchObject({ id: third, status: 'completed', resolution: 'third' });
			expect(output[1].json.error).toBe(
				'Conversation conv_unknown was not found. Check the ID; it may have been deleted.',
			);
			expect(String(output[1].json.details)).toContain('Check the ID');

			const stored = control().conversations();
			expect(stored.map((c) => [c.id, c.status, c.resolution])).toEqual([
				[first, 'completed', 'first'],
				[third, 'completed', 'third'],
			]);
			expect(
				control()
					.events({ type: 'conversation.completed' })
					.map((e) => (e.data as IDataObject).id),
			).toEqual([first, third]);
		});

		it('without Continue On Fail, the run stops at the bad item and says which one', async () => {
			const [first, third] = await twoOpenConversations();
			const run = await env.run(completeEach(first, third));
			expect(run.status).toBe('error');
			expect(run.error?.message).toContain('conv_unknown was not found');
			expect((run.error as unknown as { context: IDataObject }).context.itemIndex).toBe(1);
			expect(
				control()
					.conversations()
					.map((c) => c.status),
			).toEqual(['completed', 'open']);
		});
	});
});
