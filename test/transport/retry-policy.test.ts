import { describe, expect, it } from 'vitest';

import {
	backoffDelay,
	decideRetry,
	DEFAULT_RETRY_POLICY,
	isRetryable,
	parseRetryAfter,
} from '../../nodes/shared/transport/retry-policy';
import { DEFAULT_TIMEOUT_MS } from '../../nodes/shared/transport/request';
import { retryOptions } from '../../nodes/Workflux/descriptions/retry.description';

const now = Date.parse('2026-11-27T12:00:00Z');
const base = {
	attempt: 1,
	waitedMs: 0,
	method: 'GET',
	hasIdempotencyKey: false,
	policy: DEFAULT_RETRY_POLICY,
	now,
	random: () => 0.5,
};

describe('parseRetryAfter', () => {
	it('reads seconds', () => expect(parseRetryAfter('7', now)).toBe(7000));
	it('reads an HTTP date relative to now', () =>
		expect(parseRetryAfter('Fri, 27 Nov 2026 12:00:30 GMT', now)).toBe(30_000));
	it('never returns a negative wait for a past date', () =>
		expect(parseRetryAfter('Fri, 27 Nov 2026 11:00:00 GMT', now)).toBe(0));
	it('ignores garbage and absence', () => {
		expect(parseRetryAfter('soon', now)).toBeUndefined();
		expect(parseRetryAfter(undefined, now)).toBeUndefined();
	});
	it('reads 0 as "retry now" and ignores blanks around the value', () => {
		expect(parseRetryAfter('0', now)).toBe(0);
		expect(parseRetryAfter(' 12 ', now)).toBe(12_000);
	});
	// RFC 9110 §10.2.3: delta-seconds is 1*DIGIT, so a sign, a fraction or an exponent makes it invalid.
	it.each([
		'-5',
		'-0',
		'+5',
		'1.5',
		'1e3',
		'0x10',
		'5 s',
		'',
		' ',
		'NaN',
		'Infinity',
		'2026-11-27',
	])('refuses %j, which is neither delta-seconds nor an HTTP-date', (value) =>
		expect(parseRetryAfter(value, now)).toBeUndefined(),
	);
	it('reads the obsolete RFC 850 and asctime() date forms, in UTC', () => {
		expect(parseRetryAfter('Friday, 27-Nov-26 12:00:30 GMT', now)).toBe(30_000);
		expect(parseRetryAfter('Fri Nov 27 12:00:30 2026', now)).toBe(30_000);
	});
	it('refuses dates that are not HTTP-dates', () => {
		expect(parseRetryAfter('27 Nov 2026 12:00:30 GMT', now)).toBeUndefined();
		expect(parseRetryAfter('Fri, 27 Nov 2026 12:00:30 +0100', now)).toBeUndefined();
		expect(parseRetryAfter('Fri, 27 Nov 2026 12:00:30', now)).toBeUndefined();
	});
});

describe('decideRetry with an invalid Retry-After', () => {
	it.each(['-5', '1.5', 'garbage'])(
		'falls back to the backoff for %j instead of retrying at once',
		(value) => {
			const decision = decideRetry({ ...base, failure: { status: 429, retryAfter: value } });
			// random() is 0.5 and the first backoff step is 500 ms: half of it.
			expect(decision).toEqual({
				retry: true,
				waitMs: backoffDelay(1, DEFAULT_RETRY_POLICY, () => 0.5),
			});
			expect(decision.retry && decision.waitMs).toBe(250);
		},
	);
});

describe('isRetryable', () => {
	it('always retries 429, even a POST without a key: the request was refused, not done', () =>
		expect(isRetryable({ status: 429 }, 'POST', false)).toBe(true));
	it('retries server and network errors on safe methods', () => {
		expect(isRetryable({ status: 503 }, 'GET', false)).toBe(true);
		expect(isRetryable({}, 'DELETE', false)).toBe(true);
	});
	it('retries a failed POST only with an idempotency key', () => {
		expect(isRetryable({ status: 500 }, 'POST', false)).toBe(false);
		expect(isRetryable({ status: 500 }, 'POST', true)).toBe(true);
		expect(isRetryable({}, 'PATCH', false)).toBe(false);
	});
	it('never retries client errors', () => {
		for (const status of [400, 401, 403, 404, 409, 422]) {
			expect(isRetryable({ status }, 'GET', true)).toBe(false);
		}
	});
});

describe('backoffDelay', () => {
	it('is full jitter under a doubling, capped ceiling', () => {
		const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1000 };
		expect(backoffDelay(1, policy, () => 0.999)).toBe(99);
		expect(backoffDelay(3, policy, () => 0.999)).toBe(399);
		expect(backoffDelay(10, policy, () => 0.999)).toBe(999);
		expect(backoffDelay(4, policy, () => 0)).toBe(0);
	});
});

describe('decideRetry', () => {
	it('waits exactly as long as Retry-After says', () =>
		expect(decideRetry({ ...base, failure: { status: 429, retryAfter: '3' } })).toEqual({
			retry: true,
			waitMs: 3000,
		}));
	it('backs off when the server gives no Retry-After', () =>
		expect(decideRetry({ ...base, attempt: 2, failure: { status: 503 } })).toEqual({
			retry: true,
			waitMs: 500,
		}));
	it('stops at the attempt cap', () => {
		const decision = decideRetry({ ...base, attempt: 5, failure: { status: 503 } });
		expect(decision).toMatchObject({ retry: false, reason: 'the limit of 5 attempts is reached' });
	});
	it('stops when the wait would break the total budget', () => {
		const decision = decideRetry({
			...base,
			waitedMs: 55_000,
			failure: { status: 429, retryAfter: '10' },
		});
		expect(decision.retry).toBe(false);
	});
	it('does nothing when turned off', () =>
		expect(
			decideRetry({
				...base,
				policy: { ...DEFAULT_RETRY_POLICY, enabled: false },
				failure: { status: 429 },
			}).retry,
		).toBe(false));
});

describe('the Options shown in the editor', () => {
	it('default to the policy the transport uses', () => {
		const byName = Object.fromEntries(retryOptions.map((option) => [option.name, option.default]));
		expect(byName.retryEnabled).toBe(DEFAULT_RETRY_POLICY.enabled);
		expect(byName.retryMaxAttempts).toBe(DEFAULT_RETRY_POLICY.maxAttempts);
		expect(byName.retryMaxWaitSeconds).toBe(DEFAULT_RETRY_POLICY.maxTotalWaitMs / 1000);
		expect(byName.timeoutSeconds).toBe(DEFAULT_TIMEOUT_MS / 1000);
	});
});
