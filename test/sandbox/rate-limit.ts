// Per-client rate limit, fixed or sliding window. Every /v1 answer carries the X-RateLimit-* headers it computes.
import type { RateLimitConfig } from './config';

export interface RateLimitState {
	allowed: boolean;
	limit: number;
	remaining: number;
	/** Seconds until the window (fixed) or the oldest counted request (sliding) frees a slot. */
	resetSeconds: number;
}

export class RateLimiter {
	private readonly fixed = new Map<string, { start: number; count: number }>();
	private readonly sliding = new Map<string, number[]>();

	constructor(private readonly config: () => RateLimitConfig) {}

	/** Counts one request for `key` (a client id, or the caller's address before authentication). */
	hit(key: string, now = Date.now()): RateLimitState {
		const { limit, windowSeconds, algorithm } = this.config();
		const windowMs = windowSeconds * 1000;
		if (algorithm === 'sliding') {
			const times = (this.sliding.get(key) ?? []).filter((t) => t > now - windowMs);
			const allowed = times.length < limit;
			if (allowed) times.push(now);
			this.sliding.set(key, times);
			const oldest = times[0] ?? now;
			return {
				allowed,
				limit,
				remaining: Math.max(0, limit - times.length),
				resetSeconds: Math.max(0, Math.ceil((oldest + windowMs - now) / 1000)),
			};
		}
		let window = this.fixed.get(key);
		if (!window || now >= window.start + windowMs) {
			window = { start: now, count: 0 };
			this.fixed.set(key, window);
		}
		const allowed = window.count < limit;
		if (allowed) window.count++;
		return {
			allowed,
			limit,
			remaining: Math.max(0, limit - window.count),
			resetSeconds: Math.max(0, Math.ceil((window.start + windowMs - now) / 1000)),
		};
	}

	reset(): void {
		this.fixed.clear();
		this.sliding.clear();
	}
}

export function rateLimitHeaders(state: RateLimitState): Record<string, string> {
	return {
		'X-RateLimit-Limit': String(state.limit),
		'X-RateLimit-Remaining': String(state.remaining),
		'X-RateLimit-Reset': String(state.resetSeconds),
	};
}
