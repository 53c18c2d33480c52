/* eslint-disable no-console */
import { createHmac } from 'crypto';
import { Webhook } from 'standardwebhooks';

import { decodeWebhookSecret, verifyStandardWebhook } from '../nodes/WorkfluxTrigger/signature';

/**
 * What verifying one WorkFlux delivery costs, next to the bare HMAC-SHA256 it cannot avoid.
 * The baseline hashes the body alone with a ready key: the floor for any verifier. The verifier
 * also decodes the secret, reads headers, checks the clock, hashes `id.timestamp.` in front of
 * the body and compares in constant time.
 */

const SECRET = 'whsec_' + Buffer.alloc(32, 42).toString('base64');
const RUNS = 7;
const MIN_RUN_MS = 200;

export interface SignatureBenchRow {
	bodyBytes: number;
	verifyOpsPerSecond: number;
	hmacOpsPerSecond: number;
	/** verify cost / bare HMAC cost (1.0 = no overhead). */
	costRatio: number;
	verifyMicrosPerDelivery: number;
}

function bodyOfSize(bytes: number): Buffer {
	const envelope = (content: string) =>
		JSON.stringify({
			id: 'evt_bench',
			type: 'agent.response',
			created_at: '2026-11-27T12:00:00.000Z',
			data: { conversation_id: 'conv_1', agent_id: 'agt_1', message: { content } },
		});
	const overhead = envelope('').length;
	return Buffer.from(envelope('x'.repeat(Math.max(0, bytes - overhead))), 'utf8');
}

/** Calls `fn` in batches until MIN_RUN_MS has passed; returns operations per second. */
function opsPerSecond(fn: () => void): number {
	let iterations = 0;
	let batch = 16;
	const start = performance.now();
	let elapsed = 0;
	while (elapsed < MIN_RUN_MS) {
		for (let i = 0; i < batch; i++) fn();
		iterations += batch;
		batch *= 2;
		elapsed = performance.now() - start;
	}
	return (iterations / elapsed) * 1000;
}

function median(values: number[]): number {
	const sorted = values.slice().sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function measureSignature(sizes: number[] = [1024, 100 * 1024]): SignatureBenchRow[] {
	const key = decodeWebhookSecret(SECRET);
	if (!key) throw new Error('bench secret does not decode');
	const rows: SignatureBenchRow[] = [];
	for (const size of sizes) {
		const body = bodyOfSize(size);
		const now = Date.UTC(2026, 10, 27, 12, 0, 0);
		const headers = {
			'webhook-id': 'evt_bench',
			'webhook-timestamp': String(Math.floor(now / 1000)),
			'webhook-signature': new Webhook(SECRET).sign('evt_bench', new Date(now), body),
		};
		const verify = () => {
			const result = verifyStandardWebhook({ secret: SECRET, headers, rawBody: body, now });
			if (!result.ok) throw new Error(`bench delivery rejected: ${result.reason}`);
		};
		const bareHmac = () => {
			createHmac('sha256', key).update(body).digest();
		};
		verify();
		// Warm both paths up before measuring.
		opsPerSecond(verify);
		opsPerSecond(bareHmac);
		const verifyRuns: number[] = [];
		const hmacRuns: number[] = [];
		for (let run = 0; run < RUNS; run++) {
			// Interleaved, so drift in machine load hits both alike.
			verifyRuns.push(opsPerSecond(verify));
			hmacRuns.push(opsPerSecond(bareHmac));
		}
		const verifyOps = median(verifyRuns);
		const hmacOps = median(hmacRuns);
		rows.push({
			bodyBytes: body.length,
			verifyOpsPerSecond: Math.round(verifyOps),
			hmacOpsPerSecond: Math.round(hmacOps),
			costRatio: Number((hmacOps / verifyOps).toFixed(2)),
			verifyMicrosPerDelivery: Number((1e6 / verifyOps).toFixed(2)),
		});
	}
	return rows;
}

export async function benchSignature(): Promise<void> {
	const rows = measureSignature();
	console.log(`Standard Webhooks verification vs bare HMAC-SHA256 (median of ${RUNS} runs)`);
	console.table(
		rows.map((row) => ({
			body: row.bodyBytes >= 1024 ? `${Math.round(row.bodyBytes / 1024)} KB` : `${row.bodyBytes} B`,
			'verify ops/s': row.verifyOpsPerSecond,
			'bare HMAC ops/s': row.hmacOpsPerSecond,
			'verify µs/delivery': row.verifyMicrosPerDelivery,
			'cost ratio (verify / HMAC)': row.costRatio,
		})),
	);
}
