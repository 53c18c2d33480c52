/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { Webhook } from 'standardwebhooks';

import type { WorkflowDefinition } from './n8n-client';
import { TRIGGER_TYPE, type CredentialRef } from './workflows';

/**
 * Webhook load against a real n8n, shared by the trigger's end-to-end test and `npm run bench:n8n`:
 * signed WorkFlux-style deliveries sent at a set concurrency, and a run counter that every execution
 * reports its delivery id to (an HTTP Request node as the workflow's last step), so "each delivery
 * answered 2xx ran exactly once" is counted per id without reading a thousand executions back.
 */

export interface Delivery {
	id: string;
	body: string;
}

/** A WorkFlux event whose JSON body is `bytes` long (the padding sits in the message text). */
export function makeDelivery(id = `evt_${randomUUID().replace(/-/g, '')}`, bytes = 1024): Delivery {
	const event = {
		id,
		type: 'agent.response',
		created_at: new Date().toISOString(),
		data: {
			conversation_id: 'conv_load',
			agent_id: 'agt_load',
			message: { id: `msg_${id}`, role: 'agent', content: '' },
		},
	};
	const bare = JSON.stringify(event).length;
	event.data.message.content = 'x'.repeat(Math.max(0, bytes - bare));
	return { id, body: JSON.stringify(event) };
}

export function signedHeaders(secret: string, delivery: Delivery, attempt = 1) {
	const at = new Date();
	return {
		'content-type': 'application/json',
		'user-agent': 'WorkFlux-Webhooks/1',
		'webhook-id': delivery.id,
		'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
		'webhook-signature': new Webhook(secret).sign(delivery.id, at, delivery.body),
		'webhook-attempt': String(attempt),
	};
}

export interface Answer {
	id: string;
	status: number;
	body: string;
	ms: number;
}

/** POSTs every delivery, `concurrency` at a time; each signed freshly right before it is sent. */
export async function sendDeliveries(
	url: string,
	secret: string,
	deliveries: Delivery[],
	concurrency: number,
): Promise<{ answers: Answer[]; seconds: number }> {
	const answers: Answer[] = [];
	let next = 0;
	const started = performance.now();
	const worker = async () => {
		while (next < deliveries.length) {
			const delivery = deliveries[next++];
			const sentAt = performance.now();
			let status = 0;
			let body = '';
			try {
				const response = await fetch(url, {
					method: 'POST',
					headers: signedHeaders(secret, delivery),
					body: delivery.body,
				});
				status = response.status;
				body = await response.text();
			} catch (error) {
				body = (error as Error).message;
			}
			answers.push({ id: delivery.id, status, body, ms: performance.now() - sentAt });
		}
	};
	await Promise.all(Array.from({ length: concurrency }, worker));
	return { answers, seconds: (performance.now() - started) / 1000 };
}

const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

/** Counts the runs per delivery id that the workflows report (GET /seen/<id>). */
export class RunCounter {
	readonly counts = new Map<string, number>();

	private constructor(
		private readonly server: Server,
		readonly url: string,
	) {}

	static async start(): Promise<RunCounter> {
		const server = createServer();
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const { port } = server.address() as AddressInfo;
		const counter = new RunCounter(server, `http://127.0.0.1:${port}`);
		server.on('request', (req, res) => {
			const match = /^\/seen\/([^/?]+)/.exec(req.url ?? '');
			if (match) {
				const id = decodeURIComponent(match[1]);
				counter.counts.set(id, (counter.counts.get(id) ?? 0) + 1);
			}
			res.setHeader('content-type', 'application/json');
			res.end('{"ok":true}');
		});
		return counter;
	}

	get total(): number {
		let total = 0;
		for (const count of this.counts.values()) total += count;
		return total;
	}

	runsOf(id: string): number {
		return this.counts.get(id) ?? 0;
	}

	/**
	 * Waits until every id in `ids` has reported a run and then no run came for `quietMs` (a second
	 * run of an id would show up then). Returns the ids still without a run when `timeoutMs` passed.
	 */
	async settle(
		ids: Iterable<string> = [],
		quietMs = 2_000,
		timeoutMs = 180_000,
	): Promise<string[]> {
		const waitingFor = new Set(ids);
		const deadline = Date.now() + timeoutMs;
		let last = -1;
		let quietSince = Date.now();
		for (;;) {
			for (const id of waitingFor) if (this.runsOf(id) > 0) waitingFor.delete(id);
			const total = this.total;
			if (total !== last) {
				last = total;
				quietSince = Date.now();
			}
			if (waitingFor.size === 0 && Date.now() - quietSince >= quietMs) return [];
			if (Date.now() > deadline) return [...waitingFor];
			await sleep(100);
		}
	}

	async close(): Promise<void> {
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}
}

/** The last step of both load workflows: report the delivery id to the run counter. */
function reportRunNode(counterUrl: string, idExpression: string) {
	return {
		id: randomUUID(),
		name: 'Report Run',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position: [240, 0] as [number, number],
		parameters: {
			url: `=${counterUrl}/seen/{{ encodeURIComponent(${idExpression}) }}`,
			options: {},
		},
	};
}

function chain(first: string) {
	return { [first]: { main: [[{ node: 'Report Run', type: 'main', index: 0 }]] } };
}

/** WorkFlux Trigger (all events, redelivery protection on unless told) -> Report Run. */
export function triggerLoadWorkflow(
	credential: CredentialRef,
	counterUrl: string,
	name: string,
	options: { ignoreRedeliveries?: boolean } = {},
): WorkflowDefinition {
	return {
		name,
		nodes: [
			{
				id: randomUUID(),
				name: 'WorkFlux Trigger',
				type: TRIGGER_TYPE,
				typeVersion: 1.1,
				position: [0, 0],
				webhookId: randomUUID(),
				parameters: {
					events: ['*'],
					...(options.ignoreRedeliveries === false
						? { options: { ignoreRedeliveries: false } }
						: {}),
				},
				credentials: { workfluxOAuth2Api: credential },
			},
			reportRunNode(counterUrl, '$json.delivery.webhook_id'),
		],
		connections: chain('WorkFlux Trigger'),
	};
}

/** n8n's plain Webhook node (POST, answer "when received") -> Report Run: the baseline. */
export function plainWebhookLoadWorkflow(counterUrl: string, name: string): WorkflowDefinition {
	const path = randomUUID();
	return {
		name,
		nodes: [
			{
				id: randomUUID(),
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: path,
				parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
			},
			reportRunNode(counterUrl, '$json.headers["webhook-id"]'),
		],
		connections: chain('Webhook'),
	};
}

export interface RoundSummary {
	sent: number;
	/** Answered 2xx. */
	accepted: number;
	seconds: number;
	perSecond: number;
	p50: number;
	p99: number;
	/** Runs reported for this round's ids. */
	runs: number;
	/** Answered 2xx, but no run. */
	lost: string[];
	/** More than one run. */
	duplicated: string[];
	/** Status code -> count. */
	statuses: Record<string, number>;
}

function percentile(sorted: number[], p: number): number {
	if (sorted.length === 0) return 0;
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function summarizeRound(
	answers: Answer[],
	seconds: number,
	counter: RunCounter,
): RoundSummary {
	const latencies = answers.map((a) => a.ms).sort((a, b) => a - b);
	const statuses: Record<string, number> = {};
	for (const answer of answers) statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
	const ids = new Set(answers.map((a) => a.id));
	const acceptedIds = new Set(
		answers.filter((a) => a.status >= 200 && a.status < 300).map((a) => a.id),
	);
	let runs = 0;
	const duplicated: string[] = [];
	for (const id of ids) {
		const count = counter.runsOf(id);
		runs += count;
		if (count > 1) duplicated.push(id);
	}
	return {
		sent: answers.length,
		accepted: acceptedIds.size,
		seconds,
		perSecond: answers.length / seconds,
		p50: percentile(latencies, 50),
		p99: percentile(latencies, 99),
		runs,
		lost: [...acceptedIds].filter((id) => counter.runsOf(id) === 0),
		duplicated,
		statuses,
	};
}

/** Executions of a workflow that ended in error or crashed (n8n's executions list, as the editor shows it). */
export async function failedExecutions(
	client: { request<T>(method: string, path: string): Promise<T> },
	workflowId: string,
): Promise<number> {
	const filter = encodeURIComponent(JSON.stringify({ workflowId, status: ['error', 'crashed'] }));
	const page = await client.request<{ count: number }>(
		'GET',
		`/rest/executions?filter=${filter}&limit=1`,
	);
	return page.count;
}
