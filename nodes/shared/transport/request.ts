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

import { isToolNode } from '../tool-use';
import {
	explainFailure,
	explainFailureToModel,
	parseErrorBody,
	type ApiErrorBody,
} from './api-error';
import { checkObjectAnswer, checkPageAnswer, explainContractBreach } from './contract';
import { readDeprecation } from './deprecation';
import { shareFirstToken } from './first-token';
import type { Page } from './pagination';
import { apiOriginOf, isRedirect, nextHop, type Hop } from './redirects';
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
	/** How long one try may wait for WorkFlux to start answering, or stay silent mid-download. */
	timeoutMs?: number;
}

/**
 * 30 s: WorkFlux answers API calls in well under a second, and an export download only has to start within
 * it (the timer restarts with every part of the file that arrives), so only a silent server hits it.
 */
export const DEFAULT_TIMEOUT_MS = 30_000;

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
	/** The try ran out of time (our timeout), as opposed to a refused or broken connection. */
	timedOut?: boolean;
	/** n8n aborted the request because the execution was stopped (axios's `ERR_CANCELED`). */
	cancelled?: boolean;
}

/** Axios's own timeout: ECONNABORTED (or ETIMEDOUT) with "timeout of N ms exceeded". */
function isTimeout(error: Record<string, unknown>): boolean {
	const code = error.code;
	return (
		(code === 'ECONNABORTED' || code === 'ETIMEDOUT') &&
		/timeout/i.test(String(error.message ?? ''))
	);
}

/**
 * Whether the execution was stopped (the editor's "Stop execution", or n8n cancelling it): n8n then aborts
 * the request in flight, and nothing more may be sent, so it is not retried.
 */
function executionStopped(context: WorkfluxContext, failure: Failure): boolean {
	if (failure.cancelled) return true;
	return (
		'getExecutionCancelSignal' in context && context.getExecutionCancelSignal()?.aborted === true
	);
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
		if (isTimeout(current)) return { headers: {}, networkCode: 'ETIMEDOUT', timedOut: true };
		if (current.code === 'ERR_CANCELED') return { headers: {}, cancelled: true };
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

/** How one try ended: an answer, the error n8n's HTTP client threw, or a redirect the node did not follow. */
type Outcome<T> =
	| { response: WorkfluxResponse<T> }
	| { error: unknown }
	| { refusedRedirect: { status: number; reason: string } };

/** One hop of a request: signed by n8n with the credential, or plain (another origin gets no credential). */
async function sendHop<T>(
	context: WorkfluxContext,
	request: WorkfluxRequest,
	hop: Hop,
	timeoutMs: number,
	isFirst: boolean,
): Promise<Outcome<T>> {
	const options: IHttpRequestOptions = {
		method: hop.method as IHttpRequestMethods,
		url: hop.url,
		// A redirect's Location already carries its query.
		qs: isFirst ? request.qs : undefined,
		body: hop.keepsBody ? request.body : undefined,
		json: !request.binary,
		returnFullResponse: true,
		timeout: timeoutMs,
		// Redirects come back here, and redirects.ts decides who gets the credential.
		disableFollowRedirect: true,
		sendCredentialsOnCrossOriginRedirect: false,
		headers: {
			Accept: request.binary ? '*/*' : 'application/json',
			...(hop.authenticated && request.idempotencyKey
				? { 'Idempotency-Key': request.idempotencyKey }
				: {}),
		},
		...(request.binary ? { encoding: 'arraybuffer' as const } : {}),
	};
	try {
		const response = (
			hop.authenticated
				? await context.helpers.httpRequestWithAuthentication.call(
						context,
						CREDENTIAL_TYPE,
						options,
					)
				: await context.helpers.httpRequest(options)
		) as WorkfluxResponse<T>;
		return {
			response: { statusCode: response.statusCode, headers: response.headers, body: response.body },
		};
	} catch (error) {
		return { error };
	}
}

/** One try of a request, following redirects as redirects.ts allows. */
async function sendFollowingRedirects<T>(
	context: WorkfluxContext,
	request: WorkfluxRequest,
	url: string,
	timeoutMs: number,
): Promise<Outcome<T>> {
	const apiOrigin = apiOriginOf(url);
	let hop: Hop = {
		url,
		method: request.method,
		keepsBody: request.body !== undefined,
		authenticated: true,
	};
	for (let hops = 0; ; hops++) {
		const outcome = await sendHop<T>(context, request, hop, timeoutMs, hops === 0);
		if (!('error' in outcome)) return outcome;
		const { status, headers } = readFailure(outcome.error);
		if (status === undefined || !isRedirect(status)) return outcome;
		const next = nextHop({
			current: hop,
			status,
			location: headers.location,
			apiOrigin,
			hopsSoFar: hops,
		});
		if (!next.follow) return { refusedRedirect: { status, reason: next.reason } };
		hop = next.hop;
	}
}

function apiError(
	context: WorkfluxContext,
	explanation: { message: string; description: string },
	status: number | undefined,
	body: ApiErrorBody = {},
): NodeApiError {
	// Built from plain data: NodeApiError hands back an error that already is one, words and all.
	const cause = { ...body, status } as JsonObject;
	return new NodeApiError(context.getNode(), cause, {
		message: explanation.message,
		description: explanation.description,
		httpCode: status !== undefined ? String(status) : undefined,
	});
}

/** A 2xx that is not what openapi.yaml promises (a login page, cut-off JSON, an array) becomes an error. */
function checkAnswer(
	context: WorkfluxContext,
	request: WorkfluxRequest,
	response: WorkfluxResponse<unknown>,
	baseUrl: string,
	expect: 'object' | 'page',
): void {
	if (request.binary) return;
	const answer = {
		status: response.statusCode,
		method: request.method,
		contentType: String(response.headers['content-type'] ?? ''),
		body: response.body,
	};
	const problem = expect === 'page' ? checkPageAnswer(answer) : checkObjectAnswer(answer);
	if (!problem) return;
	const endpoint = `${request.method} ${request.path}`;
	throw apiError(
		context,
		explainContractBreach({ problem, answer, endpoint, baseUrl }),
		response.statusCode,
	);
}

/**
 * Every WorkFlux call of the package goes through here: n8n signs it with the OAuth2 credential (and fetches
 * a new token on a 401), rate limits, timeouts and temporary failures are waited out, redirects never take
 * the credential to another host, an answer that breaks the API contract is refused, and what still fails
 * becomes a NodeApiError in plain words.
 */
export async function workfluxRequest<T = IDataObject>(
	this: WorkfluxContext,
	request: WorkfluxRequest,
	expect: 'object' | 'page' = 'object',
): Promise<WorkfluxResponse<T>> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	const baseUrl = String(credentials.baseUrl ?? '').replace(/\/+$/, '');
	// While this process fetches the credential's first token, its other requests wait for it (n8n does not).
	const response = await shareFirstToken(
		this.getNode().credentials?.[CREDENTIAL_TYPE]?.id ?? undefined,
		hasToken(credentials),
		async () => await sendWithRetries<T>(this, request, baseUrl),
	);
	reportDeprecation(this, response.headers, request);
	checkAnswer(this, request, response, baseUrl, expect);
	return response;
}

/** One page of a WorkFlux list, checked to be `{ data: [...], has_more, next_cursor }`. */
export async function workfluxPage(
	this: WorkfluxContext,
	request: WorkfluxRequest,
): Promise<Page<IDataObject>> {
	const { body } = await workfluxRequest.call(this, request, 'page');
	return body as unknown as Page<IDataObject>;
}

async function sendWithRetries<T>(
	context: WorkfluxContext,
	request: WorkfluxRequest,
	baseUrl: string,
): Promise<WorkfluxResponse<T>> {
	const policy = request.retry ?? DEFAULT_RETRY_POLICY;
	const timeoutMs = request.timeoutMs ?? DEFAULT_TIMEOUT_MS;
	let waitedMs = 0;
	const endpoint = `${request.method} ${request.path}`;
	for (let attempt = 1; ; attempt++) {
		const outcome = await sendFollowingRedirects<T>(
			context,
			request,
			`${baseUrl}${request.path}`,
			timeoutMs,
		);
		if ('response' in outcome) return outcome.response;
		if ('refusedRedirect' in outcome) {
			const { status, reason } = outcome.refusedRedirect;
			throw apiError(
				context,
				explainFailure({ status, endpoint, baseUrl, redirectNote: reason }),
				status,
			);
		}
		const failure = readFailure(outcome.error);
		if (executionStopped(context, failure)) {
			throw apiError(
				context,
				{
					message: 'The execution was stopped before WorkFlux answered',
					description: `The request ${endpoint} was cancelled and not retried. If it was a change, check in WorkFlux whether it was made before you run the workflow again.`,
				},
				undefined,
			);
		}
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
		// As a tool, the error goes to an AI model: it gets the next step in its own terms.
		const explain = isToolNode(context.getNode()) ? explainFailureToModel : explainFailure;
		const explanation = explain({
			status: failure.status,
			body: failure.body,
			networkCode: failure.networkCode,
			timeoutMs: failure.timedOut ? timeoutMs : undefined,
			endpoint,
			baseUrl,
			retryNote: decision.gaveUp
				? `stopped after ${attempt} ${attempt === 1 ? 'attempt' : 'attempts'}: ${decision.reason}`
				: undefined,
		});
		throw apiError(context, explanation, failure.status, failure.body);
	}
}
