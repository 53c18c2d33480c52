/* eslint-disable @n8n/community-nodes/no-restricted-globals */
import { describe, expect, it } from 'vitest';

import { shareFirstToken } from '../../nodes/shared/transport/first-token';

/** A request that records when it started and ended, and finishes when told to. */
function recorder() {
	const log: string[] = [];
	const releases: Array<() => void> = [];
	const request =
		(name: string, fail = false) =>
		async () => {
			log.push(`start ${name}`);
			await new Promise<void>((resolve) => releases.push(resolve));
			log.push(`end ${name}`);
			if (fail) throw new Error(`${name} failed`);
			return name;
		};
	const releaseAll = async () => {
		// Each release may let a waiting request start (and push its own release); repeat until none is left.
		for (let rounds = 0; rounds < 50; rounds++) {
			await new Promise((resolve) => setImmediate(resolve));
			const pending = releases.splice(0);
			pending.forEach((release) => release());
		}
	};
	return { log, request, releaseAll };
}

describe('shareFirstToken', () => {
	it('lets the other requests of a credential without a token start only after the first one ended', async () => {
		const { log, request, releaseAll } = recorder();
		const calls = ['a', 'b', 'c'].map((name) => shareFirstToken('cred-1', false, request(name)));
		await releaseAll();
		expect(await Promise.all(calls)).toEqual(['a', 'b', 'c']);
		expect(log.indexOf('end a')).toBeLessThan(log.indexOf('start b'));
		expect(log.indexOf('end a')).toBeLessThan(log.indexOf('start c'));
	});

	it('still sends the waiting requests when the first one failed', async () => {
		const { request, releaseAll } = recorder();
		const first = shareFirstToken('cred-2', false, request('a', true)).catch(
			(error: Error) => error.message,
		);
		const second = shareFirstToken('cred-2', false, request('b'));
		await releaseAll();
		expect(await first).toBe('a failed');
		expect(await second).toBe('b');
	});

	it('does not hold anything back once a token is stored, or for another credential', async () => {
		const { log, request, releaseAll } = recorder();
		const calls = [
			shareFirstToken('cred-3', false, request('a')),
			shareFirstToken('cred-4', false, request('b')),
			shareFirstToken('cred-3', true, request('c')),
		];
		await new Promise((resolve) => setImmediate(resolve));
		expect(log).toEqual(['start a', 'start b', 'start c']);
		await releaseAll();
		expect(await Promise.all(calls)).toEqual(['a', 'b', 'c']);
	});
});
