// The WorkFlux API v1 sandbox: Fastify 5 routes built from openapi.yaml, plus the request pipeline every /v1 call
// goes through (request id, deprecation headers, authentication, rate limit, faults, idempotency, request log).
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';

import {
	answerBeforeRoute,
	answerFaultFor,
	reshapeAnswer,
	type AnswerFault,
} from './answer-faults';
import type { AccessToken } from './auth';
import { SandboxControl } from './control';
import { SandboxCore, type SandboxOptions } from './core';
import { deprecationHeaders, findDeprecation } from './deprecation';
import { ApiError, OAuthError, internalError, serviceUnavailable, validationError } from './errors';
import { isReplayableStatus, requestFingerprint } from './idempotency';
import { newId } from './ids';
import {
	API_PREFIX,
	DEFAULT_OPENAPI_PATH,
	cachedOpenApi,
	commaSeparatedQueryParams,
	routeSchema,
} from './openapi';
import { rateLimitHeaders } from './rate-limit';
import { agentRoutes } from './routes/agents';
import { authRoutes } from './routes/auth';
import type { Handlers } from './routes/common';
import { conversationRoutes } from './routes/conversations';
import { exportRoutes } from './routes/exports';
import { reportRoutes } from './routes/reports';
import { registerSandboxRoutes } from './routes/sandbox';
import { webhookRoutes } from './routes/webhooks';
import { workflowRoutes } from './routes/workflows';
import type { RequestLogEntry } from './types';
import { toValidationError, fastifyValidatorCompiler, type AjvError } from './validation';

export type { SandboxOptions } from './core';
export type { SandboxControl } from './control';
export type { SandboxConfig, SandboxConfigPatch, FaultConfig, DeprecationRule } from './config';

/** Per-request state of the /v1 pipeline. */
export interface RequestState {
	requestId: string;
	startedAt: number;
	/** True for /v1 routes (the /_sandbox surface skips the pipeline). */
	api: boolean;
	token: AccessToken | null;
	clientId: string | null;
	idempotency: { clientId: string; key: string } | null;
	replayed: boolean;
	fault: RequestLogEntry['fault'];
	/** Fault phase "after": carry the request out, then answer 5xx. */
	failAfter: boolean;
	/** An answer fault that reshapes the route's answer in onSend. */
	answerFault: AnswerFault | null;
}

declare module 'fastify' {
	interface FastifyRequest {
		sandbox: RequestState;
	}
	interface FastifyContextConfig {
		operationId?: string;
		commaSeparated?: string[];
		bodyRequired?: boolean;
		hasBody?: boolean;
	}
}

export interface RunningSandbox {
	/** `http://127.0.0.1:<port>` */
	origin: string;
	/** `origin + '/v1'` */
	baseUrl: string;
	/** Typed in-process access to state and configuration (same as the HTTP /_sandbox surface). */
	control: SandboxControl;
	/** The Fastify instance (for `inject` or extra hooks in special tests). */
	app: FastifyInstance;
	/** Stops the server and every timer (retries, export and run progress). */
	close(): Promise<void>;
}

const TOKEN_OPERATION = 'createToken';

function isApiPath(path: string): boolean {
	return path === API_PREFIX || path.startsWith(`${API_PREFIX}/`);
}

function dropProtoKeys(key: string, value: unknown): unknown {
	return key === '__proto__' || key === 'constructor' ? undefined : value;
}

function injected5xx(core: SandboxCore): ApiError {
	const { error5xxStatus, retryAfterSeconds } = core.config.faults;
	return error5xxStatus === 503
		? serviceUnavailable(retryAfterSeconds)
		: internalError(' (injected fault)');
}

/** Maps anything thrown in a handler or hook to the API's answer. */
function toApiError(error: unknown): ApiError {
	if (error instanceof ApiError) return error;
	const e = error as {
		validation?: AjvError[];
		validationContext?: string;
		statusCode?: number;
		code?: string;
	};
	if (e.validation) {
		return toValidationError(e.validation, (e.validationContext ?? 'body') as 'body');
	}
	if (e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || e.statusCode === 415) {
		return new ApiError(
			415,
			'unsupported_media_type',
			'The body must be JSON. Send it with the header Content-Type: application/json.',
		);
	}
	if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || e.statusCode === 413) {
		return new ApiError(
			413,
			'bad_request',
			'The body is too large (the limit is 1 MB). Send less data per request.',
		);
	}
	if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
		return new ApiError(
			e.statusCode,
			'bad_request',
			'The request could not be read. Check the body and headers.',
		);
	}
	return internalError();
}

function logEntry(request: FastifyRequest, status: number): RequestLogEntry {
	const state = request.sandbox;
	const key = request.headers['idempotency-key'];
	return {
		request_id: state.requestId,
		method: request.method,
		path: request.url.split('?')[0],
		query: { ...(request.query as Record<string, unknown>) },
		status,
		client_id: state.clientId,
		time: new Date(state.startedAt).toISOString(),
		duration_ms: Date.now() - state.startedAt,
		idempotency_key: typeof key === 'string' ? key : null,
		replayed: state.replayed,
		fault: state.fault,
	};
}

export function buildSandbox(options: SandboxOptions = {}): {
	app: FastifyInstance;
	core: SandboxCore;
	control: SandboxControl;
} {
	const core = new SandboxCore(options);
	const control = new SandboxControl(core);
	const openapiPath = options.openapiPath ?? DEFAULT_OPENAPI_PATH;
	const { operations } = cachedOpenApi(openapiPath);
	const app = Fastify({
		logger: options.logger === true,
		forceCloseConnections: true,
		bodyLimit: 1_048_576,
	});
	app.setValidatorCompiler(fastifyValidatorCompiler as never);
	app.decorateRequest('sandbox', null as unknown as RequestState);

	// Only JSON (and forms, for the token endpoint) are read; any other body gets 415.
	// JSON: an empty body counts as no body (some clients send Content-Type on a bodiless POST).
	app.removeContentTypeParser(['application/json', 'text/plain']);
	app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
		const text = String(body);
		if (text.trim() === '') return done(null, undefined);
		try {
			done(null, JSON.parse(text, dropProtoKeys));
		} catch {
			done(
				new ApiError(
					400,
					'bad_request',
					'The body is not valid JSON. Check for missing quotes, commas or braces.',
				),
				undefined,
			);
		}
	});
	// Forms are only for the token endpoint (RFC 6749); other routes refuse them with 415 in preValidation.
	app.addContentTypeParser(
		'application/x-www-form-urlencoded',
		{ parseAs: 'string' },
		(_request, body, done) => {
			const fields: Record<string, string | string[]> = {};
			for (const [key, value] of new URLSearchParams(String(body))) {
				const previous = fields[key];
				fields[key] = previous === undefined ? value : ([] as string[]).concat(previous, value);
			}
			done(null, fields);
		},
	);

	app.addHook('onRequest', async (request, reply) => {
		const path = request.url.split('?')[0];
		const state: RequestState = {
			requestId: newId('request'),
			startedAt: Date.now(),
			api: isApiPath(path),
			token: null,
			clientId: null,
			idempotency: null,
			replayed: false,
			fault: null,
			failAfter: false,
			answerFault: null,
		};
		request.sandbox = state;
		if (!state.api) return;
		reply.header('X-Request-Id', state.requestId);

		const deprecation = findDeprecation(
			core.config.deprecations,
			request.method,
			path,
			request.routeOptions.url,
			(request.params ?? {}) as Record<string, string>,
		);
		if (deprecation) reply.headers(deprecationHeaders(deprecation));

		// Identify the caller first (the rate limit is per client), but answer 429 before 401.
		let authError: ApiError | null = null;
		if (request.routeOptions.config.operationId !== TOKEN_OPERATION) {
			try {
				state.token = core.auth.authenticate(request.headers.authorization);
				state.clientId = state.token.clientId;
			} catch (error) {
				authError = error as ApiError;
			}
		}
		const limit = core.limiter.hit(
			state.clientId ? `client:${state.clientId}` : `address:${request.ip}`,
		);
		reply.headers(rateLimitHeaders(limit));
		if (!limit.allowed) {
			const wait = Math.max(1, limit.resetSeconds);
			throw new ApiError(
				429,
				'rate_limited',
				`Too many requests. Wait ${wait} seconds, then try again.`,
				undefined,
				{
					'Retry-After': String(wait),
				},
			);
		}
		if (authError) throw authError;

		const answerFault = answerFaultFor(core.config.faults, request.method, path);
		if (answerFault) {
			state.fault = answerFault;
			state.answerFault = answerFault;
			// A request that never gets an answer never reaches onResponse: log it when it arrives.
			if (answerFault === 'hang') core.requestLog.push(logEntry(request, 0));
			if (await answerBeforeRoute(answerFault, core.config.faults, request, reply)) return reply;
		}

		const faults = core.faults.forRequest(request.method, path);
		if (faults.slowMs > 0) {
			state.fault = 'slow';
			await core.timers.sleep(faults.slowMs);
		}
		if (faults.rateLimited) {
			state.fault = 'rate_429';
			const wait = core.config.faults.retryAfterSeconds;
			reply.header('X-RateLimit-Remaining', '0');
			throw new ApiError(
				429,
				'rate_limited',
				`Too many requests. Wait ${wait} seconds, then try again.`,
				undefined,
				{
					'Retry-After': String(wait),
				},
			);
		}
		if (faults.error5xx === 'before') {
			state.fault = 'error_5xx_before';
			throw injected5xx(core);
		}
		state.failAfter = faults.error5xx === 'after';
	});

	app.addHook('preValidation', async (request, reply) => {
		const state = request.sandbox;
		if (!state.api) {
			// /_sandbox routes take an optional body: `POST /_sandbox/reset` with nothing is a plain reset.
			if (request.body === undefined && request.method !== 'GET') request.body = {};
			return;
		}
		const config = request.routeOptions.config;
		const isToken = config.operationId === TOKEN_OPERATION;
		if (
			!isToken &&
			/^application\/x-www-form-urlencoded/i.test(request.headers['content-type'] ?? '')
		) {
			throw new ApiError(
				415,
				'unsupported_media_type',
				'The body must be JSON. Send it with the header Content-Type: application/json.',
			);
		}
		const query = request.query as Record<string, unknown>;
		for (const name of config.commaSeparated ?? []) {
			if (typeof query[name] === 'string')
				query[name] = (query[name] as string).split(',').map((v) => v.trim());
		}
		if (config.hasBody && request.body === undefined) {
			if (config.bodyRequired)
				throw validationError(undefined, 'The request body is missing. Send a JSON object.');
			request.body = {};
		}

		const key = request.headers['idempotency-key'];
		if (
			request.method !== 'POST' ||
			isToken ||
			typeof key !== 'string' ||
			key === '' ||
			!state.clientId
		)
			return;
		if (key.length > 255) {
			throw validationError(
				'Idempotency-Key',
				'`Idempotency-Key` must be at most 255 characters long.',
			);
		}
		const path = request.url.split('?')[0];
		const lookup = core.idempotency.begin(
			state.clientId,
			key,
			requestFingerprint(request.method, path, request.body),
		);
		switch (lookup.kind) {
			case 'new':
				state.idempotency = { clientId: state.clientId, key };
				return;
			case 'replay':
				state.replayed = true;
				reply.code(lookup.answer.status).header('Idempotent-Replayed', 'true');
				if (lookup.answer.contentType) reply.header('Content-Type', lookup.answer.contentType);
				return reply.send(lookup.answer.body);
			case 'mismatch':
				throw new ApiError(
					409,
					'idempotency_key_reused',
					'This Idempotency-Key was already used for a different request. Use a new key for a new request.',
				);
			case 'in_progress':
				throw new ApiError(
					409,
					'conflict',
					'A request with this Idempotency-Key is still being processed. Retry when it has finished.',
				);
		}
	});

	app.addHook('onSend', async (request, reply, payload) => {
		const state = request.sandbox;
		if (!state?.api) return payload;
		if (state.idempotency && !state.replayed) {
			const { clientId, key } = state.idempotency;
			if (isReplayableStatus(reply.statusCode)) {
				// Stored before a phase-"after" fault replaces the answer: a retry with the same key gets the real one.
				core.idempotency.complete(clientId, key, {
					status: reply.statusCode,
					body: payload === undefined || payload === null ? '' : String(payload),
					contentType: reply.getHeader('content-type') as string | undefined,
				});
			} else {
				core.idempotency.release(clientId, key);
			}
		}
		if (state.answerFault && typeof payload === 'string') {
			const contentType = String(reply.getHeader('content-type') ?? '');
			const reshaped = reshapeAnswer(state.answerFault, reply.statusCode, contentType, payload);
			if (reshaped) {
				reply.header('Content-Type', reshaped.contentType);
				return reshaped.body;
			}
		}
		if (state.failAfter) {
			state.failAfter = false;
			state.fault = 'error_5xx_after';
			const error = injected5xx(core);
			reply
				.code(error.status)
				.headers(error.headers)
				.header('Content-Type', 'application/json; charset=utf-8');
			reply.removeHeader('Content-Disposition');
			return JSON.stringify(error.body(state.requestId));
		}
		return payload;
	});

	app.addHook('onResponse', async (request, reply) => {
		const state = request.sandbox;
		if (!state?.api || state.fault === 'hang') return;
		if (state.idempotency)
			core.idempotency.release(state.idempotency.clientId, state.idempotency.key);
		core.requestLog.push(logEntry(request, reply.statusCode));
	});

	app.setErrorHandler((error, request: FastifyRequest, reply: FastifyReply) => {
		const requestId = request.sandbox?.requestId ?? newId('request');
		const isToken = request.routeOptions?.config?.operationId === TOKEN_OPERATION;
		if (error instanceof OAuthError) {
			return reply
				.code(error.status)
				.headers({ ...error.headers, 'Cache-Control': 'no-store', Pragma: 'no-cache' })
				.send(error.body());
		}
		const apiError = toApiError(error);
		if (apiError.status === 500 && !(error instanceof ApiError)) request.log.error(error);
		if (isToken && apiError.status < 500 && apiError.status !== 429) {
			// The token endpoint speaks RFC 6749, not the error envelope.
			return reply
				.code(400)
				.headers({ 'Cache-Control': 'no-store', Pragma: 'no-cache' })
				.send({ error: 'invalid_request', error_description: apiError.message });
		}
		return reply.code(apiError.status).headers(apiError.headers).send(apiError.body(requestId));
	});

	app.setNotFoundHandler((request, reply) => {
		const error = new ApiError(
			404,
			'not_found',
			`There is no route ${request.method} ${request.url.split('?')[0]}. Check the method and the path against the API reference.`,
		);
		return reply.code(404).send(error.body(request.sandbox?.requestId ?? newId('request')));
	});

	const handlers: Handlers = {
		...authRoutes(core),
		...agentRoutes(core),
		...conversationRoutes(core),
		...webhookRoutes(core),
		...workflowRoutes(core),
		...exportRoutes(core),
		...reportRoutes(core),
	};
	const unused = new Set(Object.keys(handlers));
	for (const op of operations) {
		const handler = handlers[op.operationId];
		if (!handler)
			throw new Error(
				`openapi.yaml describes ${op.operationId}, but the sandbox has no handler for it.`,
			);
		unused.delete(op.operationId);
		const isToken = op.operationId === TOKEN_OPERATION;
		app.route({
			method: op.method,
			url: op.route,
			// The token endpoint validates by hand: its errors follow RFC 6749, not the 422 envelope.
			schema: isToken ? undefined : routeSchema(op),
			config: {
				operationId: op.operationId,
				commaSeparated: commaSeparatedQueryParams(op),
				hasBody: !isToken && op.requestBody !== null,
				bodyRequired: op.requestBody?.required === true,
			},
			handler: async (request, reply) => handler(request, reply),
		});
	}
	if (unused.size > 0)
		throw new Error(`Handlers without an operation in openapi.yaml: ${[...unused].join(', ')}`);

	registerSandboxRoutes(app, control, openapiPath);
	return { app, core, control };
}

/**
 * Starts a sandbox on 127.0.0.1 (port 0 = a free port by default).
 *
 * ```ts
 * const sandbox = await startSandbox({ retryTimeScale: 0.001 });
 * await fetch(`${sandbox.baseUrl}/agents`, { headers: { authorization: `Bearer ${sandbox.control.issueToken()}` } });
 * await sandbox.close();
 * ```
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
	const { app, core, control } = buildSandbox(options);
	const host = options.host ?? '127.0.0.1';
	await app.listen({ port: options.port ?? 0, host });
	const address = app.server.address();
	if (address === null || typeof address === 'string')
		throw new Error('The sandbox did not get a TCP address.');
	const origin = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
	let closed = false;
	return {
		origin,
		baseUrl: origin + API_PREFIX,
		control,
		app,
		close: async () => {
			if (closed) return;
			closed = true;
			core.shutdown();
			await app.close();
		},
	};
}
