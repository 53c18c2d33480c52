import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { packageNodeTypes } from '../harness/node-types';
import {
	aiAgentToolNodes,
	runCrmLeadExample,
	runEscalationMapping,
	runNightlyExportExample,
} from '../demo/examples';
import { createEnvironment, type TestEnvironment } from '../support/environment';

let env: TestEnvironment;
beforeAll(async () => (env = await createEnvironment({ exportDurationMs: 200 })));
afterAll(async () => await env.close());

describe('examples/ through n8n-core against the sandbox', () => {
	it('CRM lead: clean leads start conversations, the broken one goes to "Leads to fix"', async () => {
		const before = env.sandbox.control.conversations().length;
		const { run, started, invalid } = await runCrmLeadExample(env);
		expect(run.status).toBe('success');
		expect(started).toHaveLength(2);
		expect(started[0]).toMatchObject({
			agent_id: 'agt_sales_concierge',
			channel: 'web',
			subject: 'Analytical engine pricing',
			customer: {
				name: 'Ada Lovelace',
				email: 'ada.lovelace+crm@example.com',
				phone: '+49301234567',
			},
		});
		expect(started[1]).toMatchObject({
			channel: 'voice',
			customer: { name: 'Grace Hopper', phone: '+12025550143' },
		});
		expect(invalid).toHaveLength(1);
		expect(invalid[0].pairedItem).toEqual({ item: 2 });
		// Really created in WorkFlux, and the first message was answered by the agent.
		const conversations = env.sandbox.control.conversations();
		expect(conversations).toHaveLength(before + 2);
		const ada = conversations.find((c) => c.id === started[0].id)!;
		const transcript = env.sandbox.control.messages(ada.id);
		expect(transcript[0].content).toBe('Hello, could you send me the pricing for teams of 20?');
		expect(transcript[1].role).toBe('agent');
	});

	it('escalation: a real escalated event becomes the team notification', async () => {
		const conversation = env.sandbox.control.conversations().find((c) => c.status === 'open')!;
		const event = env.sandbox.control.emitEvent('conversation.escalated', {
			...conversation,
			status: 'escalated',
			escalation: { reason: 'Asks for a refund over the limit', team: 'Billing', priority: 'high' },
		});
		const { run, notification } = await runEscalationMapping(env, { ...event } as never);
		expect(run.status).toBe('success');
		expect(notification).toEqual({
			conversation_id: conversation.id,
			priority: 'HIGH',
			summary: [
				conversation.customer.name,
				conversation.subject,
				'Asks for a refund over the limit',
			]
				.filter(Boolean)
				.join(' · '),
			channel: '#billing-escalations',
		});
	});

	it('nightly export: waits for the job and downloads the exact CSV file', async () => {
		const { run, exportJob, binary, bytes } = await runNightlyExportExample(env);
		expect(run.status).toBe('success');
		expect(exportJob).toMatchObject({
			status: 'completed',
			resource: 'conversations',
			format: 'csv',
		});
		expect(binary?.mimeType).toMatch(/text\/csv/);
		expect(binary?.fileName).toMatch(/^conversations-exp_.*\.csv$/);
		const file = env.sandbox.control.exportFile(String(exportJob.id))!;
		expect(bytes?.equals(file.bytes)).toBe(true);
	});

	it("AI agent: its tools are this package's nodes, usable as tools", () => {
		const { tools } = aiAgentToolNodes();
		const types = packageNodeTypes();
		expect(tools.map((tool) => tool.type).sort()).toEqual([
			'n8n-nodes-workflux.workfluxMapperTool',
			'n8n-nodes-workflux.workfluxTool',
			'n8n-nodes-workflux.workfluxTool',
			'n8n-nodes-workflux.workfluxTool',
		]);
		for (const tool of tools) {
			const base = types[tool.type.replace(/Tool$/, '')];
			expect(base?.description).toMatchObject({ usableAsTool: true });
		}
	});
});
