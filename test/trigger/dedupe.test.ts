import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import {
	DEFAULT_LEDGER_LIMITS,
	DeliveryLedger,
	FINGERPRINT_LENGTH,
	fingerprintDelivery,
	readPersistedLedger,
} from '../../nodes/WorkfluxTrigger/dedupe';

const HOUR = 60 * 60 * 1000;
const T0 = Date.UTC(2026, 11, 3, 12, 0, 0);

/** Accepts and confirms an id (what happens when n8n takes the execution). */
function take(ledger: DeliveryLedger, id: string, now: number) {
	const admission = ledger.admit(fingerprintDelivery(id), now);
	if (admission === 'accepted') ledger.confirm(fingerprintDelivery(id), now);
	return admission;
}

/** n8n stores static data as JSON. */
function roundTrip(value: unknown): unknown {
	return JSON.parse(JSON.stringify(value));
}

describe('fingerprintDelivery', () => {
	it('is fixed-width base64url, stable, and differs for different ids', () => {
		const a = fingerprintDelivery('evt_01M8DT0A2Q');
		expect(a).toHaveLength(FINGERPRINT_LENGTH);
		expect(a).toMatch(/^[A-Za-z0-9_-]+$/);
		expect(fingerprintDelivery('evt_01M8DT0A2Q')).toBe(a);
		expect(fingerprintDelivery('evt_01M8DT0A2R')).not.toBe(a);
		// Any string, however long or odd, gives the same width.
		expect(fingerprintDelivery('x'.repeat(10_000))).toHaveLength(FINGERPRINT_LENGTH);
		expect(fingerprintDelivery('')).toHaveLength(FINGERPRINT_LENGTH);
	});

	it('has no collision among 50,000 distinct ids (66 bits: expected collisions ~ 2 x 10^-11)', () => {
		const seen = new Set<string>();
		for (let i = 0; i < 50_000; i++) seen.add(fingerprintDelivery(`evt_${i}`));
		expect(seen.size).toBe(50_000);
	});
});

describe('DeliveryLedger: admission', () => {
	it('accepts a new id once; a copy is in flight until confirmed, then a duplicate', () => {
		const ledger = new DeliveryLedger();
		const id = fingerprintDelivery('evt_1');
		expect(ledger.admit(id, T0)).toBe('accepted');
		expect(ledger.admit(id, T0)).toBe('in_flight');
		ledger.confirm(id, T0);
		expect(ledger.admit(id, T0 + 1)).toBe('duplicate');
		expect(ledger.size).toBe(1);
		expect(ledger.pendingCount).toBe(0);
	});

	it('forgets a released (not taken) id so the retry runs, but never a confirmed one', () => {
		const ledger = new DeliveryLedger();
		const id = fingerprintDelivery('evt_1');
		expect(ledger.admit(id, T0)).toBe('accepted');
		ledger.release(id);
		expect(ledger.admit(id, T0)).toBe('accepted');
		ledger.confirm(id, T0);
		ledger.release(id);
		expect(ledger.admit(id, T0)).toBe('duplicate');
	});

	it('lets a pending id that nothing settles lapse after 2 minutes, so a retry can run it', () => {
		const ledger = new DeliveryLedger();
		const id = fingerprintDelivery('evt_1');
		expect(ledger.admit(id, T0)).toBe('accepted');
		expect(ledger.admit(id, T0 + 119_999)).toBe('in_flight');
		expect(ledger.admit(id, T0 + 120_000)).toBe('accepted');
		expect(ledger.admit(id, T0 + 120_001)).toBe('in_flight');
	});

	it('lets exactly one of many same-instant copies through (any interleaving)', () => {
		fc.assert(
			fc.property(
				fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { minLength: 1, maxLength: 60 }),
				fc.array(fc.constantFrom('confirm', 'release', 'none'), { minLength: 60, maxLength: 60 }),
				(ids, outcomes) => {
					const ledger = new DeliveryLedger();
					const runs = new Map<string, number>();
					const pending: string[] = [];
					ids.forEach((id, i) => {
						const fp = fingerprintDelivery(id);
						if (ledger.admit(fp, T0) === 'accepted') pending.push(id);
						// Settle the oldest pending one now and then, in any order of success/failure.
						const outcome = outcomes[i];
						const settled = outcome === 'none' ? undefined : pending.shift();
						if (settled === undefined) return;
						if (outcome === 'confirm') {
							ledger.confirm(fingerprintDelivery(settled), T0);
							runs.set(settled, (runs.get(settled) ?? 0) + 1);
						} else {
							ledger.release(fingerprintDelivery(settled));
						}
					});
					for (const count of runs.values()) expect(count).toBe(1);
				},
			),
		);
	});
});

describe('DeliveryLedger: time horizon', () => {
	it('remembers an id for at least 30 hours (the whole WorkFlux retry schedule) and then drops it', () => {
		const ledger = new DeliveryLedger();
		take(ledger, 'evt_1', T0);
		// WorkFlux's retries: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h after one another.
		let at = T0;
		for (const gap of [5_000, 300_000, 1_800_000, 2 * HOUR, 5 * HOUR, 10 * HOUR, 10 * HOUR]) {
			at += gap;
			expect(take(ledger, 'evt_1', at), `retry at +${(at - T0) / HOUR} h`).toBe('duplicate');
		}
		expect(take(ledger, 'evt_1', T0 + 30 * HOUR - 1)).toBe('duplicate');
		// One hourly bucket later at most, it is gone.
		expect(take(ledger, 'evt_1', T0 + 31 * HOUR + 1)).toBe('accepted');
	});

	it('never forgets an id before the horizon, for any arrival times (property)', () => {
		fc.assert(
			fc.property(
				fc.array(fc.integer({ min: 0, max: 60 * HOUR }), { minLength: 1, maxLength: 40 }),
				fc.integer({ min: 0, max: 30 * HOUR }),
				(offsets, age) => {
					const ledger = new DeliveryLedger();
					const times = offsets.sort((a, b) => a - b).map((offset) => T0 + offset);
					times.forEach((time, i) => take(ledger, `evt_${i}`, time));
					const last = times[times.length - 1];
					const checkAt = last + age;
					times.forEach((time, i) => {
						if (checkAt - time <= DEFAULT_LEDGER_LIMITS.horizonMs) {
							expect(ledger.admit(fingerprintDelivery(`evt_${i}`), checkAt)).toBe('duplicate');
						}
					});
				},
			),
		);
	});
});

describe('DeliveryLedger: byte budget', () => {
	it('keeps at most maxEntries ids and drops the oldest first', () => {
		const ledger = new DeliveryLedger({ maxEntries: 100 });
		for (let i = 0; i < 250; i++) take(ledger, `evt_${i}`, T0 + i * 60_000);
		expect(ledger.size).toBe(100);
		expect(take(ledger, 'evt_149', T0 + 250 * 60_000)).toBe('accepted');
		expect(take(ledger, 'evt_249', T0 + 250 * 60_000)).toBe('duplicate');
		expect(take(ledger, 'evt_151', T0 + 250 * 60_000)).toBe('duplicate');
	});

	it('saves 11 characters per id: the full default ledger is about 550 KB', () => {
		const ledger = new DeliveryLedger();
		const { maxEntries } = DEFAULT_LEDGER_LIMITS;
		expect(maxEntries).toBe(50_000);
		// 30 h at one delivery every 2.2 s fills it.
		const step = Math.floor(DEFAULT_LEDGER_LIMITS.horizonMs / maxEntries);
		for (let i = 0; i < maxEntries + 500; i++) take(ledger, `evt_${i}`, T0 + i * step);
		expect(ledger.size).toBe(maxEntries);
		const bytes = JSON.stringify(ledger.snapshot(T0 + (maxEntries + 500) * step)).length;
		expect(bytes).toBeGreaterThan(maxEntries * FINGERPRINT_LENGTH);
		expect(bytes).toBeLessThan(maxEntries * FINGERPRINT_LENGTH + 2_000);
	});
});

describe('DeliveryLedger: persistence', () => {
	it('survives a JSON round trip: a new ledger (after a restart) knows every saved id', () => {
		const before = new DeliveryLedger();
		for (let i = 0; i < 500; i++) take(before, `evt_${i}`, T0 + i * 1_000);
		const saved = roundTrip(before.snapshot(T0 + 500_000));

		const after = new DeliveryLedger();
		expect(after.absorb(saved, T0 + HOUR)).toBe(true);
		expect(after.size).toBe(500);
		expect(take(after, 'evt_0', T0 + HOUR)).toBe('duplicate');
		expect(take(after, 'evt_499', T0 + HOUR)).toBe('duplicate');
		expect(take(after, 'evt_500', T0 + HOUR)).toBe('accepted');
		// The saved time buckets carry over: the ids still expire 30 h after they were accepted.
		expect(take(after, 'evt_1', T0 + 31 * HOUR + 1)).toBe('accepted');
	});

	it('leaves pending ids out of what is saved', () => {
		const ledger = new DeliveryLedger();
		ledger.admit(fingerprintDelivery('evt_pending'), T0);
		take(ledger, 'evt_taken', T0);
		const restored = new DeliveryLedger();
		restored.absorb(roundTrip(ledger.snapshot(T0)), T0);
		expect(restored.admit(fingerprintDelivery('evt_pending'), T0)).toBe('accepted');
		expect(restored.admit(fingerprintDelivery('evt_taken'), T0)).toBe('duplicate');
	});

	it('merges another writer’s snapshot into its own (union), once per snapshot', () => {
		const one = new DeliveryLedger();
		const two = new DeliveryLedger();
		take(one, 'evt_a', T0);
		take(two, 'evt_b', T0);
		const fromTwo = roundTrip(two.snapshot(T0));
		expect(one.absorb(fromTwo, T0)).toBe(true);
		// The same snapshot again (n8n reads it on every request) is skipped.
		expect(one.absorb(fromTwo, T0)).toBe(false);
		// Its own snapshot is skipped too.
		expect(one.absorb(roundTrip(one.snapshot(T0)), T0)).toBe(false);
		expect(one.admit(fingerprintDelivery('evt_a'), T0)).toBe('duplicate');
		expect(one.admit(fingerprintDelivery('evt_b'), T0)).toBe('duplicate');
		// What one saves now carries both.
		const restored = new DeliveryLedger();
		restored.absorb(roundTrip(one.snapshot(T0)), T0);
		expect(restored.size).toBe(2);
	});

	it('merging is a union: nothing accepted by either side is lost (property)', () => {
		fc.assert(
			fc.property(
				fc.uniqueArray(fc.string({ minLength: 1, maxLength: 12 }), { maxLength: 60 }),
				fc.uniqueArray(fc.string({ minLength: 1, maxLength: 12 }), { maxLength: 60 }),
				(mine, theirs) => {
					const one = new DeliveryLedger();
					const two = new DeliveryLedger();
					mine.forEach((id) => take(one, id, T0));
					theirs.forEach((id) => take(two, id, T0 + HOUR));
					one.absorb(roundTrip(two.snapshot(T0 + HOUR)), T0 + HOUR);
					expect(one.size).toBe(new Set([...mine, ...theirs]).size);
					for (const id of [...mine, ...theirs]) {
						expect(one.admit(fingerprintDelivery(id), T0 + HOUR)).toBe('duplicate');
					}
				},
			),
		);
	});

	it('ignores damaged or foreign stored data instead of failing', () => {
		const ledger = new DeliveryLedger();
		for (const damaged of [
			undefined,
			null,
			'x',
			42,
			['evt_1'],
			{ v: 2, tag: 't', buckets: [] },
			{ v: 1, tag: 7, buckets: [] },
			{ toJSON: () => ({}) },
		]) {
			expect(ledger.absorb(damaged, T0)).toBe(false);
		}
		const partly = {
			v: 1,
			tag: 'other.1',
			buckets: [
				[Math.floor(T0 / HOUR), 'abcdefghijk'],
				[Math.floor(T0 / HOUR), 'too short'],
				['x', 'abcdefghijk'],
				[Math.floor(T0 / HOUR), 'abc!efghijk'],
			],
		};
		expect(readPersistedLedger(partly)?.buckets).toEqual([[Math.floor(T0 / HOUR), 'abcdefghijk']]);
		expect(ledger.absorb(partly, T0)).toBe(true);
		expect(ledger.size).toBe(1);
	});

	it('drops saved buckets older than the horizon and treats future buckets as now', () => {
		const ledger = new DeliveryLedger();
		const hour = Math.floor(T0 / HOUR);
		ledger.absorb(
			{
				v: 1,
				tag: 'other.1',
				buckets: [
					[hour - 40, 'aaaaaaaaaaa'],
					[hour + 5, 'bbbbbbbbbbb'],
				],
			},
			T0,
		);
		expect(ledger.admit('aaaaaaaaaaa', T0)).toBe('accepted');
		expect(ledger.admit('bbbbbbbbbbb', T0)).toBe('duplicate');
		expect(ledger.admit('bbbbbbbbbbb', T0 + 30 * HOUR)).toBe('duplicate');
		expect(ledger.admit('bbbbbbbbbbb', T0 + 32 * HOUR)).toBe('accepted');
	});

	it('changes its tag when its content changes, and only then', () => {
		const ledger = new DeliveryLedger();
		const first = ledger.tag;
		take(ledger, 'evt_1', T0);
		const second = ledger.tag;
		expect(second).not.toBe(first);
		take(ledger, 'evt_1', T0);
		expect(ledger.tag).toBe(second);
		expect(ledger.snapshot(T0).tag).toBe(second);
	});
});

describe('DeliveryLedger: deliveries in flight together share one save', () => {
	/** Every fingerprint in a saved snapshot. */
	function savedIds(saved: unknown): Set<string> {
		const ids = new Set<string>();
		for (const [, run] of readPersistedLedger(roundTrip(saved))?.buckets ?? []) {
			for (let at = 0; at < run.length; at += FINGERPRINT_LENGTH) {
				ids.add(run.slice(at, at + FINGERPRINT_LENGTH));
			}
		}
		return ids;
	}

	it('20 deliveries at once: one save, by the last one taken, and it holds all 20', () => {
		const ledger = new DeliveryLedger();
		const ids = Array.from({ length: 20 }, (_, i) => fingerprintDelivery(`evt_${i}`));
		for (const id of ids) expect(ledger.admit(id, T0)).toBe('accepted');
		const saves: unknown[] = [];
		ids.forEach((id, i) => {
			ledger.confirm(id, T0 + i);
			if (ledger.saveDue(T0 + i)) saves.push(ledger.snapshotForSave(T0 + i));
		});
		expect(saves).toHaveLength(1);
		expect(savedIds(saves[0])).toEqual(new Set(ids));
		// Nothing waits any more, so the next delivery taken alone saves again.
		expect(ledger.saveDue(T0 + 100)).toBe(false);
	});

	it('a steady stream that never drains still saves at least every second', () => {
		const ledger = new DeliveryLedger();
		let saves = 0;
		// One delivery every 50 ms, each taken 100 ms after it arrived: two or three always in flight.
		for (let i = 0; i < 200; i++) {
			ledger.admit(fingerprintDelivery(`evt_${i}`), T0 + i * 50);
			if (i >= 2) {
				const now = T0 + i * 50;
				ledger.confirm(fingerprintDelivery(`evt_${i - 2}`), now);
				if (ledger.saveDue(now)) {
					ledger.snapshotForSave(now);
					saves++;
				}
			}
		}
		// 10 s of deliveries: about 10 saves instead of 198.
		expect(saves).toBeGreaterThanOrEqual(9);
		expect(saves).toBeLessThanOrEqual(11);
	});

	it('any interleaving: an id not yet saved has waited under a second or rides on a delivery in flight, and once all are taken every id is saved (property)', () => {
		fc.assert(
			fc.property(
				fc.array(
					fc.record({
						arrives: fc.integer({ min: 0, max: 5000 }),
						takes: fc.integer({ min: 0, max: 3000 }),
					}),
					{ minLength: 1, maxLength: 60 },
				),
				(deliveries) => {
					const ledger = new DeliveryLedger();
					type Step = { at: number; kind: 'admit' | 'confirm'; id: string };
					const steps: Step[] = deliveries.flatMap((d, i) => [
						{ at: d.arrives, kind: 'admit' as const, id: fingerprintDelivery(`evt_${i}`) },
						{
							at: d.arrives + d.takes,
							kind: 'confirm' as const,
							id: fingerprintDelivery(`evt_${i}`),
						},
					]);
					// Same instant: arrivals first, as a delivery is taken after it arrived.
					steps.sort((a, b) => a.at - b.at || (a.kind === 'admit' ? -1 : 1));
					const confirmedAt = new Map<string, number>();
					let saved = new Set<string>();
					for (const step of steps) {
						const now = T0 + step.at;
						if (step.kind === 'admit') {
							ledger.admit(step.id, now);
							continue;
						}
						ledger.confirm(step.id, now);
						confirmedAt.set(step.id, now);
						if (ledger.saveDue(now)) saved = savedIds(ledger.snapshotForSave(now));
						for (const [id, at] of confirmedAt) {
							if (saved.has(id)) continue;
							expect(ledger.pendingCount > 0 && now - at < 1000).toBe(true);
						}
					}
					expect(saved).toEqual(new Set(confirmedAt.keys()));
				},
			),
			{ numRuns: 300 },
		);
	});
});
