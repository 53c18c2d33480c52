/**
 * What a successful WorkFlux answer must look like (openapi.yaml): a JSON object, a list page
 * `{ data: [...], has_more, next_cursor }`, or nothing at all for 204. A 2xx that is anything else (a
 * proxy's login page, JSON cut off mid-way, an empty body, an array) is an error, never an item. Pure, so
 * each case is tested without HTTP.
 */

import type { Explanation } from './api-error';

export interface Answer {
	status: number;
	method: string;
	contentType: string;
	/** The body as n8n's HTTP client handed it over: parsed JSON, or the raw text when it was not JSON. */
	body: unknown;
}

const EXCERPT_LENGTH = 80;

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isEmpty(body: unknown): boolean {
	return body === undefined || body === null || (typeof body === 'string' && body.trim() === '');
}

function isJsonContentType(contentType: string): boolean {
	const mime = contentType.split(';')[0].trim().toLowerCase();
	return mime === 'application/json' || mime.endsWith('+json');
}

/** Why a body that is not an object cannot be used, in words. */
function whatCameBack(contentType: string, body: unknown): string {
	if (isEmpty(body)) return 'an empty answer';
	if (typeof body === 'string') {
		if (/^\s*<(!doctype|html|\?xml|head|body)/i.test(body)) return 'a web page instead of JSON';
		return isJsonContentType(contentType)
			? 'JSON that cannot be read (it may be cut off)'
			: 'text that is not JSON';
	}
	if (Array.isArray(body)) return 'a JSON list where WorkFlux sends an object';
	return 'JSON that is not an object';
}

/**
 * What is wrong with a 2xx answer that should carry a JSON object, or undefined when it is fine.
 * 204, and an empty answer to a DELETE, are fine: WorkFlux documents them without a body.
 */
export function checkObjectAnswer(answer: Answer): string | undefined {
	if (answer.status === 204) return undefined;
	if (answer.method.toUpperCase() === 'DELETE' && isEmpty(answer.body)) return undefined;
	if (isPlainObject(answer.body)) return undefined;
	return whatCameBack(answer.contentType, answer.body);
}

/** What is wrong with a list answer, or undefined when it is a usable page. */
export function checkPageAnswer(answer: Answer): string | undefined {
	const problem = checkObjectAnswer({ ...answer, method: 'GET' });
	if (problem) return problem;
	const page = answer.body as Record<string, unknown>;
	if (!Array.isArray(page.data)) return 'a list answer without its "data" array';
	if (!page.data.every(isPlainObject)) return 'a list whose records are not JSON objects';
	if (typeof page.has_more !== 'boolean') return 'a list answer without "has_more"';
	if (page.has_more && (typeof page.next_cursor !== 'string' || page.next_cursor === '')) {
		return 'a list answer that says there is more but gives no "next_cursor"';
	}
	return undefined;
}

/** The first characters of the body, on one line, so the user can recognise what answered. */
export function excerptOf(body: unknown): string {
	let text: string;
	if (typeof body === 'string') text = body;
	else if (body instanceof Uint8Array) text = new TextDecoder().decode(body.subarray(0, 400));
	else text = JSON.stringify(body) ?? String(body);
	// Control characters would garble the editor's error panel; runs of blanks say nothing.
	const line = text
		.slice(0, 400)
		.replace(/\p{Cc}+/gu, ' ')
		.replace(/\s+/g, ' ')
		.trim();
	return line.length > EXCERPT_LENGTH ? `${line.slice(0, EXCERPT_LENGTH)}…` : line;
}

/** The words for a broken answer: what came back, and that the Base URL may be the cause. */
export function explainContractBreach(details: {
	problem: string;
	answer: Answer;
	endpoint: string;
	baseUrl: string;
}): Explanation {
	const { answer } = details;
	const type = answer.contentType ? `content type ${answer.contentType}` : 'no content type';
	const excerpt = isEmpty(answer.body) ? 'no body' : `"${excerptOf(answer.body)}"`;
	return {
		message: `WorkFlux sent an answer the node cannot use: ${details.problem}`,
		description:
			`${details.endpoint} answered HTTP ${answer.status} with ${type}: ${excerpt}. ` +
			`The Base URL in the WorkFlux credential (${details.baseUrl}) may point at a proxy, a login page or the wrong path: ` +
			'it should be the WorkFlux API address ending in /v1, for example https://api.workflux.ai/v1. ' +
			'If it is right, WorkFlux may have a problem: try again later.',
	};
}
