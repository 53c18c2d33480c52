import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
	makeDelivery,
	plainWebhookLoadWorkflow,
	RunCounter,
	sendDeliveries,
	summarizeRound,
	triggerLoadWorkflow,
	type RoundSummary,
} from '../e2e/support/webhook-load';
import { reportFigure } from './support/figures';
import { publishWorkflow, subscriptionSecret, type PublishedWorkflow } from './support/published';
import { QueueSession } from './support/queue-session';

/**
 * 1,000 signed 1 KB deliveries at concurrency 20 through nginx, to the WorkFlux Trigger and then, in the
 * same run and topology, to n8n's plain Webhook node; each workflow reports every run to a counter.
 * Asserted: nothing lost, nothing run twice, every execution on a worker. Printed (not asserted, the
 * machine is shared): deliveries per second, p50/p99 answer times, and the ratio of the two.
 */

const DELIVERIES = 1_000;
const CONCURRENCY = 20;
const WARM_UP = 20;

let session: QueueSession;
let counter: RunCounter;
const published: PublishedWorkflow[] = [];

/**
 * The first pass gives the figures. A delivery not answered 2xx is sent again afterwards, as WorkFlux
 * would (none is expected); lost and duplicated count over every delivery.
 */
async function measure(
	target: PublishedWorkflow,
	secret: string,
): Promise<{ round: RoundSummary; drainSeconds: number; resent: number; final: RoundSummary }> {
	const url = `${session.ctx.publicOrigin}${target.path}`;
	// Warm-up (connections, caches, the first job on each worker); not counted.
	const warmUp = Array.from({ length: WARM_UP }, () => makeDelivery());
	await sendDeliveries(url, secret, warmUp, 4);
	await counter.settle(
		warmUp.map((delivery) => delivery.id),
		2_000,
		120_000,
	);

	const deliveries = Array.from({ length: DELIVERIES }, () => makeDelivery());
	const started = Date.now();
	const { answers, seconds } = await sendDeliveries(url, secret, deliveries, CONCURRENCY);
	const isAccepted = (answer: { status: number }) => answer.status >= 200 && answer.status < 300;
	const refused = new Set(answers.filter((a) => !isAccepted(a)).map((a) => a.id));
	const again = await sendDeliveries(
		url,
		secret,
		deliveries.filter((d) => refused.has(d.id)),
		1,
	);
	await counter.settle(
		deliveries.map((delivery) => delivery.id),
		3_000,
		600_000,
	);
	const drainSeconds = (Date.now() - started) / 1000;
	return {
		round: summarizeRound(answers, seconds, counter),
		drainSeconds,
		resent: refused.size,
		final: summarizeRound([...answers.filter(isAccepted), ...again.answers], seconds, counter),
	};
}

function describeRound(
	label: string,
	{
		round,
		drainSeconds,
		resent,
		final,
	}: { round: RoundSummary; drainSeconds: number; resent: number; final: RoundSummary },
) {
	return `${label}: ${round.sent} deliveries at concurrency ${CONCURRENCY} through nginx in ${round.seconds.toFixed(1)} s = ${round.perSecond.toFixed(1)}/s, p50 ${round.p50.toFixed(0)} ms, p99 ${round.p99.toFixed(0)} ms, statuses ${JSON.stringify(round.statuses)}; all runs done after ${drainSeconds.toFixed(1)} s; ${resent} resent after a non-2xx answer; lost ${final.lost.length}, duplicated ${final.duplicated.length}`;
}

/** Every execution of the workflow was started by a worker, and both workers took some. */
async function expectRanOnWorkers(workflowId: string) {
	const executions = await session.waitForExecutions(workflowId, WARM_UP + DELIVERIES, {
		timeoutMs: 300_000,
	});
	expect(executions.every((e) => e.status === 'success')).toBe(true);
	const workers = session.workerOfExecutions();
	const ranBy = new Set(executions.map((e) => workers.get(e.id)));
	expect([...ranBy].sort()).toEqual(['worker-1', 'worker-2']);
}

describe('Load through nginx: WorkFlux Trigger against the plain Webhook node', () => {
	beforeAll(async () => {
		session = await QueueSession.open();
		counter = await RunCounter.start();
	});

	afterAll(async () => {
		for (const target of published) await target.unpublish().catch(() => undefined);
		await counter?.close();
		await session?.close();
	});

	it(
		`${DELIVERIES} deliveries at concurrency ${CONCURRENCY}: none lost, none run twice, on both nodes`,
		{ timeout: 1_500_000 },
		async () => {
			const trigger = await publishWorkflow(
				session,
				triggerLoadWorkflow(session.ctx.credential, counter.url, 'Queue: load, WorkFlux Trigger'),
			);
			published.push(trigger);
			const plain = await publishWorkflow(
				session,
				plainWebhookLoadWorkflow(counter.url, 'Queue: load, Webhook node'),
			);
			published.push(plain);
			const secret = await subscriptionSecret(session, trigger.path);

			const workflux = await measure(trigger, secret);
			const baseline = await measure(plain, secret);
			const ratio = workflux.round.perSecond / baseline.round.perSecond;
			reportFigure(session.ctx.resultsDir, describeRound('WorkFlux Trigger', workflux));
			reportFigure(session.ctx.resultsDir, describeRound('Webhook node', baseline));
			reportFigure(
				session.ctx.resultsDir,
				`WorkFlux Trigger / Webhook node throughput: ${ratio.toFixed(2)}x (target >= 0.9x)`,
			);

			for (const { final } of [workflux, baseline]) {
				expect(final.accepted).toBe(DELIVERIES);
				expect(final.lost).toEqual([]);
				expect(final.duplicated).toEqual([]);
				expect(final.runs).toBe(DELIVERIES);
			}
			await expectRanOnWorkers(trigger.workflowId);
			await expectRanOnWorkers(plain.workflowId);
		},
	);
});
