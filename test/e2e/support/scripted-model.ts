/* eslint-disable @n8n/community-nodes/no-restricted-imports */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A language model with a script instead of a brain: an OpenAI-compatible server on 127.0.0.1 that n8n's
 * OpenAI Chat Model node can use as its Base URL. It serves what that node calls (n8n 2.41, node 1.3):
 * `GET /models` (credential test, model list), `POST /responses` (the Responses API, the default) and
 * `POST /chat/completions` (with "Use Responses API" off).
 *
 * Each chat is matched to a script by the user's message. The script is a list of steps; the step to take is
 * the number of tool results the request carries, so a retried request gets the same answer. A step calls one
 * tool, with arguments it builds from the JSON schema n8n sent for that tool (every required property, typed
 * as the schema says), or gives the final answer. Steps see the results of earlier calls, so "escalate the
 * conversation the search found" takes the ID from the search result. Every request is recorded.
 *
 * When a script cannot go on (a tool it needs was not offered, a schema lacks a property it wants to fill),
 * the model answers with a text that starts with "SCRIPT PROBLEM:" instead of failing the HTTP call, so the
 * run ends quickly and the test shows why.
 */

export type JsonSchema = {
	type?: string | string[];
	description?: string;
	properties?: Record<string, JsonSchema>;
	required?: string[];
	items?: JsonSchema;
	[key: string]: unknown;
};

/** A tool as n8n offered it to the model. */
export interface OfferedTool {
	name: string;
	description: string;
	parameters: JsonSchema;
}

/** A tool call of this chat and what n8n sent back for it. */
export interface ToolResult {
	name: string;
	arguments: Record<string, unknown>;
	/** The text n8n gave the model as the tool's output. */
	output: string;
	/** `output` parsed as JSON, when it is JSON. */
	value: unknown;
}

/** What a step can see: the chat so far, as the request describes it. */
export interface Turn {
	userText: string;
	tools: OfferedTool[];
	results: ToolResult[];
}

export type Step = { tool: string; arguments: Record<string, unknown> } | { answer: string };

export interface Script {
	/** Chosen when the user's message contains this text. */
	when: string;
	steps: Array<(turn: Turn) => Step>;
}

export interface RecordedRequest {
	method: string;
	path: string;
	body: unknown;
	/** Which API the request used. */
	api: 'responses' | 'chat' | 'models' | 'other';
	/** Script of the chat (by its `when`), for model calls. */
	script?: string;
	/** What the model answered: a tool call or the final answer. */
	reply?: Step;
}

export interface ScriptedModel {
	/** The Base URL to put into n8n's OpenAI credential. */
	baseUrl: string;
	/** The model ID the list offers. */
	modelId: string;
	requests: RecordedRequest[];
	/** The model calls of one script, in order. */
	callsOf(scriptWhen: string): RecordedRequest[];
	close(): Promise<void>;
}

class ScriptProblem extends Error {}

const MODEL_ID = 'workflux-scripted-1';

/** One value of the type a schema asks for, from the script's value: checked, never invented. */
function valueForSchema(name: string, schema: JsonSchema, value: unknown): unknown {
	const types = Array.isArray(schema.type) ? schema.type : [schema.type ?? 'any'];
	const fits = (type: string) => {
		if (type === 'any') return true;
		if (type === 'string') return typeof value === 'string';
		if (type === 'number') return typeof value === 'number';
		if (type === 'integer') return Number.isInteger(value);
		if (type === 'boolean') return typeof value === 'boolean';
		if (type === 'array') return Array.isArray(value);
		if (type === 'object')
			return typeof value === 'object' && value !== null && !Array.isArray(value);
		return value === null && type === 'null';
	};
	// A schema without a type (zod's `any`, n8n's `json`) takes objects and arrays.
	if (!types.some(fits)) {
		throw new ScriptProblem(
			`argument "${name}" should be ${types.join(' or ')}, the script has ${JSON.stringify(value)}`,
		);
	}
	return value;
}

/**
 * The arguments of a call, in the schema's own order: every property the schema requires must come from the
 * script (a model has to fill it; the script says with what), and the script may fill no property the schema
 * does not have.
 */
export function argumentsFromSchema(
	tool: OfferedTool,
	wanted: Record<string, unknown>,
): Record<string, unknown> {
	const properties = tool.parameters.properties ?? {};
	const unknown = Object.keys(wanted).filter((key) => !(key in properties));
	if (unknown.length > 0) {
		throw new ScriptProblem(
			`tool "${tool.name}" has no parameter ${unknown.join(', ')} (it has: ${Object.keys(properties).join(', ') || 'none'})`,
		);
	}
	const result: Record<string, unknown> = {};
	for (const [name, schema] of Object.entries(properties)) {
		if (name in wanted) {
			result[name] = valueForSchema(name, schema, wanted[name]);
		} else if (tool.parameters.required?.includes(name)) {
			throw new ScriptProblem(`tool "${tool.name}" requires "${name}" and the script has no value`);
		}
	}
	return result;
}

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

function textOf(content: unknown): string {
	if (typeof content === 'string') return content;
	if (Array.isArray(content)) {
		return content
			.map((part: { text?: string }) => (typeof part?.text === 'string' ? part.text : ''))
			.join('');
	}
	return '';
}

type Item = Record<string, unknown>;

/** The chat as a Responses API request carries it: `input` items and `tools`. */
function turnFromResponses(body: Item): Turn {
	const input = (Array.isArray(body.input) ? body.input : []) as Item[];
	const calls = new Map<string, Item>();
	const results: ToolResult[] = [];
	let userText = typeof body.input === 'string' ? body.input : '';
	for (const item of input) {
		if (item.role === 'user' && !userText) userText = textOf(item.content);
		if (item.type === 'function_call') calls.set(String(item.call_id), item);
		if (item.type === 'function_call_output') {
			const call = calls.get(String(item.call_id));
			const output = typeof item.output === 'string' ? item.output : JSON.stringify(item.output);
			results.push({
				name: String(call?.name ?? ''),
				arguments: (parseJson(String(call?.arguments ?? '{}')) ?? {}) as Record<string, unknown>,
				output,
				value: parseJson(output),
			});
		}
	}
	const tools = ((body.tools ?? []) as Item[])
		.filter((tool) => tool.type === 'function')
		.map((tool) => ({
			name: String(tool.name),
			description: String(tool.description ?? ''),
			parameters: (tool.parameters ?? {}) as JsonSchema,
		}));
	return { userText, tools, results };
}

/** The chat as a Chat Completions request carries it: `messages` and `tools`. */
function turnFromChat(body: Item): Turn {
	const messages = (body.messages ?? []) as Item[];
	const calls = new Map<string, { name: string; arguments: string }>();
	const results: ToolResult[] = [];
	let userText = '';
	for (const message of messages) {
		if (message.role === 'user' && !userText) userText = textOf(message.content);
		for (const call of (message.tool_calls ?? []) as Array<{
			id: string;
			function: { name: string; arguments: string };
		}>) {
			calls.set(call.id, call.function);
		}
		if (message.role === 'tool') {
			const call = calls.get(String(message.tool_call_id));
			const output = textOf(message.content);
			results.push({
				name: call?.name ?? '',
				arguments: (parseJson(call?.arguments ?? '{}') ?? {}) as Record<string, unknown>,
				output,
				value: parseJson(output),
			});
		}
	}
	const tools = ((body.tools ?? []) as Array<{ function: Item }>).map(({ function: fn }) => ({
		name: String(fn.name),
		description: String(fn.description ?? ''),
		parameters: (fn.parameters ?? {}) as JsonSchema,
	}));
	return { userText, tools, results };
}

/** The next step of the script that fits this chat, with its arguments checked against the offered schema. */
function nextStep(scripts: Script[], turn: Turn): { script?: Script; step: Step } {
	const script = scripts.find((candidate) => turn.userText.includes(candidate.when));
	if (!script) {
		return { step: { answer: `SCRIPT PROBLEM: no script for the message "${turn.userText}"` } };
	}
	const index = turn.results.length;
	if (index >= script.steps.length) {
		return { script, step: { answer: `SCRIPT PROBLEM: the script has no step ${index + 1}` } };
	}
	try {
		const step = script.steps[index](turn);
		if ('answer' in step) return { script, step };
		const tool = turn.tools.find((offered) => offered.name === step.tool);
		if (!tool) {
			throw new ScriptProblem(
				`tool "${step.tool}" was not offered (offered: ${turn.tools.map((t) => t.name).join(', ')})`,
			);
		}
		return {
			script,
			step: { tool: tool.name, arguments: argumentsFromSchema(tool, step.arguments) },
		};
	} catch (error) {
		const why = error instanceof Error ? error.message : String(error);
		return { script, step: { answer: `SCRIPT PROBLEM: step ${index + 1}: ${why}` } };
	}
}

function usage(body: unknown) {
	// Rough, but stable: a token per four characters of the request.
	const input = Math.ceil(JSON.stringify(body).length / 4);
	return { input, output: 20 };
}

function responsesReply(body: Item, step: Step, n: number): Item {
	const output =
		'answer' in step
			? [
					{
						type: 'message',
						id: `msg_${n}`,
						role: 'assistant',
						status: 'completed',
						content: [{ type: 'output_text', text: step.answer, annotations: [] }],
					},
				]
			: [
					{
						type: 'function_call',
						id: `fc_${n}`,
						call_id: `call_${n}`,
						name: step.tool,
						arguments: JSON.stringify(step.arguments),
						status: 'completed',
					},
				];
	const tokens = usage(body);
	return {
		id: `resp_${n}`,
		object: 'response',
		created_at: Math.floor(Date.now() / 1000),
		status: 'completed',
		model: body.model ?? MODEL_ID,
		output,
		error: null,
		incomplete_details: null,
		parallel_tool_calls: false,
		tool_choice: 'auto',
		tools: [],
		text: { format: { type: 'text' } },
		usage: {
			input_tokens: tokens.input,
			output_tokens: tokens.output,
			total_tokens: tokens.input + tokens.output,
		},
	};
}

function chatReply(body: Item, step: Step, n: number): Item {
	const message =
		'answer' in step
			? { role: 'assistant', content: step.answer }
			: {
					role: 'assistant',
					content: null,
					tool_calls: [
						{
							id: `call_${n}`,
							type: 'function',
							function: { name: step.tool, arguments: JSON.stringify(step.arguments) },
						},
					],
				};
	const tokens = usage(body);
	return {
		id: `chatcmpl_${n}`,
		object: 'chat.completion',
		created: Math.floor(Date.now() / 1000),
		model: body.model ?? MODEL_ID,
		choices: [{ index: 0, message, finish_reason: 'answer' in step ? 'stop' : 'tool_calls' }],
		usage: {
			prompt_tokens: tokens.input,
			completion_tokens: tokens.output,
			total_tokens: tokens.input + tokens.output,
		},
	};
}

async function readBody(request: IncomingMessage): Promise<unknown> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	const text = Buffer.concat(chunks).toString('utf8');
	return text ? parseJson(text) : undefined;
}

function send(response: ServerResponse, status: number, body: unknown): void {
	response.writeHead(status, { 'content-type': 'application/json' });
	response.end(JSON.stringify(body));
}

/** Starts the model on a free port of 127.0.0.1. It closes itself when the process ends. */
export async function startScriptedModel(scripts: Script[]): Promise<ScriptedModel> {
	const requests: RecordedRequest[] = [];
	let replies = 0;

	const handle = async (request: IncomingMessage, response: ServerResponse) => {
		const path = (request.url ?? '/').split('?')[0].replace(/\/+$/, '');
		const body = await readBody(request);
		const recorded: RecordedRequest = {
			method: request.method ?? 'GET',
			path,
			body,
			api: 'other',
		};
		requests.push(recorded);
		if (request.method === 'GET' && path.endsWith('/models')) {
			recorded.api = 'models';
			send(response, 200, {
				object: 'list',
				data: [
					{ id: MODEL_ID, object: 'model', created: 1_700_000_000, owned_by: 'workflux-tests' },
				],
			});
			return;
		}
		const isResponses = path.endsWith('/responses');
		const isChat = path.endsWith('/chat/completions');
		if (request.method !== 'POST' || (!isResponses && !isChat) || typeof body !== 'object') {
			send(response, 404, { error: { message: `No such endpoint: ${request.method} ${path}` } });
			return;
		}
		recorded.api = isResponses ? 'responses' : 'chat';
		if ((body as Item).stream === true) {
			send(response, 400, { error: { message: 'The scripted model does not stream.' } });
			return;
		}
		const turn = isResponses ? turnFromResponses(body as Item) : turnFromChat(body as Item);
		const { script, step } = nextStep(scripts, turn);
		recorded.script = script?.when;
		recorded.reply = step;
		replies += 1;
		send(
			response,
			200,
			isResponses
				? responsesReply(body as Item, step, replies)
				: chatReply(body as Item, step, replies),
		);
	};

	const server: Server = createServer((request, response) => {
		handle(request, response).catch((error: unknown) => {
			send(response, 500, { error: { message: String(error) } });
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	server.unref();
	const { port } = server.address() as AddressInfo;

	return {
		baseUrl: `http://127.0.0.1:${port}/v1`,
		modelId: MODEL_ID,
		requests,
		callsOf: (when) => requests.filter((r) => r.script === when),
		close: async () => {
			server.closeAllConnections();
			await new Promise((resolve) => server.close(resolve));
		},
	};
}
