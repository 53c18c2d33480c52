// Fault injection from a seeded PRNG: the same fault config and seed give the same faults in the same order.
import { outOfOrderRate, type FaultConfig, type FaultMatch } from './config';
import { createPrng, deriveSeed, type Prng } from './prng';

export interface RequestFaults {
	rateLimited: boolean;
	error5xx: 'before' | 'after' | null;
	slowMs: number;
}

const NONE: RequestFaults = { rateLimited: false, error5xx: null, slowMs: 0 };

export function matchesFault(match: FaultMatch | null, method: string, path: string): boolean {
	if (!match) return true;
	if (match.method && match.method.toUpperCase() !== method.toUpperCase()) return false;
	if (match.path && !path.startsWith(match.path)) return false;
	return true;
}

export class FaultInjector {
	private requests!: Prng;
	private deliveries!: Prng;
	private jobs!: Prng;

	constructor(private readonly faults: () => FaultConfig) {
		this.reseed();
	}

	/** Restarts the random sequences from `faults.seed`. */
	reseed(): void {
		const seed = this.faults().seed;
		this.requests = createPrng(deriveSeed(seed, 'requests'));
		this.deliveries = createPrng(deriveSeed(seed, 'deliveries'));
		this.jobs = createPrng(deriveSeed(seed, 'jobs'));
	}

	forRequest(method: string, path: string): RequestFaults {
		const f = this.faults();
		if (f.error5xxRate <= 0 && f.rate429Rate <= 0 && f.slowRate <= 0) return NONE;
		if (!matchesFault(f.match, method, path)) return NONE;
		// Always three draws per matching request, so changing one rate does not shift the other faults.
		const rateLimited = this.requests.chance(f.rate429Rate);
		const error = this.requests.chance(f.error5xxRate);
		const slow = this.requests.chance(f.slowRate);
		return {
			rateLimited,
			error5xx: !rateLimited && error ? f.error5xxPhase : null,
			slowMs: slow ? f.slowMs : 0,
		};
	}

	/** Whether this delivery attempt is also sent a second time. */
	duplicateDelivery(): boolean {
		const rate = this.faults().duplicateDeliveryRate;
		return rate > 0 && this.deliveries.chance(rate);
	}

	/** Extra delay for the first attempt of a delivery (out-of-order fault), or 0. */
	outOfOrderDelayMs(): number {
		const f = this.faults();
		const rate = outOfOrderRate(f);
		if (rate <= 0 || !this.deliveries.chance(rate)) return 0;
		return this.deliveries.int(1, Math.max(1, f.outOfOrderDelayMs));
	}

	exportFails(): boolean {
		const rate = this.faults().exportFailureRate;
		return rate > 0 && this.jobs.chance(rate);
	}

	runFails(): boolean {
		const rate = this.faults().runFailureRate;
		return rate > 0 && this.jobs.chance(rate);
	}
}
