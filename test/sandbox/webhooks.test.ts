import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { startSandbox, type RunningSandbox } from './server';
import { Api, schemaErrors, startReceiver, waitFor, type Receiver } from './test-helpers';

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
		const created = await api.post('/webhooks', { url: receiver.url, events: ['conversation.started'] });
		expect(created.status).toBe(201);
		expect(schemaErrors('WebhookSubscriptionCreated', created.body)).toEqual([]);
		expect(created.body).toMatchObject({ url: receiver.url, status: 'active', disabled_reason: null, description: '' });
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
		const created = await api.post('/webhooks', { url: receiver.url, events: ['agent.response'], secret: OWN_SECRET });
		expect(created.body.secret).toBe(OWN_SECRET);
		for (const secret of ['plain', `whsec_${Buffer.alloc(16).toString('base64')}`, 'whsec_***']) {
			const answer = await api.post('/webhooks', { url: receiver.url, events: ['agent.response'], secret });
			expect(answer.status, secret).toBe(422);
			expect(answer.body.error.field).toBe('secret');
		}
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
		expect((await api.get(`/webhooks/${a.body.id}`)).body).toMatchObject({ status: 'disabled', disabled_reason: 'Testing' });
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
		const twin = await api.post('/webhooks', { ...body, events: ['conversation.started', 'agent.response'] });
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

		const [request] = await waitFor(() => receiver.requests, (r) => r.length === 1, 3000, 'the test delivery');
		const verified = new Webhook(target.body.secret).verify(request.body, request.headers as Record<string, string>);
		expect(verified).toEqual(answer.body.event);
		expect(request.headers['webhook-id']).toBe(answer.body.event.id);

		const typed = await api.post(`/webhooks/${target.body.id}/test`, { event_type: 'integration.status_updated' });
		expect(schemaErrors('IntegrationStatusUpdatedEvent', typed.body.event)).toEqual([]);
		await waitFor(() => receiver.requests, (r) => r.length === 2, 3000, 'the second test delivery');
		expect(await sandbox.control.waitForDeliveries(2000)).toBe(true);
		expect(bystander.requests).toHaveLength(0);
		await bystander.close();

		const wrongType = await api.post(`/webhooks/${target.body.id}/test`, { event_type: 'nope' });
		expect(wrongType.body.error.field).toBe('event_type');
		expect((await api.post('/webhooks/wh_missing/test')).status).toBe(404);
	});
});
