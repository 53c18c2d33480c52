import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

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
beforeEach(() => sandbox.control.reset());

describe('agents', () => {
	it('lists the default demo agents as a page', async () => {
		const answer = await api.get('/agents');
		expect(answer.status).toBe(200);
		expect(schemaErrors('AgentList', answer.body)).toEqual([]);
		expect(answer.body.data.map((a: { name: string }) => a.name)).toEqual([
			'Support Assistant',
			'Sales Concierge',
			'Billing Helper',
		]);
		expect(answer.body).toMatchObject({ has_more: false, next_cursor: null });
	});

	it('creates an agent with schema defaults, then gets, changes and deletes it', async () => {
		const created = await api.post('/agents', { name: 'Returns Bot' });
		expect(created.status).toBe(201);
		expect(schemaErrors('Agent', created.body)).toEqual([]);
		expect(created.body).toMatchObject({
			name: 'Returns Bot',
			description: '',
			model: 'workflux-standard',
			status: 'active',
			channels: ['web'],
			metadata: {},
		});
		expect(created.body.id).toMatch(/^agt_/);
		const id = created.body.id as string;

		const fetched = await api.get(`/agents/${id}`);
		expect(fetched.body).toEqual(created.body);

		const changed = await api.patch(`/agents/${id}`, { status: 'inactive', channels: ['sms', 'voice'] });
		expect(changed.status).toBe(200);
		expect(changed.body).toMatchObject({ name: 'Returns Bot', status: 'inactive', channels: ['sms', 'voice'] });
		expect(changed.body.updated_at >= created.body.updated_at).toBe(true);

		const inactive = await api.get('/agents?status=inactive');
		expect(inactive.body.data.map((a: { id: string }) => a.id)).toEqual([id]);

		const deleted = await api.delete(`/agents/${id}`);
		expect(deleted.status).toBe(204);
		expect(deleted.text).toBe('');
		const gone = await api.get(`/agents/${id}`);
		expect(gone.status).toBe(404);
		expect(gone.body.error).toMatchObject({ code: 'not_found', status: 404 });
		expect(gone.body.error.message).toContain(id);
		expect((await api.delete(`/agents/${id}`)).status).toBe(404);
	});

	it('refuses invalid agents with 422 naming the field', async () => {
		const cases: Array<[unknown, string]> = [
			[{}, 'name'],
			[{ name: '' }, 'name'],
			[{ name: 5 }, 'name'],
			[{ name: 'A', status: 'sleeping' }, 'status'],
			[{ name: 'A', channels: ['web', 'fax'] }, 'channels.1'],
			[{ name: 'A', channels: ['web', 'web'] }, 'channels'],
			[{ name: 'A', metadata: 'x' }, 'metadata'],
			[{ name: 'A', nickname: 'x' }, 'nickname'],
		];
		for (const [body, field] of cases) {
			const answer = await api.post('/agents', body);
			expect(answer.status, JSON.stringify(body)).toBe(422);
			expect(answer.body.error).toMatchObject({ code: 'validation_error', field, status: 422 });
			expect(answer.body.error.message).toContain(`\`${field}\``);
			expect(schemaErrors('ErrorEnvelope', answer.body)).toEqual([]);
		}
		expect(sandbox.control.agents()).toHaveLength(3);
		const patch = await api.patch(`/agents/${sandbox.control.agents()[0].id}`, { status: 'gone' });
		expect(patch.body.error.field).toBe('status');
		const query = await api.get('/agents?status=asleep');
		expect(query.status).toBe(422);
		expect(query.body.error.field).toBe('status');
	});

	it('answers 404 for an unknown agent on every route', async () => {
		expect((await api.get('/agents/agt_missing')).status).toBe(404);
		expect((await api.patch('/agents/agt_missing', { name: 'x' })).status).toBe(404);
		expect((await api.delete('/agents/agt_missing')).status).toBe(404);
	});
});
