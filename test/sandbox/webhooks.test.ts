import { createHmac } from 'node:crypto';

import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RETRY_SCHEDULE_SECONDS } from './delivery';
import { type RunningSandbox, startSandbox } from './server';
import { sign } from './signing';
import { Api, type Receiver, schemaErrors, sleep, startReceiver, waitFor } from './test-helpers';

describe('Subscriptions', () => {
	let sandbox: RunningSandbox;
	let api: Api;
	let receiver: Receiver;

	beforeAll(async () => {
		sandbox = await startSandbox({ retryTimeScale: 0.001 });
		api = new Api(sandbox.baseUrl);
		await api.login();
	});
	afterAll(() => sandbox.close());
	beforeEach(async () => {
		sandbox.control.reset();
		receiver = await startReceiver();
	});
	afterEach(() => receiver.close());

	const OWN_SECRET = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;

	describe('webhook subscriptions', () => {
		it('creates a subscription with a generated secret shown only once', async () => {
			const created = await api.post('/webhooks', {
				url: receiver.url,
				events: ['conversation.started'],
			});
			expect(created.status).toBe(201);
			expect(schemaErrors('WebhookSubscriptionCreated', created.body)).toEqual([]);
			expect(created.body).toMatchObject({
				url: receiver.url,
				status: 'active',
				disabled_reason: null,
				description: '',
			});
			const secret = created.body.secret as string;
			expect(secret).toMatch(/^whsec_/);
			expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
			expect(sandbox.control.webhookSecret(created.body.id)).toBe(secret);

			const fetched = await api.get(`/webhooks/${created.body.id}`);
			expect(schemaErrors('WebhookSubscription', fetched.body)).toEqual([]);
			expect(fetched.body.secret).toBeUndefined();
			const listed = await api.get('/webhooks');
			expect(listed.body.data[0].secret).toBeUndefined();
		});

		it('keeps a secret it is given and refuses malformed ones (422 secret)', async () => {
			const created = await api.post('/webhooks', {
				url: receiver.url,
				events: ['agent.response'],
				secret: OWN_SECRET,
			});
			expect(created.body.secret).toBe(OWN_SECRET);
			const refused = [
				'plain',
				'fifteen chars!!',
				'x'.repeat(257),
				'tab\tinside the secret',
				`whsec_${Buffer.alloc(16).toString('base64')}`,
				'whsec_***',
			];
			for (const secret of refused) {
				const answer = await api.post('/webhooks', {
					url: receiver.url,
					events: ['agent.response'],
					secret,
				});
				expect(answer.status, secret).toBe(422);
				expect(answer.body.error.field).toBe('secret');
			}
		});

		it('takes a secret without "whsec_" (16 to 256 characters) and signs with its UTF-8 bytes', async () => {
			for (const secret of ['your_webhook_secret', 'sixteen chars ok', 'ü'.repeat(256)]) {
				const created = await api.post('/webhooks', {
					url: receiver.url,
					events: ['agent.response'],
					secret,
				});
				expect(created.status, secret).toBe(201);
				expect(created.body.secret).toBe(secret);
			}
			// Subscriptions are listed oldest first: the guide's own secret.
			const [first] = sandbox.control.webhooks();
			await api.post(`/webhooks/${first.id}/test`, {});
			const [delivery] = await waitFor(
				() => receiver.requests,
				(list) => list.length === 1,
				3000,
				'the test delivery',
			);
			// The documented rule, computed here independently of the sandbox's signing code.
			const headers = delivery.headers as Record<string, string>;
			const expected = createHmac('sha256', Buffer.from('your_webhook_secret', 'utf8'))
				.update(`${headers['webhook-id']}.${headers['webhook-timestamp']}.${delivery.body}`)
				.digest('base64');
			expect(headers['webhook-signature']).toBe(`v1,${expected}`);

			const updated = await api.patch(`/webhooks/${first.id}`, { secret: 'another plain secret' });
			expect(updated.status).toBe(200);
			expect(sandbox.control.webhookSecret(first.id)).toBe('another plain secret');
		});

		it('validates url and events, naming the field', async () => {
			const cases: Array<[unknown, string]> = [
				[{ events: ['agent.response'] }, 'url'],
				[{ url: 'ftp://example.com/x', events: ['agent.response'] }, 'url'],
				[{ url: 'not a url', events: ['agent.response'] }, 'url'],
				[{ url: receiver.url }, 'events'],
				[{ url: receiver.url, events: [] }, 'events'],
				[{ url: receiver.url, events: ['agent.response', 'conversation.deleted'] }, 'events.1'],
			];
			for (const [body, field] of cases) {
				const answer = await api.post('/webhooks', body);
				expect(answer.status, JSON.stringify(body)).toBe(422);
				expect(answer.body.error.field).toBe(field);
			}
		});

		it('filters by exact url, pages, changes, re-enables and deletes', async () => {
			const a = await api.post('/webhooks', { url: receiver.url, events: ['agent.response'] });
			await api.post('/webhooks', { url: `${receiver.url}/other`, events: ['agent.response'] });
			await api.post('/webhooks', { url: `${receiver.url}/third`, events: ['agent.response'] });
			const byUrl = await api.get(`/webhooks?url=${encodeURIComponent(receiver.url)}`);
			expect(byUrl.body.data.map((w: { id: string }) => w.id)).toEqual([a.body.id]);
			const firstPage = await api.get('/webhooks?limit=2');
			expect(firstPage.body.data).toHaveLength(2);
			const secondPage = await api.get(`/webhooks?limit=2&cursor=${firstPage.body.next_cursor}`);
			expect(secondPage.body.data).toHaveLength(1);
			expect(secondPage.body.next_cursor).toBeNull();

			sandbox.control.disableWebhook(a.body.id, 'Testing');
			expect((await api.get(`/webhooks/${a.body.id}`)).body).toMatchObject({
				status: 'disabled',
				disabled_reason: 'Testing',
			});
			const enabled = await api.patch(`/webhooks/${a.body.id}`, {
				status: 'active',
				events: ['conversation.completed', 'agent.response'],
				description: 'Main',
				secret: OWN_SECRET,
			});
			expect(enabled.body).toMatchObject({
				status: 'active',
				disabled_reason: null,
				events: ['conversation.completed', 'agent.response'],
				description: 'Main',
			});
			expect(sandbox.control.webhookSecret(a.body.id)).toBe(OWN_SECRET);

			expect((await api.delete(`/webhooks/${a.body.id}`)).status).toBe(204);
			expect((await api.get(`/webhooks/${a.body.id}`)).status).toBe(404);
			expect((await api.delete(`/webhooks/${a.body.id}`)).status).toBe(404);
		});

		it('refuses duplicates (409) only when rejectDuplicateWebhooks is on', async () => {
			const body = { url: receiver.url, events: ['agent.response', 'conversation.started'] };
			expect((await api.post('/webhooks', body)).status).toBe(201);
			expect((await api.post('/webhooks', body)).status).toBe(201);
			sandbox.control.configure({ rejectDuplicateWebhooks: true });
			const twin = await api.post('/webhooks', {
				...body,
				events: ['conversation.started', 'agent.response'],
			});
			expect(twin.status).toBe(409);
			expect(twin.body.error.code).toBe('conflict');
		});

		it('POST /test sends a signed sample event to that subscription only (202)', async () => {
			const target = await api.post('/webhooks', {
				url: receiver.url,
				events: ['conversation.completed', 'agent.response'],
			});
			const bystander = await startReceiver();
			await api.post('/webhooks', { url: bystander.url, events: ['conversation.completed'] });

			const answer = await api.post(`/webhooks/${target.body.id}/test`);
			expect(answer.status).toBe(202);
			expect(schemaErrors('WebhookTestResult', answer.body)).toEqual([]);
			expect(answer.body.event.type).toBe('conversation.completed');
			expect(schemaErrors('ConversationCompletedEvent', answer.body.event)).toEqual([]);

			const [request] = await waitFor(
				() => receiver.requests,
				(r) => r.length === 1,
				3000,
				'the test delivery',
			);
			const verified = new Webhook(target.body.secret).verify(
				request.body,
				request.headers as Record<string, string>,
			);
			expect(verified).toEqual(answer.body.event);
			expect(request.headers['webhook-id']).toBe(answer.body.event.id);

			const typed = await api.post(`/webhooks/${target.body.id}/test`, {
				event_type: 'integration.status_updated',
			});
			expect(schemaErrors('IntegrationStatusUpdatedEvent', typed.body.event)).toEqual([]);
			await waitFor(
				() => receiver.requests,
				(r) => r.length === 2,
				3000,
				'the second test delivery',
			);
			expect(await sandbox.control.waitForDeliveries(2000)).toBe(true);
			expect(bystander.requests).toHaveLength(0);
			await bystander.close();

			const wrongType = await api.post(`/webhooks/${target.body.id}/test`, { event_type: 'nope' });
			expect(wrongType.body.error.field).toBe('event_type');
			expect((await api.post('/webhooks/wh_missing/test')).status).toBe(404);
		});
	});
});

describe('Deliveries', () => {
	const SCALE = 0.001;
	let sandbox: RunningSandbox;
	let api: Api;
	const receivers: Receiver[] = [];

	beforeAll(async () => {
		sandbox = await startSandbox({ retryTimeScale: SCALE });
		api = new Api(sandbox.baseUrl);
		await api.login();
	});
	afterAll(() => sandbox.close());
	beforeEach(() => sandbox.control.reset({ empty: false }));
	afterEach(async () => {
		await Promise.all(receivers.splice(0).map((r) => r.close()));
	});

	async function receiver(answer?: (n: number) => number | 'hang') {
		const r = await startReceiver(answer);
		receivers.push(r);
		return r;
	}

	async function subscribe(url: string, events: string[]) {
		const answer = await api.post('/webhooks', { url, events });
		expect(answer.status).toBe(201);
		return answer.body as { id: string; secret: string };
	}

	describe('Standard Webhooks signing', () => {
		it('matches the published test vector', () => {
			expect(
				sign(
					'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
					'msg_p5jXN8AQM9LWM0D4loKWxJek',
					1614265330,
					'{"test": 2432232314}',
				),
			).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
		});

		it('delivers every state-change event, signed so the standardwebhooks package verifies it', async () => {
			const r = await receiver();
			const sub = await subscribe(r.url, [
				'conversation.started',
				'agent.response',
				'conversation.escalated',
				'conversation.completed',
			]);
			const agentId = sandbox.control.agents()[0].id;
			const conversation = (
				await api.post('/conversations', { agent_id: agentId, message: 'Hello' })
			).body;
			await api.post(`/conversations/${conversation.id}/messages`, {
				content: 'Where is my order?',
			});
			await api.post(`/conversations/${conversation.id}/escalate`, {
				reason: 'Needs a human',
				priority: 'high',
			});
			await api.post(`/conversations/${conversation.id}/complete`, { resolution: 'Done' });
			await waitFor(
				() => r.requests,
				(list) => list.length === 5,
				3000,
				'five deliveries',
			);

			const verifier = new Webhook(sub.secret);
			const schemaFor: Record<string, string> = {
				'conversation.started': 'ConversationStartedEvent',
				'agent.response': 'AgentResponseEvent',
				'conversation.escalated': 'ConversationEscalatedEvent',
				'conversation.completed': 'ConversationCompletedEvent',
			};
			const received = r.requests.map((request) => {
				expect(request.headers['content-type']).toBe('application/json');
				expect(request.headers['user-agent']).toBe('WorkFlux-Webhooks/1');
				expect(request.headers['webhook-attempt']).toBe('1');
				expect(
					Math.abs(Number(request.headers['webhook-timestamp']) - Date.now() / 1000),
				).toBeLessThan(5);
				const event = verifier.verify(request.body, request.headers as Record<string, string>) as {
					id: string;
					type: string;
				};
				expect(request.headers['webhook-id']).toBe(event.id);
				expect(schemaErrors(schemaFor[event.type], event)).toEqual([]);
				return event.type;
			});
			expect(received.sort()).toEqual(
				[
					'agent.response',
					'agent.response',
					'conversation.completed',
					'conversation.escalated',
					'conversation.started',
				].sort(),
			);
			// A tampered body or another secret fails verification.
			const one = r.requests[0];
			expect(() =>
				verifier.verify(one.body.replace('"', ' "'), one.headers as Record<string, string>),
			).toThrow();
			expect(() =>
				new Webhook(`whsec_${Buffer.alloc(32, 1).toString('base64')}`).verify(
					one.body,
					one.headers as Record<string, string>,
				),
			).toThrow();
		});

		it('sends only the types a subscription listens for, and nothing to disabled ones', async () => {
			const started = await receiver();
			const disabled = await receiver();
			await subscribe(started.url, ['conversation.started']);
			const off = await subscribe(disabled.url, [
				'conversation.started',
				'integration.status_updated',
			]);
			sandbox.control.disableWebhook(off.id);
			await api.post('/conversations', { agent_id: sandbox.control.agents()[0].id, message: 'Hi' });
			sandbox.control.emitEvent('integration.status_updated');
			await sandbox.control.waitForDeliveries();
			expect(started.requests.map((q) => JSON.parse(q.body).type)).toEqual([
				'conversation.started',
			]);
			expect(disabled.requests).toHaveLength(0);
		});
	});

	describe('retries', () => {
		it('retries 500, 500, 200 on the scaled schedule with the same webhook-id and fresh signatures', async () => {
			const r = await receiver((n) => (n < 2 ? 500 : 200));
			const sub = await subscribe(r.url, ['integration.status_updated']);
			const event = sandbox.control.emitEvent('integration.status_updated');
			await waitFor(
				() => r.requests,
				(list) => list.length === 3,
				5000,
				'three attempts',
			);
			await sandbox.control.waitForDeliveries();

			expect(r.requests.map((q) => q.headers['webhook-id'])).toEqual([
				event.id,
				event.id,
				event.id,
			]);
			expect(r.requests.map((q) => q.headers['webhook-attempt'])).toEqual(['1', '2', '3']);
			const verifier = new Webhook(sub.secret);
			for (const q of r.requests) {
				expect(q.body).toBe(r.requests[0].body);
				expect(verifier.verify(q.body, q.headers as Record<string, string>)).toEqual(event);
			}
			const gap1 = r.requests[1].at - r.requests[0].at;
			const gap2 = r.requests[2].at - r.requests[1].at;
			const expected1 = RETRY_SCHEDULE_SECONDS[1] * 1000 * SCALE; // 5 ms
			const expected2 = RETRY_SCHEDULE_SECONDS[2] * 1000 * SCALE; // 300 ms
			expect(gap1).toBeGreaterThanOrEqual(expected1 - 2);
			expect(gap2).toBeGreaterThanOrEqual(expected2 - 2);
			expect(gap2).toBeLessThan(expected2 + 1000);
			expect(gap2).toBeGreaterThan(gap1);

			const [delivery] = sandbox.control.deliveries({ webhookId: sub.id });
			expect(delivery).toMatchObject({
				status: 'delivered',
				event_id: event.id,
				failure_reason: null,
			});
			expect(delivery.attempts.map((a) => [a.attempt, a.status_code])).toEqual([
				[1, 500],
				[2, 500],
				[3, 200],
			]);
			// The same record over HTTP, for tests in another process.
			const overHttp = await fetch(`${sandbox.origin}/_sandbox/deliveries?webhook_id=${sub.id}`);
			expect(((await overHttp.json()) as { data: unknown[] }).data).toEqual([delivery]);
		});

		it('gives up after the 8 scheduled attempts', async () => {
			sandbox.control.configure({ retryTimeScale: 0.000005 });
			const r = await receiver(() => 503);
			const sub = await subscribe(r.url, ['agent.response']);
			sandbox.control.emitEvent('agent.response');
			expect(await sandbox.control.waitForDeliveries(5000)).toBe(true);
			expect(r.requests).toHaveLength(RETRY_SCHEDULE_SECONDS.length);
			const [delivery] = sandbox.control.deliveries({ webhookId: sub.id });
			expect(delivery).toMatchObject({
				status: 'failed',
				failure_reason: 'attempts_exhausted',
				next_attempt_at: null,
			});
		});

		it('treats a timeout and a refused connection as failures and retries them', async () => {
			sandbox.control.configure({ deliveryTimeoutMs: 100 });
			const r = await receiver((n) => (n === 0 ? 'hang' : 200));
			const sub = await subscribe(r.url, ['agent.response']);
			sandbox.control.emitEvent('agent.response');
			await waitFor(
				() => sandbox.control.deliveries({ webhookId: sub.id })[0],
				(d) => d.status === 'delivered',
				3000,
				'delivery',
			);
			const [delivery] = sandbox.control.deliveries({ webhookId: sub.id });
			expect(delivery.attempts[0]).toMatchObject({ attempt: 1, status_code: null });
			expect(delivery.attempts[0].error).toMatch(/100 ms/);
			expect(delivery.attempts[1]).toMatchObject({ attempt: 2, status_code: 200 });

			const closed = await receiver();
			await closed.close();
			const dead = await subscribe(closed.url, ['conversation.started']);
			sandbox.control.emitEvent('conversation.started');
			await waitFor(
				() => sandbox.control.deliveries({ webhookId: dead.id })[0],
				(d) => d?.attempts.length >= 2,
				3000,
				'retries',
			);
			expect(sandbox.control.deliveries({ webhookId: dead.id })[0].attempts[0].error).toMatch(
				/ECONNREFUSED/,
			);
		});

		it('disables the subscription on 410 Gone and stops attempting', async () => {
			const r = await receiver(() => 410);
			const sub = await subscribe(r.url, ['agent.response']);
			sandbox.control.emitEvent('agent.response');
			await sandbox.control.waitForDeliveries();
			expect(r.requests).toHaveLength(1);
			const webhook = (await api.get(`/webhooks/${sub.id}`)).body;
			expect(webhook.status).toBe('disabled');
			expect(webhook.disabled_reason).toMatch(/410/);
			expect(sandbox.control.deliveries({ webhookId: sub.id })[0]).toMatchObject({
				status: 'failed',
				failure_reason: 'endpoint_gone',
			});

			sandbox.control.emitEvent('agent.response');
			await sleep(50);
			expect(r.requests).toHaveLength(1);
			expect(sandbox.control.deliveries({ webhookId: sub.id })).toHaveLength(1);
		});

		it('stops retrying when the subscription is deleted', async () => {
			const r = await receiver(() => 500);
			const sub = await subscribe(r.url, ['agent.response']);
			sandbox.control.emitEvent('agent.response');
			await waitFor(
				() => r.requests,
				(list) => list.length >= 2,
				3000,
				'two attempts',
			);
			await api.delete(`/webhooks/${sub.id}`);
			await sandbox.control.waitForDeliveries(5000);
			const [delivery] = sandbox.control.deliveries({ webhookId: sub.id });
			expect(delivery).toMatchObject({ status: 'failed', failure_reason: 'subscription_deleted' });
			expect(r.requests.length).toBeLessThanOrEqual(3);
		});
	});

	describe('delivery faults', () => {
		it('duplicateDeliveryRate sends the same message twice (same webhook-id)', async () => {
			sandbox.control.configure({ faults: { duplicateDeliveryRate: 1 } });
			const r = await receiver();
			const sub = await subscribe(r.url, ['agent.response']);
			const event = sandbox.control.emitEvent('agent.response');
			await waitFor(
				() => r.requests,
				(list) => list.length === 2,
				3000,
				'two copies',
			);
			expect(r.requests.map((q) => q.headers['webhook-id'])).toEqual([event.id, event.id]);
			const verifier = new Webhook(sub.secret);
			for (const q of r.requests)
				expect(verifier.verify(q.body, q.headers as Record<string, string>)).toEqual(event);
			await sandbox.control.waitForDeliveries();
			expect(
				sandbox.control.deliveries({ webhookId: sub.id })[0].attempts.map((a) => a.duplicate),
			).toEqual([false, true]);
		});

		it('outOfOrderDeliveries lets later events arrive first', async () => {
			sandbox.control.configure({
				faults: { outOfOrderDeliveries: true, outOfOrderDelayMs: 150, seed: 7 },
			});
			const r = await receiver();
			await subscribe(r.url, ['integration.status_updated']);
			const emitted = [];
			for (let i = 0; i < 8; i++) {
				emitted.push(
					sandbox.control.emitEvent('integration.status_updated', {
						integration: `crm-${i}`,
						status: 'connected',
						message: 'ok',
					}).id,
				);
			}
			await waitFor(
				() => r.requests,
				(list) => list.length === 8,
				3000,
				'eight deliveries',
			);
			const arrived = r.requests.map((q) => q.headers['webhook-id']);
			expect([...arrived].sort()).toEqual([...emitted].sort());
			expect(arrived).not.toEqual(emitted);

			// Without the fault, events emitted one after another arrive in order.
			sandbox.control.configure({ faults: { outOfOrderDeliveries: false } });
			const ordered = await receiver();
			await subscribe(ordered.url, ['agent.response']);
			const inOrder = [];
			for (let i = 0; i < 3; i++) {
				inOrder.push(sandbox.control.emitEvent('agent.response').id);
				await waitFor(
					() => ordered.requests,
					(list) => list.length === i + 1,
					3000,
					'delivery',
				);
			}
			expect(ordered.requests.map((q) => q.headers['webhook-id'])).toEqual(inOrder);
		});
	});
});
