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
 * 1,000 signed 1 KB deliveries at concurrency 20 through nginx, to the WorkFlux Trigger and, in the same run
 * and topology, to n8n's plain Webhook node; each workflow reports every run to a counter. Each node gets two
 * rounds, in the order trigger, Webhook, Webhook, trigger, after a warm-up of both: whatever runs later runs
 * on a warmer n8n and PostgreSQL (measured: each node answered 1.2 to 1.4 times as fast when it came last as
 * when it came first), and the balanced order gives both nodes the same share of that drift.
 * Asserted: nothing lost, nothing run twice, every execution on a worker. Printed (not asserted, the
 * machine is shared): deliveries per second, p50/p99 answer times, when all runs were done, and the ratios.
 */

const DELIVERIES = 1_000;
const CONCURRENCY = 20;
const WARM_UP = 100;

let session: QueueSession;
let counter: RunCounter;
const published: PublishedWorkflow[] = [];

interface LoadTarget {
	label: string;
	workflow: PublishedWorkflow;
	/** What deliveries are signed with (the Webhook node checks nothing). */
	secret: string;
	rounds: MeasuredRound[];
}

interface MeasuredRound {
	round: RoundSummary;
	/** From the first delivery sent until every run was reported. */
	drainSeconds: number;
	/** Deliveries answered other than 2xx in the first pass, sent again as WorkFlux would. */
	resent: number;
	/** Over every delivery, after the resends. */
	final: RoundSummary;
}

const urlOf = (target: LoadTarget) => `${session.ctx.publicOrigin}${target.workflow.path}`;
const isAccepted = (answer: { status: number }) => answer.status >= 200 && answer.status < 300;

/** Connections, caches, JIT and the first jobs on each worker; not counted. */
async function warmUp(target: LoadTarget): Promise<void> {
	const deliveries = Array.from({ length: WARM_UP }, () => makeDelivery());
	await sendDeliveries(urlOf(target), target.secret, deliveries, CONCURRENCY);
	await counter.settle(
		deliveries.map((delivery) => delivery.id),
		2_000,
		120_000,
	);
}

/** One round; the first pass gives the figures, and what it did not get accepted is sent again. */
async function measure(target: LoadTarget): Promise<MeasuredRound> {
	const deliveries = Array.from({ length: DELIVERIES }, () => makeDelivery());
	const started = Date.now();
	const { answers, seconds } = await sendDeliveries(
		urlOf(target),
		target.secret,
		deliveries,
		CONCURRENCY,
	);
	const refused = new Set(answers.filter((a) => !isAccepted(a)).map((a) => a.id));
	const again = await sendDeliveries(
		urlOf(target),
		target.secret,
		deliveries.filter((d) => refused.has(d.id)),
		1,
	);
	await counter.settle(
		deliveries.map((delivery) => delivery.id),
		3_000,
		600_000,
	);
	return {
		round: summarizeRound(answers, seconds, counter),
		drainSeconds: (Date.now() - started) / 1000,
		resent: refused.size,
		final: summarizeRound([...answers.filter(isAccepted), ...again.answers], seconds, counter),
	};
}

function describeRound(label: string, index: number, measured: MeasuredRound): string {
	const { round, drainSeconds, resent, final } = measured;
	return `${label}, round ${index + 1}: ${round.sent} deliveries at concurrency ${CONCURRENCY} through nginx in ${round.seconds.toFixed(1)} s = ${round.perSecond.toFixed(1)}/s, p50 ${round.p50.toFixed(0)} ms, p99 ${round.p99.toFixed(0)} ms, statuses ${JSON.stringify(round.statuses)}; all runs done after ${drainSeconds.toFixed(1)} s; ${resent} resent after a non-2xx answer; lost ${final.lost.length}, duplicated ${final.duplicated.length}`;
}

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
const answerRate = (target: LoadTarget) => mean(target.rounds.map((r) => r.round.perSecond));
const runRate = (target: LoadTarget) => mean(target.rounds.map((r) => DELIVERIES / r.drainSeconds));

/** Every execution of the workflow was started by a worker, and both workers took some. */
async function expectRanOnWorkers(target: LoadTarget) {
	const expected = WARM_UP + target.rounds.length * DELIVERIES;
	const executions = await session.waitForExecutions(target.workflow.workflowId, expected, {
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
		for (const workflow of published) await workflow.unpublish().catch(() => undefined);
		await counter?.close();
		await session?.close();
	});

	it(
		`${DELIVERIES} deliveries at concurrency ${CONCURRENCY}, two rounds each: none lost, none run twice, on both nodes`,
		{ timeout: 1_500_000 },
		async () => {
			const triggerWorkflow = await publishWorkflow(
				session,
				triggerLoadWorkflow(session.ctx.credential, counter.url, 'Queue: load, WorkFlux Trigger'),
			);
			published.push(triggerWorkflow);
			const plainWorkflow = await publishWorkflow(
				session,
				plainWebhookLoadWorkflow(counter.url, 'Queue: load, Webhook node'),
			);
			published.push(plainWorkflow);
			const secret = await subscriptionSecret(session, triggerWorkflow.path);
			const trigger: LoadTarget = {
				label: 'WorkFlux Trigger',
				workflow: triggerWorkflow,
				secret,
				rounds: [],
			};
			const plain: LoadTarget = {
				label: 'Webhook node',
				workflow: plainWorkflow,
				secret,
				rounds: [],
			};

			await warmUp(trigger);
			await warmUp(plain);
			for (const target of [trigger, plain, plain, trigger]) {
				const measured = await measure(target);
				target.rounds.push(measured);
				reportFigure(
					session.ctx.resultsDir,
					describeRound(target.label, target.rounds.length - 1, measured),
				);
			}
			reportFigure(
				session.ctx.resultsDir,
				`WorkFlux Trigger / Webhook node, mean of two rounds each: answered ${(answerRate(trigger) / answerRate(plain)).toFixed(2)}x (${answerRate(trigger).toFixed(1)}/s against ${answerRate(plain).toFixed(1)}/s; target >= 0.9x), runs done ${(runRate(trigger) / runRate(plain)).toFixed(2)}x`,
			);

			for (const target of [trigger, plain]) {
				for (const { final } of target.rounds) {
					expect(final.accepted).toBe(DELIVERIES);
					expect(final.lost).toEqual([]);
					expect(final.duplicated).toEqual([]);
					expect(final.runs).toBe(DELIVERIES);
				}
				await expectRanOnWorkers(target);
			}
		},
	);
});
