import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { csvHeader } from './export-files';
import { startSandbox, type RunningSandbox } from './server';
import { Api, parseCsv, schemaErrors, waitFor } from './test-helpers';

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
		const page = await api.get(`/conversations?limit=100${query}${cursor ? `&cursor=${cursor}` : ''}`);
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

		const created = await api.post('/exports', { resource: 'conversations', format: 'csv', filters: { agent_id: agentId } });
		expect(created.status).toBe(202);
		expect(schemaErrors('Export', created.body)).toEqual([]);
		expect(created.body).toMatchObject({ status: 'pending', record_count: null, file: null, completed_at: null });
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
		expect(download.headers.get('content-disposition')).toBe(`attachment; filename="conversations-${job.id}.csv"`);
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
		expect(download.headers.get('content-disposition')).toBe(`attachment; filename="conversations-${job.id}.json"`);
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
		const messages = await api.post('/exports', { resource: 'messages', format: 'csv', date_from: day, date_to: day });
		const { job } = await finished(messages.body.id);
		const expected = sandbox.control.messages().filter((m) => m.created_at.startsWith(day));
		expect(job.record_count).toBe(expected.length);
		const [header, ...rows] = parseCsv((await api.get(`/exports/${job.id}/download`)).text);
		expect(header).toEqual(['id', 'conversation_id', 'role', 'content', 'created_at']);
		expect(rows.map((r) => r[0])).toEqual(expected.map((m) => m.id));
		expect(rows.map((r) => r[3])).toEqual(expected.map((m) => m.content));

		const agents = await api.post('/exports', { resource: 'agents', format: 'json', filters: { channel: 'sms' } });
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
			[{ resource: 'agents', format: 'csv', date_from: '2026-02-01', date_to: '2026-01-01' }, 'date_to'],
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
