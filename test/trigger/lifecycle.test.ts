import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { useTriggerSandbox } from './support/use-trigger-sandbox';
import { TriggerHost } from '../harness/trigger-host';

/**
 * The trigger's subscription lifecycle against the sandbox, driven the way n8n's CLI drives it
 * (see support/trigger-host.ts): what must exist at WorkFlux after each step.
 */

const { env, workflux } = useTriggerSandbox();
let host: TriggerHost;

beforeEach(async () => {
	host = await TriggerHost.start({
		credentialsHelper: env.credentialsHelper,
		parameters: { events: ['conversation.started', 'agent.response'] },
	});
});

afterEach(async () => {
	await host?.close();
	expect(host.errors).toEqual([]);
});

describe('production activation', () => {
	it('gives exactly one subscription, for the production URL and the chosen events', async () => {
		await host.activate();

		const subscriptions = await workflux.subscriptions();
		expect(subscriptions).toHaveLength(1);
		expect(subscriptions[0]).toMatchObject({
			url: host.productionUrl,
			status: 'active',
		});
		expect(subscriptions[0].events.slice().sort()).toEqual([
			'agent.response',
			'conversation.started',
		]);
		expect(host.staticData).toMatchObject({
			webhookId: subscriptions[0].id,
			webhookUrl: host.productionUrl,
			webhookEvents: ['agent.response', 'conversation.started'],
		});
		// The secret WorkFlux signs with is strong and derived; static data keeps a salt and a fingerprint only.
		expect(subscriptions[0].secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
		expect(Object.keys(host.staticData).sort()).toEqual([
			'secretFingerprint',
			'secretSalt',
			'webhookEvents',
			'webhookId',
			'webhookUrl',
		]);
	});

	it('keeps the same subscription when n8n starts again with the workflow active', async () => {
		await host.activate();
		const [first] = await workflux.subscriptions();
		await host.activate('init');
		await host.activate('init');
		const subscriptions = await workflux.subscriptions();
		expect(subscriptions.map((s) => s.id)).toEqual([first.id]);
	});

	it('leaves no subscription and no stored id after deactivation', async () => {
		await host.activate();
		await host.deactivate();
		expect(await workflux.subscriptions()).toEqual([]);
		expect(host.staticData).toEqual({});
	});

	it('recreates a subscription that was deleted on the WorkFlux side', async () => {
		await host.activate();
		const [original] = await workflux.subscriptions();
		await workflux.api('DELETE', `/webhooks/${original.id}`);
		expect(await workflux.subscriptions()).toEqual([]);

		await host.activate('init');

		const subscriptions = await workflux.subscriptions();
		expect(subscriptions).toHaveLength(1);
		expect(subscriptions[0].id).not.toBe(original.id);
		expect(subscriptions[0].url).toBe(host.productionUrl);
		expect(host.staticData.webhookId).toBe(subscriptions[0].id);
	});

	it('replaces the subscription when the chosen events change', async () => {
		await host.activate();
		const [original] = await workflux.subscriptions();

		// The workflow was edited while n8n still held the old subscription (e.g. restart after an edit).
		host.parameters = { events: ['conversation.completed'] };
		await host.activate('init');

		const subscriptions = await workflux.subscriptions();
		expect(subscriptions).toHaveLength(1);
		expect(subscriptions[0].id).not.toBe(original.id);
		expect(subscriptions[0].events).toEqual(['conversation.completed']);
	});

	it('subscribes to every event for "All Events"', async () => {
		host.parameters = { events: ['*'] };
		await host.activate();
		const [subscription] = await workflux.subscriptions();
		expect(subscription.events.slice().sort()).toEqual([
			'agent.response',
			'conversation.completed',
			'conversation.escalated',
			'conversation.started',
			'integration.status_updated',
		]);
	});

	it('leaves zero subscriptions after 20 activate/deactivate cycles', async () => {
		for (let cycle = 0; cycle < 20; cycle++) {
			await host.activate();
			expect(await workflux.subscriptions()).toHaveLength(1);
			await host.deactivate();
		}
		expect(await workflux.subscriptions()).toEqual([]);
	});

	it('never deletes a subscription it did not create, even to the same URL', async () => {
		const foreign = await workflux.api<{ id: string }>('POST', '/webhooks', {
			url: host.productionUrl,
			events: ['agent.response'],
			description: 'made by someone else',
		});
		await host.activate();
		expect(await workflux.subscriptions()).toHaveLength(2);
		await host.deactivate();
		expect((await workflux.subscriptions()).map((s) => s.id)).toEqual([foreign.id]);
	});

	it('does not pretend a failed delete worked, and cleans up on the next activation', async () => {
		await host.activate();
		const [subscription] = await workflux.subscriptions();
		await workflux.configure({
			faults: { error5xxRate: 1, error5xxPhase: 'before', match: { method: 'DELETE' } },
		});

		await expect(host.deactivate()).rejects.toThrow();
		expect(host.staticData.webhookId).toBe(subscription.id);
		expect(await workflux.subscriptions()).toHaveLength(1);

		await workflux.configure({ faults: { error5xxRate: 0 } });
		await host.activate();
		expect((await workflux.subscriptions()).map((s) => s.id)).toEqual([subscription.id]);
		await host.deactivate();
		expect(await workflux.subscriptions()).toEqual([]);
	});
});

describe('listening for a test event', () => {
	it('owns its own subscription next to production, and both stops leave nothing', async () => {
		host.parameters = { events: ['agent.response'], options: { sendSampleEvent: false } };
		await host.activate();
		await host.listenForTest();

		const both = await workflux.subscriptions();
		expect(both.map((s) => s.url).sort()).toEqual([host.productionUrl, host.testUrl].sort());
		// Production's stored subscription is untouched by the test listener.
		expect(host.staticData.webhookUrl).toBe(host.productionUrl);

		await host.stopListening();
		expect((await workflux.subscriptions()).map((s) => s.url)).toEqual([host.productionUrl]);
		await host.deactivate();
		expect(await workflux.subscriptions()).toEqual([]);
	});

	it('leaves nothing when production stops first and the test listener after', async () => {
		host.parameters = { events: ['agent.response'], options: { sendSampleEvent: false } };
		await host.activate();
		await host.listenForTest();
		await host.deactivate();
		expect((await workflux.subscriptions()).map((s) => s.url)).toEqual([host.testUrl]);
		await host.stopListening();
		expect(await workflux.subscriptions()).toEqual([]);
	});

	it('asks WorkFlux for a sample event, runs once with it, then stops listening', async () => {
		await host.listenForTest();

		const [execution] = await host.waitForExecutions(1);
		expect(execution.mode).toBe('manual');
		expect(execution.items).toHaveLength(1);
		expect(['conversation.started', 'agent.response']).toContain(execution.items[0].type);
		// n8n stops the test listener after one execution; its subscription goes with it.
		expect(host.testRegistration).toBeUndefined();
		expect(await workflux.subscriptions()).toEqual([]);
	});

	it('does not ask for a sample event in production', async () => {
		await host.activate();
		await host.settle();
		expect(await workflux.deliveries()).toEqual([]);
		expect(host.executions).toEqual([]);
	});
});
