// Everything one sandbox holds: state, configuration and services. The server's routes and `control` both work
// on one SandboxCore.
import { Auth, ALL_SCOPES, type SandboxClient } from './auth';
import { DEFAULT_CONFIG, mergeConfig, type SandboxConfig, type SandboxConfigPatch } from './config';
import { DeliveryService } from './delivery';
import { EventBus } from './events';
import { FaultInjector } from './faults';
import { IdempotencyStore } from './idempotency';
import { Jobs } from './jobs';
import { createPrng, deriveSeed, type Prng } from './prng';
import { RateLimiter } from './rate-limit';
import { DEFAULT_DATA, seed } from './seed';
import { Store } from './store';
import { Timers } from './timers';
import type { RequestLogEntry } from './types';

export const DEMO_CLIENT_ID = 'demo-client';
export const DEMO_CLIENT_SECRET = 'demo-secret';

export interface SandboxOptions extends SandboxConfigPatch {
	/** Port to listen on; 0 (default) picks a free one. */
	port?: number;
	/** Address to bind; default 127.0.0.1. */
	host?: string;
	/** The demo client's credentials (default demo-client / demo-secret). */
	clientId?: string;
	clientSecret?: string;
	clientName?: string;
	/** More clients besides the demo client (each has its own rate limit and idempotency keys). */
	clients?: SandboxClient[];
	/** Start (and reset) without the demo data set. */
	empty?: boolean;
	/** Seed of the data generator (default 42). Fault randomness has its own seed: `faults.seed`. */
	seed?: number;
	/** Fastify request logging (off by default, so tests stay quiet). */
	logger?: boolean;
	/** Another OpenAPI document (default: openapi.yaml next to this file). */
	openapiPath?: string;
}

export class SandboxCore {
	readonly store = new Store();
	readonly timers = new Timers();
	readonly initialConfig: SandboxConfig;
	config: SandboxConfig;
	readonly auth: Auth;
	readonly limiter: RateLimiter;
	readonly idempotency = new IdempotencyStore();
	readonly faults: FaultInjector;
	readonly deliveries: DeliveryService;
	readonly events: EventBus;
	readonly jobs: Jobs;
	readonly requestLog: RequestLogEntry[] = [];
	readonly dataSeed: number;
	readonly startsEmpty: boolean;
	dataPrng: Prng;

	constructor(readonly options: SandboxOptions = {}) {
		this.initialConfig = this.withRuleDates(mergeConfig(DEFAULT_CONFIG, options));
		this.config = this.initialConfig;
		const demo: SandboxClient = {
			clientId: options.clientId ?? DEMO_CLIENT_ID,
			clientSecret: options.clientSecret ?? DEMO_CLIENT_SECRET,
			name: options.clientName ?? 'WorkFlux Demo',
			scopes: [...ALL_SCOPES],
		};
		this.auth = new Auth([demo, ...(options.clients ?? [])], () => this.config.tokenTtlSeconds);
		this.limiter = new RateLimiter(() => this.config.rateLimit);
		this.faults = new FaultInjector(() => this.config.faults);
		const deps = {
			store: this.store,
			timers: this.timers,
			faults: this.faults,
			config: () => this.config,
		};
		this.deliveries = new DeliveryService(deps);
		this.events = new EventBus(this.store, this.deliveries);
		this.jobs = new Jobs(deps);
		this.dataSeed = options.seed ?? 42;
		this.startsEmpty = options.empty === true;
		this.dataPrng = createPrng(deriveSeed(this.dataSeed, 'data'));
		this.loadInitialData(this.startsEmpty);
	}

	get demoClientId(): string {
		return this.auth.clients.keys().next().value as string;
	}

	private loadInitialData(empty: boolean): void {
		if (!empty) seed(this.store, this.dataPrng, DEFAULT_DATA, Date.now(), { stableIds: true });
	}

	/** Run-time deprecation rules without a date count from the moment they are set. */
	private withRuleDates(config: SandboxConfig): SandboxConfig {
		const now = new Date().toISOString();
		return {
			...config,
			deprecations: config.deprecations.map((rule) => ({ deprecatedAt: now, ...rule })),
		};
	}

	configure(patch: SandboxConfigPatch): SandboxConfig {
		this.config = this.withRuleDates(mergeConfig(this.config, patch));
		if (patch.faults) this.faults.reseed();
		if (patch.rateLimit) this.limiter.reset();
		return this.config;
	}

	/**
	 * Back to the start: initial config, the default data set (or empty), no webhooks, deliveries, events, exports,
	 * idempotency keys, rate-limit counters or request log; every timer stopped. Access tokens stay valid.
	 */
	reset(options: { empty?: boolean } = {}): void {
		this.deliveries.cancelAll();
		this.timers.clearAll();
		this.store.clear();
		this.idempotency.clear();
		this.limiter.reset();
		this.requestLog.length = 0;
		this.config = this.initialConfig;
		this.faults.reseed();
		this.dataPrng = createPrng(deriveSeed(this.dataSeed, 'data'));
		this.loadInitialData(options.empty ?? this.startsEmpty);
	}

	/** Stops every timer and outgoing request for good (close). */
	shutdown(): void {
		this.deliveries.stop();
		this.timers.clearAll();
	}
}
