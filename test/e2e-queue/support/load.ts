/**
 * A fixed number of requests at a fixed concurrency, and what it measured. Pure timing arithmetic; the
 * requests themselves are the caller's.
 */

export interface LoadFigures {
	requests: number;
	concurrency: number;
	seconds: number;
	perSecond: number;
	p50Ms: number;
	p99Ms: number;
	/** Answers per HTTP status. */
	statuses: Record<number, number>;
}

/** The nearest-rank percentile (`p` in 0..100) of the values. */
export function percentile(values: number[], p: number): number {
	if (values.length === 0) return Number.NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const rank = Math.ceil((p / 100) * sorted.length);
	return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export async function runLoad(
	requests: number,
	concurrency: number,
	sendOne: (index: number) => Promise<{ status: number; ms: number }>,
): Promise<LoadFigures> {
	const latencies: number[] = [];
	const statuses: Record<number, number> = {};
	let next = 0;
	const started = performance.now();
	const lane = async () => {
		while (next < requests) {
			const index = next++;
			const answer = await sendOne(index).catch(() => ({ status: 0, ms: Number.NaN }));
			statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
			if (!Number.isNaN(answer.ms)) latencies.push(answer.ms);
		}
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, requests) }, lane));
	const seconds = (performance.now() - started) / 1000;
	return {
		requests,
		concurrency,
		seconds,
		perSecond: requests / seconds,
		p50Ms: percentile(latencies, 50),
		p99Ms: percentile(latencies, 99),
		statuses,
	};
}

export function describeLoad(label: string, figures: LoadFigures): string {
	return `${label}: ${figures.requests} deliveries at concurrency ${figures.concurrency} in ${figures.seconds.toFixed(1)} s = ${figures.perSecond.toFixed(1)}/s, p50 ${figures.p50Ms.toFixed(1)} ms, p99 ${figures.p99Ms.toFixed(1)} ms, statuses ${JSON.stringify(figures.statuses)}`;
}
