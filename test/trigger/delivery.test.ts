import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { createEnvironment, type TestEnvironment } from '../support/environment';
import { SandboxClient } from './support/sandbox-client';
import { TriggerHost } from '../harness/trigger-host';

/**
 * Deliveries from the sandbox (signed by it, per Standard Webhooks) into the trigger's webhook()
 * running in n8n-core's WebhookContext, and the workflow run that follows.
 */

let env: TestEnvironment;
let workflux: SandboxClient;
let host: TriggerHost;

beforeAll(async () => {
	env = await createEnvironment();
	workflux = new SandboxClient(env.sandbox.origin);
});

afterAll(async () => {
	await env?.close();
});

async function startHost(parameters: Record<string, unknown>) {
	host = await TriggerHost.start({ credentialsHelper: env.credentialsHelper, parameters });
	await host.activate();
	const [subscription] = await workflux.subscriptions();
	return subscription;
}

beforeEach(async () => {
	await workflux.reset();
	await workflux.configure({ retryTimeScale: 0.001 });
});

afterEach(async () => {
	await host?.deactivate();
	await host?.close();
	expect(host.errors).toEqual([]);
});

/** POSTs a body to the production URL with Standard Webhooks headers, as a sender would. */
async function post(body: string | Buffer, headers: Record<string, string>) {
	const response = await fetch(host.productionUrl, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body,
	});
	await host.settle();
	return response.status;
}

function signedHeaders(secret: string, id: string, body: string, at = new Date()) {
	return {
		'webhook-id': id,
		'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
		'webhook-signature': new Webhook(secret).sign(id, at, body),
		'webhook-attempt': '1',
	};
}

describe('a delivery from WorkFlux', () => {
	it('runs the workflow with the event, exactly as signed, plus delivery metadata', async () => {
		const subscription = await startHost({ events: ['conversation.started'] });
		await workflux.emit('conversation.started');

		const [execution] = await host.waitForExecutions(1);
		const [delivery] = await workflux.waitForDeliveries((all) =>
			all.every((d) => d.status === 'delivered'),
		);
		expect(delivery.webhook_id).toBe(subscription.id);
		expect(delivery.attempts.map((a) => a.status_code)).toEqual([200]);

		expect(execution.mode).toBe('webhook');
		expect(execution.run.status).toBe('success');
		const sent = JSON.parse(delivery.body) as Record<string, unknown>;
		const [item] = execution.items;
		const { delivery: metadata, ...event } = item as Record<string, unknown> & {
			delivery: Record<string, unknown>;
		};
		expect(event).toEqual(sent);
		expect(metadata).toMatchObject({ webhook_id: sent.id, attempt: 1 });
		expect(Date.parse(String(metadata.received_at))).not.toBeNaN();
		// The next node got the same item.
		expect(
			execution.run.data.resultData.runData['No Operation'][0].data?.main[0]?.[0].json,
		).toEqual(item);
	});

	it('adds the request headers when "Include Headers" is on', async () => {
		await startHost({ events: ['agent.response'], options: { includeHeaders: true } });
		await workflux.emit('agent.response');
		const [execution] = await host.waitForExecutions(1);
		expect(execution.items[0].headers).toMatchObject({
			'content-type': 'application/json',
			'user-agent': 'WorkFlux-Webhooks/1',
			'webhook-attempt': '1',
		});
	});

	it('runs once when WorkFlux delivers the same event twice', async () => {
		await startHost({ events: ['conversation.completed'] });
		await workflux.configure({ faults: { duplicateDeliveryRate: 1 } });
		await workflux.emit('conversation.completed');

		const [delivery] = await workflux.waitForDeliveries(
			(all) => all.length === 1 && all[0].attempts.length >= 2 && all[0].status !== 'pending',
		);
		await host.settle();
		// Both copies were answered with a 2xx, so WorkFlux stops retrying; only one ran.
		expect(delivery.attempts.map((a) => a.status_code)).toEqual([200, 200]);
		expect(host.executions).toHaveLength(1);
		expect(host.staticData.seenDeliveryIds).toEqual([delivery.event_id]);
	});

	it('runs once for a redelivery that comes after n8n saved and reloaded its static data', async () => {
		await startHost({ events: ['agent.response'] });
		await workflux.emit('agent.response');
		await host.waitForExecutions(1);
		const [delivery] = await workflux.waitForDeliveries((all) => all[0]?.status === 'delivered');

		// The same event again, freshly signed (a later retry carries a new timestamp and signature).
		const [{ secret }] = await workflux.subscriptions();
		expect(await post(delivery.body, signedHeaders(secret, delivery.event_id, delivery.body))).toBe(
			200,
		);
		expect(host.executions).toHaveLength(1);
	});

	it('runs every time when "Ignore Redeliveries" is off', async () => {
		await startHost({ events: ['agent.response'], options: { ignoreRedeliveries: false } });
		await workflux.configure({ faults: { duplicateDeliveryRate: 1 } });
		await workflux.emit('agent.response');
		await workflux.waitForDeliveries((all) => all[0]?.attempts.length === 2);
		await host.settle();
		expect(host.executions).toHaveLength(2);
	});

	it('answers 401 to a tampered delivery and does not run', async () => {
		await startHost({ events: ['agent.response'] });
		await workflux.emit('agent.response');
		await host.waitForExecutions(1);
		const [delivery] = await workflux.waitForDeliveries((all) => all[0]?.status === 'delivered');
		const [{ secret }] = await workflux.subscriptions();

		const headers = signedHeaders(secret, 'evt_tampered', delivery.body);
		// One byte changed inside a string value: still valid JSON, so only the signature can tell.
		const tampered = Buffer.from(delivery.body);
		const at = delivery.body.indexOf('"content":"') + '"content":"'.length;
		tampered[at] = tampered[at] === 0x58 ? 0x59 : 0x58;
		expect(() => JSON.parse(tampered.toString())).not.toThrow();
		expect(await post(tampered, headers)).toBe(401);

		const wrongSecret = 'whsec_' + Buffer.alloc(32, 9).toString('base64');
		expect(
			await post(delivery.body, signedHeaders(wrongSecret, 'evt_other_secret', delivery.body)),
		).toBe(401);

		const stale = new Date(Date.now() - 301_000);
		expect(
			await post(delivery.body, signedHeaders(secret, 'evt_stale', delivery.body, stale)),
		).toBe(401);
		expect(await post(delivery.body, {})).toBe(401);
		expect(host.executions).toHaveLength(1);
		// A refused request is not remembered as seen.
		expect(host.staticData.seenDeliveryIds).toEqual([delivery.event_id]);
	});

	it('answers 200 without running for events of another agent', async () => {
		await startHost({
			events: ['*'],
			agentId: { __rl: true, mode: 'id', value: 'agt_wanted' },
		});
		await workflux.emit('agent.response', {
			conversation_id: 'conv_1',
			agent_id: 'agt_other',
			message: { id: 'msg_1', role: 'agent', content: 'Hello' },
		});
		await workflux.emit('agent.response', {
			conversation_id: 'conv_2',
			agent_id: 'agt_wanted',
			message: { id: 'msg_2', role: 'agent', content: 'Hi' },
		});
		await workflux.emit('integration.status_updated', {
			integration: 'slack',
			status: 'degraded',
			message: 'Slow answers',
		});
		const deliveries = await workflux.waitForDeliveries(
			(all) => all.length === 3 && all.every((d) => d.status === 'delivered'),
		);
		await host.settle();
		expect(deliveries.flatMap((d) => d.attempts.map((a) => a.status_code))).toEqual([
			200, 200, 200,
		]);
		expect(host.executions.map((e) => e.items[0].data)).toEqual([
			expect.objectContaining({ agent_id: 'agt_wanted' }),
			expect.objectContaining({ integration: 'slack' }),
		]);
	});
});
