/* eslint-disable @n8n/community-nodes/no-restricted-imports */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import type { Conversation, EventEnvelope, WorkflowRun } from '../sandbox/types';
import { nodeOutput } from './support/n8n-client';
import { runWorkflowManually } from './support/manual-run';
import { openSession, type E2eSession } from './support/session';
import { byId, chainWorkflow, type Step } from './support/workflows';

/**
 * Every resource of the WorkFlux node, run by the real n8n from saved workflows ("Execute workflow"), with
 * the results checked on the sandbox: what n8n's output says and what WorkFlux stored must agree.
 */

let session: E2eSession;

const step = (
	name: string,
	resource: string,
	parameters: Record<string, unknown>,
	settings = {},
): Step => ({
	name,
	parameters: { resource, ...parameters },
	settings,
});
const once = { executeOnce: true };
const wait = { waitForCompletion: true, pollIntervalSeconds: 1, maxWaitSeconds: 30 };

function json(execution: Parameters<typeof nodeOutput>[0], node: string) {
	return nodeOutput(execution, node).map((item) => item.json);
}

async function requestsTo(prefix: string): Promise<string[]> {
	return (await session.sandbox.requests())
		.filter((r) => r.path.startsWith(prefix))
		.map((r) => `${r.method} ${r.path} ${r.status}`);
}

describe('WorkFlux node in n8n, every resource against the sandbox', () => {
	beforeAll(async () => {
		session = await openSession();
	});
	beforeEach(async () => {
		await session.sandbox.reset({ empty: true });
		await session.sandbox.clearRequests();
	});

	it('Agent: create, get, update, get many, delete', async () => {
		const execution = await runWorkflowManually(
			session.n8n,
			chainWorkflow(session.ctx.credential, {
				name: 'E2E agent',
				steps: [
					step('Create', 'agent', {
						operation: 'create',
						name: 'E2E Billing Bot',
						additionalFields: {
							description: 'Answers billing questions',
							channels: ['email', 'web'],
						},
					}),
					step('Get', 'agent', { operation: 'get', agentId: byId('={{ $json.id }}') }),
					step('Update', 'agent', {
						operation: 'update',
						agentId: byId('={{ $json.id }}'),
						updateFields: { name: 'E2E Billing Bot 2', status: 'inactive' },
					}),
					step('List', 'agent', { operation: 'getAll', returnAll: true }, once),
					step(
						'Delete',
						'agent',
						{ operation: 'delete', agentId: byId("={{ $('Create').first().json.id }}") },
						once,
					),
				],
			}),
		);
		const [created] = json(execution, 'Create');
		expect(created).toMatchObject({ name: 'E2E Billing Bot', channels: ['email', 'web'] });
		expect(json(execution, 'Get')[0]).toEqual(created);
		expect(json(execution, 'Update')[0]).toMatchObject({
			id: created.id,
			name: 'E2E Billing Bot 2',
			status: 'inactive',
		});
		expect(json(execution, 'List').map((agent) => agent.id)).toEqual([created.id]);
		expect(json(execution, 'Delete')).toEqual([{ id: created.id, deleted: true }]);
		expect(await requestsTo('/v1/agents')).toEqual([
			'POST /v1/agents 201',
			`GET /v1/agents/${created.id} 200`,
			`PATCH /v1/agents/${created.id} 200`,
			'GET /v1/agents 200',
			`DELETE /v1/agents/${created.id} 204`,
		]);
		await expect(session.sandbox.agent(String(created.id))).rejects.toThrow(/404/);
	});

	it('Conversation: start, send a message, read messages, get, update, escalate, complete, list, delete', async () => {
		const { agents } = await session.sandbox.seed({ agents: 1 });
		const steps: Step[] = [
			step('Start Conversation', 'conversation', {
				operation: 'create',
				agentId: byId(agents[0]),
				channel: 'email',
				additionalFields: {
					subject: 'Order 1042 has not arrived',
					customerName: 'Jane Doe',
					customerEmail: 'jane@example.com',
				},
			}),
			step('Send Message', 'conversation', {
				operation: 'sendMessage',
				conversationId: byId('={{ $json.id }}'),
				text: 'Where is my parcel?',
			}),
			step('Messages', 'conversation', {
				operation: 'getMessages',
				conversationId: byId('={{ $json.message.conversation_id }}'),
				returnAll: true,
			}),
			step(
				'Get',
				'conversation',
				{
					operation: 'get',
					conversationId: byId("={{ $('Start Conversation').first().json.id }}"),
				},
				once,
			),
			step('Update', 'conversation', {
				operation: 'update',
				conversationId: byId('={{ $json.id }}'),
				updateFields: { subject: 'Order 1042: parcel lost' },
			}),
			step('Escalate', 'conversation', {
				operation: 'escalate',
				conversationId: byId('={{ $json.id }}'),
				reason: 'Parcel lost, refund needed',
				team: 'Billing',
				priority: 'high',
			}),
			step('Complete', 'conversation', {
				operation: 'complete',
				conversationId: byId('={{ $json.id }}'),
				resolution: 'Refund issued',
			}),
			step('List', 'conversation', { operation: 'getAll', returnAll: true, simple: false }, once),
		];
		const execution = await runWorkflowManually(
			session.n8n,
			chainWorkflow(session.ctx.credential, { name: 'E2E conversation', steps }),
		);
		const [started] = json(execution, 'Start Conversation');
		const id = String(started.id);
		expect(started).toMatchObject({ agent_id: agents[0], channel: 'email', status: 'open' });
		const [sent] = json(execution, 'Send Message');
		expect(sent).toMatchObject({
			message: { conversation_id: id, role: 'user', content: 'Where is my parcel?' },
		});
		expect(json(execution, 'Messages').map((m) => m.role)).toEqual(['user', 'agent']);
		expect(json(execution, 'Get')[0]).toMatchObject({ id, message_count: 2 });
		expect(json(execution, 'Update')[0]).toMatchObject({ id, subject: 'Order 1042: parcel lost' });
		expect(json(execution, 'Escalate')[0]).toMatchObject({
			id,
			status: 'escalated',
			escalation: { reason: 'Parcel lost, refund needed', team: 'Billing', priority: 'high' },
		});

		const stored: Conversation = await session.sandbox.conversation(id);
		expect(stored).toMatchObject({
			status: 'completed',
			resolution: 'Refund issued',
			subject: 'Order 1042: parcel lost',
			customer: { name: 'Jane Doe', email: 'jane@example.com' },
		});
		expect(json(execution, 'Complete')[0]).toEqual(JSON.parse(JSON.stringify(stored)));
		expect(json(execution, 'List').map((c) => c.id)).toEqual([id]);
		expect((await session.sandbox.messages(id)).map((m) => m.content)[0]).toBe(
			'Where is my parcel?',
		);

		const removal = await runWorkflowManually(
			session.n8n,
			chainWorkflow(session.ctx.credential, {
				name: 'E2E conversation delete',
				steps: [step('Delete', 'conversation', { operation: 'delete', conversationId: byId(id) })],
			}),
		);
		expect(json(removal, 'Delete')).toEqual([{ id, deleted: true }]);
		await expect(session.sandbox.conversation(id)).rejects.toThrow(/404/);
	});

	it('Export: create and wait, get status, download the file byte for byte', async () => {
		await session.sandbox.seed({ agents: 2, conversations: 12 });
		const execution = await runWorkflowManually(
			session.n8n,
			chainWorkflow(session.ctx.credential, {
				name: 'E2E export',
				steps: [
					step('Export', 'export', {
						operation: 'create',
						exportResource: 'conversations',
						format: 'csv',
						options: wait,
					}),
					step('Status', 'export', { operation: 'getStatus', exportId: '={{ $json.id }}' }),
					step('Download', 'export', {
						operation: 'download',
						exportId: '={{ $json.id }}',
						binaryPropertyName: 'file',
					}),
				],
			}),
		);
		const [job] = json(execution, 'Export');
		expect(job).toMatchObject({ status: 'completed', format: 'csv', record_count: 12 });
		expect(json(execution, 'Status')[0]).toMatchObject({ id: job.id, status: 'completed' });

		const [download] = nodeOutput(execution, 'Download');
		const file = download.binary?.file;
		expect(file).toMatchObject({ fileName: `conversations-${job.id}.csv`, mimeType: 'text/csv' });
		const bytes = file?.id
			? await session.n8n.binaryData(file.id)
			: Buffer.from(file?.data ?? '', 'base64');
		const raw = await fetch(`${session.ctx.sandboxOrigin}/_sandbox/exports/${job.id}/file`);
		const expected = Buffer.from(await raw.arrayBuffer());
		expect(expected.length).toBeGreaterThan(0);
		expect(bytes.equals(expected)).toBe(true);
	});

	it('Report: the rows and totals WorkFlux computes for the same range', async () => {
		await session.sandbox.seed({ agents: 2, conversations: 30, messages_per_conversation: 2 });
		const to = new Date().toISOString().slice(0, 10);
		const from = new Date(Date.now() - 5 * 365 * 86_400_000).toISOString().slice(0, 10);
		const execution = await runWorkflowManually(
			session.n8n,
			chainWorkflow(session.ctx.credential, {
				name: 'E2E report',
				steps: [
					step('Report', 'report', {
						operation: 'get',
						metrics: ['conversation_volume', 'resolution_rate'],
						dateFrom: from,
						dateTo: to,
						groupBy: 'agent',
						output: 'summary',
					}),
				],
			}),
		);
		const [report] = json(execution, 'Report');
		const direct = await session.sandbox.api<{
			totals: Record<string, number>;
			rows: Array<Record<string, unknown>>;
		}>(
			'GET',
			`/reports?metrics=conversation_volume,resolution_rate&date_from=${from}&date_to=${to}&group_by=agent`,
		);
		expect(direct.totals.conversation_volume).toBe(30);
		expect(report.totals).toEqual(direct.totals);
		// The node adds each agent's name to its row; the figures are WorkFlux's.
		const figures = (rows: unknown) =>
			(rows as Array<Record<string, unknown>>).map(
				({ group, conversation_volume, resolution_rate }) => ({
					group,
					conversation_volume,
					resolution_rate,
				}),
			);
		expect(figures(report.rows)).toEqual(figures(direct.rows));
	});

	describe('Webhook', () => {
		let receiver: Server;
		const received: Array<{ headers: IncomingHttpHeaders; body: string }> = [];
		let receiverUrl: string;

		beforeAll(async () => {
			receiver = createServer((request, response) => {
				const chunks: Buffer[] = [];
				request.on('data', (chunk: Buffer) => chunks.push(chunk));
				request.on('end', () => {
					received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
					response.writeHead(204).end();
				});
			});
			await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
			receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/workflux`;
		});
		afterAll(async () => {
			await new Promise((resolve) => receiver?.close(resolve));
		});

		it('create, get, update, send a test event (delivered and signed), get many, delete', async () => {
			const execution = await runWorkflowManually(
				session.n8n,
				chainWorkflow(session.ctx.credential, {
					name: 'E2E webhook',
					steps: [
						step('Create', 'webhook', {
							operation: 'create',
							url: receiverUrl,
							events: ['conversation.completed', 'conversation.started'],
						}),
						step('Get', 'webhook', { operation: 'get', webhookId: '={{ $json.id }}' }),
						step('Update', 'webhook', {
							operation: 'update',
							webhookId: '={{ $json.id }}',
							updateFields: { description: 'CRM sync' },
						}),
						step('Test', 'webhook', {
							operation: 'sendTestEvent',
							webhookId: '={{ $json.id }}',
							eventType: 'conversation.completed',
						}),
						step('List', 'webhook', { operation: 'getAll', returnAll: true }, once),
						step(
							'Delete',
							'webhook',
							{ operation: 'delete', webhookId: "={{ $('Create').first().json.id }}" },
							once,
						),
					],
				}),
			);
			const [created] = json(execution, 'Create');
			expect(created).toMatchObject({ url: receiverUrl, status: 'active' });
			expect(String(created.secret)).toMatch(/^whsec_/);
			expect(json(execution, 'Get')[0]).toMatchObject({ id: created.id });
			expect(json(execution, 'Get')[0].secret).toBeUndefined();
			expect(json(execution, 'Update')[0]).toMatchObject({
				id: created.id,
				description: 'CRM sync',
			});
			const event = json(execution, 'Test')[0].event as EventEnvelope;
			expect(event.type).toBe('conversation.completed');
			expect(json(execution, 'List').map((w) => w.id)).toEqual([created.id]);
			expect(json(execution, 'Delete')).toEqual([{ id: created.id, deleted: true }]);
			expect(await session.sandbox.webhooks()).toEqual([]);

			expect(await session.sandbox.waitForDeliveries()).toBe(true);
			const delivery = received.find((r) => r.headers['webhook-id'] === event.id);
			expect(delivery).toBeDefined();
			const verified = new Webhook(String(created.secret)).verify(delivery!.body, {
				'webhook-id': String(delivery!.headers['webhook-id']),
				'webhook-timestamp': String(delivery!.headers['webhook-timestamp']),
				'webhook-signature': String(delivery!.headers['webhook-signature']),
			});
			expect(verified).toMatchObject({ id: event.id, type: 'conversation.completed' });
		});
	});

	it('Workflow: get many, trigger a run and wait for it, get the run', async () => {
		const { workflows } = await session.sandbox.seed({ workflows: 2 });
		const payload = { orderId: 'A-1001', items: [1, 2, 3] };
		const execution = await runWorkflowManually(
			session.n8n,
			chainWorkflow(session.ctx.credential, {
				name: 'E2E workflow runs',
				steps: [
					step('List', 'workflow', { operation: 'getAll', returnAll: true }),
					step(
						'Trigger',
						'workflow',
						{
							operation: 'triggerRun',
							workflowId: byId(workflows[1]),
							payloadMode: 'json',
							payloadJson: JSON.stringify(payload),
							options: wait,
						},
						once,
					),
					step('Get Run', 'workflow', {
						operation: 'getRun',
						workflowId: byId(workflows[1]),
						runId: '={{ $json.id }}',
					}),
				],
			}),
		);
		expect(json(execution, 'List').map((w) => w.id)).toEqual(workflows);
		const [triggered] = json(execution, 'Trigger');
		expect(triggered).toMatchObject({ workflow_id: workflows[1], status: 'succeeded', payload });
		const stored = await session.sandbox.api<WorkflowRun>(
			'GET',
			`/workflows/${workflows[1]}/runs/${String(triggered.id)}`,
		);
		expect(stored.output).toEqual({ received: payload });
		expect(json(execution, 'Get Run')).toEqual([JSON.parse(JSON.stringify(stored))]);
	});
});
