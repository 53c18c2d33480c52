import { describe, expect, it } from 'vitest';

import { explainFailure, parseErrorBody } from '../../nodes/shared/transport/api-error';

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
