/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code: reads the example files, runs a receiver */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Conversation } from '../sandbox/types';
import { nodeOutput, type WorkflowDefinition } from './support/n8n-client';
import { openSession, type E2eSession } from './support/session';

/**
 * The files in examples/, imported into the real n8n as a user imports them (Workflows > Import from File),
 * with the WorkFlux credential picked, then run: by hand where they start by hand or on a schedule, published
 * where they start from the WorkFlux Trigger.
 */

const EXAMPLES_DIR = path.resolve(__dirname, '..', '..', 'examples');
const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

let session: E2eSession;

/** An example file with the user's WorkFlux credential chosen in every node that needs one. */
function importExample(file: string): WorkflowDefinition {
	const workflow = JSON.parse(
		readFileSync(path.join(EXAMPLES_DIR, file), 'utf-8'),
	) as WorkflowDefinition;
	for (const node of workflow.nodes) {
		if (node.credentials?.workfluxOAuth2Api) {
			node.credentials = { workfluxOAuth2Api: session.ctx.credential };
		}
	}
	return { ...workflow, name: `E2E example: ${workflow.name}` };
}

/** Open and recent conversations in the sandbox, as the API lists them. */
async function conversations(): Promise<Conversation[]> {
	return (await session.sandbox.api<{ data: Conversation[] }>('GET', '/conversations?limit=100'))
		.data;
}

/** The exact bytes of a finished export, from the sandbox's inspection surface. */
async function exportFile(id: string): Promise<Buffer> {
	const response = await fetch(`${session.ctx.sandboxOrigin}/_sandbox/exports/${id}/file`);
	return Buffer.from(await response.arrayBuffer());
}

async function runByHand(workflow: WorkflowDefinition, trigger: string) {
	const saved = await session.n8n.createWorkflow(workflow);
	const executionId = await session.n8n.runManually(saved.id, trigger);
	return await session.n8n.waitForExecution(executionId, 90_000);
}

describe('examples/ in the real n8n', () => {
	beforeAll(async () => {
		session = await openSession();
		await session.sandbox.reset();
	});

	it('CRM lead → Mapper → conversation: clean leads start conversations, the broken one is set aside', async () => {
		const execution = await runByHand(
			importExample('crm-lead-to-conversation.json'),
			'New CRM lead',
		);
		expect(execution.status).toBe('success');
		const started = nodeOutput(execution, 'Start WorkFlux conversation').map((item) => item.json);
		expect(started.map((c) => (c.customer as { email: string }).email)).toEqual([
			'ada.lovelace+crm@example.com',
			'grace@navy.example',
		]);
		expect(nodeOutput(execution, 'Leads to fix')).toHaveLength(1);
		const stored = await conversations();
		for (const conversation of started) {
			const found = stored.find((c) => c.id === conversation.id);
			expect(found).toMatchObject({ agent_id: 'agt_sales_concierge' });
		}
	});

	describe('escalation → notify the team', () => {
		let receiver: Server;
		const received: Array<Record<string, unknown>> = [];
		let workflowId: string;

		beforeAll(async () => {
			receiver = createServer((req, res) => {
				const chunks: Buffer[] = [];
				req.on('data', (chunk: Buffer) => chunks.push(chunk));
				req.on('end', () => {
					received.push(JSON.parse(Buffer.concat(chunks).toString('utf-8')));
					res.end('ok');
				});
			});
			await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
		});

		afterAll(async () => {
			if (workflowId) await session.n8n.unpublish(workflowId).catch(() => undefined);
			await new Promise((resolve) => receiver.close(resolve));
		});

		it('posts one message to the team chat per escalation, and cleans up when unpublished', async () => {
			const workflow = importExample('escalation-notify-team.json');
			const notify = workflow.nodes.find((node) => node.name === 'Notify the team')!;
			// The user's team chat incoming-webhook URL; here a receiver on this machine.
			notify.parameters.url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/team`;
			const saved = await session.n8n.createWorkflow(workflow);
			workflowId = saved.id;
			await session.n8n.publish(workflowId);
			const url = `${session.ctx.n8nUrl}/webhook/${saved.nodes[0].webhookId}/webhook`;
			const ours = async () => (await session.sandbox.webhooks()).filter((w) => w.url === url);
			expect((await ours()).map((w) => w.events)).toEqual([['conversation.escalated']]);

			const conversation = (await conversations()).find((c) => c.status === 'open')!;
			await session.sandbox.emitEvent('conversation.escalated', {
				...conversation,
				status: 'escalated',
				escalation: { reason: 'Refund above the limit', team: 'billing', priority: 'urgent' },
			});
			await session.sandbox.emitEvent('conversation.completed', conversation);
			const deadline = Date.now() + 30_000;
			while (received.length < 1 && Date.now() < deadline) await sleep(200);
			await sleep(1_500);
			expect(received).toEqual([
				{
					channel: '#billing-escalations',
					text: expect.stringMatching(
						new RegExp(
							`^\\[URGENT\\] Conversation ${conversation.id} needs a person: .*Refund above the limit$`,
						),
					),
				},
			]);

			await session.n8n.unpublish(workflowId);
			expect(await ours()).toEqual([]);
		});
	});

	it('nightly export: the run by hand waits for the export and downloads the CSV byte for byte', async () => {
		const execution = await runByHand(
			importExample('nightly-export-csv.json'),
			'Every night at 02:00',
		);
		expect(execution.status).toBe('success');
		const job = nodeOutput(execution, "Export yesterday's conversations")[0].json;
		expect(job).toMatchObject({ status: 'completed', resource: 'conversations', format: 'csv' });
		const [download] = nodeOutput(execution, 'Download the CSV');
		const binary = (
			download.binary as Record<string, { id?: string; data?: string; fileName?: string }>
		).data;
		expect(binary.fileName).toBe(`conversations-${job.id}.csv`);
		const bytes = binary.id
			? await session.n8n.binaryData(binary.id)
			: Buffer.from(binary.data ?? '', 'base64');
		expect(bytes.equals(await exportFile(String(job.id)))).toBe(true);
	});

	it('AI Agent: imports with the WorkFlux node and the Mapper attached as tools', async () => {
		const saved = await session.n8n.createWorkflow(
			importExample('ai-agent-with-workflux-tools.json'),
		);
		const stored = await session.n8n.getWorkflow(saved.id);
		const toolNames = Object.entries(stored.connections)
			.filter(([, outputs]) => (outputs as Record<string, unknown>).ai_tool)
			.map(([name]) => name)
			.sort();
		expect(toolNames).toEqual([
			'Clean up contact details',
			'Escalate a WorkFlux conversation',
			'Find WorkFlux conversations',
			'Write to the customer',
		]);
		// n8n made tool versions of both nodes when it loaded the package, so the editor can attach them.
		const known = new Set((await session.n8n.nodeTypes()).map((type) => type.name));
		for (const node of stored.nodes.filter((n) => toolNames.includes(n.name))) {
			expect(known.has(node.type), node.type).toBe(true);
		}
	});
});
