import { createHash, randomUUID } from 'crypto';
import {
	NodeApiError,
	sleep,
	type IDataObject,
	type IExecuteFunctions,
	type IHookFunctions,
	type IHttpRequestMethods,
	type IHttpRequestOptions,
	type ILoadOptionsFunctions,
	type IWebhookFunctions,
	type JsonObject,
} from 'n8n-workflow';

import { explainFailure, parseErrorBody, type ApiErrorBody } from './api-error';
import { readDeprecation } from './deprecation';
import { shareFirstToken } from './first-token';
import { DEFAULT_RETRY_POLICY, decideRetry, type RetryPolicy } from './retry-policy';

export const CREDENTIAL_TYPE = 'workfluxOAuth2Api';

export type WorkfluxContext =
	| IExecuteFunctions
	| IHookFunctions
	| ILoadOptionsFunctions
	| IWebhookFunctions;

export interface WorkfluxRequest {
	method: IHttpRequestMethods;
	/** Path under the credential's base URL, e.g. `/agents/agt_123`. */
	path: string;
	body?: IDataObject;
	qs?: IDataObject;
	/** Sent as `Idempotency-Key`; the same key on every retry, so a retried create happens once. */
	idempotencyKey?: string;
	/** Return the body as raw bytes (file downloads). */
	binary?: boolean;
	retry?: RetryPolicy;
}

export interface WorkfluxResponse<T> {
	statusCode: number;
	headers: Record<string, string>;
	body: T;
}

interface Failure {
	status?: number;
	headers: Record<string, string>;
	body?: ApiErrorBody;
	networkCode?: string;
}

/**
 * The HTTP status a token-endpoint error code stands for (RFC 6749 §5.2 codes, plus WorkFlux's envelope codes
 * for rate limits and outages), so a rate-limited token request is waited out instead of blamed on the secret.
 */
function tokenErrorStatus(code: string | undefined): number {
	if (code === 'rate_limited') return 429;
	if (code === 'temporarily_unavailable' || code === 'service_unavailable') return 503;
	if (code === 'internal_error' || code === 'server_error') return 500;
	if (code === 'invalid_request' || code === 'unsupported_grant_type' || code === 'invalid_scope')
		return 400;
	return 401;
}

/** Digs the HTTP response (or the network error) out of what n8n's request helpers throw. */
function readFailure(error: unknown): Failure {
	let current = error as Record<string, unknown> | undefined;
	for (let depth = 0; current && depth < 5; depth++) {
		const response = current.response as
			| { status?: number; headers?: Record<string, string>; data?: unknown }
			| undefined;
		if (response?.status) {
			return {
				status: response.status,
				headers: response.headers ?? {},
				body: parseErrorBody(response.data),
			};
		}
		// The OAuth2 client's own error when the token endpoint refuses: it keeps the body, not the status.
		if (current.body && typeof current.body === 'object' && 'error' in current.body) {
			const body = parseErrorBody(current.body);
			return { status: tokenErrorStatus(body?.code), headers: {}, body };
		}
		if (
			typeof current.code === 'string' &&
			/^E[A-Z]+/.test(current.code) &&
			current.code !== 'EAUTH'
		) {
			return { headers: {}, networkCode: current.code };
		}
		current = current.cause as Record<string, unknown> | undefined;
	}
	return { headers: {} };
}

/**
 * One key per item, operation and run of the node in an execution: stable across our own retries and n8n's
 * "Retry On Fail" (same run), new when the node runs again in a loop or from another branch, and new for
 * the next execution.
 */
export function idempotencyKeyFor(context: IExecuteFunctions, itemIndex: number, purpose: string) {
	const runIndex = context.getWorkflowDataProxy(itemIndex).$runIndex;
	const seed = [context.getExecutionId(), context.getNode().id, runIndex, itemIndex, purpose].join(
		'|',
	);
	return `n8n-${createHash('sha256').update(seed).digest('hex').slice(0, 40)}`;
}

export function randomIdempotencyKey() {
	return `n8n-${randomUUID()}`;
}

/** Whether n8n has stored a token for this credential yet (it keeps it in `oauthTokenData`). */
function hasToken(credentials: IDataObject): boolean {
	const tokenData = credentials.oauthTokenData as IDataObject | undefined;
	return typeof tokenData?.access_token === 'string' && tokenData.access_token !== '';
}

const warnedEndpoints = new WeakMap<object, Set<string>>();

/** Shows a deprecation notice once per endpoint and run, on the node's output where the user looks. */
function reportDeprecation(
	context: WorkfluxContext,
	headers: Record<string, string>,
	request: WorkfluxRequest,
) {
	const notice = readDeprecation(headers, request.method, request.path);
	if (!notice) return;
	const warned = warnedEndpoints.get(context) ?? new Set<string>();
	warnedEndpoints.set(context, warned);
	if (warned.has(notice.endpoint)) return;
	warned.add(notice.endpoint);
	if ('addExecutionHints' in context) {
		context.addExecutionHints({ message: notice.message, type: 'warning', location: 'outputPane' });
	}
	context.logger.warn(notice.message);
}

/**
 * Every WorkFlux call of the package goes through here: n8n signs it with the OAuth2 credential (and fetches
 * a new token on a 401), rate limits and temporary failures are waited out, and what still fails becomes a
 * NodeApiError in plain words.
 */
export async function workfluxRequest<T = IDataObject>(
	this: WorkfluxContext,
	request: WorkfluxRequest,
): Promise<WorkfluxResponse<T>> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	const baseUrl = String(credentials.baseUrl ?? '').replace(/\/+$/, '');
	const policy = request.retry ?? DEFAULT_RETRY_POLICY;
	let waitedMs = 0;
	for (let attempt = 1; ; attempt++) {
		const options: IHttpRequestOptions = {
			method: request.method,
			url: `${baseUrl}${request.path}`,
			qs: request.qs,
			body: request.body,
			json: !request.binary,
			returnFullResponse: true,
			headers: {
				Accept: request.binary ? '*/*' : 'application/json',
				...(request.idempotencyKey ? { 'Idempotency-Key': request.idempotencyKey } : {}),
			},
			...(request.binary ? { encoding: 'arraybuffer' as const } : {}),
		};
		try {
			const response = (await shareFirstToken(
				this.getNode().credentials?.[CREDENTIAL_TYPE]?.id ?? undefined,
				hasToken(credentials),
				async () =>
					await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_TYPE, options),
			)) as { statusCode: number; headers: Record<string, string>; body: T };
			reportDeprecation(this, response.headers, request);
			return { statusCode: response.statusCode, headers: response.headers, body: response.body };
		} catch (error) {
			const failure = readFailure(error);
			const decision = decideRetry({
				failure: { status: failure.status, retryAfter: failure.headers['retry-after'] },
				attempt,
				waitedMs,
				method: request.method,
				hasIdempotencyKey: request.idempotencyKey !== undefined,
				policy,
				now: Date.now(),
				random: Math.random,
			});
			if (decision.retry) {
				await sleep(decision.waitMs);
				waitedMs += decision.waitMs;
				continue;
			}
			const explanation = explainFailure({
				status: failure.status,
				body: failure.body,
				networkCode: failure.networkCode,
				endpoint: `${request.method} ${request.path}`,
				baseUrl,
				retryNote: decision.gaveUp
					? `stopped after ${attempt} ${attempt === 1 ? 'attempt' : 'attempts'}: ${decision.reason}`
					: undefined,
			});
			// Built from plain data: NodeApiError hands back an error that already is one, words and all.
			const cause = { ...(failure.body ?? {}), status: failure.status } as JsonObject;
			throw new NodeApiError(this.getNode(), cause, {
				message: explanation.message,
				description: explanation.description,
				httpCode: failure.status !== undefined ? String(failure.status) : undefined,
			});
		}
	}
}
