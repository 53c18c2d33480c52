/* eslint-disable @n8n/community-nodes/no-restricted-globals */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
	makeDelivery,
	RunCounter,
	signedHeaders,
	triggerLoadWorkflow,
	type Delivery,
} from '../e2e/support/webhook-load';
import { reportFigure } from './support/figures';
import { publishWorkflow, subscriptionSecret, type PublishedWorkflow } from './support/published';
import { QueueSession } from './support/queue-session';

/**
 * The hardest redelivery: two copies of one delivery at the same instant (two WorkFlux attempts racing,
 * a proxy resending a slow request). Each copy is sent as WorkFlux sends: a copy not answered 2xx is
 * sent again a moment later, until it is. Measured over 200 deliveries each, how often the workflow ran
 * twice:
 * - copies sent straight to webhook-1 and webhook-2, bypassing nginx (two processes that share only the
 *   database);
 * - both copies through an nginx that routes by `webhook-id`, so they meet in one process.
 */

const TRIES = 200;
const MAX_ATTEMPTS = 6;

let session: QueueSession;
let counter: RunCounter;
let trigger: PublishedWorkflow;
let secret: string;

const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

/** One copy, retried like WorkFlux retries (on anything but 2xx); returns the first answer's status. */
async function deliverUntilAccepted(url: string, delivery: Delivery): Promise<number> {
	let first = 0;
	for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
		const response = await fetch(url, {
			method: 'POST',
			headers: signedHeaders(secret, delivery, attempt),
			body: delivery.body,
		}).catch(() => undefined);
		await response?.text();
		const status = response?.status ?? 0;
		if (attempt === 1) first = status;
		if (status >= 200 && status < 300) return first;
		await sleep(250 * attempt);
	}
	throw new Error(`${delivery.id} was not accepted after ${MAX_ATTEMPTS} attempts at ${url}`);
}

async function doubled(label: string, urls: [string, string]) {
	const ids: string[] = [];
	const firstAnswers: Record<number, number> = {};
	for (let i = 0; i < TRIES; i++) {
		const delivery = makeDelivery(undefined, 512);
		ids.push(delivery.id);
		const statuses = await Promise.all(
			urls.map(async (url) => await deliverUntilAccepted(url, delivery)),
		);
		for (const status of statuses) firstAnswers[status] = (firstAnswers[status] ?? 0) + 1;
	}
	await counter.settle(ids, 3_000, 300_000);
	const lost = ids.filter((id) => counter.runsOf(id) === 0).length;
	const twice = ids.filter((id) => counter.runsOf(id) > 1).length;
	reportFigure(
		session.ctx.resultsDir,
		`concurrent duplicate, ${label}: ${TRIES} deliveries sent twice at once -> ${twice} ran twice (${((100 * twice) / TRIES).toFixed(1)} %), ${lost} lost; first answers ${JSON.stringify(firstAnswers)}`,
	);
	expect(lost).toBe(0);
	expect(ids.every((id) => counter.runsOf(id) <= 2)).toBe(true);
	return twice;
}

describe('One delivery twice at the same instant', () => {
	beforeAll(async () => {
		session = await QueueSession.open();
		counter = await RunCounter.start();
		trigger = await publishWorkflow(
			session,
			triggerLoadWorkflow(session.ctx.credential, counter.url, 'Queue: concurrent duplicate'),
		);
		secret = await subscriptionSecret(session, trigger.path);
	});

	afterAll(async () => {
		await trigger?.unpublish().catch(() => undefined);
		await counter?.close();
		await session?.close();
	});

	it('straight to both webhook processes: every delivery runs, doubles counted', async () => {
		const [one, two] = (['webhook-1', 'webhook-2'] as const).map(
			(role) => `${session.ctx.origins[role]}${trigger.path}`,
		);
		await doubled('straight to both webhook processes', [one, two]);
	});

	it('through nginx routing by webhook-id: every delivery runs once', async () => {
		const url = `${session.ctx.stickyOrigin}${trigger.path}`;
		const twice = await doubled('through nginx routing by webhook-id', [url, url]);
		// Both copies meet in one process, where the trigger's in-process check decides at once.
		expect(twice).toBe(0);
	});
});
