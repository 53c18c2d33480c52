/**
 * Waiting for a WorkFlux job (an export, a workflow run) to finish by asking for its status again and again.
 * Pure: the status check, the wait and the clock are passed in, so the loop is tested without HTTP or real
 * time, and the node hands in n8n's `sleep`.
 */

export interface PollOptions<T> {
	/** Fetches the job's current state. */
	check: () => Promise<T>;
	isFinished: (state: T) => boolean;
	intervalMs: number;
	/** The longest to wait in all, counted from the start of polling. */
	maxWaitMs: number;
	wait: (ms: number) => Promise<void>;
	now: () => number;
}

export type PollOutcome<T> =
	| { finished: true; state: T }
	| { finished: false; state: T; waitedMs: number };

/**
 * Starts from the state the job was created with. Never waits past `maxWaitMs`: the last wait is shortened
 * so the final check happens right at the limit.
 */
export async function pollUntilFinished<T>(
	initial: T,
	options: PollOptions<T>,
): Promise<PollOutcome<T>> {
	if (options.isFinished(initial)) return { finished: true, state: initial };
	const startedAt = options.now();
	let state = initial;
	for (;;) {
		const waited = options.now() - startedAt;
		const remaining = options.maxWaitMs - waited;
		if (remaining <= 0) return { finished: false, state, waitedMs: waited };
		await options.wait(Math.min(options.intervalMs, remaining));
		state = await options.check();
		if (options.isFinished(state)) return { finished: true, state };
	}
}
