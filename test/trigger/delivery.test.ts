import { Webhook } from 'standardwebhooks';
import type { INodeParameters } from 'n8n-workflow';
import { afterEach, describe, expect, it } from 'vitest';

import { fingerprintDelivery, readPersistedLedger } from '../../nodes/WorkfluxTrigger/dedupe';
import { useTriggerSandbox } from './support/use-trigger-sandbox';
import { TriggerHost } from '../harness/trigger-host';

/**
 * Deliveries from the sandbox (signed by it, per Standard Webhooks) into the trigger's webhook()
 * running in n8n-core's WebhookContext, and the workflow run that follows.
 */

const { env, workflux } = useTriggerSandbox();
let host: TriggerHost;

async function startHost(parameters: INodeParameters, staticData?: Record<string, unknown>) {
	host = await TriggerHost.start({
		credentialsHelper: env.credentialsHelper,
		parameters,
		staticData: staticData as never,
	});
	await host.activate();
	const [subscription] = await workflux.subscriptions();
	return subscription;
}

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
		body: typeof body === 'string' ? body : new Uint8Array(body),
	});
	await host.settle();
	return response.status;
}

/** The delivery ids the saved ledger holds, as fingerprints. */
function savedFingerprints(): string[] {
	const saved = readPersistedLedger(host.staticData.deliveryLedger);
	const runs = (saved?.buckets ?? []).map(([, run]) => run).join('');
	return runs.match(/.{11}/g) ?? [];
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
		expect(savedFingerprints()).toEqual([fingerprintDelivery(delivery.event_id)]);
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
		expect(savedFingerprints()).toEqual([fingerprintDelivery(delivery.event_id)]);
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

/** A signed event of our own (as WorkFlux would send it), for bursts the sandbox cannot time. */
function ownEvent(id: string) {
	return JSON.stringify({
		id,
		type: 'agent.response',
		created_at: new Date().toISOString(),
		data: { conversation_id: 'conv_1', agent_id: 'agt_1', message: { content: `Reply ${id}` } },
	});
}

/** The secret WorkFlux signs with: the trigger derives it and keeps none in static data. */
async function registeredSecret(): Promise<string> {
	const [{ secret }] = await workflux.subscriptions();
	return secret;
}

async function send(id: string): Promise<{ status: number; body: string }> {
	const secret = await registeredSecret();
	const body = ownEvent(id);
	const response = await fetch(host.productionUrl, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...signedHeaders(secret, id, body) },
		body,
	});
	return { status: response.status, body: await response.text() };
}

function runIds(): string[] {
	return host.executions.map((e) =>
		String((e.items[0].delivery as { webhook_id: string }).webhook_id),
	);
}

describe('redeliveries under concurrency', () => {
	it('runs 10 different deliveries sent at once, and none of them again when each is redelivered', async () => {
		await startHost({ events: ['agent.response'] });
		const ids = Array.from({ length: 10 }, (_, i) => `evt_burst_${i}`);
		const first = await Promise.all(ids.map(send));
		expect(first.map((r) => r.status)).toEqual(ids.map(() => 200));
		await host.settle();
		expect(runIds().sort()).toEqual([...ids].sort());

		for (const id of ids) {
			const again = await send(id);
			expect(again.status).toBe(200);
			expect(JSON.parse(again.body)).toEqual({ received: true, ignored: 'redelivery' });
		}
		await host.settle();
		expect(host.executions).toHaveLength(10);
		expect(savedFingerprints().sort()).toEqual(ids.map(fingerprintDelivery).sort());
	});

	it('runs the same id sent 5 times at once only once; copies still in flight are asked to retry', async () => {
		await startHost({ events: ['agent.response'] });
		host.takeRunDelayMs = 150;
		const answers = await Promise.all(Array.from({ length: 5 }, () => send('evt_same')));
		await host.settle();
		expect(runIds()).toEqual(['evt_same']);
		const ran = answers.filter((a) => a.status === 200 && !a.body.includes('ignored'));
		expect(ran).toHaveLength(1);
		expect(JSON.parse(ran[0].body)).toEqual({ received: true });
		// While the first copy is being handed over no other copy may get a 2xx (that first one could
		// still fail); 409 makes WorkFlux retry.
		const others = answers.filter((a) => a !== ran[0]);
		for (const other of others) expect(other.status).toBe(409);
		expect(JSON.parse(others[0].body)).toMatchObject({ error: 'delivery_in_progress' });
		// Later copies are plain redeliveries.
		expect(JSON.parse((await send('evt_same')).body)).toEqual({
			received: true,
			ignored: 'redelivery',
		});
	});

	it('forgets a delivery n8n could not start (5xx), so the retry runs it', async () => {
		await startHost({ events: ['agent.response'] });
		host.failToStartRuns = true;
		host.takeRunDelayMs = 100;
		const [failed, copy] = await Promise.all([send('evt_flaky'), send('evt_flaky')]);
		expect(failed.status).toBe(500);
		expect(copy.status).toBe(409);
		await host.settle();
		expect(host.executions).toHaveLength(0);
		expect(savedFingerprints()).toEqual([]);

		host.failToStartRuns = false;
		host.takeRunDelayMs = 0;
		expect((await send('evt_flaky')).status).toBe(200);
		await host.settle();
		expect(runIds()).toEqual(['evt_flaky']);
		expect(JSON.parse((await send('evt_flaky')).body)).toMatchObject({ ignored: 'redelivery' });
	});

	it('keeps a delivery whose sender hung up before the answer: n8n still runs it, and only once', async () => {
		await startHost({ events: ['agent.response'] });
		host.takeRunDelayMs = 400;
		const secret = await registeredSecret();
		const body = ownEvent('evt_hung_up');
		const gaveUp = fetch(host.productionUrl, {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				...signedHeaders(secret, 'evt_hung_up', body),
			},
			body,
			// WorkFlux gives up waiting (its timeout) while n8n is still setting up the run.
			signal: AbortSignal.timeout(100),
		}).catch((error: Error) => error.name);
		expect(await gaveUp).toBe('TimeoutError');
		// WorkFlux's retry comes while n8n is still busy with the first copy: not a 2xx, not a run.
		expect((await send('evt_hung_up')).status).toBe(409);
		await host.settle();
		expect(runIds()).toEqual(['evt_hung_up']);
		host.takeRunDelayMs = 0;
		expect(JSON.parse((await send('evt_hung_up')).body)).toMatchObject({ ignored: 'redelivery' });
		await host.settle();
		expect(runIds()).toEqual(['evt_hung_up']);
	});

	it('runs nothing for a redelivery after a restart: the saved ledger is read back', async () => {
		await startHost({ events: ['agent.response'] });
		for (const id of ['evt_r1', 'evt_r2', 'evt_r3']) expect((await send(id)).status).toBe(200);
		await host.settle();
		const saved = host.staticData;
		await host.deactivate();
		await host.close();

		// A new process: empty memory, the database's static data (a new host is a new workflow id,
		// so nothing in this test process's ledger registry applies to it).
		await startHost({ events: ['agent.response'] }, { deliveryLedger: saved.deliveryLedger });
		expect((await send('evt_r2')).body).toContain('redelivery');
		expect((await send('evt_r4')).status).toBe(200);
		await host.settle();
		expect(runIds()).toEqual(['evt_r4']);
	});

	it('takes over the ids remembered by earlier versions (a plain list) and drops that list', async () => {
		await startHost(
			{ events: ['agent.response'] },
			{ seenDeliveryIds: ['evt_old_1', 'evt_old_2'] },
		);
		expect((await send('evt_old_1')).body).toContain('redelivery');
		expect((await send('evt_new')).status).toBe(200);
		await host.settle();
		expect(runIds()).toEqual(['evt_new']);
		expect(host.staticData.seenDeliveryIds).toBeUndefined();
		expect(savedFingerprints().sort()).toEqual(
			['evt_old_1', 'evt_old_2', 'evt_new'].map(fingerprintDelivery).sort(),
		);
	});
});
