import { randomUUID } from 'node:crypto';

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { compileMapping } from '../../nodes/WorkfluxMapper/engine';
import type { Conversation } from '../sandbox/types';
import type { WorkflowDefinition } from './support/n8n-client';
import { openSession, type E2eSession } from './support/session';
import { byId, PACKAGE } from './support/workflows';

/**
 * n8n's MCP Server Trigger in a published workflow, with WorkFlux operations as its tools, and the official
 * MCP client (@modelcontextprotocol/sdk, the version n8n 2.41 pins) over Streamable HTTP: the client lists
 * the tools with their input schemas and calls them; the answers match the sandbox.
 */

const TOOL_TYPE = `${PACKAGE}.workfluxTool`;
const MAPPER_TOOL_TYPE = `${PACKAGE}.workfluxMapperTool`;
const CONTACT_RULES = {
	mappings: [
		{ source: 'email', target: 'email', transformation: ['trim', 'lowercase'] },
		{ source: 'phone', target: 'phone', transformation: 'format_phone', default_country: 'DE' },
	],
};
const MISSING_CONVERSATION = 'conv_mcp_does_not_exist';

let session: E2eSession;
let workflowId: string | undefined;
let client: Client;

function mcpWorkflow(path: string): WorkflowDefinition {
	const credentials = { workfluxOAuth2Api: session.ctx.credential };
	const tool = (name: string, x: number, parameters: Record<string, unknown>) => ({
		id: randomUUID(),
		name,
		type: TOOL_TYPE,
		typeVersion: 1,
		position: [x, 240] as [number, number],
		parameters,
		credentials,
	});
	const toTrigger = { ai_tool: [[{ node: 'WorkFlux MCP server', type: 'ai_tool', index: 0 }]] };
	return {
		name: `E2E MCP server ${path}`,
		nodes: [
			{
				id: randomUUID(),
				name: 'WorkFlux MCP server',
				type: '@n8n/n8n-nodes-langchain.mcpTrigger',
				typeVersion: 2,
				position: [0, 0],
				webhookId: randomUUID(),
				parameters: { path },
			},
			// The description n8n writes itself (descriptionType "auto"): "Get many conversations in WorkFlux".
			tool('List WorkFlux conversations', 0, {
				resource: 'conversation',
				operation: 'getAll',
				limit: 50,
				filters: {
					status:
						"={{ $fromAI('status', 'Which conversations to list: open, completed or escalated', 'string') }}",
				},
			}),
			tool('Get a WorkFlux conversation', 240, {
				descriptionType: 'manual',
				toolDescription:
					'Gets one WorkFlux conversation by its ID (conv_…): status, channel, customer, escalation and message count.',
				resource: 'conversation',
				operation: 'get',
				conversationId: byId(
					"={{ $fromAI('conversation_id', 'The ID of the WorkFlux conversation, starting with conv_', 'string') }}",
				),
			}),
			// The Mapper with its tool settings left as they come: the model sends the record as JSON text.
			{
				id: randomUUID(),
				name: 'Clean a contact record',
				type: MAPPER_TOOL_TYPE,
				typeVersion: 1,
				position: [480, 240],
				parameters: {
					mode: 'json',
					jsonConfig: JSON.stringify(CONTACT_RULES),
					onFailure: 'skipField',
				},
			},
		],
		connections: {
			'List WorkFlux conversations': toTrigger,
			'Get a WorkFlux conversation': toTrigger,
			'Clean a contact record': toTrigger,
		},
	};
}

/** The text of a tool result (n8n answers with one text part). */
function textOf(result: Awaited<ReturnType<Client['callTool']>>): string {
	const content = result.content as Array<{ type: string; text?: string }>;
	expect(content.map((part) => part.type)).toEqual(['text']);
	return content[0].text ?? '';
}

describe('MCP Server Trigger with WorkFlux tools (real n8n, official MCP client)', () => {
	beforeAll(async () => {
		session = await openSession();
		await session.sandbox.reset();
		const path = `workflux-${randomUUID()}`;
		const saved = await session.n8n.createWorkflow(mcpWorkflow(path));
		workflowId = saved.id;
		await session.n8n.publish(saved.id);
		client = new Client({ name: 'workflux-e2e', version: '1.0.0' });
		await client.connect(
			new StreamableHTTPClientTransport(new URL(`${session.ctx.n8nUrl}/mcp/${path}`)),
		);
	});

	afterAll(async () => {
		await client?.close().catch(() => undefined);
		if (workflowId) await session.n8n.unpublish(workflowId).catch(() => undefined);
	});

	it('lists the WorkFlux tools with descriptions and typed, described input schemas', async () => {
		const { tools } = await client.listTools();
		expect(tools.map((tool) => tool.name).sort()).toEqual([
			'Clean_a_contact_record',
			'Get_a_WorkFlux_conversation',
			'List_WorkFlux_conversations',
		]);
		const byName = Object.fromEntries(tools.map((tool) => [tool.name, tool]));
		expect(byName.List_WorkFlux_conversations.description).toBe(
			'Get many conversations in WorkFlux',
		);
		expect(byName.Get_a_WorkFlux_conversation.description).toMatch(
			/^Gets one WorkFlux conversation/,
		);
		expect(byName.List_WorkFlux_conversations.inputSchema).toMatchObject({
			type: 'object',
			properties: {
				status: {
					type: 'string',
					description: 'Which conversations to list: open, completed or escalated',
				},
			},
			required: ['status'],
		});
		expect(byName.Get_a_WorkFlux_conversation.inputSchema).toMatchObject({
			type: 'object',
			properties: { conversation_id: { type: 'string' } },
			required: ['conversation_id'],
		});
	});

	it('the Mapper as it comes: the record as typed JSON text, mapped by the rules; anything else is refused in words', async () => {
		const { tools } = await client.listTools();
		const mapper = tools.find((tool) => tool.name === 'Clean_a_contact_record')!;
		// Left at its defaults, the tool is described by the node's own description.
		expect(mapper.description).toMatch(
			/^Clean up and check fields for WorkFlux with its mapping rules/,
		);
		expect(mapper.inputSchema).toMatchObject({
			properties: {
				record: { type: 'string', description: expect.stringMatching(/^The record to map/) },
			},
			required: ['record'],
		});
		const contact = { email: ' Grace@Navy.Example ', phone: '030 1234567' };
		const mapped = await client.callTool({
			name: 'Clean_a_contact_record',
			arguments: { record: JSON.stringify(contact) },
		});
		expect(mapped.isError).toBeFalsy();
		const expected = compileMapping(CONTACT_RULES, { defaultTimezone: 'UTC' }).map(contact).json;
		expect(expected).toEqual({ email: 'grace@navy.example', phone: '+49301234567' });
		expect(JSON.parse(textOf(mapped))).toEqual([expected]);

		const refused = await client.callTool({
			name: 'Clean_a_contact_record',
			arguments: { record: 'grace@navy.example' },
		});
		expect(refused.isError).toBe(true);
		expect(textOf(refused)).toContain(
			'The record to map must be a JSON object with the fields the rules read, for example {"email": "ada@example.com"}',
		);
	});

	it('Get Many through MCP gives the conversations the sandbox has', async () => {
		const result = await client.callTool({
			name: 'List_WorkFlux_conversations',
			arguments: { status: 'open' },
		});
		expect(result.isError).toBeFalsy();
		const listed = JSON.parse(textOf(result)) as Array<{ id: string; status: string }>;
		const stored = await session.sandbox.api<{ data: Conversation[] }>(
			'GET',
			'/conversations?status=open&limit=50',
		);
		expect(stored.data.length).toBeGreaterThan(0);
		expect(listed.map((c) => c.id)).toEqual(stored.data.map((c) => c.id));
		expect(new Set(listed.map((c) => c.status))).toEqual(new Set(['open']));
	});

	it('an unknown ID comes back as plain text that says what to send instead', async () => {
		const result = await client.callTool({
			name: 'Get_a_WorkFlux_conversation',
			arguments: { conversation_id: MISSING_CONVERSATION },
		});
		expect(result.isError).toBe(true);
		const text = textOf(result);
		expect(text).toContain(`Conversation ${MISSING_CONVERSATION} was not found`);
		// The facts support needs follow, after the message.
		expect(text).toContain(
			`Details: (HTTP 404, code not_found, request GET /conversations/${MISSING_CONVERSATION}`,
		);
		expect(text).toContain('Call again with an ID that exists in WorkFlux');
		expect(text).not.toMatch(/\[object Object\]|\n\s+at |NodeApiError/);
		expect(text.length).toBeLessThan(600);
	});
});
