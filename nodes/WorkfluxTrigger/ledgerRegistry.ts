import { DeliveryLedger, type LedgerLimits } from './dedupe';

/**
 * One delivery ledger per trigger (workflow, node, production or test listener), kept for the life
 * of the n8n process. This is the in-process guard: every request of one trigger consults the same
 * object synchronously, so two requests arriving together cannot both pass. Pure: no n8n imports.
 *
 * A ledger nobody has used for longer than its horizon holds nothing worth keeping (all its ids have
 * expired), so it is dropped; a check runs at most once an hour.
 */

interface Entry {
	ledger: DeliveryLedger;
	lastUsed: number;
}

const SWEEP_INTERVAL_MS = 60 * 60 * 1000;

export class LedgerRegistry {
	private readonly entries = new Map<string, Entry>();

	private lastSweep = 0;

	constructor(private readonly limits: Partial<LedgerLimits> = {}) {}

	get size(): number {
		return this.entries.size;
	}

	ledgerFor(key: string, now: number): DeliveryLedger {
		this.sweep(now);
		let entry = this.entries.get(key);
		if (!entry) {
			entry = { ledger: new DeliveryLedger(this.limits), lastUsed: now };
			this.entries.set(key, entry);
		}
		entry.lastUsed = now;
		return entry.ledger;
	}

	private sweep(now: number): void {
		if (now - this.lastSweep < SWEEP_INTERVAL_MS) return;
		this.lastSweep = now;
		for (const [key, entry] of this.entries) {
			if (now - entry.lastUsed > entry.ledger.limits.horizonMs) this.entries.delete(key);
		}
	}
}

/** The registry of this n8n process (module state lives as long as n8n keeps the node loaded). */
export const deliveryLedgers = new LedgerRegistry();
