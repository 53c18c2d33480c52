/* eslint-disable @n8n/community-nodes/no-restricted-globals */
import { randomUUID } from 'node:crypto';

import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { WebhookSubscription } from '../sandbox/types';
import { nodeOutput, type ExecutionSummary } from './support/n8n-client';
import { openSession, type E2eSession } from './support/session';
import { triggerWorkflow } from './support/workflows';

/**
 * The WorkFlux Trigger in a real, published n8n workflow: the sandbox (same machine) delivers its signed
 * events to n8n's production webhook URL on 127.0.0.1.
 */

const EVENT_TYPES = [
	'conversation.started',
	'conversation.completed',
	'conversation.escalated',
	'agent.response',
	'integration.status_updated',
];

const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

let session: E2eSession;
let workflowId: string;
/** Subscriptions pointing at this workflow's webhook URL (the sandbox may hold others from other files). */
let ours: () => Promise<WebhookSubscription[]>;

async function executions(): Promise<ExecutionSummary[]> {
	return await session.n8n.listExecutions(workflowId);
}

/** Waits until the workflow has `count` finished executions (and no more arrive for a moment). */
async function waitForExecutions(count: number, timeoutMs = 30_000): Promise<ExecutionSummary[]> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const list = await executions();
		const finished = list.filter((e) => e.status !== 'running' && e.status !== 'new');
		if (finished.length >= count) {
			// A duplicate run would come right after; give it the chance to show up.
			await sleep(1_500);
			return await executions();
		}
		if (Date.now() > deadline) {
			throw new Error(`Expected ${count} executions, have ${list.length}: ${JSON.stringify(list)}`);
		}
		await sleep(250);
	}
}

/** A delivery we sign ourselves, as WorkFlux would (or as an attacker would, with the wrong key). */
async function deliver(
	url: string,
	secret: string,
	event: { id: string; type: string; created_at: string; data: unknown },
	options: { tamper?: boolean; attempt?: number } = {},
): Promise<{ status: number; body: string }> {
	const body = JSON.stringify(event);
	const timestamp = new Date();
	const signature = new Webhook(secret).sign(event.id, timestamp, body);
	const response = await fetch(url, {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			'webhook-id': event.id,
			'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
			'webhook-signature': signature,
			'webhook-attempt': String(options.attempt ?? 1),
			'user-agent': 'WorkFlux-Webhooks/1',
		},
		// A changed byte after signing: what a man in the middle would send.
		body: options.tamper ? body.replace('"data":{', '"data":{"injected":true,') : body,
	});
	return { status: response.status, body: await response.text() };
}

describe('WorkFlux Trigger in a published workflow', () => {
	beforeAll(async () => {
		session = await openSession();
		await session.sandbox.reset();
		const workflow = await session.n8n.createWorkflow(
			triggerWorkflow(session.ctx.credential, { name: 'E2E trigger: every event' }),
		);
		workflowId = workflow.id;
		const webhookId = workflow.nodes[0].webhookId;
		const url = `${session.ctx.n8nUrl}/webhook/${webhookId}/webhook`;
		ours = async () => (await session.sandbox.webhooks()).filter((w) => w.url === url);
	});

	afterAll(async () => {
		await session?.n8n.unpublish(workflowId).catch(() => undefined);
	});

	it('subscribes to every event type at n8n’s production URL when published', async () => {
		await session.n8n.publish(workflowId);
		const subscriptions = await ours();
		expect(subscriptions).toHaveLength(1);
		expect(subscriptions[0].status).toBe('active');
		expect([...subscriptions[0].events].sort()).toEqual([...EVENT_TYPES].sort());
		expect(subscriptions[0].url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/webhook\//);
	});

	it('shows workflow readers no usable signing secret (issue 10, point 8)', async () => {
		const [subscription] = await ours();
		const secret = (subscription as WebhookSubscription & { secret: string }).secret;
		// What anyone who can open the workflow gets from n8n's API, static data included.
		const stored = (await session.n8n.getWorkflow(workflowId)) as unknown as {
			staticData?: Record<string, Record<string, unknown>>;
		};
		const triggerData = stored.staticData?.['node:WorkFlux Trigger'];
		expect(triggerData?.webhookId, 'the static data is part of the answer').toBe(subscription.id);
		expect(JSON.stringify(stored)).not.toContain(secret.slice('whsec_'.length));
		for (const [name, value] of Object.entries(triggerData ?? {})) {
			if (typeof value !== 'string') continue;
			const forged = {
				id: `evt_forged_${name}`,
				type: 'conversation.started',
				created_at: new Date().toISOString(),
				data: {},
			};
			const key = `whsec_${Buffer.from(value, 'utf8').toString('base64')}`;
			expect((await deliver(subscription.url, key, forged)).status, name).toBe(401);
		}
	});

	it('runs once per event, for every event type, with the event’s data', async () => {
		const emitted = [];
		for (const type of EVENT_TYPES) emitted.push(await session.sandbox.emitEvent(type));
		expect(await session.sandbox.waitForDeliveries()).toBe(true);
		const [subscription] = await ours();
		const deliveries = await session.sandbox.deliveries({ webhookId: subscription.id });
		for (const event of emitted) {
			const delivery = deliveries.find((d) => d.event_id === event.id);
			expect(delivery?.status, `delivery of ${event.type}`).toBe('delivered');
			expect(delivery?.attempts.map((a) => a.status_code)).toEqual([200]);
		}

		const runs = await waitForExecutions(EVENT_TYPES.length);
		expect(runs).toHaveLength(EVENT_TYPES.length);
		const outputs = [];
		for (const run of runs) {
			expect(run.status).toBe('success');
			expect(run.mode).toBe('webhook');
			const details = await session.n8n.getExecution(run.id);
			const items = nodeOutput(details, 'WorkFlux Trigger');
			expect(items).toHaveLength(1);
			outputs.push(items[0].json);
		}
		for (const event of emitted) {
			const matching = outputs.filter((output) => output.id === event.id);
			expect(matching, event.type).toHaveLength(1);
			expect(matching[0]).toMatchObject({ type: event.type, created_at: event.created_at });
			expect(matching[0].data).toEqual(event.data);
			expect(matching[0].delivery).toMatchObject({ webhook_id: event.id, attempt: 1 });
		}
	});

	it('answers 401 to a tampered or wrongly signed delivery and runs nothing', async () => {
		const [subscription] = await ours();
		const secret = (subscription as WebhookSubscription & { secret: string }).secret;
		const before = (await executions()).length;
		const event = {
			id: `evt_${randomUUID().replace(/-/g, '')}`,
			type: 'conversation.started',
			created_at: new Date().toISOString(),
			data: { id: 'conv_forged', status: 'open' },
		};

		const tampered = await deliver(subscription.url, secret, event, { tamper: true });
		expect(tampered.status).toBe(401);
		const otherKey = `whsec_${Buffer.from(randomUUID()).toString('base64')}`;
		const wrongKey = await deliver(subscription.url, otherKey, event);
		expect(wrongKey.status).toBe(401);
		const unsigned = await fetch(subscription.url, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(event),
		});
		expect(unsigned.status).toBe(401);

		await sleep(2_000);
		expect(await executions()).toHaveLength(before);
	});

	it('runs a redelivered event only once (sandbox duplicates and a manual re-send)', async () => {
		const [subscription] = await ours();
		const secret = (subscription as WebhookSubscription & { secret: string }).secret;
		const before = (await executions()).length;

		// The sandbox sends every attempt twice with the same webhook-id.
		await session.sandbox.configure({ faults: { duplicateDeliveryRate: 1, seed: 7 } });
		let duplicated;
		try {
			duplicated = await session.sandbox.emitEvent('agent.response');
			expect(await session.sandbox.waitForDeliveries()).toBe(true);
		} finally {
			await session.sandbox.configure({ faults: { duplicateDeliveryRate: 0 } });
		}
		const [delivery] = await session.sandbox.deliveries({ eventId: duplicated.id });
		expect(delivery.attempts.length).toBeGreaterThanOrEqual(2);
		expect(delivery.attempts.every((a) => a.status_code === 200)).toBe(true);

		// And a retry of an event already delivered (attempt 2 of the same webhook-id).
		const event = {
			id: `evt_${randomUUID().replace(/-/g, '')}`,
			type: 'conversation.completed',
			created_at: new Date().toISOString(),
			data: { id: 'conv_redelivered', status: 'completed' },
		};
		expect((await deliver(subscription.url, secret, event)).status).toBe(200);
		const again = await deliver(subscription.url, secret, event, { attempt: 2 });
		expect(again.status).toBe(200);
		expect(again.body).toContain('redelivery');

		const runs = await waitForExecutions(before + 2);
		expect(runs).toHaveLength(before + 2);
	});

	it('removes its subscription when unpublished', async () => {
		await session.n8n.unpublish(workflowId);
		expect(await ours()).toEqual([]);
	});

	it('leaves no subscription behind after 20 publish/unpublish rounds', async () => {
		for (let round = 0; round < 20; round++) {
			await session.n8n.publish(workflowId);
			const active = await ours();
			expect(active, `round ${round + 1}`).toHaveLength(1);
			expect(active[0].status).toBe('active');
			await session.n8n.unpublish(workflowId);
		}
		expect(await ours()).toEqual([]);
		expect(
			(await session.sandbox.webhooks()).filter((w) => w.url.startsWith(session.ctx.n8nUrl)),
		).toEqual([]);
	});
});
