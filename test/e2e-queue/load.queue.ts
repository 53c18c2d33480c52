import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { reportFigure } from './support/figures';
import { describeLoad, runLoad, type LoadFigures } from './support/load';
import {
	eventIdsPerExecution,
	publishPlainWebhook,
	publishWorkfluxTrigger,
	runsPerEvent,
	type PublishedTrigger,
} from './support/published';
import { QueueSession } from './support/queue-session';
import { eventOfSize, send, signDelivery, type SignedDelivery } from './support/signed-delivery';

/**
 * 1,000 signed 1 KB deliveries at concurrency 20 through nginx, to the WorkFlux Trigger and then, in the same
 * run and topology, to n8n's plain Webhook node. Asserted: nothing lost, nothing run twice. Printed (not
 * asserted, the machine is shared): deliveries per second, p50/p99 answer times, and the ratio.
 */

const DELIVERIES = 1_000;
const CONCURRENCY = 20;
const WARM_UP = 20;

let session: QueueSession;
const published: PublishedTrigger[] = [];

interface Measured {
	figures: LoadFigures;
	/** Until the last execution finished, from the first delivery. */
	drainSeconds: number;
	lost: number;
	duplicated: number;
}

async function measure(target: PublishedTrigger): Promise<Measured> {
	const url = `${session.ctx.publicOrigin}${target.path}`;
	const make = () =>
		signDelivery(
			target.secret || 'whsec_' + Buffer.from('plain').toString('base64'),
			eventOfSize('conversation.started', 1024),
		);
	// Warm up (connections, caches, the first job on each worker); not counted.
	const warmUp = await runLoad(WARM_UP, 4, async () => await send(url, make()));
	expect(warmUp.statuses[200]).toBe(WARM_UP);
	await session.waitForExecutions(target.workflowId, WARM_UP, { timeoutMs: 120_000 });

	const deliveries: SignedDelivery[] = Array.from({ length: DELIVERIES }, make);
	const started = Date.now();
	const figures = await runLoad(
		DELIVERIES,
		CONCURRENCY,
		async (index) => await send(url, deliveries[index]),
	);
	const executions = await session.waitForExecutions(target.workflowId, WARM_UP + DELIVERIES, {
		timeoutMs: 600_000,
		quietMs: 3_000,
	});
	const drainSeconds = (Date.now() - started) / 1000;
	expect(executions.every((e) => e.status === 'success')).toBe(true);

	const runs = runsPerEvent(
		await eventIdsPerExecution(
			session,
			target,
			executions.map((e) => e.id),
		),
	);
	const lost = deliveries.filter((d) => !runs.has(d.event.id)).length;
	const duplicated = deliveries.filter((d) => (runs.get(d.event.id) ?? 0) > 1).length;
	return { figures, drainSeconds, lost, duplicated };
}

describe('Load through nginx: WorkFlux Trigger against the plain Webhook node', () => {
	beforeAll(async () => {
		session = await QueueSession.open();
	});

	afterAll(async () => {
		for (const target of published) await target.unpublish().catch(() => undefined);
		await session?.close();
	});

	it(
		`${DELIVERIES} deliveries at concurrency ${CONCURRENCY}: none lost, none run twice, on both nodes`,
		{ timeout: 1_500_000 },
		async () => {
			const trigger = await publishWorkfluxTrigger(session, 'Queue: load, WorkFlux Trigger');
			published.push(trigger);
			const plain = await publishPlainWebhook(session, 'Queue: load, Webhook node');
			published.push(plain);

			const workflux = await measure(trigger);
			const baseline = await measure(plain);
			const ratio = workflux.figures.perSecond / baseline.figures.perSecond;
			const lines = [
				describeLoad('WorkFlux Trigger', workflux.figures) +
					`; all executions done after ${workflux.drainSeconds.toFixed(1)} s; lost ${workflux.lost}, duplicated ${workflux.duplicated}`,
				describeLoad('Webhook node', baseline.figures) +
					`; all executions done after ${baseline.drainSeconds.toFixed(1)} s; lost ${baseline.lost}, duplicated ${baseline.duplicated}`,
				`WorkFlux Trigger / Webhook node throughput: ${ratio.toFixed(2)}x (target >= 0.9x)`,
			];
			for (const line of lines) reportFigure(session.ctx.resultsDir, line);

			expect(workflux.figures.statuses[200]).toBe(DELIVERIES);
			expect(baseline.figures.statuses[200]).toBe(DELIVERIES);
			expect(workflux.lost).toBe(0);
			expect(workflux.duplicated).toBe(0);
			expect(baseline.lost).toBe(0);
			expect(baseline.duplicated).toBe(0);
		},
	);
});
