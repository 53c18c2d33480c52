import { createHash, randomBytes } from 'crypto';

/**
 * The delivery ledger: which WorkFlux deliveries (`webhook-id`) this trigger has already accepted,
 * remembered by TIME rather than by count, so a redelivery runs nothing however late it comes within
 * WorkFlux's retry schedule. Pure: no n8n imports; the n8n glue is in redelivery.ts.
 *
 * - Horizon: WorkFlux retries after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h (about 27.6 h in
 *   all). Every accepted id is remembered for at least 30 h, in hourly buckets; a whole bucket is
 *   dropped once its last hour is older than the horizon.
 * - Byte budget: ids are kept as 11-character fingerprints (66 bits of SHA-256, base64url), and at
 *   most 50,000 of them (about 550 KB when saved). That covers the full 30 h at up to one delivery
 *   every 2.2 s (about 40,000 a day). Beyond it the oldest ids go first, so at higher rates the
 *   window shrinks (at 10 deliveries/s it still spans the last 83 minutes: the first four retries).
 * - Two kinds of entries: "pending" (accepted, n8n has not taken the execution yet; in memory only)
 *   and "confirmed" (n8n took the execution; these are saved). A copy that arrives while the first
 *   one is pending is told to come back later instead of being answered 2xx, so if the first one
 *   fails, WorkFlux's retry still runs the event. A pending entry that was never settled (the sender
 *   hung up and n8n never took the run) lapses after 2 minutes, so the event can run on a retry.
 * - Saving: each save is a database write of the whole ledger, so deliveries that overlap share one
 *   (saveDue): a delivery leaves the save to another one still in flight, which saves after it and so
 *   carries its id, and the last delivery of a burst always saves. Under steady load a save still
 *   happens at least every `maxSaveDelayMs` (1 s). The in-process ledger is exact either way; only
 *   what survives a crash lags, by at most that second (or, if the last delivery of a burst failed,
 *   until the next delivery).
 */

export interface LedgerLimits {
	/** How long an accepted id is remembered at least. */
	horizonMs: number;
	/** Width of one time bucket. */
	bucketMs: number;
	/** Most ids kept; beyond that the oldest are dropped first. */
	maxEntries: number;
	/** How long a pending (accepted, not yet taken) id blocks copies when nothing settles it. */
	pendingTimeoutMs: number;
	/** Longest a confirmed id waits for a save while other deliveries are in flight. */
	maxSaveDelayMs: number;
}

const HOUR_MS = 60 * 60 * 1000;

export const DEFAULT_LEDGER_LIMITS: LedgerLimits = {
	horizonMs: 30 * HOUR_MS,
	bucketMs: HOUR_MS,
	maxEntries: 50_000,
	pendingTimeoutMs: 2 * 60 * 1000,
	maxSaveDelayMs: 1000,
};

/** Characters in one fingerprint: 11 base64url characters carry 66 bits. */
export const FINGERPRINT_LENGTH = 11;

const FINGERPRINT_RUN = /^[A-Za-z0-9_-]*$/;

/** How many snapshot tags of other writers to remember, so an unchanged snapshot is merged once. */
const KNOWN_TAGS_KEPT = 64;

/**
 * A fixed-width stand-in for a delivery id. Two different ids share one with probability 2^-66; with
 * the ledger full (50,000 ids) a new delivery is mistaken for a seen one with probability below
 * 7 x 10^-16, i.e. less than one in a million over a billion deliveries.
 */
export function fingerprintDelivery(deliveryId: string): string {
	return createHash('sha256')
		.update(deliveryId, 'utf8')
		.digest('base64url')
		.slice(0, FINGERPRINT_LENGTH);
}

/**
 * What is saved in the workflow's static data. `buckets` holds [bucket number, fingerprints written
 * one after another]; `tag` names the writer and its revision, so a reader can skip a snapshot it
 * has already merged.
 */
export interface PersistedLedger {
	v: 1;
	tag: string;
	buckets: Array<[number, string]>;
}

export type Admission = 'accepted' | 'duplicate' | 'in_flight';

interface Bucket {
	index: number;
	/** Fingerprints in the order they were recorded (oldest first). */
	ids: string[];
}

export class DeliveryLedger {
	readonly limits: LedgerLimits;

	/** Confirmed fingerprints, oldest bucket first. */
	private buckets: Bucket[] = [];

	/** Confirmed fingerprint -> its bucket number, for the O(1) check. */
	private readonly confirmed = new Map<string, number>();

	/** Accepted, but n8n has not taken the execution yet: fingerprint -> when. */
	private readonly pending = new Map<string, number>();

	private readonly writerId: string;

	private revision = 0;

	private readonly mergedTags: string[] = [];

	private cachedSnapshot: { revision: number; value: PersistedLedger } | undefined;

	/** When the oldest confirmed id that no save has written yet was confirmed; undefined if none. */
	private unsavedSince: number | undefined;

	constructor(limits: Partial<LedgerLimits> = {}, writerId = randomBytes(6).toString('base64url')) {
		this.limits = { ...DEFAULT_LEDGER_LIMITS, ...limits };
		this.writerId = writerId;
	}

	/** Names this ledger's current content; changes whenever a confirmed id is added or dropped. */
	get tag(): string {
		return `${this.writerId}.${this.revision}`;
	}

	get size(): number {
		return this.confirmed.size;
	}

	get pendingCount(): number {
		return this.pending.size;
	}

	/**
	 * Decides about one delivery and, when it is new, records it as pending, in one synchronous step:
	 * two calls can never both get 'accepted' for the same id.
	 */
	admit(fingerprint: string, now: number): Admission {
		this.expire(now);
		if (this.confirmed.has(fingerprint)) return 'duplicate';
		const since = this.pending.get(fingerprint);
		if (since !== undefined && now - since < this.limits.pendingTimeoutMs) return 'in_flight';
		this.pending.set(fingerprint, now);
		return 'accepted';
	}

	/** n8n has taken the execution: the id is now remembered for the whole horizon (and saved). */
	confirm(fingerprint: string, now: number): void {
		this.pending.delete(fingerprint);
		if (this.confirmed.has(fingerprint)) return;
		this.expire(now);
		this.insert(fingerprint, this.bucketOf(now));
		this.trimToBudget();
		this.revision++;
		this.unsavedSince ??= now;
	}

	/**
	 * Whether the delivery just confirmed should have n8n save the ledger: yes when ids wait for a save
	 * and no other delivery is in flight to carry them (it would save after this one), or when they
	 * have waited `maxSaveDelayMs` already.
	 */
	saveDue(now: number): boolean {
		if (this.unsavedSince === undefined) return false;
		return this.pending.size === 0 || now - this.unsavedSince >= this.limits.maxSaveDelayMs;
	}

	/** The delivery was not taken (n8n answered an error): forget it so WorkFlux's retry runs it. */
	release(fingerprint: string): void {
		this.pending.delete(fingerprint);
	}

	/**
	 * Merges a saved snapshot (from static data: this process's own, another process's, or the one
	 * left before a restart). Snapshots this ledger wrote, or merged before, are skipped, so the usual
	 * call costs one string comparison. Anything damaged is ignored. Returns true when it merged.
	 */
	absorb(stored: unknown, now: number): boolean {
		const snapshot = readPersistedLedger(stored);
		if (!snapshot || this.knows(snapshot.tag)) return false;
		this.expire(now);
		const oldest = this.oldestKeptBucket(now);
		const newest = this.bucketOf(now);
		let added = 0;
		for (const [index, run] of snapshot.buckets) {
			if (index < oldest) continue;
			// A bucket from the future (a clock set back) counts as now.
			const bucket = Math.min(index, newest);
			for (let at = 0; at < run.length; at += FINGERPRINT_LENGTH) {
				const fingerprint = run.slice(at, at + FINGERPRINT_LENGTH);
				if (this.confirmed.has(fingerprint)) continue;
				this.insert(fingerprint, bucket);
				added++;
			}
		}
		this.rememberTag(snapshot.tag);
		if (added > 0) {
			this.trimToBudget();
			this.revision++;
		}
		return true;
	}

	/** The snapshot n8n is writing to the database now: every id confirmed so far is then saved. */
	snapshotForSave(now: number): PersistedLedger {
		this.unsavedSince = undefined;
		return this.snapshot(now);
	}

	/** Ids that have been taken (confirmed), in the form that is saved. Pending ids are left out. */
	snapshot(now: number): PersistedLedger {
		this.expire(now);
		if (this.cachedSnapshot?.revision !== this.revision) {
			this.cachedSnapshot = {
				revision: this.revision,
				value: {
					v: 1,
					tag: this.tag,
					buckets: this.buckets.map((bucket) => [bucket.index, bucket.ids.join('')]),
				},
			};
		}
		return this.cachedSnapshot.value;
	}

	private knows(tag: string): boolean {
		return tag.startsWith(`${this.writerId}.`) || this.mergedTags.includes(tag);
	}

	private rememberTag(tag: string): void {
		this.mergedTags.push(tag);
		if (this.mergedTags.length > KNOWN_TAGS_KEPT) this.mergedTags.shift();
	}

	private bucketOf(time: number): number {
		return Math.floor(time / this.limits.bucketMs);
	}

	/** The oldest bucket still inside the horizon: its last moment is less than `horizonMs` ago. */
	private oldestKeptBucket(now: number): number {
		return this.bucketOf(now - this.limits.horizonMs);
	}

	private insert(fingerprint: string, index: number): void {
		let position = this.buckets.length;
		while (position > 0 && this.buckets[position - 1].index > index) position--;
		const before = this.buckets[position - 1];
		if (before?.index === index) {
			before.ids.push(fingerprint);
		} else {
			this.buckets.splice(position, 0, { index, ids: [fingerprint] });
		}
		this.confirmed.set(fingerprint, index);
	}

	private expire(now: number): void {
		const oldest = this.oldestKeptBucket(now);
		let dropped = 0;
		while (this.buckets.length > 0 && this.buckets[0].index < oldest) {
			const bucket = this.buckets.shift()!;
			for (const fingerprint of bucket.ids) this.confirmed.delete(fingerprint);
			dropped++;
		}
		if (dropped > 0) this.revision++;
	}

	/** Over budget: the oldest ids go first (whole buckets, then the start of the oldest one). */
	private trimToBudget(): void {
		let excess = this.confirmed.size - Math.max(1, Math.floor(this.limits.maxEntries));
		while (excess > 0 && this.buckets.length > 0) {
			const oldest = this.buckets[0];
			const removed = oldest.ids.splice(0, Math.min(excess, oldest.ids.length));
			for (const fingerprint of removed) this.confirmed.delete(fingerprint);
			if (oldest.ids.length === 0) this.buckets.shift();
			excess -= removed.length;
		}
	}
}

/** Reads what static data holds as a snapshot; undefined when it is missing or not one. */
export function readPersistedLedger(stored: unknown): PersistedLedger | undefined {
	if (typeof stored !== 'object' || stored === null) return undefined;
	const record = stored as Record<string, unknown>;
	if (record.v !== 1 || typeof record.tag !== 'string' || !Array.isArray(record.buckets)) {
		return undefined;
	}
	const buckets: Array<[number, string]> = [];
	for (const entry of record.buckets as unknown[]) {
		if (!Array.isArray(entry) || entry.length !== 2) continue;
		const [index, run] = entry as [unknown, unknown];
		if (!Number.isSafeInteger(index) || typeof run !== 'string') continue;
		if (run.length % FINGERPRINT_LENGTH !== 0 || !FINGERPRINT_RUN.test(run)) continue;
		buckets.push([index as number, run]);
	}
	return { v: 1, tag: record.tag, buckets };
}
