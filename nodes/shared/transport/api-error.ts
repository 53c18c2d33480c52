/**
 * Turns a failed WorkFlux call into words for the person building the workflow: what went wrong, in
 * WorkFlux's own message where it gave one, and what to do next. Pure, so every case is tested directly.
 */

/** WorkFlux's error envelope: `{ error: { code, message, status, field?, request_id } }`. */
export interface ApiErrorBody {
	code?: string;
	message?: string;
	field?: string;
	request_id?: string;
}

export interface FailureDetails {
	/** HTTP status, absent when WorkFlux could not be reached at all. */
	status?: number;
	body?: ApiErrorBody;
	/** Network error code such as ECONNREFUSED or ETIMEDOUT. */
	networkCode?: string;
	/** What the node was doing, e.g. "GET /agents/agt_123". */
	endpoint: string;
	baseUrl: string;
	/** Why retrying stopped, when the failure was retried. */
	retryNote?: string;
	/** Set when the last try ran out of time: the timeout it had, in milliseconds. */
	timeoutMs?: number;
	/** Why a redirect was not followed. */
	redirectNote?: string;
}

function seconds(ms: number): string {
	const value = ms / 1000;
	return `${Number.isInteger(value) ? value : value.toFixed(1)} ${value === 1 ? 'second' : 'seconds'}`;
}

export interface Explanation {
	message: string;
	description: string;
}

/** Reads the envelope from a response body that may be an object, a JSON string or a Buffer. */
export function parseErrorBody(data: unknown): ApiErrorBody | undefined {
	let value = data;
	if (value instanceof Uint8Array) value = new TextDecoder().decode(value);
	if (typeof value === 'string') {
		try {
			value = JSON.parse(value);
		} catch {
			return undefined;
		}
	}
	if (typeof value !== 'object' || value === null) return undefined;
	const error = (value as { error?: unknown }).error;
	if (typeof error === 'object' && error !== null) return error as ApiErrorBody;
	// The token endpoint answers in RFC 6749 form: { error: "invalid_client", error_description }.
	if (typeof error === 'string') {
		const description = (value as { error_description?: unknown }).error_description;
		return { code: error, message: typeof description === 'string' ? description : undefined };
	}
	return undefined;
}

function nextStep(details: FailureDetails): string {
	const { status, body } = details;
	if (details.timeoutMs !== undefined) {
		return `The request reached ${details.baseUrl} but no answer came within ${seconds(details.timeoutMs)}. Try again later, raise "Timeout (Seconds)" under Options if WorkFlux needs longer (for example for a large export), and check that the Base URL in the WorkFlux credential points at WorkFlux.`;
	}
	if (details.redirectNote) {
		return `The node did not follow it: ${details.redirectNote}. The node never sends the WorkFlux credential to another host. Check that the Base URL in the WorkFlux credential is the current API address ending in /v1 (an old or regional address may redirect).`;
	}
	if (status === undefined) {
		return `Could not reach WorkFlux at ${details.baseUrl}. Check the Base URL in the WorkFlux credential and that this n8n instance can reach it.`;
	}
	if (status === 401) {
		return 'WorkFlux did not accept the credential. Open the WorkFlux credential, check the client ID and client secret, and click "Retry" or test the credential.';
	}
	if (status === 403) {
		return 'The WorkFlux API client is not allowed to do this. Give it the needed permission in WorkFlux, or clear the Scope field in the credential so it gets every permission it has.';
	}
	if (status === 404) {
		return 'Check the ID: the record may have been deleted, or it belongs to another WorkFlux workspace. Pick it from the list instead of typing it to be sure.';
	}
	if (status === 409) {
		return 'The record is in a state that does not allow this (for example, a conversation that is already completed). Check its status first, e.g. with a Get operation.';
	}
	if (status === 422 || status === 400) {
		return body?.field
			? `Fix the value of "${body.field}" in this node's parameters and run it again.`
			: "Check the values in this node's parameters and run it again.";
	}
	if (status === 429) {
		return 'WorkFlux is limiting how fast requests may be sent. Process fewer items per run, or raise "Max Retry Wait (Seconds)" under Options so the node waits longer.';
	}
	if (status >= 500) {
		return 'WorkFlux had a temporary problem. Try again in a few minutes; if it keeps happening, contact WorkFlux support with the request ID.';
	}
	return "Check this node's parameters and the WorkFlux credential.";
}

function headline(details: FailureDetails): string {
	const { status, body } = details;
	if (details.timeoutMs !== undefined) {
		return `WorkFlux did not answer within ${seconds(details.timeoutMs)} (timed out)`;
	}
	if (details.redirectNote) return 'WorkFlux redirected the request elsewhere';
	if (status === undefined) {
		const code = details.networkCode ? ` (${details.networkCode})` : '';
		return `Could not connect to WorkFlux${code}`;
	}
	if (body?.message) return body.message;
	const generic: Record<number, string> = {
		400: 'WorkFlux could not understand the request',
		401: 'WorkFlux rejected the credential',
		403: 'Not allowed by WorkFlux',
		404: 'Not found in WorkFlux',
		409: 'WorkFlux refused the change',
		422: 'WorkFlux rejected a value',
		429: 'Too many requests to WorkFlux',
	};
	return (
		generic[status] ??
		(status >= 500 ? 'WorkFlux had a server error' : `WorkFlux answered ${status}`)
	);
}

/** What happened, for support: status, WorkFlux's code, the request, its ID and why retrying stopped. */
function facts(details: FailureDetails): string {
	const list = [
		details.status !== undefined ? `HTTP ${details.status}` : undefined,
		details.body?.code ? `code ${details.body.code}` : undefined,
		`request ${details.endpoint}`,
		details.body?.request_id ? `request ID ${details.body.request_id}` : undefined,
	].filter(Boolean);
	const retry = details.retryNote ? `Retries: ${details.retryNote}. ` : '';
	return `${retry}(${list.join(', ')})`;
}

export function explainFailure(details: FailureDetails): Explanation {
	return {
		message: headline(details),
		description: `${nextStep(details)} ${facts(details)}`,
	};
}

/**
 * The next step for an AI model that called the node as a tool. It can only call again with other values,
 * call another tool, or tell the user; the editor advice (pick from the list, open the credential) means
 * nothing to it.
 */
function nextStepForModel(details: FailureDetails): string {
	const { status, body } = details;
	if (status === undefined || status === 401 || status === 403) {
		return "n8n's WorkFlux connection cannot do this right now: tell the user, calling again will not help.";
	}
	if (status === 404) {
		return 'Call again with an ID that exists in WorkFlux: look the record up first (for example by listing conversations) and use its "id".';
	}
	if (status === 409) {
		return 'Its status does not allow this (for example, the conversation is completed): check the status first instead of calling again.';
	}
	if (status === 422 || status === 400) {
		return body?.field
			? `Call again with a valid value for "${body.field}".`
			: 'Call again with corrected values.';
	}
	if (status === 429 || status >= 500) {
		return 'WorkFlux is busy or has a temporary problem: try again later, or tell the user.';
	}
	return 'Tell the user what happened.';
}

/**
 * The same failure for an AI model (the node runs as a tool). n8n's AI Agent hands the model only the error
 * message, so the message carries the next step; the description keeps just the facts.
 */
export function explainFailureToModel(details: FailureDetails): Explanation {
	return {
		message: `${headline(details)} ${nextStepForModel(details)}`,
		description: facts(details),
	};
}
