/* eslint-disable @n8n/community-nodes/no-restricted-globals */
// Every timer the sandbox starts goes through here, so close() and reset() can stop them all at once and a test
// process never waits on a forgotten retry or export job.

export class Timers {
	private readonly pending = new Set<NodeJS.Timeout>();
	private readonly sleepers = new Map<NodeJS.Timeout, () => void>();

	/** Runs `fn` after `ms`; the timer does not keep the process alive. */
	after(ms: number, fn: () => void): NodeJS.Timeout {
		const handle = setTimeout(
			() => {
				this.pending.delete(handle);
				fn();
			},
			Math.max(0, ms),
		);
		handle.unref();
		this.pending.add(handle);
		return handle;
	}

	cancel(handle: NodeJS.Timeout | null | undefined): void {
		if (!handle) return;
		clearTimeout(handle);
		this.pending.delete(handle);
	}

	/** A promise that resolves after `ms`, or at once when the timers are cleared. */
	sleep(ms: number): Promise<void> {
		return new Promise((resolve) => {
			const handle = this.after(ms, () => {
				this.sleepers.delete(handle);
				resolve();
			});
			this.sleepers.set(handle, resolve);
		});
	}

	get size(): number {
		return this.pending.size;
	}

	clearAll(): void {
		for (const handle of this.pending) clearTimeout(handle);
		this.pending.clear();
		for (const resolve of this.sleepers.values()) resolve();
		this.sleepers.clear();
	}
}
