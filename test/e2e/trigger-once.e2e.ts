/* eslint-disable no-console, @n8n/community-nodes/no-restricted-imports */
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import type { E2eContext } from './support/e2e-context';
import type { N8nClient } from './support/n8n-client';
import { setUpOwner, startN8n, type N8nInstance } from './support/n8n-instance';
import { SandboxHttp } from './support/sandbox-http';
import {
	failedExecutions,
	makeDelivery,
	RunCounter,
	sendDeliveries,
	signedHeaders,
	summarizeRound,
	triggerLoadWorkflow,
	type Delivery,
} from './support/webhook-load';
import { createWorkfluxCredential } from './support/workflux-credential';

/**
 * "Every accepted delivery runs exactly once" in a real n8n 2.41.1, under the conditions that broke
 * it: copies arriving at the same instant, a load of 1,000 deliveries at concurrency 20, the
 * sandbox's duplicate-delivery fault, and an n8n restart. This file starts an n8n of its own (so it
 * can restart it) with the packed package; every run reports its delivery id to a counter.
 */

const ctx: E2eContext = inject('e2e');
let n8n: N8nInstance;
let client: N8nClient;
let counter: RunCounter;
let sandbox: SandboxHttp;
let workflowId: string;
let url: string;
let secret: string;

async function login(): Promise<N8nClient> {
	const session = n8n.client();
	await session.login('owner@workflux.test', 'Workflux-e2e-1');
	return session;
}

/** Generous: the load rounds take a minute or two on an idle machine, much longer on a busy one. */
const LOAD_TIMEOUT_MS = 15 * 60_000;

/** Sends deliveries one after another (each freshly signed) and returns the answers. */
async function sendEach(deliveries: Delivery[]) {
	return (await sendDeliveries(url, secret, deliveries, 1)).answers;
}

function ids(items: Array<{ id: string }>): string[] {
	return items.map((item) => item.id);
}

function isRedeliveryAnswer(answer: { status: number; body: string }) {
	return answer.status === 200 && JSON.parse(answer.body).ignored === 'redelivery';
}

describe('WorkFlux Trigger: every accepted delivery runs exactly once (real n8n)', () => {
	beforeAll(async () => {
		n8n = await startN8n({
			tarball: ctx.tarball,
			logFile: path.join(ctx.resultsDir, 'trigger-once-n8n.log'),
			log: () => undefined,
		});
		const owner = await setUpOwner(n8n);
		const credential = await createWorkfluxCredential(owner, ctx.sandboxBaseUrl);
		counter = await RunCounter.start();
		sandbox = new SandboxHttp(ctx.sandboxOrigin);
		await sandbox.configure({ faults: { duplicateDeliveryRate: 0 } });
		const workflow = await owner.createWorkflow(
			triggerLoadWorkflow(credential, counter.url, 'E2E trigger: exactly once'),
		);
		workflowId = workflow.id;
		await owner.publish(workflowId);
		client = owner;
		const webhookId = workflow.nodes[0].webhookId;
		url = `${n8n.baseUrl}/webhook/${webhookId}/webhook`;
		const [subscription] = (await sandbox.webhooks()).filter((w) => w.url === url);
		secret = (subscription as typeof subscription & { secret: string }).secret;
	});

	afterAll(async () => {
		await sandbox?.configure({ faults: { duplicateDeliveryRate: 0 } }).catch(() => undefined);
		await client?.unpublish(workflowId).catch(() => undefined);
		await counter?.close();
		await n8n?.stop();
	});

	it(
		'runs 10 different deliveries sent at once, then none of them again when each is redelivered',
		async () => {
			const deliveries = Array.from({ length: 10 }, () => makeDelivery());
			const { answers } = await sendDeliveries(url, secret, deliveries, 10);
			expect(answers.map((a) => a.status)).toEqual(deliveries.map(() => 200));
			await counter.settle(ids(deliveries), 2_000, LOAD_TIMEOUT_MS);
			for (const delivery of deliveries) expect(counter.runsOf(delivery.id)).toBe(1);

			const again = await sendEach(deliveries);
			expect(again.every(isRedeliveryAnswer)).toBe(true);
			await counter.settle();
			for (const delivery of deliveries) expect(counter.runsOf(delivery.id)).toBe(1);
		},
		LOAD_TIMEOUT_MS,
	);

	it('runs the same id sent 5 times at once exactly once; no other copy gets a 2xx while it is in flight', async () => {
		const delivery = makeDelivery();
		const { answers } = await sendDeliveries(url, secret, Array(5).fill(delivery), 5);
		await counter.settle([delivery.id]);
		expect(counter.runsOf(delivery.id)).toBe(1);
		const ran = answers.filter((a) => a.status === 200 && !isRedeliveryAnswer(a));
		expect(ran).toHaveLength(1);
		// The others: 409 while the first copy was being handed over, a redelivery answer after.
		for (const other of answers.filter((a) => !ran.includes(a))) {
			expect(other.status === 409 || isRedeliveryAnswer(other), other.body).toBe(true);
		}
	});

	it(
		'runs each of 20 events once under the sandbox’s duplicate-delivery fault',
		async () => {
			const before = new Set(counter.counts.keys());
			// Retries on a short schedule (5 min -> 3 s), in case a busy n8n answers a first copy too late.
			await sandbox.configure({ faults: { duplicateDeliveryRate: 1 }, retryTimeScale: 0.01 });
			const events = [];
			try {
				for (let i = 0; i < 20; i++) events.push(await sandbox.emitEvent('agent.response'));
				// The sandbox waits at most 60 s per call.
				let settled = false;
				for (let i = 0; i < 15 && !settled; i++) settled = await sandbox.waitForDeliveries(60_000);
				expect(settled).toBe(true);
			} finally {
				await sandbox.configure({ faults: { duplicateDeliveryRate: 0 }, retryTimeScale: 1 });
			}
			await counter.settle(ids(events), 3_000, LOAD_TIMEOUT_MS);
			for (const event of events) {
				const [delivery] = await sandbox.deliveries({ eventId: event.id });
				expect(delivery.status).toBe('delivered');
				expect(delivery.attempts.length).toBeGreaterThanOrEqual(2);
				expect(counter.runsOf(event.id), event.id).toBe(1);
			}
			const newIds = [...counter.counts.keys()].filter((id) => !before.has(id));
			expect(newIds.sort()).toEqual(events.map((e) => e.id).sort());
		},
		LOAD_TIMEOUT_MS,
	);

	it(
		'runs 1,000 deliveries at concurrency 20 exactly once each, and none of 100 redelivered',
		async () => {
			const deliveries = Array.from({ length: 1000 }, () => makeDelivery());
			const { answers, seconds } = await sendDeliveries(url, secret, deliveries, 20);
			await counter.settle(ids(deliveries), 3_000, LOAD_TIMEOUT_MS);
			const round = summarizeRound(answers, seconds, counter);
			console.log(
				`load: ${round.perSecond.toFixed(1)} deliveries/s, p50 ${round.p50.toFixed(0)} ms, p99 ${round.p99.toFixed(0)} ms, statuses ${JSON.stringify(round.statuses)}, runs ${round.runs}`,
			);
			expect(round.lost).toEqual([]);
			expect(round.duplicated).toEqual([]);
			// A delivery that was not answered 2xx is retried by WorkFlux; none is expected here.
			expect(round.accepted).toBe(1000);
			expect(round.runs).toBe(1000);

			const redelivered = deliveries.slice(-100);
			const again = await sendDeliveries(url, secret, redelivered, 20);
			const unexpected = again.answers.filter((a) => !isRedeliveryAnswer(a));
			expect(unexpected.map((a) => `${a.status} ${a.body.slice(0, 200)}`)).toEqual([]);
			await counter.settle();
			for (const delivery of redelivered) expect(counter.runsOf(delivery.id)).toBe(1);
			expect(await failedExecutions(client, workflowId)).toBe(0);
		},
		LOAD_TIMEOUT_MS,
	);

	it('leaves a body that is not JSON to n8n, which refuses it (422) before the trigger sees it', async () => {
		const delivery = { id: 'evt_not_json', body: '{"type": "agent.response", oops' };
		const response = await fetch(url, {
			method: 'POST',
			headers: signedHeaders(secret, delivery),
			body: delivery.body,
		});

		expect(response.status).toBe(422);
		await counter.settle([], 1_000);
		expect(counter.runsOf('evt_not_json')).toBe(0);
	});

	it(
		'runs nothing for a redelivery after n8n restarts',
		async () => {
			const delivery = makeDelivery();
			const [first] = await sendEach([delivery]);
			expect(first.status).toBe(200);
			await counter.settle([delivery.id]);
			expect(counter.runsOf(delivery.id)).toBe(1);

			await n8n.restart();
			client = await login();
			await client.waitForPublication(workflowId, 'published', 60_000);

			const [again] = await sendEach([delivery]);
			expect(isRedeliveryAnswer(again), again.body).toBe(true);
			// The trigger is live after the restart: a new event still runs.
			const fresh = makeDelivery();
			expect((await sendEach([fresh]))[0].status).toBe(200);
			await counter.settle([fresh.id]);
			expect(counter.runsOf(fresh.id)).toBe(1);
			expect(counter.runsOf(delivery.id)).toBe(1);
		},
		LOAD_TIMEOUT_MS,
	);
});
