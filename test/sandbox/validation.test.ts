import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startSandbox, type RunningSandbox } from './server';
import { Api, schemaErrors } from './test-helpers';

let sandbox: RunningSandbox;
let api: Api;

beforeAll(async () => {
	sandbox = await startSandbox();
	api = new Api(sandbox.baseUrl);
	await api.login();
});
afterAll(() => sandbox.close());

describe('request validation and generic errors', () => {
	it('validates bodies strictly: no type coercion', async () => {
		const answer = await api.post('/agents', { name: 'A', channels: 'web' });
		expect(answer.status).toBe(422);
		expect(answer.body.error.field).toBe('channels');
		expect(answer.body.error.message).toBe('`channels` must be an array.');
		const runs = await api.post(`/workflows/${sandbox.control.workflows()[0].id}/runs`, { payload: 'x' });
		expect(runs.body.error.field).toBe('payload');
	});

	it('validates query strings with coercion (numbers arrive as text)', async () => {
		expect((await api.get('/agents?limit=2')).body.data).toHaveLength(2);
		expect((await api.get('/agents?limit=2.5')).body.error.field).toBe('limit');
		// Unknown query parameters are ignored.
		expect((await api.get('/agents?colour=blue')).status).toBe(200);
	});

	it('answers 422 when a required body is missing or not an object', async () => {
		const missing = await api.call('POST', '/agents');
		expect(missing.status).toBe(422);
		expect(missing.body.error.code).toBe('validation_error');
		const array = await api.post('/agents', [{ name: 'A' }]);
		expect(array.status).toBe(422);
		expect(array.body.error.message).toMatch(/JSON object/);
	});

	it('answers 400 bad_request for broken JSON and 415 for a non-JSON body', async () => {
		const broken = await api.call('POST', '/agents', {
			raw: '{"name": "A",',
			headers: { 'content-type': 'application/json' },
		});
		expect(broken.status).toBe(400);
		expect(broken.body.error.code).toBe('bad_request');
		expect(schemaErrors('ErrorEnvelope', broken.body)).toEqual([]);
		const form = await api.call('POST', '/agents', {
			raw: 'name=A',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
		});
		expect(form.status).toBe(415);
		expect(form.body.error.code).toBe('unsupported_media_type');
		const text = await api.call('POST', '/agents', { raw: 'name', headers: { 'content-type': 'text/plain' } });
		expect(text.status).toBe(415);
	});

	it('answers 404 not_found in the envelope for unknown routes', async () => {
		const answer = await api.get('/unicorns');
		expect(answer.status).toBe(404);
		expect(answer.body.error).toMatchObject({ code: 'not_found', status: 404 });
		expect(answer.body.error.request_id).toMatch(/^req_/);
		expect(answer.headers.get('x-request-id')).toBe(answer.body.error.request_id);
	});
});
