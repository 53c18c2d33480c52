import { describe, expect, it } from 'vitest';

import {
	explainFailure,
	explainFailureToModel,
	parseErrorBody,
} from '../../nodes/shared/transport/api-error';

const where = { endpoint: 'GET /agents/agt_1', baseUrl: 'https://api.workflux.ai/v1' };

describe('parseErrorBody', () => {
	const envelope = { error: { code: 'not_found', message: 'Agent agt_1 was not found.' } };
	it('reads the envelope from an object, a string or bytes', () => {
		expect(parseErrorBody(envelope)?.code).toBe('not_found');
		expect(parseErrorBody(JSON.stringify(envelope))?.code).toBe('not_found');
		expect(parseErrorBody(Buffer.from(JSON.stringify(envelope)))?.code).toBe('not_found');
	});
	it('reads the token endpoint RFC 6749 form', () => {
		expect(parseErrorBody({ error: 'invalid_client', error_description: 'Wrong secret' })).toEqual({
			code: 'invalid_client',
			message: 'Wrong secret',
		});
	});
	it('gives up quietly on non-JSON', () => expect(parseErrorBody('<html>')).toBeUndefined());
});

describe('explainFailure', () => {
	it("leads with WorkFlux's message and adds a next step and the facts", () => {
		const { message, description } = explainFailure({
			...where,
			status: 404,
			body: { code: 'not_found', message: 'Agent agt_1 was not found.', request_id: 'req_9' },
		});
		expect(message).toBe('Agent agt_1 was not found.');
		expect(description).toContain('Check the ID');
		expect(description).toContain(
			'HTTP 404, code not_found, request GET /agents/agt_1, request ID req_9',
		);
	});
	it('names the field WorkFlux rejected', () => {
		const { description } = explainFailure({
			...where,
			status: 422,
			body: { code: 'validation_error', message: 'name is required', field: 'name' },
		});
		expect(description).toContain('Fix the value of "name"');
	});
	it('says where it could not connect', () => {
		const { message, description } = explainFailure({ ...where, networkCode: 'ECONNREFUSED' });
		expect(message).toBe('Could not connect to WorkFlux (ECONNREFUSED)');
		expect(description).toContain('https://api.workflux.ai/v1');
	});
	it('points at the credential on 401 and at the options on 429', () => {
		expect(explainFailure({ ...where, status: 401 }).description).toContain('client secret');
		expect(
			explainFailure({ ...where, status: 429, retryNote: '5 attempts' }).description,
		).toContain('Max Retry Wait (Seconds)');
	});
	it('says a try timed out, after how long, and what to try', () => {
		const { message, description } = explainFailure({
			...where,
			networkCode: 'ETIMEDOUT',
			timeoutMs: 30_000,
			retryNote: 'stopped after 5 attempts: the limit of 5 attempts is reached',
		});
		expect(message).toBe('WorkFlux did not answer within 30 seconds (timed out)');
		expect(description).toContain('raise "Timeout (Seconds)" under Options');
		expect(description).toContain('Retries: stopped after 5 attempts');
		expect(explainFailure({ ...where, timeoutMs: 1500 }).message).toContain('1.5 seconds');
		expect(explainFailure({ ...where, timeoutMs: 1000 }).message).toContain('1 second ');
	});
	it('says why a redirect was not followed', () => {
		const { message, description } = explainFailure({
			...where,
			status: 307,
			redirectNote: 'it redirected a POST request to another host (https://x.example)',
		});
		expect(message).toBe('WorkFlux redirected the request elsewhere');
		expect(description).toContain('never sends the WorkFlux credential to another host');
		expect(description).toContain('HTTP 307');
	});
});

describe('explainFailureToModel (the node runs as an AI tool)', () => {
	const notFound = {
		...where,
		status: 404,
		body: { code: 'not_found', message: 'Conversation conv_x was not found.', request_id: 'req_1' },
	};
	it('puts what went wrong and what to send instead into the message, the only part a model gets', () => {
		const { message, description } = explainFailureToModel(notFound);
		expect(message).toBe(
			'Conversation conv_x was not found. Call again with an ID that exists in WorkFlux: look the record up first (for example by listing conversations) and use its "id".',
		);
		expect(description).toBe(
			'(HTTP 404, code not_found, request GET /agents/agt_1, request ID req_1)',
		);
	});
	it('gives no editor advice a model cannot follow', () => {
		for (const status of [undefined, 400, 401, 403, 404, 409, 422, 429, 500, 418]) {
			const { message } = explainFailureToModel({ ...where, status });
			expect(message, String(status)).not.toMatch(
				/open the|from the list|Options|this node|parameters/i,
			);
			expect(message.length, String(status)).toBeLessThan(220);
		}
	});
	it('names the field to correct', () => {
		const { message } = explainFailureToModel({
			...where,
			status: 422,
			body: { code: 'validation_error', message: 'reason is required', field: 'reason' },
		});
		expect(message).toBe('reason is required Call again with a valid value for "reason".');
	});
	it('keeps the person-facing explanation unchanged', () => {
		expect(
			explainFailure({ ...notFound, retryNote: 'stopped after 1 attempt: x' }).description,
		).toBe(
			'Check the ID: the record may have been deleted, or it belongs to another WorkFlux workspace. Pick it from the list instead of typing it to be sure. Retries: stopped after 1 attempt: x. (HTTP 404, code not_found, request GET /agents/agt_1, request ID req_1)',
		);
	});
});
