/**
 * When and how long to wait before trying a WorkFlux request again. Pure: no n8n imports, so it is tested
 * on its own and every wait is a number the caller hands to n8n's `sleep`.
 */

export interface RetryPolicy {
	enabled: boolean;
	/** Attempts in all, the first one included. */
	maxAttempts: number;
	/** The longest the caller may spend waiting across all retries of one request. */
	maxTotalWaitMs: number;
	/** First backoff step; doubled per attempt. */
	baseDelayMs: number;
	/** No single backoff wait is longer than this. */
	maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	enabled: true,
	maxAttempts: 5,
	maxTotalWaitMs: 60_000,
	baseDelayMs: 500,
	maxDelayMs: 20_000,
};

/** A failure as the retry logic sees it: an HTTP status, or none for a network error or timeout. */
export interface AttemptFailure {
	status?: number;
	retryAfter?: string;
}

const RETRYABLE_STATUSES = new Set([500, 502, 503, 504]);
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

/**
 * 429 is always safe to retry: the request was refused, not carried out. Server errors and network errors
 * may hide a request that did happen, so they are retried only when repeating it cannot do it twice: safe
 * or idempotent methods, or a POST carrying an Idempotency-Key.
 */
export function isRetryable(failure: AttemptFailure, method: string, hasIdempotencyKey: boolean) {
	if (failure.status === 429) return true;
	const serverOrNetwork = failure.status === undefined || RETRYABLE_STATUSES.has(failure.status);
	if (!serverOrNetwork) return false;
	return SAFE_METHODS.has(method.toUpperCase()) || hasIdempotencyKey;
}

/** RFC 9110 §5.6.7 IMF-fixdate, e.g. `Sun, 06 Nov 1994 08:49:37 GMT`. */
const IMF_FIXDATE =
	/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;
/** The obsolete forms a recipient must still accept: RFC 850 and C's asctime(). */
const RFC850_DATE =
	/^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), \d{2}-(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)-\d{2} \d{2}:\d{2}:\d{2} GMT$/;
const ASCTIME_DATE =
	/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) ( \d|\d{2}) \d{2}:\d{2}:\d{2} \d{4}$/;

/** An HTTP-date (RFC 9110 §5.6.7) in milliseconds since 1970, or undefined for anything else. */
function parseHttpDate(value: string): number | undefined {
	if (!IMF_FIXDATE.test(value) && !RFC850_DATE.test(value) && !ASCTIME_DATE.test(value)) {
		return undefined;
	}
	// asctime() carries no zone; HTTP-dates are always UTC.
	const date = Date.parse(ASCTIME_DATE.test(value) ? `${value} GMT` : value);
	return Number.isNaN(date) ? undefined : date;
}

/**
 * `Retry-After` (RFC 9110 §10.2.3) in milliseconds from `now`: non-negative whole delta-seconds or an
 * HTTP-date. Anything else (`-5`, `1.5`, `soon`) is undefined, so the caller falls back to its backoff
 * instead of retrying at once.
 */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
	if (value === undefined) return undefined;
	const trimmed = value.trim();
	if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
	const date = parseHttpDate(trimmed);
	return date === undefined ? undefined : Math.max(0, date - now);
}

/** Capped exponential backoff with full jitter (a random wait between 0 and the cap for this attempt). */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number): number {
	const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
	return Math.floor(random() * cap);
}

export type RetryDecision =
	| { retry: true; waitMs: number }
	/** `gaveUp`: the failure was worth retrying, but the attempts or the wait budget ran out. */
	| { retry: false; reason: string; gaveUp: boolean };

/**
 * Decides what to do after attempt number `attempt` (1-based) failed, given the time already spent waiting.
 * The server's `Retry-After` wins over backoff; a wait that would break the total budget stops the retries.
 */
export function decideRetry(options: {
	failure: AttemptFailure;
	attempt: number;
	waitedMs: number;
	method: string;
	hasIdempotencyKey: boolean;
	policy: RetryPolicy;
	now: number;
	random: () => number;
}): RetryDecision {
	const { failure, attempt, waitedMs, policy } = options;
	if (!policy.enabled) return { retry: false, reason: 'retries are turned off', gaveUp: false };
	if (!isRetryable(failure, options.method, options.hasIdempotencyKey)) {
		return { retry: false, reason: 'this failure is not safe to retry', gaveUp: false };
	}
	if (attempt >= policy.maxAttempts) {
		return { retry: false, reason: `the limit of ${attempt} attempts is reached`, gaveUp: true };
	}
	const waitMs =
		parseRetryAfter(failure.retryAfter, options.now) ??
		backoffDelay(attempt, policy, options.random);
	if (waitedMs + waitMs > policy.maxTotalWaitMs) {
		return {
			retry: false,
			reason: `waiting ${Math.ceil(waitMs / 1000)} s more would exceed the ${Math.round(
				policy.maxTotalWaitMs / 1000,
			)} s retry budget`,
			gaveUp: true,
		};
	}
	return { retry: true, waitMs };
}
