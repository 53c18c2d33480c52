import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { reportFigure } from './support/figures';
import {
	eventIdsPerExecution,
	publishWorkfluxTrigger,
	runsPerEvent,
	type PublishedTrigger,
} from './support/published';
import { QueueSession } from './support/queue-session';
import { eventOfSize, send, signDelivery } from './support/signed-delivery';

/**
 * The hardest redelivery: two copies of one delivery at the same instant (a proxy retrying a slow answer,
 * two WorkFlux attempts racing). Measured over 200 tries each, how often the workflow ran twice:
 * - sent straight to webhook-1 and webhook-2, bypassing nginx (two processes, no shared lock);
 * - both sent through an nginx that routes by `webhook-id`, so both copies meet in one process.
 */

const TRIES = 200;

let session: QueueSession;
let trigger: PublishedTrigger;

/** Sends each of `TRIES` deliveries twice at once (to `urls[0]` and `urls[1]`); counts runs per delivery. */
async function doubled(label: string, urls: [string, string]) {
	const before = (await session.executions(trigger.workflowId)).length;
	const eventIds: string[] = [];
	const statuses: Record<number, number> = {};
	for (let i = 0; i < TRIES; i++) {
		const delivery = signDelivery(trigger.secret, eventOfSize('conversation.started', 512));
		eventIds.push(delivery.event.id);
		const answers = await Promise.all(urls.map(async (url) => await send(url, delivery)));
		for (const answer of answers) statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
	}
	const executions = await session.waitForExecutions(trigger.workflowId, before + TRIES, {
		timeoutMs: 300_000,
		quietMs: 3_000,
	});
	const runs = runsPerEvent(
		await eventIdsPerExecution(
			session,
			trigger,
			executions.map((e) => e.id),
		),
	);
	const lost = eventIds.filter((id) => !runs.has(id)).length;
	const twice = eventIds.filter((id) => (runs.get(id) ?? 0) > 1).length;
	reportFigure(
		session.ctx.resultsDir,
		`concurrent duplicate, ${label}: ${TRIES} deliveries sent twice at once -> ${twice} ran twice (${((100 * twice) / TRIES).toFixed(1)} %), ${lost} lost; answers ${JSON.stringify(statuses)}`,
	);
	expect(statuses[200]).toBe(2 * TRIES);
	expect(lost).toBe(0);
	expect(eventIds.every((id) => (runs.get(id) ?? 0) <= 2)).toBe(true);
	return twice;
}

describe('One delivery twice at the same instant', () => {
	beforeAll(async () => {
		session = await QueueSession.open();
		trigger = await publishWorkfluxTrigger(session, 'Queue: concurrent duplicate');
	});

	afterAll(async () => {
		await trigger?.unpublish().catch(() => undefined);
		await session?.close();
	});

	it('straight to both webhook processes: every delivery runs, doubles counted', async () => {
		const [one, two] = (['webhook-1', 'webhook-2'] as const).map(
			(role) => `${session.ctx.origins[role]}${trigger.path}`,
		);
		await doubled('both webhook processes directly', [one, two]);
	});

	it('through nginx routing by webhook-id: every delivery runs, doubles counted', async () => {
		const url = `${session.ctx.stickyOrigin}${trigger.path}`;
		await doubled('nginx by webhook-id', [url, url]);
	});
});
