import { describe, expect, it } from 'vitest';

import {
	backoffDelay,
	decideRetry,
	DEFAULT_RETRY_POLICY,
	isRetryable,
	parseRetryAfter,
} from '../../nodes/shared/transport/retry-policy';
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
	});
});
