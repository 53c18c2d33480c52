// Run-time configuration of the sandbox: what `startSandbox(options)` and `PATCH /_sandbox/config` can set.

export interface RateLimitConfig {
	/** Requests allowed per window and client. */
	limit: number;
	windowSeconds: number;
	/** `fixed`: counter reset at the end of each window. `sliding`: the last `windowSeconds` of requests count. */
	algorithm: 'fixed' | 'sliding';
}

export interface FaultMatch {
	/** Only this HTTP method (case-insensitive). */
	method?: string;
	/** Only paths that start with this prefix, for example `/v1/conversations`. */
	path?: string;
}

/** What a request can get instead of the API's answer (answer-faults.ts does it). */
export const ANSWER_FAULTS = [
	'html_page',
	'truncated_json',
	'empty_body',
	'array_body',
	'list_without_data',
	'endless_cursor',
	'hang',
	'redirect',
] as const;

export type AnswerFault = (typeof ANSWER_FAULTS)[number];

export interface FaultConfig {
	/** Seed of the fault PRNG; setting faults again restarts the sequence, so a test sees the same faults every run. */
	seed: number;
	/** Share (0..1) of matching requests answered with a 5xx. */
	error5xxRate: number;
	/** `before`: nothing happens, the 5xx comes straight away. `after`: the request is carried out (and its answer
	 *  stored for Idempotency-Key replays), then the 5xx replaces the answer. */
	error5xxPhase: 'before' | 'after';
	/** 500 (`internal_error`) or 503 (`service_unavailable`, with Retry-After). */
	error5xxStatus: 500 | 503;
	/** Share (0..1) of matching requests answered 429 `rate_limited`. */
	rate429Rate: number;
	/** Retry-After (seconds) on injected 429 and 503 answers. */
	retryAfterSeconds: number;
	/** Share (0..1) of matching requests delayed by `slowMs`. */
	slowRate: number;
	slowMs: number;
	/** Share (0..1) of delivery attempts sent twice (same webhook-id). */
	duplicateDeliveryRate: number;
	/** Share (0..1; `true` = 1) of events whose first delivery attempt is held back a random 1..`outOfOrderDelayMs`,
	 *  so later events can arrive first. */
	outOfOrderDeliveries: number | boolean;
	outOfOrderDelayMs: number;
	/** Share (0..1) of export jobs and workflow runs that end as `failed`. */
	exportFailureRate: number;
	runFailureRate: number;
	/** Limit request faults (5xx, 429, slow) and the answer fault to one method and/or path prefix. `null` = every
	 *  /v1 request. */
	match: FaultMatch | null;
	/** What every matching request gets instead of the API's answer (see answer-faults.ts); `null` = none. */
	answer: AnswerFault | null;
	/** For `answer: 'redirect'`: the Location (absolute, e.g. another host) and the status. */
	redirectTo: string;
	redirectStatus: 301 | 302 | 303 | 307 | 308;
}

export interface DeprecationRule {
	/** Only this method; every method when left out. */
	method?: string;
	/** A path prefix (`/v1/agents`) or a route pattern (`/v1/agents/{agent_id}` or `/v1/agents/:agent_id`). */
	path: string;
	/** When the route stops working: an ISO date or date-time (or an HTTP-date). Sent as `Sunset`. */
	sunset: string;
	/** When it was deprecated; defaults to the moment the rule was set. Sent as `Deprecation: @<unix seconds>`. */
	deprecatedAt?: string;
	/** The successor, sent as `Link: <link>; rel="successor-version"`. */
	link?: string;
}

export interface SandboxConfig {
	/** Lifetime of new access tokens. */
	tokenTtlSeconds: number;
	rateLimit: RateLimitConfig;
	/** Multiplies the webhook retry schedule (0 s, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h); tests use 0.001. */
	retryTimeScale: number;
	/** Per-attempt timeout of a webhook delivery (not scaled). */
	deliveryTimeoutMs: number;
	/** Time an export takes from pending to completed. */
	exportDurationMs: number;
	/** Time a workflow run takes from queued to finished. */
	runDurationMs: number;
	/** Answer 409 `conflict` when a subscription with the same URL and events already exists. */
	rejectDuplicateWebhooks: boolean;
	faults: FaultConfig;
	/** Routes marked deprecated at run time (the transcript route is always deprecated). */
	deprecations: DeprecationRule[];
}

/** What `configure()` and `PATCH /_sandbox/config` accept: any subset; nested objects merge. */
export interface SandboxConfigPatch {
	tokenTtlSeconds?: number;
	rateLimit?: Partial<RateLimitConfig>;
	retryTimeScale?: number;
	deliveryTimeoutMs?: number;
	exportDurationMs?: number;
	runDurationMs?: number;
	rejectDuplicateWebhooks?: boolean;
	faults?: Partial<FaultConfig>;
	deprecations?: DeprecationRule[];
}

export const NO_FAULTS: FaultConfig = {
	seed: 1,
	error5xxRate: 0,
	error5xxPhase: 'before',
	error5xxStatus: 500,
	rate429Rate: 0,
	retryAfterSeconds: 1,
	slowRate: 0,
	slowMs: 0,
	duplicateDeliveryRate: 0,
	outOfOrderDeliveries: 0,
	outOfOrderDelayMs: 200,
	exportFailureRate: 0,
	runFailureRate: 0,
	match: null,
	answer: null,
	redirectTo: '',
	redirectStatus: 302,
};

export const DEFAULT_CONFIG: SandboxConfig = {
	tokenTtlSeconds: 3600,
	rateLimit: { limit: 600, windowSeconds: 60, algorithm: 'fixed' },
	retryTimeScale: 1,
	deliveryTimeoutMs: 15_000,
	exportDurationMs: 300,
	runDurationMs: 300,
	rejectDuplicateWebhooks: false,
	faults: NO_FAULTS,
	deprecations: [],
};

export function mergeConfig(base: SandboxConfig, patch: SandboxConfigPatch = {}): SandboxConfig {
	return {
		tokenTtlSeconds: patch.tokenTtlSeconds ?? base.tokenTtlSeconds,
		rateLimit: { ...base.rateLimit, ...patch.rateLimit },
		retryTimeScale: patch.retryTimeScale ?? base.retryTimeScale,
		deliveryTimeoutMs: patch.deliveryTimeoutMs ?? base.deliveryTimeoutMs,
		exportDurationMs: patch.exportDurationMs ?? base.exportDurationMs,
		runDurationMs: patch.runDurationMs ?? base.runDurationMs,
		rejectDuplicateWebhooks: patch.rejectDuplicateWebhooks ?? base.rejectDuplicateWebhooks,
		faults: { ...base.faults, ...patch.faults },
		deprecations: patch.deprecations
			? patch.deprecations.map((rule) => ({ ...rule }))
			: base.deprecations,
	};
}

/** The out-of-order share as a number (the option also accepts `true`). */
export function outOfOrderRate(faults: FaultConfig): number {
	const value = faults.outOfOrderDeliveries;
	return value === true ? 1 : value === false ? 0 : value;
}

/** JSON schema for PATCH /_sandbox/config, so a typo in a test's config is a 422 instead of a silent no-op. */
export const CONFIG_PATCH_SCHEMA = {
	type: 'object',
	additionalProperties: false,
	properties: {
		tokenTtlSeconds: { type: 'number', minimum: 0 },
		rateLimit: {
			type: 'object',
			additionalProperties: false,
			properties: {
				limit: { type: 'integer', minimum: 1 },
				windowSeconds: { type: 'number', exclusiveMinimum: 0 },
				algorithm: { type: 'string', enum: ['fixed', 'sliding'] },
			},
		},
		retryTimeScale: { type: 'number', minimum: 0 },
		deliveryTimeoutMs: { type: 'integer', minimum: 1 },
		exportDurationMs: { type: 'integer', minimum: 0 },
		runDurationMs: { type: 'integer', minimum: 0 },
		rejectDuplicateWebhooks: { type: 'boolean' },
		faults: {
			type: 'object',
			additionalProperties: false,
			properties: {
				seed: { type: 'integer' },
				error5xxRate: { type: 'number', minimum: 0, maximum: 1 },
				error5xxPhase: { type: 'string', enum: ['before', 'after'] },
				error5xxStatus: { type: 'integer', enum: [500, 503] },
				rate429Rate: { type: 'number', minimum: 0, maximum: 1 },
				retryAfterSeconds: { type: 'integer', minimum: 0 },
				slowRate: { type: 'number', minimum: 0, maximum: 1 },
				slowMs: { type: 'integer', minimum: 0 },
				duplicateDeliveryRate: { type: 'number', minimum: 0, maximum: 1 },
				outOfOrderDeliveries: { type: ['number', 'boolean'], minimum: 0, maximum: 1 },
				outOfOrderDelayMs: { type: 'integer', minimum: 1 },
				exportFailureRate: { type: 'number', minimum: 0, maximum: 1 },
				runFailureRate: { type: 'number', minimum: 0, maximum: 1 },
				match: {
					type: ['object', 'null'],
					additionalProperties: false,
					properties: { method: { type: 'string' }, path: { type: 'string' } },
				},
				answer: { type: ['string', 'null'], enum: [...ANSWER_FAULTS, null] },
				redirectTo: { type: 'string' },
				redirectStatus: { type: 'integer', enum: [301, 302, 303, 307, 308] },
			},
		},
		deprecations: {
			type: 'array',
			items: {
				type: 'object',
				additionalProperties: false,
				required: ['path', 'sunset'],
				properties: {
					method: { type: 'string' },
					path: { type: 'string', minLength: 1 },
					sunset: { type: 'string', minLength: 1 },
					deprecatedAt: { type: 'string' },
					link: { type: 'string' },
				},
			},
		},
	},
} as const;
