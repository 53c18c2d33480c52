import { createHmac } from 'node:crypto';

import type { IDataObject } from 'n8n-workflow';
import { Webhook } from 'standardwebhooks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { TriggerHost } from '../harness/trigger-host';
import { CREDENTIAL_ID } from '../support/workflows';
import { useTriggerSandbox } from './support/use-trigger-sandbox';

/**
 * Issue 10, point 8: people who can read the workflow (and so its static data) cannot forge
 * deliveries; a rotated client secret is noticed and the subscription re-keyed on the next
 * activation; static data from older versions (a plain secret) keeps working until then.
 */

const { env, workflux } = useTriggerSandbox();
let host: TriggerHost;

beforeEach(async () => {
	host = await TriggerHost.start({
		credentialsHelper: env.credentialsHelper,
		parameters: { events: ['agent.response'] },
	});
});

afterEach(async () => {
	await host?.deactivate();
	await host?.close();
	setClientSecret('demo-secret');
});

/** Rotates the client secret in WorkFlux and in the n8n credential, as a user would. */
function setClientSecret(secret: string) {
	env.sandbox.control.setClientSecret('demo-client', secret);
	const credential = env.credentialsHelper.store.get(CREDENTIAL_ID)!;
	credential.data = { ...credential.data, clientSecret: secret };
}

async function post(body: string, headers: Record<string, string>) {
	const response = await fetch(host.productionUrl, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body,
	});
	await host.settle();
	return response.status;
}

/** Headers of a delivery signed with raw key bytes, the way a forger holding those bytes would. */
function signedWithKey(key: Buffer, id: string, body: string) {
	const timestamp = String(Math.floor(Date.now() / 1000));
	const signature = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
	return {
		'webhook-id': id,
		'webhook-timestamp': timestamp,
		'webhook-signature': `v1,${signature}`,
	};
}

/** Every string in the static data, and every key a forger could make of it. */
function keysAForgerCouldTry(staticData: IDataObject): Buffer[] {
	const strings = JSON.stringify(staticData).match(/"(?:[^"\\]|\\.)*"/g) ?? [];
	return strings.flatMap((quoted) => {
		const text = JSON.parse(quoted) as string;
		const bare = text.replace(/^whsec_/, '');
		return [Buffer.from(text, 'utf8'), Buffer.from(bare, 'base64'), Buffer.from(bare, 'base64url')];
	});
}

function event(id: string) {
	return JSON.stringify({
		id,
		type: 'agent.response',
		created_at: new Date().toISOString(),
		data: { conversation_id: 'conv_1', agent_id: 'agt_1', message: { content: 'forged' } },
	});
}

describe('what workflow readers can see', () => {
	it('holds no secret: a delivery signed with anything in static data gets 401, WorkFlux deliveries run', async () => {
		await host.activate();
		const saved = host.staticData;
		const [subscription] = await workflux.subscriptions();
		expect(JSON.stringify(saved)).not.toContain(subscription.secret.slice('whsec_'.length));

		const candidates = keysAForgerCouldTry(saved);
		// Keys and values alike: id, url, event, salt, fingerprint and the key names, each read three ways.
		expect(candidates.length).toBeGreaterThanOrEqual(30);
		for (const [index, key] of candidates.entries()) {
			const body = event(`evt_forged_${index}`);
			expect(await post(body, signedWithKey(key, `evt_forged_${index}`, body)), String(index)).toBe(
				401,
			);
		}

		// The same request signed with the secret WorkFlux holds passes: the forgeries failed on the key alone.
		const genuine = event('evt_genuine');
		const key = Buffer.from(subscription.secret.slice('whsec_'.length), 'base64');
		expect(await post(genuine, signedWithKey(key, 'evt_genuine', genuine))).toBe(200);

		await workflux.emit('agent.response');
		const [delivery] = await workflux.waitForDeliveries((all) => all[0]?.status === 'delivered');
		expect(delivery.attempts.map((a) => a.status_code)).toEqual([200]);
		expect(host.executions).toHaveLength(2);
	});

	it('reads the credential once per subscription, not once per (forged) delivery', async () => {
		await host.activate();
		await workflux.emit('agent.response');
		await host.waitForExecutions(1);
		await workflux.waitForDeliveries((all) => all[0]?.status === 'delivered');

		const helper = env.credentialsHelper;
		const getDecrypted = helper.getDecrypted.bind(helper);
		let reads = 0;
		helper.getDecrypted = async (...args: Parameters<typeof getDecrypted>) => {
			reads++;
			return await getDecrypted(...args);
		};
		try {
			const key = Buffer.alloc(32, 3);
			for (let i = 0; i < 20; i++) {
				const body = event(`evt_flood_${i}`);
				expect(await post(body, signedWithKey(key, `evt_flood_${i}`, body))).toBe(401);
			}
		} finally {
			helper.getDecrypted = getDecrypted;
		}
		expect(reads).toBe(0);
	});

	it('keeps test listening and production on different secrets', async () => {
		host.parameters = { events: ['agent.response'], options: { sendSampleEvent: false } };
		await host.activate();
		await host.listenForTest();
		const secrets = (await workflux.subscriptions()).map((s) => s.secret);
		expect(new Set(secrets).size).toBe(2);
		await host.stopListening();
	});
});

describe('a rotated client secret', () => {
	it('is noticed on the next activation, which re-keys the same subscription; refused deliveries then arrive', async () => {
		await host.activate();
		const [before] = await workflux.subscriptions();
		const saltBefore = host.staticData.secretSalt;

		setClientSecret('rotated-secret');
		await workflux.emit('agent.response');
		const [refused] = await workflux.waitForDeliveries(
			(all) => (all[0]?.attempts.length ?? 0) >= 1,
		);
		expect(refused.attempts[0].status_code).toBe(401);
		expect(host.executions).toEqual([]);

		await host.activate('init'); // n8n restarting, or the user deactivating and activating
		const [after] = await workflux.subscriptions();
		expect(after.id).toBe(before.id);
		expect(after.secret).not.toBe(before.secret);
		expect(host.staticData.secretSalt).not.toBe(saltBefore);

		// WorkFlux's next retry of the refused delivery is signed with the new secret and runs.
		const [retried] = await workflux.waitForDeliveries(
			(all) => all[0]?.status === 'delivered',
			15_000,
		);
		expect(retried.attempts.at(-1)?.status_code).toBe(200);
		await host.waitForExecutions(1);
		expect(host.executions).toHaveLength(1);

		// Nothing changed since: the next activation keeps the key.
		const saltNow = host.staticData.secretSalt;
		await host.activate('init');
		expect(host.staticData.secretSalt).toBe(saltNow);
		expect((await workflux.subscriptions())[0].secret).toBe(after.secret);
	});
});

describe('static data from versions that stored the secret in plain text', () => {
	/** Turns the saved static data into what version 0.1.0 saved: the plain secret, no salt. */
	async function downgradeStaticData() {
		const [subscription] = await workflux.subscriptions();
		const all = JSON.parse(host.savedStaticData) as Record<string, IDataObject>;
		const node = all['node:WorkFlux Trigger'];
		delete node.secretSalt;
		delete node.secretFingerprint;
		node.webhookSecret = subscription.secret;
		host.savedStaticData = JSON.stringify(all);
		return subscription;
	}

	it('still verify deliveries until the next activation, which replaces the plain secret', async () => {
		await host.activate();
		const old = await downgradeStaticData();

		const body = event('evt_before_upgrade');
		const headers = () => {
			const at = new Date();
			return {
				'webhook-id': 'evt_before_upgrade',
				'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
				'webhook-signature': new Webhook(old.secret).sign('evt_before_upgrade', at, body),
			};
		};
		expect(await post(body, headers())).toBe(200);

		await host.activate('init');
		expect(host.staticData.webhookSecret).toBeUndefined();
		expect(host.staticData.secretSalt).toEqual(expect.any(String));
		const [now] = await workflux.subscriptions();
		expect(now.id).toBe(old.id);
		expect(now.secret).not.toBe(old.secret);

		// The secret that was readable is worthless now; WorkFlux's own deliveries still run.
		const replay = event('evt_after_upgrade');
		const replayHeaders = signedWithKey(
			Buffer.from(old.secret.slice('whsec_'.length), 'base64'),
			'evt_after_upgrade',
			replay,
		);
		expect(await post(replay, replayHeaders)).toBe(401);
		await workflux.emit('agent.response');
		await workflux.waitForDeliveries((all) => all[0]?.status === 'delivered');
		expect(host.executions).toHaveLength(2);
	});
});
