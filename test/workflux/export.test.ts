import fc from 'fast-check';
import { sleep, type IDataObject, type INodeParameters, type NodeError } from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { fileNameFromContentDisposition } from '../../nodes/Workflux/actions/export/content-disposition';
import {
	CsvParseError,
	parseCsvObjects,
	parseCsvRecords,
} from '../../nodes/Workflux/actions/export/csv';
import { pollUntilFinished } from '../../nodes/Workflux/helpers/polling';
import { toCsv } from '../sandbox/csv';
import { createEnvironment, type TestEnvironment } from '../support/environment';
import { byId, chainWorkflow } from '../support/workflows';

describe('CSV parser (RFC 4180)', () => {
	it('reads plain fields with CRLF line ends and a final CRLF', () => {
		expect(parseCsvRecords('id,name\r\n1,Ann\r\n2,Bo\r\n')).toEqual([
			['id', 'name'],
			['1', 'Ann'],
			['2', 'Bo'],
		]);
	});

	it('reads a file without a line end after the last record', () => {
		expect(parseCsvRecords('a,b\r\n1,2')).toEqual([
			['a', 'b'],
			['1', '2'],
		]);
	});

	it('reads LF-only line ends', () => {
		expect(parseCsvRecords('a,b\n1,2\n')).toEqual([
			['a', 'b'],
			['1', '2'],
		]);
	});

	it('keeps commas inside quoted fields', () => {
		expect(parseCsvRecords('"Smith, Ann",x\r\n')).toEqual([['Smith, Ann', 'x']]);
	});

	it('turns doubled quotes inside a quoted field into one quote', () => {
		expect(parseCsvRecords('"She said ""hi""","""",""""""\r\n')).toEqual([
			['She said "hi"', '"', '""'],
		]);
	});

	it('keeps CRLF, LF and CR line breaks inside quoted fields', () => {
		expect(parseCsvRecords('"line 1\r\nline 2","a\nb","c\rd"\r\nnext,row,here\r\n')).toEqual([
			['line 1\r\nline 2', 'a\nb', 'c\rd'],
			['next', 'row', 'here'],
		]);
	});

	it('reads empty fields, quoted empty fields and a trailing empty field', () => {
		expect(parseCsvRecords(',"",x,\r\n')).toEqual([['', '', 'x', '']]);
	});

	it('reads a quoted field at the very end of the file', () => {
		expect(parseCsvRecords('a,"b,c"')).toEqual([['a', 'b,c']]);
	});

	it('reads a record of one empty quoted field, but skips blank lines', () => {
		expect(parseCsvRecords('h\r\n""\r\n\r\nz\r\n')).toEqual([['h'], [''], ['z']]);
	});

	it('drops a UTF-8 byte order mark', () => {
		expect(parseCsvRecords('\uFEFFid\r\n1\r\n')).toEqual([['id'], ['1']]);
	});

	it('keeps a quote in the middle of an unquoted field as text', () => {
		expect(parseCsvRecords('5" screen,x\r\n')).toEqual([['5" screen', 'x']]);
	});

	it('keeps spaces around fields', () => {
		expect(parseCsvRecords(' a , b \r\n')).toEqual([[' a ', ' b ']]);
	});

	it('reads an empty file as no records', () => {
		expect(parseCsvRecords('')).toEqual([]);
		expect(parseCsvObjects('')).toEqual([]);
		expect(parseCsvObjects('id,name\r\n')).toEqual([]);
	});

	it('refuses an unclosed quote, naming the line it opened on', () => {
		expect(() => parseCsvRecords('a\r\n"never closed,\r\nx')).toThrow(CsvParseError);
		expect(() => parseCsvRecords('a\r\n"never closed,\r\nx')).toThrow(/opened on line 2/);
	});

	it('refuses text right after a closing quote', () => {
		expect(() => parseCsvRecords('"a"b,c\r\n')).toThrow(/after a closing quote on line 1/);
	});

	it('maps rows to objects by the header', () => {
		expect(parseCsvObjects('id,note\r\n1,"a, ""b"""\r\n2,\r\n')).toEqual([
			{ id: '1', note: 'a, "b"' },
			{ id: '2', note: '' },
		]);
	});

	it('refuses a row with a different number of fields than the header', () => {
		expect(() => parseCsvObjects('a,b\r\n1,2,3\r\n')).toThrow(
			'Record 1 has 3 fields but the header row has 2',
		);
	});

	it('reads back whatever the sandbox CSV writer writes (property)', () => {
		// At least two columns: a one-column row holding "" is written as an empty line, which CSV cannot tell
		// apart from no record. A leading BOM in the first header would be read as a byte order mark.
		const field = fc.oneof(
			fc.string({ unit: fc.constantFrom('a', 'Z', ' ', '"', ',', '\r', '\n', 'é'), maxLength: 12 }),
			fc.string({ unit: 'binary', maxLength: 12 }),
		);
		const table = fc
			.integer({ min: 2, max: 5 })
			.chain((columns) =>
				fc.tuple(
					fc.array(field, { minLength: columns, maxLength: columns }),
					fc.array(fc.array(field, { minLength: columns, maxLength: columns }), {
						maxLength: 6,
					}),
				),
			)
			.filter(([header]) => !header[0].startsWith('\uFEFF'));
		fc.assert(
			fc.property(table, ([header, rows]) => {
				expect(parseCsvRecords(toCsv(header, rows))).toEqual([header, ...rows]);
			}),
		);
	});
});

describe('Content-Disposition file name', () => {
	it('reads quoted, plain and RFC 8187 file names', () => {
		expect(fileNameFromContentDisposition('attachment; filename="conversations-exp_1.csv"')).toBe(
			'conversations-exp_1.csv',
		);
		expect(fileNameFromContentDisposition('attachment; filename=agents.json')).toBe('agents.json');
		expect(
			fileNameFromContentDisposition(
				'attachment; filename="fallback.csv"; filename*=UTF-8\'\'r%C3%A9sum%C3%A9.csv',
			),
		).toBe('résumé.csv');
		expect(fileNameFromContentDisposition('attachment; filename="say \\"hi\\".csv"')).toBe(
			'say "hi".csv',
		);
	});

	it('keeps only the last path segment and gives up when there is no name', () => {
		expect(fileNameFromContentDisposition('attachment; filename="../../etc/passwd"')).toBe(
			'passwd',
		);
		expect(fileNameFromContentDisposition('attachment')).toBeUndefined();
		expect(fileNameFromContentDisposition(undefined)).toBeUndefined();
	});
});

describe('Polling until a job finishes', () => {
	function fakeClock() {
		let now = 0;
		const waits: number[] = [];
		return {
			waits,
			now: () => now,
			wait: async (ms: number) => {
				waits.push(ms);
				now += ms;
			},
		};
	}

	it('does not wait for a job that is already finished', async () => {
		const clock = fakeClock();
		const outcome = await pollUntilFinished('done', {
			check: async () => 'never called',
			isFinished: (state) => state === 'done',
			intervalMs: 1000,
			maxWaitMs: 5000,
			...clock,
		});
		expect(outcome).toEqual({ finished: true, state: 'done' });
		expect(clock.waits).toEqual([]);
	});

	it('checks once per interval until the job is finished', async () => {
		const clock = fakeClock();
		const states = ['processing', 'processing', 'completed'];
		const outcome = await pollUntilFinished('pending', {
			check: async () => states.shift() as string,
			isFinished: (state) => state === 'completed',
			intervalMs: 1000,
			maxWaitMs: 60_000,
			...clock,
		});
		expect(outcome).toEqual({ finished: true, state: 'completed' });
		expect(clock.waits).toEqual([1000, 1000, 1000]);
	});

	it('stops at the limit with the last state, shortening the last wait', async () => {
		const clock = fakeClock();
		let checks = 0;
		const outcome = await pollUntilFinished('pending', {
			check: async () => {
				checks++;
				return 'processing';
			},
			isFinished: () => false,
			intervalMs: 2000,
			maxWaitMs: 5000,
			...clock,
		});
		expect(outcome).toEqual({ finished: false, state: 'processing', waitedMs: 5000 });
		expect(clock.waits).toEqual([2000, 2000, 1000]);
		expect(checks).toBe(3);
	});
});

describe('Export resource against the sandbox', () => {
	let env: TestEnvironment;

	beforeAll(async () => {
		env = await createEnvironment();
	});
	afterAll(async () => {
		await env?.close();
	});
	beforeEach(() => {
		env.sandbox.control.reset();
	});

	const exportStep = (name: string, parameters: INodeParameters) => ({
		name,
		parameters: { resource: 'export', ...parameters },
	});
	const waitOptions = { waitForCompletion: true, pollIntervalSeconds: 1, maxWaitSeconds: 20 };

	/** Creates a conversation through the API with text that needs every CSV quoting rule, and non-ASCII text. */
	async function createTrickyConversation(): Promise<string> {
		const agentId = env.sandbox.control.agents()[0].id;
		const response = await fetch(`${env.sandbox.baseUrl}/conversations`, {
			method: 'POST',
			headers: {
				authorization: `Bearer ${env.sandbox.control.issueToken()}`,
				'content-type': 'application/json',
			},
			body: JSON.stringify({
				agent_id: agentId,
				channel: 'email',
				subject: 'Refund, "urgent"\r\nsecond line\nthird',
				customer: { name: 'Ann "Nan" Smith – Zoë 🚀', email: 'ann@example.com' },
				metadata: { note: 'a,b', quote: '"' },
			}),
		});
		expect(response.status).toBe(201);
		return ((await response.json()) as { id: string }).id;
	}

	it('Create starts an export with the chosen records, format, date range and filters', async () => {
		const agentId = env.sandbox.control.agents()[0].id;
		const run = await env.run(
			chainWorkflow([
				exportStep('Export', {
					operation: 'create',
					exportResource: 'messages',
					format: 'json',
					dateFrom: '2026-11-01',
					dateTo: '2026-11-30',
					filters: { agentId: byId(agentId), channel: 'email', status: 'completed' },
				}),
			]),
		);
		expect(run.error).toBeUndefined();
		const [output] = run.json('Export');
		expect(output).toMatchObject({
			resource: 'messages',
			format: 'json',
			status: 'pending',
			date_from: '2026-11-01',
			date_to: '2026-11-30',
		});
		const [stored] = env.sandbox.control.exports();
		expect(stored.id).toBe(output.id);
		expect(stored.filters).toEqual({ agent_id: agentId, channel: 'email', status: 'completed' });
	});

	it('Create reads picker dates in the workflow time zone and sends them as UTC', async () => {
		const workflow = chainWorkflow([
			exportStep('Export', {
				operation: 'create',
				exportResource: 'conversations',
				format: 'csv',
				dateFrom: '2026-07-01T09:00:00',
				dateTo: '2026-07-31T18:30:00',
			}),
		]);
		workflow.settings = { timezone: 'Europe/Berlin' };
		const run = await env.run(workflow);
		expect(run.error).toBeUndefined();
		const [stored] = env.sandbox.control.exports();
		expect(stored.date_from).toBe('2026-07-01T07:00:00.000Z');
		expect(stored.date_to).toBe('2026-07-31T16:30:00.000Z');
	});

	it('Create with Wait for Completion outputs the finished export', async () => {
		const run = await env.run(
			chainWorkflow([
				exportStep('Export', {
					operation: 'create',
					exportResource: 'conversations',
					format: 'csv',
					options: waitOptions,
				}),
			]),
		);
		expect(run.error).toBeUndefined();
		const [output] = run.json('Export');
		expect(output.status).toBe('completed');
		expect(output.record_count).toBe(env.sandbox.control.conversations().length);
		const [stored] = env.sandbox.control.exports();
		expect(stored).toMatchObject({ id: output.id, status: 'completed' });
		// The node polled the export (GET /exports/{id}) until it was completed.
		const polls = env.sandbox.control
			.requests()
			.filter((entry) => entry.method === 'GET' && entry.path === `/v1/exports/${output.id}`);
		expect(polls.length).toBeGreaterThanOrEqual(1);
	});

	it('Create with Wait for Completion stops at Max Wait with an error that says how to pick it up', async () => {
		env.sandbox.control.configure({ exportDurationMs: 60_000 });
		const run = await env.run(
			chainWorkflow([
				exportStep('Export', {
					operation: 'create',
					exportResource: 'agents',
					format: 'json',
					options: { waitForCompletion: true, pollIntervalSeconds: 1, maxWaitSeconds: 1 },
				}),
			]),
		);
		const [stored] = env.sandbox.control.exports();
		expect(run.status).toBe('error');
		expect(run.error?.message).toBe(`The export ${stored.id} is still running after 1 seconds`);
		const description = (run.error as NodeError).description ?? '';
		expect(description).toContain('Export > Get Status or Export > Download');
		expect(description).toContain(`the export ID ${stored.id}`);
		expect(stored.status).not.toBe('completed');
	});

	it('Create with Wait for Completion reports an export that failed in WorkFlux', async () => {
		env.sandbox.control.configure({ faults: { exportFailureRate: 1 } });
		const run = await env.run(
			chainWorkflow([
				exportStep('Export', {
					operation: 'create',
					exportResource: 'agents',
					format: 'csv',
					options: waitOptions,
				}),
			]),
		);
		const [stored] = env.sandbox.control.exports();
		expect(stored.status).toBe('failed');
		expect(run.error?.message).toBe(`The export ${stored.id} failed in WorkFlux`);
	});

	it('Get Status outputs the export as WorkFlux has it', async () => {
		const run = await env.run(
			chainWorkflow([
				exportStep('Export', {
					operation: 'create',
					exportResource: 'agents',
					format: 'csv',
					options: waitOptions,
				}),
				exportStep('Status', { operation: 'getStatus', exportId: '={{ $json.id }}' }),
			]),
		);
		expect(run.error).toBeUndefined();
		const [stored] = env.sandbox.control.exports();
		expect(run.json('Status')).toEqual([JSON.parse(JSON.stringify(stored))]);
	});

	for (const format of ['csv', 'json'] as const) {
		it(`Download gives the ${format.toUpperCase()} file byte for byte, with its name and type`, async () => {
			await createTrickyConversation();
			const run = await env.run(
				chainWorkflow([
					exportStep('Export', {
						operation: 'create',
						exportResource: 'conversations',
						format,
						options: waitOptions,
					}),
					exportStep('Download', {
						operation: 'download',
						exportId: '={{ $json.id }}',
						binaryPropertyName: 'file',
					}),
				]),
			);
			expect(run.error).toBeUndefined();
			const [item] = run.items('Download');
			const exportId = run.json('Export')[0].id as string;
			const binary = item.binary?.file;
			expect(binary).toBeDefined();
			const downloaded = Buffer.from(binary!.data, 'base64');

			const raw = await fetch(`${env.sandbox.origin}/_sandbox/exports/${exportId}/file`);
			expect(raw.status).toBe(200);
			const sandboxBytes = Buffer.from(await raw.arrayBuffer());
			expect(sandboxBytes.length).toBeGreaterThan(0);
			expect(downloaded.equals(sandboxBytes)).toBe(true);
			expect(downloaded.equals(env.sandbox.control.exportFile(exportId)!.bytes)).toBe(true);

			const expectedName = `conversations-${exportId}.${format}`;
			const expectedType = format === 'csv' ? 'text/csv' : 'application/json';
			expect(binary).toMatchObject({ fileName: expectedName, mimeType: expectedType });
			expect(item.json).toEqual({
				id: exportId,
				file_name: expectedName,
				mime_type: expectedType,
				size: sandboxBytes.length,
			});
		});
	}

	it('Download as one item per record reads the CSV into the right fields', async () => {
		const trickyId = await createTrickyConversation();
		const run = await env.run(
			chainWorkflow([
				exportStep('Export', {
					operation: 'create',
					exportResource: 'conversations',
					format: 'csv',
					options: waitOptions,
				}),
				exportStep('Records', {
					operation: 'download',
					exportId: '={{ $json.id }}',
					output: 'records',
				}),
			]),
		);
		expect(run.error).toBeUndefined();
		const conversations = env.sandbox.control.conversations();
		const records = run.json('Records');
		expect(records.map((record) => record.id)).toEqual(conversations.map((c) => c.id));
		for (const [index, conversation] of conversations.entries()) {
			expect(records[index]).toMatchObject({
				agent_id: conversation.agent_id,
				status: conversation.status,
				channel: conversation.channel,
				subject: conversation.subject ?? '',
				customer_email: conversation.customer.email ?? '',
				message_count: String(conversation.message_count),
				created_at: conversation.created_at,
				metadata: JSON.stringify(conversation.metadata),
			});
		}
		const tricky = records.find((record) => record.id === trickyId);
		expect(tricky).toMatchObject({
			subject: 'Refund, "urgent"\r\nsecond line\nthird',
			customer_name: 'Ann "Nan" Smith – Zoë 🚀',
			metadata: '{"note":"a,b","quote":"\\""}',
		});
		// Each record is its own item, paired with the one input item.
		expect(run.items('Records').every((item) => item.pairedItem !== undefined)).toBe(true);
	});

	it('Download as one item per record reads the JSON file into items', async () => {
		await createTrickyConversation();
		const run = await env.run(
			chainWorkflow([
				exportStep('Export', {
					operation: 'create',
					exportResource: 'agents',
					format: 'json',
					options: waitOptions,
				}),
				exportStep('Records', {
					operation: 'download',
					exportId: '={{ $json.id }}',
					output: 'records',
				}),
			]),
		);
		expect(run.error).toBeUndefined();
		const agents = JSON.parse(JSON.stringify(env.sandbox.control.agents())) as IDataObject[];
		expect(run.json('Records')).toEqual(agents);
	});

	it('Download before the export is finished says so in plain words', async () => {
		env.sandbox.control.configure({ exportDurationMs: 60_000 });
		const run = await env.run(
			chainWorkflow([
				exportStep('Export', { operation: 'create', exportResource: 'agents', format: 'csv' }),
				exportStep('Download', { operation: 'download', exportId: '={{ $json.id }}' }),
			]),
		);
		const exportId = run.json('Export')[0].id as string;
		expect(run.status).toBe('error');
		expect(run.error?.message).toBe(
			`The export ${exportId} is not finished yet, so there is no file to download`,
		);
		const description = (run.error as NodeError).description ?? '';
		expect(description).toMatch(/still preparing it \((status: )?(pending|processing)\)/);
		expect(description).toContain('Wait for Completion');
		const downloads = env.sandbox.control
			.requests()
			.filter((entry) => entry.path === `/v1/exports/${exportId}/download`);
		expect(downloads.map((entry) => entry.status)).toEqual([409]);
	});

	it('Download of a failed export says there is no file and what to do', async () => {
		env.sandbox.control.configure({ faults: { exportFailureRate: 1 }, exportDurationMs: 50 });
		const create = await env.run(
			chainWorkflow([
				exportStep('Export', { operation: 'create', exportResource: 'agents', format: 'csv' }),
			]),
		);
		const exportId = create.json('Export')[0].id as string;
		await sleep(300);
		expect(env.sandbox.control.exports()[0].status).toBe('failed');
		const run = await env.run(
			chainWorkflow([exportStep('Download', { operation: 'download', exportId })]),
		);
		expect(run.error?.message).toBe(
			`The export ${exportId} failed, so there is no file to download`,
		);
		expect((run.error as NodeError).description).toContain('Create a new export');
	});
});
