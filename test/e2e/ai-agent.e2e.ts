/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- test code: reads the example, writes and prints the figures */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { compileMapping } from '../../nodes/WorkfluxMapper/engine';
import type { Conversation } from '../sandbox/types';
import { sendChatMessage, type ChatTurn } from './support/chat';
import type { ExecutionDetails, WorkflowDefinition } from './support/n8n-client';
import {
	startScriptedModel,
	type OfferedTool,
	type RecordedRequest,
	type ScriptedModel,
	type Turn,
} from './support/scripted-model';
import { openSession, type E2eSession } from './support/session';

/**
 * examples/ai-agent-with-workflux-tools.json in the real n8n: n8n's AI Agent with n8n's OpenAI Chat Model,
 * whose credential points at a scripted model on this machine, and the WorkFlux tools of this package.
 * The script plays a model that reads the tools n8n offers and calls them; the sandbox shows what the tools
 * did, and the recorded requests show what a model gets to see: tool names, descriptions, parameter
 * schemas and the tools' answers, errors included.
 */

const EXAMPLE = path.resolve(
	__dirname,
	'..',
	'..',
	'examples',
	'ai-agent-with-workflux-tools.json',
);
const CHAT_TRIGGER = 'When chat message received';

/** The tool names n8n makes from the node names (characters outside [A-Za-z0-9_-] become "_"). */
const TOOL = {
	find: 'Find_WorkFlux_conversations',
	escalate: 'Escalate_a_WorkFlux_conversation',
	write: 'Write_to_the_customer',
	clean: 'Clean_up_contact_details',
} as const;

/** What each tool asks the model for: exactly these parameters, all strings. */
const EXPECTED_PARAMETERS: Record<string, string[]> = {
	[TOOL.find]: ['status'],
	[TOOL.escalate]: ['conversation_id', 'reason', 'priority'],
	[TOOL.write]: ['conversation_id', 'message'],
	[TOOL.clean]: ['email', 'phone', 'country'],
};

const CONTACT = { email: '  Ada.Lovelace@Example.COM ', phone: '030 1234567', country: 'DE' };
const MISSING_CONVERSATION = 'conv_e2e_does_not_exist';
const NOTE_FOR_CUSTOMER =
	'A colleague from our support team takes over your refund request and replies today.';

const SCENARIO = {
	escalate: 'is upset about a refund: escalate the conversation and tell them',
	clean: 'Clean up these contact details',
	missing: `Escalate conversation ${MISSING_CONVERSATION}`,
	chatCompletions: 'Over Chat Completions: tidy these contact details',
} as const;

let session: E2eSession;
let model: ScriptedModel;
let workflow: { id: string; triggerName: string };
/** The open conversation the escalation chat is about (picked from the sandbox before the chat). */
let target: Conversation;
const figures: Array<{
	scenario: string;
	modelRoundTrips: number;
	toolCalls: number;
	seconds: number;
}> = [];

/** A tool result the script needs, or a clear stop when the tool answered something else. */
function resultList(turn: Turn, index: number): Array<Record<string, unknown>> {
	const value = turn.results[index]?.value;
	if (!Array.isArray(value)) {
		throw new Error(`tool result ${index + 1} is not a list: ${turn.results[index]?.output}`);
	}
	return value as Array<Record<string, unknown>>;
}

const cleanSteps = [
	() => ({ tool: TOOL.clean, arguments: { ...CONTACT } }),
	(turn: Turn) => {
		const [cleaned] = resultList(turn, 0);
		return { answer: `Cleaned: ${cleaned.email}, ${cleaned.phone}` };
	},
];

function scripts() {
	return [
		{
			when: SCENARIO.escalate,
			steps: [
				() => ({ tool: TOOL.find, arguments: { status: 'open' } }),
				(turn: Turn) => {
					const email = /customer ([^ ]+@[^ ]+) is upset/.exec(turn.userText)?.[1];
					const found = resultList(turn, 0).find((c) => c.customer_email === email);
					if (!found) throw new Error(`no open conversation of ${email} in the list`);
					return {
						tool: TOOL.escalate,
						arguments: {
							conversation_id: found.id,
							reason: 'The customer asks for a refund above what the agent may grant.',
							priority: 'high',
						},
					};
				},
				(turn: Turn) => {
					const [escalated] = resultList(turn, 1);
					return {
						tool: TOOL.write,
						arguments: { conversation_id: escalated.id, message: NOTE_FOR_CUSTOMER },
					};
				},
				(turn: Turn) => {
					const [sent] = resultList(turn, 2) as Array<{ reply?: { content?: string } }>;
					const id = turn.results[1].arguments.conversation_id as string;
					return {
						answer: `I escalated ${id} to the team (high priority) and wrote to the customer. Their WorkFlux agent answered: "${sent.reply?.content}"`,
					};
				},
			],
		},
		{ when: SCENARIO.clean, steps: cleanSteps },
		{ when: SCENARIO.chatCompletions, steps: cleanSteps },
		{
			when: SCENARIO.missing,
			steps: [
				() => ({
					tool: TOOL.escalate,
					arguments: {
						conversation_id: MISSING_CONVERSATION,
						reason: 'The user asked for it.',
						priority: 'normal',
					},
				}),
				(turn: Turn) => ({ answer: `That did not work: ${turn.results[0].output}` }),
			],
		},
	];
}

/**
 * The example as a user imports it, with their WorkFlux and OpenAI credentials picked; `modelOptions` are
 * settings the user changes on the OpenAI Chat Model node.
 */
async function importExample(
	openAiCredential: { id: string; name: string },
	modelOptions: Record<string, unknown> = {},
) {
	const example = JSON.parse(readFileSync(EXAMPLE, 'utf-8')) as WorkflowDefinition;
	for (const node of example.nodes) {
		if (node.credentials?.workfluxOAuth2Api) {
			node.credentials = { workfluxOAuth2Api: session.ctx.credential };
		}
		if (node.credentials?.openAiApi) {
			node.credentials = { openAiApi: openAiCredential };
			Object.assign(node.parameters, modelOptions);
		}
	}
	const saved = await session.n8n.createWorkflow({
		...example,
		name: `E2E example: ${example.name}${Object.keys(modelOptions).length ? ' (model settings changed)' : ''}`,
	});
	return { id: saved.id, triggerName: CHAT_TRIGGER };
}

async function chat(
	scenario: keyof typeof SCENARIO,
	text: string,
	inWorkflow = workflow,
): Promise<ChatTurn> {
	const turn = await sendChatMessage(session.n8n, inWorkflow, text);
	const calls = model.callsOf(SCENARIO[scenario]);
	figures.push({
		scenario,
		modelRoundTrips: calls.length,
		toolCalls: calls.filter((call) => call.reply && 'tool' in call.reply).length,
		seconds: Math.round(turn.seconds * 100) / 100,
	});
	return turn;
}

/** What a tool node gave the agent in its last run (n8n files a tool's output under `ai_tool`). */
function toolNodeOutput(execution: ExecutionDetails, nodeName: string): unknown[] {
	const runs = execution.runData[nodeName] ?? [];
	const data = runs[runs.length - 1]?.data as
		| { ai_tool?: Array<Array<{ json: unknown }>> }
		| undefined;
	return (data?.ai_tool?.[0] ?? []).map((item) => item.json);
}

/** The tools offered in a model request (Responses API form). */
function offeredTools(request: RecordedRequest): OfferedTool[] {
	const body = request.body as { tools?: Array<Record<string, unknown>> };
	return (body.tools ?? []).map((tool) => ({
		name: String(tool.name),
		description: String(tool.description ?? ''),
		parameters: tool.parameters as OfferedTool['parameters'],
	}));
}

/** The `function_call_output` texts n8n sent back in the last request of a chat. */
function toolOutputs(calls: RecordedRequest[]): string[] {
	const last = calls[calls.length - 1].body as { input: Array<Record<string, unknown>> };
	return last.input
		.filter((item) => item.type === 'function_call_output')
		.map((item) => String(item.output));
}

describe('AI Agent with the WorkFlux tools (examples/, real n8n, scripted model)', () => {
	beforeAll(async () => {
		session = await openSession();
		await session.sandbox.reset();
		model = await startScriptedModel(scripts());
		const openAi = await session.n8n.createCredential({
			name: 'OpenAI account (scripted model)',
			type: 'openAiApi',
			data: { apiKey: 'sk-scripted-model', url: model.baseUrl },
		});
		workflow = await importExample(openAi);
		const open = await session.sandbox.api<{ data: Conversation[] }>(
			'GET',
			'/conversations?status=open&limit=10',
		);
		// Not the first one, so a model that takes the first row would escalate the wrong conversation.
		target = open.data.filter((c) => c.customer?.email)[1];
		expect(target, 'the sandbox has open conversations with a customer e-mail').toBeDefined();
	});

	afterAll(async () => {
		await model?.close();
		if (figures.length > 0) {
			writeFileSync(
				path.join(session.ctx.resultsDir, 'ai-agent-figures.json'),
				JSON.stringify({ figures, requests: model.requests.length }, null, 2),
			);
			// Everything n8n sent the model, for reading what a model gets to see.
			writeFileSync(
				path.join(session.ctx.resultsDir, 'ai-agent-model-requests.json'),
				JSON.stringify(model.requests, null, 2),
			);
			console.log(`AI Agent scenarios: ${JSON.stringify(figures)}`);
		}
	});

	it('the credential test and the model list reach the Base URL', async () => {
		const credentials = await session.n8n.listCredentials();
		const openAi = credentials.find((c) => c.type === 'openAiApi')!;
		expect(await session.n8n.testCredential(openAi.id)).toMatchObject({ status: 'OK' });
		expect(model.requests.some((r) => r.api === 'models')).toBe(true);
	});

	it('finds the conversation, escalates it and writes to the customer; the sandbox shows both', async () => {
		const email = target.customer.email!;
		const turn = await chat(
			'escalate',
			`The customer ${email} is upset about a refund: escalate the conversation and tell them a person takes over.`,
		);
		expect(turn.execution.status).toBe('success');
		expect(turn.answer).toContain(`I escalated ${target.id}`);
		expect(turn.answer).not.toContain('SCRIPT PROBLEM');

		const stored = await session.sandbox.conversation(target.id);
		expect(stored).toMatchObject({
			status: 'escalated',
			escalation: {
				reason: 'The customer asks for a refund above what the agent may grant.',
				priority: 'high',
			},
		});
		const messages = await session.sandbox.messages(target.id);
		const note = messages.find((m) => m.content === NOTE_FOR_CUSTOMER);
		expect(note).toMatchObject({ role: 'system' });
		// The agent's reply to the note is what the tool gave back to the model.
		const reply = messages[messages.indexOf(note!) + 1];
		expect(reply).toMatchObject({ role: 'agent' });
		expect(turn.answer).toContain(reply.content);

		// Each tool ran once in n8n, as its own node.
		for (const name of [
			'Find WorkFlux conversations',
			'Escalate a WorkFlux conversation',
			'Write to the customer',
		]) {
			expect(turn.execution.runData[name], name).toHaveLength(1);
		}
		const calls = model.callsOf(SCENARIO.escalate);
		expect(
			calls.map((call) => (call.reply && 'tool' in call.reply ? call.reply.tool : 'answer')),
		).toEqual([TOOL.find, TOOL.escalate, TOOL.write, 'answer']);
	});

	it('what the model sees: WorkFlux tool names and descriptions, typed and described parameters only', () => {
		const [first] = model.callsOf(SCENARIO.escalate);
		expect(first.api).toBe('responses');
		const tools = offeredTools(first);
		expect(tools.map((tool) => tool.name).sort()).toEqual(Object.values(TOOL).sort());
		for (const tool of tools) {
			expect(tool.description, tool.name).toMatch(/WorkFlux/);
			expect(tool.description.length, tool.name).toBeGreaterThan(60);
			const properties = tool.parameters.properties ?? {};
			expect(Object.keys(properties), tool.name).toEqual(EXPECTED_PARAMETERS[tool.name]);
			expect(tool.parameters.required?.slice().sort(), tool.name).toEqual(
				EXPECTED_PARAMETERS[tool.name].slice().sort(),
			);
			for (const [name, schema] of Object.entries(properties)) {
				expect(schema.type, `${tool.name}.${name}`).toBe('string');
				expect(String(schema.description ?? '').length, `${tool.name}.${name}`).toBeGreaterThan(15);
			}
			// Nothing n8n-internal for the model to guess: locator modes, retry settings, options.
			expect(JSON.stringify(tool.parameters), tool.name).not.toMatch(
				/__rl|"mode"|retry|"options"|resourceLocator/i,
			);
		}
		const instructions = JSON.stringify((first.body as { input: unknown }).input);
		expect(instructions).toContain('You help the support team with WorkFlux');
	});

	it('the Mapper tool gives the model what its rules say for the model input', async () => {
		const turn = await chat('clean', `${SCENARIO.clean}: ${JSON.stringify(CONTACT)}`);
		expect(turn.execution.status).toBe('success');
		const example = JSON.parse(readFileSync(EXAMPLE, 'utf-8')) as WorkflowDefinition;
		const mapper = example.nodes.find((node) => node.name === 'Clean up contact details')!;
		const expected = compileMapping(String(mapper.parameters.jsonConfig), {
			defaultTimezone: 'UTC',
		}).map({ ...CONTACT }).json;
		expect(expected).toEqual({ email: 'ada.lovelace@example.com', phone: '+49301234567' });

		const [output] = toolOutputs(model.callsOf(SCENARIO.clean));
		expect(JSON.parse(output)).toEqual([expected]);
		// The Mapper ran as its own node in the execution, with the same output.
		expect(toolNodeOutput(turn.execution, 'Clean up contact details')).toEqual([expected]);
		expect(turn.answer).toBe('Cleaned: ada.lovelace@example.com, +49301234567');
	});

	it('with "Use Responses API" off, the same tools work over Chat Completions', async () => {
		const openAi = (await session.n8n.listCredentials()).find((c) => c.type === 'openAiApi')!;
		const chatCompletions = await importExample(openAi, { responsesApiEnabled: false });
		const turn = await chat(
			'chatCompletions',
			`${SCENARIO.chatCompletions}: ${JSON.stringify(CONTACT)}`,
			chatCompletions,
		);
		expect(turn.execution.status).toBe('success');
		const calls = model.callsOf(SCENARIO.chatCompletions);
		expect(calls.map((call) => `${call.method} ${call.path}`)).toEqual([
			'POST /v1/chat/completions',
			'POST /v1/chat/completions',
		]);
		const first = calls[0].body as { tools: Array<{ function: { name: string } }> };
		expect(first.tools.map((tool) => tool.function.name).sort()).toEqual(
			Object.values(TOOL).sort(),
		);
		expect(turn.answer).toBe('Cleaned: ada.lovelace@example.com, +49301234567');
	});

	it('a tool error reaches the model as short plain text: what went wrong and what to send instead', async () => {
		const turn = await chat('missing', `${SCENARIO.missing} please.`);
		// The agent goes on after a failing tool: the model reads the error and answers.
		expect(turn.execution.status).toBe('success');
		const [output] = toolOutputs(model.callsOf(SCENARIO.missing));
		const { error } = (JSON.parse(output) as Array<{ error: string }>)[0];
		expect(error).toContain(`Conversation ${MISSING_CONVERSATION} was not found`);
		expect(error).toContain('Call again with an ID that exists in WorkFlux');
		expect(error.length).toBeLessThan(400);
		expect(output).not.toMatch(/\[object Object\]|\n\s+at |Error:|NodeApiError|stack/);
		expect(turn.answer).toContain('was not found');
	});
});
