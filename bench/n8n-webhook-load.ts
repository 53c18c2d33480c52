/* eslint-disable no-console, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports */
// `npm run bench:n8n`: the WorkFlux Trigger (redelivery protection on) against n8n's plain Webhook node
// ("respond when received") in one real n8n 2.41.1, under the same load: signed 1 KB deliveries at a
// fixed concurrency, in alternating rounds (every other one in reverse order) so all see the same
// machine. A third row, the trigger with redelivery protection off, shows what n8n costs any trigger
// that is not its own Webhook node (n8n 2.41 starts an expression isolate for every such request), so
// the protection's own cost stands apart.
// Prints deliveries/s, p50, p99, runs, lost (answered 2xx, never ran) and duplicated per round, then the
// medians and the ratios. Not a pass/fail test. Options: --rounds 3 --deliveries 1000 --concurrency 20;
// --only plain|trigger loads only those; --cpu-prof DIR writes n8n's CPU profile there (open it in
// Chrome's DevTools), to see where a delivery's time goes; --env KEY=VALUE (repeatable) sets n8n settings,
// for example --env N8N_EXPRESSION_ENGINE=legacy.
import path from 'node:path';
import { parseArgs } from 'node:util';

import { startSandbox } from '../test/sandbox/server';
import {
	DEFAULT_OWNER,
	n8nSettingsFromPairs,
	setUpOwner,
	startN8n,
} from '../test/e2e/support/n8n-instance';
import { buildAndPack } from '../test/e2e/support/package-tarball';
import { RESULTS_DIR } from '../test/e2e/support/repo-paths';
import {
	failedExecutions,
	makeDelivery,
	plainWebhookLoadWorkflow,
	RunCounter,
	sendDeliveries,
	summarizeRound,
	triggerLoadWorkflow,
	type RoundSummary,
} from '../test/e2e/support/webhook-load';
import { createWorkfluxCredential } from '../test/e2e/support/workflux-credential';

interface Target {
	label: string;
	workflowId: string;
	url: string;
	/** What deliveries to it are signed with (the plain Webhook checks nothing). */
	secret: string;
	rounds: RoundSummary[];
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function formatRound(label: string, index: number, round: RoundSummary): string {
	return [
		`${label.padEnd(31)} round ${index + 1}:`,
		`${round.perSecond.toFixed(1).padStart(6)} deliveries/s`,
		`p50 ${round.p50.toFixed(0).padStart(5)} ms`,
		`p99 ${round.p99.toFixed(0).padStart(5)} ms`,
		`answered 2xx ${round.accepted}/${round.sent}`,
		`runs ${round.runs}`,
		`lost ${round.lost.length}`,
		`duplicated ${round.duplicated.length}`,
	].join('  ');
}

async function main() {
	const { values } = parseArgs({
		options: {
			rounds: { type: 'string', default: '3' },
			deliveries: { type: 'string', default: '1000' },
			concurrency: { type: 'string', default: '20' },
			only: { type: 'string' },
			'cpu-prof': { type: 'string' },
			env: { type: 'string', multiple: true },
		},
	});
	const rounds = Number(values.rounds);
	const count = Number(values.deliveries);
	const concurrency = Number(values.concurrency);

	// Its own folder, so an end-to-end run packing at the same time is not disturbed.
	const resultsDir = path.join(RESULTS_DIR, '..', 'bench');
	const tarball = await buildAndPack(console.log, resultsDir);
	const sandbox = await startSandbox({ port: 0 });
	const profileDir = values['cpu-prof'] && path.resolve(values['cpu-prof']);
	const n8n = await startN8n({
		tarball: tarball.file,
		logFile: path.join(resultsDir, 'n8n.log'),
		extraEnv: {
			...(profileDir ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${profileDir}` } : {}),
			...n8nSettingsFromPairs(values.env ?? []),
		},
	});
	const counter = await RunCounter.start();
	try {
		const client = await setUpOwner(n8n, DEFAULT_OWNER);
		const credential = await createWorkfluxCredential(client, sandbox.baseUrl);

		const plainWorkflow = await client.createWorkflow(
			plainWebhookLoadWorkflow(counter.url, 'Bench: plain Webhook'),
		);
		const triggerWorkflow = await client.createWorkflow(
			triggerLoadWorkflow(credential, counter.url, 'Bench: WorkFlux Trigger'),
		);
		// The same trigger without redelivery protection: what n8n costs any trigger that is not its own
		// Webhook node, so the protection's own cost is the gap between the two trigger rows.
		const unprotectedWorkflow = await client.createWorkflow(
			triggerLoadWorkflow(credential, counter.url, 'Bench: WorkFlux Trigger, no protection', {
				ignoreRedeliveries: false,
			}),
		);
		await client.publish(plainWorkflow.id);
		await client.publish(triggerWorkflow.id);
		await client.publish(unprotectedWorkflow.id);
		const triggerUrl = `${n8n.baseUrl}/webhook/${triggerWorkflow.nodes[0].webhookId}/webhook`;
		const unprotectedUrl = `${n8n.baseUrl}/webhook/${unprotectedWorkflow.nodes[0].webhookId}/webhook`;
		const subscriptions = await fetch(`${sandbox.origin}/_sandbox/webhooks`).then(
			async (r) => (await r.json()) as { data: Array<{ url: string; secret: string }> },
		);
		const secretOf = (url: string) => subscriptions.data.find((s) => s.url === url)!.secret;
		const plainPath = String(plainWorkflow.nodes[0].parameters.path);
		const allTargets: Target[] = [
			{
				label: 'plain Webhook',
				workflowId: plainWorkflow.id,
				url: `${n8n.baseUrl}/webhook/${plainPath}`,
				secret: secretOf(triggerUrl),
				rounds: [],
			},
			{
				label: 'WorkFlux Trigger',
				workflowId: triggerWorkflow.id,
				url: triggerUrl,
				secret: secretOf(triggerUrl),
				rounds: [],
			},
			{
				label: 'WorkFlux Trigger, no protection',
				workflowId: unprotectedWorkflow.id,
				url: unprotectedUrl,
				secret: secretOf(unprotectedUrl),
				rounds: [],
			},
		];
		const targets = allTargets.filter(
			(target) => !values.only || target.label.toLowerCase().includes(values.only.toLowerCase()),
		);

		console.log(
			`\n${count} signed 1 KB deliveries per round at concurrency ${concurrency}, ${rounds} rounds each, alternating (n8n ${n8n.installation.version}, Node ${process.version}).\n`,
		);
		// A short warm-up for both, so the first measured round does not pay for n8n's first requests.
		const warmUp = Array.from({ length: 40 * targets.length }, () => makeDelivery());
		for (const [i, target] of targets.entries()) {
			await sendDeliveries(target.url, target.secret, warmUp.slice(i * 40, i * 40 + 40), 5);
		}
		await counter.settle(warmUp.map((d) => d.id));

		for (let round = 0; round < rounds; round++) {
			// Every other round in reverse order: n8n and its database get faster as a run goes on, and a
			// fixed order would hand that drift to whichever row comes last (measured: up to 1.6 times).
			const order = round % 2 === 0 ? targets : [...targets].reverse();
			for (const target of order) {
				const deliveries = Array.from({ length: count }, () => makeDelivery());
				const { answers, seconds } = await sendDeliveries(
					target.url,
					target.secret,
					deliveries,
					concurrency,
				);
				const accepted = answers.filter((a) => a.status >= 200 && a.status < 300);
				// Every run reports; one still missing after 10 minutes counts as lost.
				await counter.settle(
					accepted.map((a) => a.id),
					3_000,
					10 * 60_000,
				);
				const summary = summarizeRound(answers, seconds, counter);
				target.rounds.push(summary);
				console.log(formatRound(target.label, round, summary));
			}
		}

		console.log('');
		const medians = targets.map((target) => median(target.rounds.map((r) => r.perSecond)));
		for (const [i, target] of targets.entries()) {
			const failed = await failedExecutions(client, target.workflowId);
			console.log(
				`${target.label.padEnd(31)} median ${medians[i].toFixed(1)} deliveries/s, p50 ${median(target.rounds.map((r) => r.p50)).toFixed(0)} ms, p99 ${median(target.rounds.map((r) => r.p99)).toFixed(0)} ms, lost ${target.rounds.reduce((n, r) => n + r.lost.length, 0)}, duplicated ${target.rounds.reduce((n, r) => n + r.duplicated.length, 0)}, failed executions ${failed}`,
			);
		}
		console.log('');
		for (const [a, b] of [
			[1, 0],
			[2, 0],
			[1, 2],
		]) {
			if (!targets[a] || !targets[b] || targets.length < allTargets.length) continue;
			const pairs = targets[a].rounds.map((r, i) => r.perSecond / targets[b].rounds[i].perSecond);
			console.log(
				`ratio ${targets[a].label} / ${targets[b].label}: ${(medians[a] / medians[b]).toFixed(2)}x (medians); per round ${pairs.map((p) => `${p.toFixed(2)}x`).join(', ')}`,
			);
		}
	} finally {
		await counter.close();
		await n8n.stop();
		await sandbox.close();
	}
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
