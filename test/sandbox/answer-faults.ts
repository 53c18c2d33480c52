// Answer faults: a /v1 request that gets what a broken deployment sends instead of the API's answer. A proxy's
// login page with 200, JSON cut off mid-way, an empty body, an array, a list without `data`, a list that never
// ends, a server that never answers, a redirect to another host. Set with `faults.answer` (and `faults.match`).
export type { AnswerFault } from './config';
import type { FastifyReply, FastifyRequest } from 'fastify';

import type { AnswerFault, FaultConfig } from './config';
import { matchesFault } from './faults';

/** The answer fault for this request, or null. Like the request faults it honours `faults.match`. */
export function answerFaultFor(
	faults: FaultConfig,
	method: string,
	path: string,
): AnswerFault | null {
	if (!faults.answer) return null;
	return matchesFault(faults.match, method, path) ? faults.answer : null;
}

/** Resolves when the client gives up on the connection (or the sandbox closes it). */
function untilDisconnected(request: FastifyRequest): Promise<void> {
	return new Promise((resolve) => {
		const socket = request.raw.socket;
		if (socket.destroyed) return resolve();
		socket.once('close', () => resolve());
	});
}

let endlessPages = 0;

/**
 * The faults that replace the whole exchange, run before the route: `hang` accepts the request and never
 * answers; `redirect` answers `faults.redirectStatus` with `Location: faults.redirectTo`; `endless_cursor`
 * answers every list request with one record and a cursor never seen before. Returns true when it answered.
 */
export async function answerBeforeRoute(
	fault: AnswerFault,
	faults: FaultConfig,
	request: FastifyRequest,
	reply: FastifyReply,
): Promise<boolean> {
	if (fault === 'hang') {
		await untilDisconnected(request);
		reply.hijack();
		request.raw.socket.destroy();
		return true;
	}
	if (fault === 'redirect') {
		reply.code(faults.redirectStatus).header('Location', faults.redirectTo).send();
		return true;
	}
	if (fault === 'endless_cursor') {
		endlessPages++;
		reply.code(200).send({
			data: [{ id: `rec_endless_${endlessPages}`, name: `Endless ${endlessPages}` }],
			has_more: true,
			next_cursor: `cur_endless_${endlessPages}`,
		});
		return true;
	}
	return false;
}

const LOGIN_PAGE =
	'<!DOCTYPE html>\n<html><head><title>Sign in - Corporate Access Proxy</title></head>' +
	'<body><form method="post" action="/login"><input name="user"><input name="password" type="password"></form></body></html>';

/**
 * The faults that reshape a successful JSON answer, run in onSend. Returns the new body and content type,
 * or null to leave the answer alone (errors, 204 and non-JSON answers such as export files are kept).
 */
export function reshapeAnswer(
	fault: AnswerFault,
	status: number,
	contentType: string,
	payload: string,
): { body: string; contentType: string } | null {
	if (status < 200 || status >= 300 || status === 204) return null;
	if (!/^application\/json/i.test(contentType)) return null;
	switch (fault) {
		case 'html_page':
			return { body: LOGIN_PAGE, contentType: 'text/html; charset=utf-8' };
		case 'truncated_json':
			return { body: payload.slice(0, Math.max(1, Math.floor(payload.length / 2))), contentType };
		case 'empty_body':
			return { body: '', contentType };
		case 'array_body':
			return { body: `[${payload}]`, contentType };
		case 'list_without_data': {
			const { data, ...rest } = JSON.parse(payload) as Record<string, unknown>;
			return { body: JSON.stringify({ ...rest, items: data }), contentType };
		}
		default:
			return null;
	}
}
