// Idempotency-Key on POST: per client and key, the first answer (status and body) is stored and replayed for the
// same request; the same key with a different request is refused.
import { createHash } from 'node:crypto';

export interface StoredAnswer {
	status: number;
	body: string;
	contentType: string | undefined;
}

interface Entry {
	fingerprint: string;
	answer: StoredAnswer | null;
	createdAt: number;
}

export type IdempotencyLookup =
	| { kind: 'new' }
	| { kind: 'replay'; answer: StoredAnswer }
	| { kind: 'mismatch' }
	| { kind: 'in_progress' };

/** JSON with sorted keys, so `{"a":1,"b":2}` and `{"b":2,"a":1}` are the same request. */
export function stableStringify(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
	if (value !== null && typeof value === 'object') {
		const entries = Object.entries(value as Record<string, unknown>)
			.filter(([, v]) => v !== undefined)
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}

export function requestFingerprint(method: string, path: string, body: unknown): string {
	return createHash('sha256')
		.update(`${method.toUpperCase()} ${path}\n${stableStringify(body ?? null)}`)
		.digest('hex');
}

/** Whether an answer is the outcome of carrying the request out (and so must be replayed), per status. */
export function isReplayableStatus(status: number): boolean {
	// 401/429 come before the request runs; 415/422 mean it never started; a genuine 5xx must stay retryable.
	return status < 500 && ![400, 401, 415, 422, 429].includes(status);
}

export class IdempotencyStore {
	private readonly entries = new Map<string, Entry>();

	private static key(clientId: string, key: string): string {
		return `${clientId}\u0000${key}`;
	}

	/** Looks the key up; when it is new, reserves it for this request. */
	begin(clientId: string, key: string, fingerprint: string, now = Date.now()): IdempotencyLookup {
		const id = IdempotencyStore.key(clientId, key);
		const entry = this.entries.get(id);
		if (!entry) {
			this.entries.set(id, { fingerprint, answer: null, createdAt: now });
			return { kind: 'new' };
		}
		if (entry.fingerprint !== fingerprint) return { kind: 'mismatch' };
		if (!entry.answer) return { kind: 'in_progress' };
		return { kind: 'replay', answer: entry.answer };
	}

	complete(clientId: string, key: string, answer: StoredAnswer): void {
		const entry = this.entries.get(IdempotencyStore.key(clientId, key));
		if (entry) entry.answer = answer;
	}

	/** Frees a reserved key whose request did not run (validation error, genuine failure). */
	release(clientId: string, key: string): void {
		const id = IdempotencyStore.key(clientId, key);
		if (this.entries.get(id)?.answer === null) this.entries.delete(id);
	}

	get size(): number {
		return this.entries.size;
	}

	clear(): void {
		this.entries.clear();
	}
}
