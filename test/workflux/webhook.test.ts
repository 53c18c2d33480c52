/* eslint-disable @n8n/community-nodes/no-restricted-imports -- a local HTTP receiver for test deliveries */
import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { INodeParameters, NodeError } from 'n8n-workflow';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { createEnvironment, type TestEnvironment } from '../support/environment';
import { chainWorkflow } from '../support/workflows';

interface Received {
	headers: IncomingHttpHeaders;
	body: string;
}

/** An endpoint on 127.0.0.1 that accepts every delivery and remembers it. */
async function startReceiver() {
	const received: Received[] = [];
	const server: Server = createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
			response.writeHead(204).end();
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/workflux-events`,
		received,
		close: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

describe('Webhook resource against the sandbox', () => {
	let env: TestEnvironment;
	let receiver: Awaited<ReturnType<typeof startReceiver>>;

	beforeAll(async () => {
		env = await createEnvironment();
		receiver = await startReceiver();
	});
	afterAll(async () => {
		await receiver?.close();
		await env?.close();
	});
	beforeEach(() => {
		env.sandbox.control.reset();
		receiver.received.length = 0;
	});

	const webhookStep = (name: string, parameters: INodeParameters) => ({
		name,
		parameters: { resource: 'webhook', ...parameters },
	});

	async function createSubscription(parameters: INodeParameters = {}) {
		const run = await env.run(
			chainWorkflow([
				webhookStep('Create', {
					operation: 'create',
					url: receiver.url,
					events: ['conversation.completed', 'conversation.started'],
					...parameters,
				}),
			]),
		);
		expect(run.error).toBeUndefined();
		return run.json('Create')[0];
	}

	it('Create subscribes the URL; WorkFlux generates the secret and shows it once', async () => {
		const created = await createSubscription({
			additionalFields: { description: 'CRM sync' },
		});
		expect(created).toMatchObject({
			url: receiver.url,
			events: ['conversation.completed', 'conversation.started'],
			description: 'CRM sync',
			status: 'active',
		});
		expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]+={0,2}$/);
		const subscriptions = env.sandbox.control.webhooks();
		expect(subscriptions).toHaveLength(1);
		expect(subscriptions[0]).toMatchObject({
			id: created.id,
			url: receiver.url,
			description: 'CRM sync',
		});
		expect(env.sandbox.control.webhookSecret(String(created.id))).toBe(created.secret);
	});

	it('Create keeps a secret the user gives', async () => {
		const secret = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
		const created = await createSubscription({ additionalFields: { secret } });
		expect(created.secret).toBe(secret);
		expect(env.sandbox.control.webhookSecret(String(created.id))).toBe(secret);
	});

	it("Create takes the guide's plain secret; deliveries are signed with its UTF-8 bytes", async () => {
		const created = await createSubscription({
			additionalFields: { secret: 'your_webhook_secret' },
		});
		expect(created.secret).toBe('your_webhook_secret');
		const run = await env.run(
			chainWorkflow([
				webhookStep('Test', { operation: 'sendTestEvent', webhookId: String(created.id) }),
			]),
		);
		expect(run.error).toBeUndefined();
		expect(await env.sandbox.control.waitForDeliveries(5000)).toBe(true);
		const [delivery] = receiver.received;
		const { 'webhook-id': id, 'webhook-timestamp': timestamp } = delivery.headers;
		const expected = createHmac('sha256', Buffer.from('your_webhook_secret', 'utf8'))
			.update(`${String(id)}.${String(timestamp)}.${delivery.body}`)
			.digest('base64');
		expect(delivery.headers['webhook-signature']).toBe(`v1,${expected}`);
	});

	it('Create and Update refuse a secret WorkFlux would refuse, before any request', async () => {
		const cases: Array<[string, string]> = [
			['too-short', 'The secret is 9 characters long; it needs at least 16'],
			['x'.repeat(257), 'The secret is 257 characters long; it can have at most 256'],
			[
				'a secret with a\nline break',
				'The secret contains a line break, tab or other control character',
			],
			[
				`whsec_${Buffer.alloc(8).toString('base64')}`,
				'A secret that starts with "whsec_" must continue with the base64 of 24 to 64 random bytes',
			],
		];
		for (const [secret, message] of cases) {
			const run = await env.run(
				chainWorkflow([
					webhookStep('Create', {
						operation: 'create',
						url: receiver.url,
						events: ['agent.response'],
						additionalFields: { secret },
					}),
				]),
			);
			expect(run.error?.message, secret).toBe(message);
			expect((run.error as NodeError).description).toContain('leave "Secret" empty');
		}
		expect(env.sandbox.control.webhooks()).toEqual([]);

		const created = await createSubscription();
		env.sandbox.control.clearRequests();
		const update = await env.run(
			chainWorkflow([
				webhookStep('Update', {
					operation: 'update',
					webhookId: String(created.id),
					updateFields: { secret: 'short' },
				}),
			]),
		);
		expect(update.error?.message).toBe('The secret is 5 characters long; it needs at least 16');
		expect(env.sandbox.control.requests().filter((r) => r.method === 'PATCH')).toEqual([]);
	});

	it('Create stops before asking WorkFlux when an expression gives no events', async () => {
		// n8n itself refuses an empty required field; an expression can still come out empty.
		const run = await env.run(
			chainWorkflow([
				webhookStep('Create', { operation: 'create', url: receiver.url, events: '={{ [] }}' }),
			]),
		);
		expect(run.error?.message).toBe('No events are selected');
		expect(env.sandbox.control.webhooks()).toEqual([]);
	});

	it('Get outputs the subscription, without the secret', async () => {
		const created = await createSubscription();
		const run = await env.run(
			chainWorkflow([webhookStep('Get', { operation: 'get', webhookId: String(created.id) })]),
		);
		expect(run.error).toBeUndefined();
		const [subscription] = run.json('Get');
		const withoutSecret = { ...created };
		delete withoutSecret.secret;
		expect(subscription).toEqual(withoutSecret);
		expect(subscription.secret).toBeUndefined();
	});

	it('Get Many lists every subscription, or only those with the given URL', async () => {
		const first = await createSubscription();
		const second = await createSubscription({ url: `${receiver.url}?other=1` });
		const all = await env.run(
			chainWorkflow([webhookStep('List', { operation: 'getAll', returnAll: true })]),
		);
		expect(all.json('List').map((subscription) => subscription.id)).toEqual([first.id, second.id]);
		const filtered = await env.run(
			chainWorkflow([
				webhookStep('List', {
					operation: 'getAll',
					returnAll: true,
					filters: { url: `${receiver.url}?other=1` },
				}),
			]),
		);
		expect(filtered.json('List').map((subscription) => subscription.id)).toEqual([second.id]);
		const [request] = env.sandbox.control
			.requests()
			.filter(
				(entry) => entry.path === '/v1/webhooks' && entry.method === 'GET' && entry.query.url,
			);
		expect(request.query.url).toBe(`${receiver.url}?other=1`);
	});

	it('Update changes events and description, and turns the subscription off and on', async () => {
		const created = await createSubscription();
		const id = String(created.id);
		const update = async (updateFields: INodeParameters) =>
			await env.run(
				chainWorkflow([
					webhookStep('Update', { operation: 'update', webhookId: id, updateFields }),
				]),
			);

		const changed = await update({
			events: ['agent.response'],
			description: 'Only answers',
			status: 'disabled',
		});
		expect(changed.error).toBeUndefined();
		expect(changed.json('Update')[0]).toMatchObject({
			events: ['agent.response'],
			description: 'Only answers',
			status: 'disabled',
		});
		expect(env.sandbox.control.webhooks()[0]).toMatchObject({
			events: ['agent.response'],
			description: 'Only answers',
			status: 'disabled',
		});

		const enabled = await update({ status: 'active' });
		expect(enabled.error).toBeUndefined();
		expect(env.sandbox.control.webhooks()[0]).toMatchObject({
			status: 'active',
			disabled_reason: null,
		});

		const secret = `whsec_${Buffer.alloc(24, 9).toString('base64')}`;
		const rotated = await update({ secret });
		expect(rotated.error).toBeUndefined();
		expect(env.sandbox.control.webhookSecret(id)).toBe(secret);
	});

	it('Update with no fields says what to add', async () => {
		const created = await createSubscription();
		const run = await env.run(
			chainWorkflow([
				webhookStep('Update', {
					operation: 'update',
					webhookId: String(created.id),
					updateFields: {},
				}),
			]),
		);
		expect(run.error?.message).toBe('Nothing to update');
		expect((run.error as NodeError).description).toContain('Update Fields');
	});

	it('Delete removes the subscription; getting it afterwards is a plain not-found', async () => {
		const created = await createSubscription();
		const id = String(created.id);
		const run = await env.run(
			chainWorkflow([webhookStep('Delete', { operation: 'delete', webhookId: id })]),
		);
		expect(run.error).toBeUndefined();
		expect(run.json('Delete')).toEqual([{ id, deleted: true }]);
		expect(env.sandbox.control.webhooks()).toEqual([]);

		const get = await env.run(
			chainWorkflow([webhookStep('Get', { operation: 'get', webhookId: id })]),
		);
		expect(get.status).toBe('error');
		expect((get.error as NodeError & { httpCode?: string }).httpCode).toBe('404');
	});

	it("Send Test Event delivers a signed sample event to the subscription's URL", async () => {
		const created = await createSubscription();
		const run = await env.run(
			chainWorkflow([
				webhookStep('Test', {
					operation: 'sendTestEvent',
					webhookId: String(created.id),
					eventType: 'conversation.completed',
				}),
			]),
		);
		expect(run.error).toBeUndefined();
		const [output] = run.json('Test');
		const event = output.event as { id: string; type: string };
		expect(output.webhook_id).toBe(created.id);
		expect(event.type).toBe('conversation.completed');

		expect(await env.sandbox.control.waitForDeliveries(5000)).toBe(true);
		const deliveries = env.sandbox.control.deliveries({ webhookId: String(created.id) });
		expect(deliveries).toHaveLength(1);
		expect(deliveries[0]).toMatchObject({
			event_id: event.id,
			event_type: 'conversation.completed',
			status: 'delivered',
			test: true,
		});
		expect(deliveries[0].attempts.length).toBeGreaterThanOrEqual(1);

		expect(receiver.received).toHaveLength(1);
		const [delivery] = receiver.received;
		expect(delivery.headers['webhook-id']).toBe(event.id);
		// The secret from the create output verifies the delivery, as the receiver would check it.
		const verified = new Webhook(String(created.secret)).verify(delivery.body, {
			'webhook-id': String(delivery.headers['webhook-id']),
			'webhook-timestamp': String(delivery.headers['webhook-timestamp']),
			'webhook-signature': String(delivery.headers['webhook-signature']),
		}) as { id: string; type: string };
		expect(verified).toMatchObject({ id: event.id, type: 'conversation.completed' });
	});

	it("Send Test Event without an event type sends the subscription's first event", async () => {
		const created = await createSubscription({
			events: ['agent.response', 'conversation.started'],
		});
		const run = await env.run(
			chainWorkflow([
				webhookStep('Test', { operation: 'sendTestEvent', webhookId: String(created.id) }),
			]),
		);
		expect(run.error).toBeUndefined();
		expect((run.json('Test')[0].event as { type: string }).type).toBe('agent.response');
		expect(await env.sandbox.control.waitForDeliveries(5000)).toBe(true);
		expect(env.sandbox.control.deliveries({ webhookId: String(created.id) })[0].event_type).toBe(
			'agent.response',
		);
	});
});
