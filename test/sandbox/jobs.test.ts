import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { csvHeader } from './export-files';
import { newId } from './ids';
import { type RunningSandbox, startSandbox } from './server';
import { Api, type ApiAnswer, parseCsv, schemaErrors, waitFor } from './test-helpers';
import { type Conversation, type MessageRole } from './types';

describe('Exports', () => {
	let sandbox: RunningSandbox;
	let api: Api;

	beforeAll(async () => {
		sandbox = await startSandbox({ exportDurationMs: 150 });
		api = new Api(sandbox.baseUrl);
		await api.login();
	});
	afterAll(() => sandbox.close());
	beforeEach(() => sandbox.control.reset());

	async function finished(id: string) {
		const statuses = new Set<string>();
		const job = await waitFor(
			async () => (await api.get(`/exports/${id}`)).body,
			(body) => {
				statuses.add(body.status);
				return body.status === 'completed' || body.status === 'failed';
			},
			3000,
			'the export',
		);
		return { job, statuses };
	}

	async function allConversations(query = '') {
		const out = [];
		let cursor: string | null = null;
		do {
			const page: ApiAnswer = await api.get(
				`/conversations?limit=100${query}${cursor ? `&cursor=${cursor}` : ''}`,
			);
			out.push(...page.body.data);
			cursor = page.body.next_cursor;
		} while (cursor);
		return out;
	}

	describe('exports', () => {
		it('runs pending → processing → completed and produces an RFC 4180 CSV of the selected conversations', async () => {
			const agentId = sandbox.control.agents()[0].id;
			const tricky = await api.post('/conversations', {
				agent_id: agentId,
				subject: 'Invoice "Acme, Inc."\nsecond line',
				customer: { name: 'Ada, Countess', email: 'ada@example.com' },
				metadata: { note: 'a,b' },
			});
			expect(tricky.status).toBe(201);

			const created = await api.post('/exports', {
				resource: 'conversations',
				format: 'csv',
				filters: { agent_id: agentId },
			});
			expect(created.status).toBe(202);
			expect(schemaErrors('Export', created.body)).toEqual([]);
			expect(created.body).toMatchObject({
				status: 'pending',
				record_count: null,
				file: null,
				completed_at: null,
			});
			const early = await api.get(`/exports/${created.body.id}/download`);
			expect(early.status).toBe(409);
			expect(early.body.error.code).toBe('conflict');

			const { job, statuses } = await finished(created.body.id);
			expect(statuses.has('processing')).toBe(true);
			expect(schemaErrors('Export', job)).toEqual([]);
			const expected = await allConversations(`&agent_id=${agentId}`);
			expect(job).toMatchObject({
				status: 'completed',
				record_count: expected.length,
				file: { name: `conversations-${job.id}.csv`, content_type: 'text/csv' },
			});

			const download = await fetch(`${sandbox.baseUrl}/exports/${job.id}/download`, {
				headers: { authorization: `Bearer ${api.token}` },
			});
			expect(download.status).toBe(200);
			expect(download.headers.get('content-type')).toMatch(/^text\/csv/);
			expect(download.headers.get('content-disposition')).toBe(
				`attachment; filename="conversations-${job.id}.csv"`,
			);
			const bytes = Buffer.from(await download.arrayBuffer());
			expect(bytes.length).toBe(job.file.size);
			const raw = await fetch(`${sandbox.origin}/_sandbox/exports/${job.id}/file`);
			expect(Buffer.from(await raw.arrayBuffer()).equals(bytes)).toBe(true);

			const text = bytes.toString('utf8');
			expect(text.endsWith('\r\n')).toBe(true);
			expect(text).toContain('"Invoice ""Acme, Inc.""\nsecond line"');
			const [header, ...rows] = parseCsv(text);
			expect(header).toEqual(csvHeader('conversations'));
			expect(rows).toHaveLength(expected.length);
			const column = (name: string) => header.indexOf(name);
			expect(rows.map((r) => r[column('id')])).toEqual(expected.map((c) => c.id));
			const trickyRow = rows.find((r) => r[column('id')] === tricky.body.id)!;
			expect(trickyRow[column('subject')]).toBe('Invoice "Acme, Inc."\nsecond line');
			expect(trickyRow[column('customer_name')]).toBe('Ada, Countess');
			expect(trickyRow[column('customer_phone')]).toBe('');
			expect(JSON.parse(trickyRow[column('metadata')])).toEqual({ note: 'a,b' });
			for (const [i, conversation] of expected.entries()) {
				expect(rows[i][column('status')]).toBe(conversation.status);
				expect(rows[i][column('created_at')]).toBe(conversation.created_at);
				expect(Number(rows[i][column('message_count')])).toBe(conversation.message_count);
			}
		});

		it('exports a JSON array filtered by date range and status', async () => {
			const all = sandbox.control.conversations();
			const from = all[2].created_at;
			const to = all[9].created_at;
			const created = await api.post('/exports', {
				resource: 'conversations',
				format: 'json',
				date_from: from,
				date_to: to,
				filters: { status: 'completed' },
			});
			const { job } = await finished(created.body.id);
			const download = await api.get(`/exports/${job.id}/download`);
			expect(download.headers.get('content-type')).toMatch(/^application\/json/);
			expect(download.headers.get('content-disposition')).toBe(
				`attachment; filename="conversations-${job.id}.json"`,
			);
			const expected = (await allConversations('&status=completed')).filter(
				(c) => c.created_at >= from && c.created_at <= to,
			);
			expect(expected.length).toBeGreaterThan(0);
			expect(download.body).toEqual(expected);
			expect(job.record_count).toBe(expected.length);
			expect(job).toMatchObject({ date_from: from, date_to: to, filters: { status: 'completed' } });
		});

		it('treats whole dates as whole UTC days and exports agents and messages', async () => {
			const day = sandbox.control.conversations()[5].created_at.slice(0, 10);
			const messages = await api.post('/exports', {
				resource: 'messages',
				format: 'csv',
				date_from: day,
				date_to: day,
			});
			const { job } = await finished(messages.body.id);
			const expected = sandbox.control.messages().filter((m) => m.created_at.startsWith(day));
			expect(job.record_count).toBe(expected.length);
			const [header, ...rows] = parseCsv((await api.get(`/exports/${job.id}/download`)).text);
			expect(header).toEqual(['id', 'conversation_id', 'role', 'content', 'created_at']);
			expect(rows.map((r) => r[0])).toEqual(expected.map((m) => m.id));
			expect(rows.map((r) => r[3])).toEqual(expected.map((m) => m.content));

			const agents = await api.post('/exports', {
				resource: 'agents',
				format: 'json',
				filters: { channel: 'sms' },
			});
			const agentJob = (await finished(agents.body.id)).job;
			const file = (await api.get(`/exports/${agentJob.id}/download`)).body;
			expect(file).toEqual(sandbox.control.agents().filter((a) => a.channels.includes('sms')));
			for (const agent of file) expect(schemaErrors('Agent', agent)).toEqual([]);
		});

		it('refuses invalid exports with 422 naming the field', async () => {
			const cases: Array<[unknown, string]> = [
				[{ format: 'csv' }, 'resource'],
				[{ resource: 'invoices', format: 'csv' }, 'resource'],
				[{ resource: 'agents', format: 'xlsx' }, 'format'],
				[{ resource: 'agents', format: 'csv', date_from: 'last week' }, 'date_from'],
				[
					{ resource: 'agents', format: 'csv', date_from: '2026-02-01', date_to: '2026-01-01' },
					'date_to',
				],
				[{ resource: 'agents', format: 'csv', filters: { status: 'open' } }, 'filters.status'],
				[{ resource: 'agents', format: 'csv', filters: { colour: 'red' } }, 'filters.colour'],
			];
			for (const [body, field] of cases) {
				const answer = await api.post('/exports', body);
				expect(answer.status, JSON.stringify(body)).toBe(422);
				expect(answer.body.error.field).toBe(field);
			}
			expect((await api.get('/exports/exp_missing')).status).toBe(404);
			expect((await api.get('/exports/exp_missing/download')).status).toBe(404);
		});

		it('can fail (fault) and then answers 409 on download', async () => {
			sandbox.control.configure({ faults: { exportFailureRate: 1 } });
			const created = await api.post('/exports', { resource: 'agents', format: 'csv' });
			const { job } = await finished(created.body.id);
			expect(job).toMatchObject({ status: 'failed', file: null, record_count: null });
			const download = await api.get(`/exports/${job.id}/download`);
			expect(download.status).toBe(409);
			expect(download.body.error.message).toMatch(/failed/);
		});
	});
});

describe('Workflows', () => {
	let sandbox: RunningSandbox;
	let api: Api;

	beforeAll(async () => {
		sandbox = await startSandbox({ runDurationMs: 150 });
		api = new Api(sandbox.baseUrl);
		await api.login();
	});
	afterAll(() => sandbox.close());
	beforeEach(() => sandbox.control.reset());

	describe('workflows and runs', () => {
		it('lists and gets the demo workflows', async () => {
			const list = await api.get('/workflows');
			expect(schemaErrors('WorkflowList', list.body)).toEqual([]);
			expect(list.body.data.map((w: { name: string }) => w.name)).toEqual([
				'Create support ticket',
				'Sync contact to CRM',
				'Send follow-up email',
			]);
			const one = await api.get(`/workflows/${list.body.data[1].id}`);
			expect(schemaErrors('Workflow', one.body)).toEqual([]);
			expect(one.body).toEqual(list.body.data[1]);
			expect((await api.get('/workflows/wf_missing')).status).toBe(404);
		});

		it('runs queued → running → succeeded with the payload echoed in the output', async () => {
			const workflowId = sandbox.control.workflows()[0].id;
			const payload = { email: 'ada@example.com', items: [1, 2], nested: { ok: true } };
			const started = await api.post(`/workflows/${workflowId}/runs`, { payload });
			expect(started.status).toBe(202);
			expect(schemaErrors('WorkflowRun', started.body)).toEqual([]);
			expect(started.body).toMatchObject({
				workflow_id: workflowId,
				status: 'queued',
				payload,
				output: null,
				finished_at: null,
			});

			const statuses = new Set<string>();
			const done = await waitFor(
				async () => (await api.get(`/workflows/${workflowId}/runs/${started.body.id}`)).body,
				(run) => {
					statuses.add(run.status);
					return run.status === 'succeeded';
				},
				3000,
				'the run',
			);
			expect(statuses.has('running')).toBe(true);
			expect(schemaErrors('WorkflowRun', done)).toEqual([]);
			expect(done.output).toEqual({ received: payload });
			expect(done.finished_at).toEqual(expect.any(String));
		});

		it('accepts a run without a body (empty payload) and 404s runs of another workflow', async () => {
			const [first, second] = sandbox.control.workflows();
			const run = await api.call('POST', `/workflows/${first.id}/runs`);
			expect(run.status).toBe(202);
			expect(run.body.payload).toEqual({});
			expect((await api.get(`/workflows/${second.id}/runs/${run.body.id}`)).status).toBe(404);
			expect((await api.get(`/workflows/${first.id}/runs/run_missing`)).status).toBe(404);
			expect((await api.post('/workflows/wf_missing/runs', { payload: {} })).status).toBe(404);
			expect(
				(await api.post(`/workflows/${first.id}/runs`, { payload: {}, extra: 1 })).body.error.field,
			).toBe('extra');
		});

		it('can fail (fault) with an error in the output', async () => {
			sandbox.control.configure({ faults: { runFailureRate: 1 } });
			const workflowId = sandbox.control.workflows()[0].id;
			const run = await api.post(`/workflows/${workflowId}/runs`, { payload: { a: 1 } });
			const done = await waitFor(
				async () => (await api.get(`/workflows/${workflowId}/runs/${run.body.id}`)).body,
				(r) => r.status === 'failed',
				3000,
				'the failed run',
			);
			expect(done.output.error).toEqual(expect.any(String));
		});
	});
});

describe('Reports', () => {
	let sandbox: RunningSandbox;
	let api: Api;
	let agent1: string;
	let agent2: string;

	beforeAll(async () => {
		sandbox = await startSandbox({ empty: true });
		api = new Api(sandbox.baseUrl);
		await api.login();
	});
	afterAll(() => sandbox.close());

	/** Puts a conversation with messages at fixed times straight into the store (the API always uses "now"). */
	function conversation(
		agentId: string,
		createdAt: string,
		status: Conversation['status'],
		messages: Array<[MessageRole, string]>,
	) {
		const { store } = sandbox.control;
		const record: Conversation = {
			id: newId('conversation'),
			agent_id: agentId,
			status,
			channel: 'web',
			subject: null,
			customer: { name: null, email: null, phone: null, external_id: null },
			metadata: {},
			message_count: 0,
			created_at: createdAt,
			updated_at: createdAt,
			completed_at: status === 'completed' ? createdAt : null,
			resolution: null,
			escalated_at: status === 'escalated' ? createdAt : null,
			escalation: status === 'escalated' ? { reason: 'x', team: null, priority: 'normal' } : null,
		};
		store.conversations.set(record.id, record);
		for (const [role, at] of messages) {
			store.addMessage({
				id: newId('message'),
				conversation_id: record.id,
				role,
				content: 'text',
				created_at: at,
			});
		}
	}

	beforeEach(async () => {
		sandbox.control.reset();
		agent1 = (await api.post('/agents', { name: 'Ann' })).body.id;
		agent2 = (await api.post('/agents', { name: 'Bob' })).body.id;
		// 2026-03-02 and 2026-03-09 are Mondays; 2026-03-08 is a Sunday (ISO week of 2026-03-02).
		conversation(agent1, '2026-03-02T10:00:00.000Z', 'completed', [
			['user', '2026-03-02T10:00:00.000Z'],
			['agent', '2026-03-02T10:00:30.000Z'],
		]);
		conversation(agent2, '2026-03-02T15:00:00.000Z', 'escalated', [
			['user', '2026-03-02T15:00:00.000Z'],
			['agent', '2026-03-02T15:01:30.000Z'],
			['user', '2026-03-02T15:02:00.000Z'],
			['agent', '2026-03-02T15:03:00.000Z'],
		]);
		conversation(agent1, '2026-03-08T23:30:00.000Z', 'open', [
			['user', '2026-03-08T23:30:00.000Z'],
		]);
		conversation(agent1, '2026-03-09T08:00:00.000Z', 'completed', [
			['system', '2026-03-09T08:00:00.000Z'],
			['user', '2026-03-09T08:00:05.000Z'],
			['agent', '2026-03-09T08:00:15.000Z'],
		]);
		conversation(agent2, '2026-03-10T23:59:59.999Z', 'open', []);
		conversation(agent1, '2026-02-28T12:00:00.000Z', 'completed', [
			['user', '2026-02-28T12:00:00.000Z'],
		]);
	});

	const report = (query: string) =>
		api.get(`/reports?date_from=2026-03-01&date_to=2026-03-10&${query}`);

	describe('reports', () => {
		it('groups by UTC day', async () => {
			const answer = await report('group_by=day');
			expect(answer.status).toBe(200);
			expect(schemaErrors('Report', answer.body)).toEqual([]);
			expect(answer.body).toMatchObject({
				date_from: '2026-03-01',
				date_to: '2026-03-10',
				group_by: 'day',
			});
			expect(answer.body.metrics).toHaveLength(5);
			expect(answer.body.rows).toEqual([
				{
					group: '2026-03-02',
					conversation_volume: 2,
					resolution_rate: 0.5,
					escalation_rate: 0.5,
					avg_first_response_seconds: 60,
					messages_per_conversation: 3,
				},
				{
					group: '2026-03-08',
					conversation_volume: 1,
					resolution_rate: 0,
					escalation_rate: 0,
					avg_first_response_seconds: null,
					messages_per_conversation: 1,
				},
				{
					group: '2026-03-09',
					conversation_volume: 1,
					resolution_rate: 1,
					escalation_rate: 0,
					avg_first_response_seconds: 10,
					messages_per_conversation: 3,
				},
				{
					group: '2026-03-10',
					conversation_volume: 1,
					resolution_rate: 0,
					escalation_rate: 0,
					avg_first_response_seconds: null,
					messages_per_conversation: 0,
				},
			]);
			expect(answer.body.totals).toEqual({
				conversation_volume: 5,
				resolution_rate: 0.4,
				escalation_rate: 0.2,
				avg_first_response_seconds: 43.3,
				messages_per_conversation: 2,
			});
		});

		it('groups by ISO week (Monday start dates)', async () => {
			const answer = await report('group_by=week');
			expect(answer.body.rows).toEqual([
				{
					group: '2026-03-02',
					conversation_volume: 3,
					resolution_rate: 0.3333,
					escalation_rate: 0.3333,
					avg_first_response_seconds: 60,
					messages_per_conversation: 2.33,
				},
				{
					group: '2026-03-09',
					conversation_volume: 2,
					resolution_rate: 0.5,
					escalation_rate: 0,
					avg_first_response_seconds: 10,
					messages_per_conversation: 1.5,
				},
			]);
		});

		it('groups by agent with the agent name, and returns only the requested metrics', async () => {
			const answer = await report(
				'group_by=agent&metrics=conversation_volume,avg_first_response_seconds',
			);
			expect(answer.body.metrics).toEqual(['conversation_volume', 'avg_first_response_seconds']);
			expect(answer.body.rows).toEqual([
				{
					group: agent1,
					agent_name: 'Ann',
					conversation_volume: 3,
					avg_first_response_seconds: 20,
				},
				{
					group: agent2,
					agent_name: 'Bob',
					conversation_volume: 2,
					avg_first_response_seconds: 90,
				},
			]);
			expect(answer.body.totals).toEqual({
				conversation_volume: 5,
				avg_first_response_seconds: 43.3,
			});
		});

		it('follows the data: a conversation created through the API counts today', async () => {
			const created = (await api.post('/conversations', { agent_id: agent1, message: 'Hello' }))
				.body;
			const today = created.created_at.slice(0, 10);
			const answer = await api.get(
				`/reports?date_from=${today}&date_to=${today}&metrics=conversation_volume,messages_per_conversation`,
			);
			expect(answer.body.rows).toEqual([
				{ group: today, conversation_volume: 1, messages_per_conversation: 2 },
			]);
		});

		it('refuses a missing or reversed date range and unknown metrics or groupings (422)', async () => {
			const cases: Array<[string, string]> = [
				['date_to=2026-03-10', 'date_from'],
				['date_from=2026-03-10', 'date_to'],
				['date_from=2026-03-10&date_to=2026-03-01', 'date_to'],
				[
					'date_from=2026-03-01&date_to=2026-03-10&metrics=conversation_volume,happiness',
					'metrics',
				],
				['date_from=2026-03-01&date_to=2026-03-10&metrics=', 'metrics'],
				['date_from=2026-03-01&date_to=2026-03-10&group_by=month', 'group_by'],
				['date_from=March&date_to=2026-03-10', 'date_from'],
			];
			for (const [query, field] of cases) {
				const answer = await api.get(`/reports?${query}`);
				expect(answer.status, query).toBe(422);
				expect(answer.body.error.field, query).toBe(field);
			}
		});
	});
});
