// A small seeded PRNG (mulberry32) so fault injection and seed data repeat exactly for the same seed.

export interface Prng {
	/** A float in [0, 1). */
	next(): number;
	/** True with probability `rate` (0..1). Always consumes one draw, so sequences stay aligned. */
	chance(rate: number): boolean;
	/** An integer in [min, max]. */
	int(min: number, max: number): number;
	pick<T>(items: readonly T[]): T;
}

export function createPrng(seed: number): Prng {
	let state = seed >>> 0;
	const next = (): number => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	return {
		next,
		chance: (rate) => next() < rate,
		int: (min, max) => min + Math.floor(next() * (max - min + 1)),
		pick: (items) => items[Math.floor(next() * items.length)],
	};
}

/** Derives independent streams from one seed (faults, deliveries, data) so one does not shift another. */
export function deriveSeed(seed: number, stream: string): number {
	let hash = seed >>> 0;
	for (let i = 0; i < stream.length; i++) {
		hash = Math.imul(hash ^ stream.charCodeAt(i), 0x01000193) >>> 0;
	}
	return hash;
}
