/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports */
import { writeFileSync } from 'node:fs';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { eventIdsPerExecution, publishWorkfluxTrigger, runsPerEvent, type PublishedTrigger } from './support/published';
import { QueueSession } from './support/queue-session';
import { eventOfSize, send, signDelivery } from './support/signed-delivery';

/**
 * The hardest redelivery: the same delivery reaching both webhook processes at the same instant (a
 * load balancer retrying on a slow answer, or two WorkFlux attempts racing), sent straight to each
 * process, bypassing nginx. Measured over 200 tries: how often the workflow ran twice.
 */

const TRIES = 200;

let session: QueueSession;
let trigger: PublishedTrigger;

describe('One delivery at both webhook processes at the same instant', () => {
	beforeAll(async () => {
		session = await QueueSession.open();
		trigger = await publishWorkfluxTrigger(session, 'Queue: concurrent duplicate');
	});

	afterAll(async () => {
		await trigger?.unpublish().catch(() => undefined);
		await session?.close();
	});

	it(`runs each of ${TRIES} doubled deliveries at least once, and counts the doubles`, { timeout: 600_000 }, async () => {
		const urls = (['webhook-1', 'webhook-2'] as const).map((role) => `${session.ctx.origins[role]}${trigger.path}`);
		const eventIds: string[] = [];
		const statuses: Record<number, number> = {};
		for (let i = 0; i < TRIES; i++) {
			const delivery = signDelivery(trigger.secret, eventOfSize('conversation.started', 512));
			eventIds.push(delivery.event.id);
			const answers = await Promise.all(urls.map(async (url) => await send(url, delivery)));
			for (const answer of answers) statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
		}
		const executions = await session.waitForExecutions(trigger.workflowId, TRIES, {
			timeoutMs: 300_000,
			quietMs: 3_000,
		});
		const runs = runsPerEvent(await eventIdsPerExecution(session, trigger, executions.map((e) => e.id)));
		const lost = eventIds.filter((id) => !runs.has(id)).length;
		const twice = eventIds.filter((id) => (runs.get(id) ?? 0) > 1).length;
		const line = `concurrent duplicate: ${TRIES} deliveries each sent to webhook-1 and webhook-2 at once -> ${twice} ran twice (${((100 * twice) / TRIES).toFixed(1)} %), ${lost} lost; answers ${JSON.stringify(statuses)}`;
		console.log(`[queue figures] ${line}`);
		writeFileSync(
			path.join(session.ctx.resultsDir, 'concurrent-duplicate.json'),
			JSON.stringify({ tries: TRIES, twice, lost, statuses }, null, 2),
		);
		expect(statuses[200]).toBe(2 * TRIES);
		expect(lost).toBe(0);
		expect([...runs.values()].every((count) => count <= 2)).toBe(true);
	});
});
