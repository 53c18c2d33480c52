import { describe, expect, it } from 'vitest';

import {
	DEFAULT_SEEN_DELIVERY_CAP,
	checkAndRememberDelivery,
	readSeenDeliveries,
} from '../../nodes/WorkfluxTrigger/dedupe';

/** Feeds ids one by one, the way the trigger stores the list back after each delivery. */
function feed(ids: string[], cap?: number, start: unknown = undefined) {
	let stored: unknown = start;
	const duplicates: string[] = [];
	for (const id of ids) {
		const check = checkAndRememberDelivery(stored, id, cap);
		if (check.duplicate) duplicates.push(id);
		stored = check.seen;
	}
	return { stored: stored as string[], duplicates };
}

describe('checkAndRememberDelivery', () => {
	it('reports a new id as new and the same id again as a duplicate', () => {
		const first = checkAndRememberDelivery(undefined, 'evt_1');
		expect(first).toEqual({ duplicate: false, seen: ['evt_1'] });
		const again = checkAndRememberDelivery(first.seen, 'evt_1');
		expect(again.duplicate).toBe(true);
		expect(again.seen).toEqual(['evt_1']);
		expect(checkAndRememberDelivery(again.seen, 'evt_2').duplicate).toBe(false);
	});

	it('never holds more than the cap, and evicts the oldest first', () => {
		const ids = Array.from({ length: 25 }, (_, i) => `evt_${i}`);
		const { stored } = feed(ids, 10);
		expect(stored).toHaveLength(10);
		expect(stored).toEqual(ids.slice(15));
		// The evicted oldest id counts as new again; a kept one is still a duplicate.
		expect(checkAndRememberDelivery(stored, 'evt_14', 10).duplicate).toBe(false);
		expect(checkAndRememberDelivery(stored, 'evt_15', 10).duplicate).toBe(true);
	});

	it('keeps the default cap of 1000 with far more deliveries', () => {
		const ids = Array.from({ length: 5000 }, (_, i) => `evt_${i}`);
		const { stored } = feed(ids);
		expect(DEFAULT_SEEN_DELIVERY_CAP).toBe(1000);
		expect(stored).toHaveLength(1000);
		expect(stored[0]).toBe('evt_4000');
		expect(stored[999]).toBe('evt_4999');
	});

	it('refreshes a repeated id so it is evicted last (least recently seen goes first)', () => {
		const { stored } = feed(['a', 'b', 'c', 'a', 'd'], 3);
		expect(stored).toEqual(['c', 'a', 'd']);
	});

	it('runs each id once in a stream full of redeliveries', () => {
		const stream = ['e1', 'e2', 'e1', 'e3', 'e2', 'e2', 'e4', 'e1'];
		const { duplicates } = feed(stream, 100);
		expect(duplicates).toEqual(['e1', 'e2', 'e2', 'e1']);
	});

	it('does not change the array it was given', () => {
		const stored = Object.freeze(['evt_1', 'evt_2']);
		const check = checkAndRememberDelivery(stored, 'evt_3', 2);
		expect(stored).toEqual(['evt_1', 'evt_2']);
		expect(check.seen).toEqual(['evt_2', 'evt_3']);
		expect(check.seen).not.toBe(stored);
	});

	it('survives a JSON round trip of the static data it lives in', () => {
		let staticData: Record<string, unknown> = { webhookId: 'wh_1' };
		for (const id of ['evt_1', 'evt_2', 'evt_3']) {
			const check = checkAndRememberDelivery(staticData.seenDeliveryIds, id, 1000);
			staticData.seenDeliveryIds = check.seen;
			// n8n stores workflow static data as JSON between deliveries.
			staticData = JSON.parse(JSON.stringify(staticData)) as Record<string, unknown>;
		}
		expect(staticData).toEqual({ webhookId: 'wh_1', seenDeliveryIds: ['evt_1', 'evt_2', 'evt_3'] });
		expect(checkAndRememberDelivery(staticData.seenDeliveryIds, 'evt_2').duplicate).toBe(true);
		expect(checkAndRememberDelivery(staticData.seenDeliveryIds, 'evt_4').duplicate).toBe(false);
	});

	it('treats missing or damaged stored data as empty instead of failing', () => {
		for (const damaged of [undefined, null, 'evt_1', 42, { 0: 'evt_1' }]) {
			expect(checkAndRememberDelivery(damaged, 'evt_1')).toEqual({
				duplicate: false,
				seen: ['evt_1'],
			});
		}
		expect(readSeenDeliveries(['evt_1', 7, null, 'evt_2'])).toEqual(['evt_1', 'evt_2']);
	});

	it('clamps a nonsensical cap to at least one entry', () => {
		expect(checkAndRememberDelivery(['a', 'b'], 'c', 0).seen).toEqual(['c']);
	});
});
