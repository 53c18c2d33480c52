import { randomBytes } from 'node:crypto';

// Crockford base32, as in ULID: ids sort by creation time, so (created_at, id) is a stable order even when many
// records share one millisecond.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

let lastTime = -1;
let lastRandom: number[] = [];

function encodeTime(time: number): string {
	let out = '';
	let rest = time;
	for (let i = 0; i < 10; i++) {
		out = ALPHABET[rest % 32] + out;
		rest = Math.floor(rest / 32);
	}
	return out;
}

function freshRandom(): number[] {
	return Array.from(randomBytes(16), (byte) => byte % 32);
}

/** Increments the random part so ids made in the same millisecond stay in creation order (monotonic ULID). */
function incremented(digits: number[]): number[] {
	const next = digits.slice();
	for (let i = next.length - 1; i >= 0; i--) {
		if (next[i] < 31) {
			next[i]++;
			return next;
		}
		next[i] = 0;
	}
	return freshRandom();
}

/** A monotonic ULID. */
export function ulid(now = Date.now()): string {
	if (now <= lastTime) {
		lastRandom = incremented(lastRandom);
	} else {
		lastTime = now;
		lastRandom = freshRandom();
	}
	return encodeTime(lastTime) + lastRandom.map((digit) => ALPHABET[digit]).join('');
}

export const ID_PREFIX = {
	agent: 'agt',
	conversation: 'conv',
	message: 'msg',
	webhook: 'wh',
	event: 'evt',
	workflow: 'wf',
	run: 'run',
	export: 'exp',
	delivery: 'dlv',
	request: 'req',
} as const;

export function newId(kind: keyof typeof ID_PREFIX): string {
	return `${ID_PREFIX[kind]}_${ulid()}`;
}
