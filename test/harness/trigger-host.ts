/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/require-node-api-error */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { HookContext, WebhookContext, WorkflowExecute } from 'n8n-core';
import {
	Workflow,
	createRunExecutionData,
	type IDataObject,
	type INode,
	type INodeParameters,
	type INodeType,
	type IRun,
	type IWebhookData,
	type IWebhookResponseData,
	type IWorkflowBase,
	type WorkflowActivateMode,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

import { createAdditionalData } from './additional-data';
import type { HarnessCredentialsHelper } from './credentials-helper';
import { harnessNodeTypes, type HarnessNodeTypes } from './node-types';
import { CREDENTIAL } from '../support/workflows';

/**
 * Plays the part of n8n's CLI for one workflow "WorkFlux Trigger → No Operation", using n8n-core's
 * real HookContext, WebhookContext and WorkflowExecute. What the CLI does around them is copied
 * from n8n's source (packages/cli/src/webhooks/{webhook.service,live-webhooks,test-webhooks}.ts and
 * active-workflow-manager.ts), because the CLI package is not a dependency:
 *
 * - production: hooks run with mode 'trigger' (activation 'activate'); static data is loaded from
 *   the "database" (a JSON string here) for each activation, delivery and deactivation, and saved
 *   back only when n8n's ObservableObject marked it changed.
 * - "Listen for test event": a fresh Workflow with `staticData: {}` and `isTest`, hooks with mode
 *   'manual' (activation 'manual'); the static data is kept with the test registration and given
 *   to deliveries via `setTestStaticData`; after one execution n8n stops listening and calls
 *   `delete` with mode 'internal' (activation 'update').
 * - deliveries: a real HTTP server on loopback receives them at `/webhook/…` and `/webhook-test/…`;
 *   the body is read raw and parsed as JSON (n8n's body parser), then `webhook()` runs in a
 *   WebhookContext; with response mode "onReceived" the caller gets its answer before the
 *   workflow runs.
 */

export const TRIGGER_NODE_NAME = 'WorkFlux Trigger';
const NEXT_NODE_NAME = 'No Operation';
const TRIGGER_TYPE = 'n8n-nodes-workflux.workfluxTrigger';

export interface TriggerExecution {
	mode: WorkflowExecuteMode;
	/** What the trigger node handed to the next node. */
	items: IDataObject[];
	run: IRun;
}

export interface DeliveryResponse {
	path: string;
	status: number;
}

/** The part of express.Response the trigger and n8n's responder use, over a real ServerResponse. */
function expressLikeResponse(res: ServerResponse) {
	const adapter = {
		get headersSent() {
			return res.headersSent;
		},
		status(code: number) {
			res.statusCode = code;
			return adapter;
		},
		setHeader(name: string, value: string) {
			res.setHeader(name, value);
			return adapter;
		},
		json(body: unknown) {
			res.setHeader('content-type', 'application/json; charset=utf-8');
			res.end(JSON.stringify(body));
			return adapter;
		},
		send(body: unknown) {
			if (typeof body === 'string' || Buffer.isBuffer(body)) res.end(body);
			else adapter.json(body);
			return adapter;
		},
		end() {
			if (!res.writableEnded) res.end();
			return adapter;
		},
		get statusCode() {
			return res.statusCode;
		},
		get writableFinished() {
			return res.writableFinished;
		},
		once(event: string, listener: () => void) {
			res.once(event, listener);
			return adapter;
		},
	};
	return adapter;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

export class TriggerHost {
	/** Production static data as n8n's database holds it (JSON). */
	savedStaticData = '{}';

	/** The test registration's static data while "Listen for test event" is on. */
	testRegistration: { staticData: IDataObject } | undefined;

	readonly executions: TriggerExecution[] = [];

	/**
	 * When true, n8n "fails to take" each run (as when storing the execution fails): it answers 500
	 * and runs nothing, as WebhookHelpers.executeWebhook does when WorkflowRunner.run throws.
	 */
	failToStartRuns = false;

	/** How long n8n takes to set up each run before it answers (WorkflowRunner.run's database work). */
	takeRunDelayMs = 0;

	readonly responses: DeliveryResponse[] = [];

	/** Errors thrown while handling a request (n8n would log them); tests expect none. */
	readonly errors: Error[] = [];

	private readonly workflowId = `wf-${randomUUID().slice(0, 8)}`;

	private readonly webhookId = randomUUID();

	private productionActive = false;

	private pending = new Set<Promise<unknown>>();

	private constructor(
		private readonly server: Server,
		readonly baseUrl: string,
		private readonly nodeTypes: HarnessNodeTypes,
		private readonly credentialsHelper: HarnessCredentialsHelper,
		public parameters: INodeParameters,
	) {}

	static async start(options: {
		credentialsHelper: HarnessCredentialsHelper;
		parameters: INodeParameters;
		/** The trigger's static data as a previous n8n process left it in the database. */
		staticData?: IDataObject;
	}): Promise<TriggerHost> {
		const nodeTypes = harnessNodeTypes();
		const server = createServer();
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const { port } = server.address() as AddressInfo;
		const host = new TriggerHost(
			server,
			`http://127.0.0.1:${port}`,
			nodeTypes,
			options.credentialsHelper,
			options.parameters,
		);
		if (options.staticData) {
			host.savedStaticData = JSON.stringify({ [`node:${TRIGGER_NODE_NAME}`]: options.staticData });
		}
		server.on('request', (req: IncomingMessage, res: ServerResponse) => {
			const handling = host.handleRequest(req, res).catch((error: Error) => {
				host.errors.push(error);
				if (res.writableEnded) return;
				if (!res.headersSent) res.statusCode = 500;
				res.end(String(error?.message ?? error));
			});
			host.track(handling);
		});
		return host;
	}

	get productionUrl() {
		return `${this.baseUrl}/webhook/${this.webhookId}/webhook`;
	}

	get testUrl() {
		return `${this.baseUrl}/webhook-test/${this.webhookId}/webhook`;
	}

	/** The trigger's production static data as saved. */
	get staticData(): IDataObject {
		const all = JSON.parse(this.savedStaticData) as Record<string, IDataObject>;
		return all[`node:${TRIGGER_NODE_NAME}`] ?? {};
	}

	async activate(activation: WorkflowActivateMode = 'activate'): Promise<void> {
		const workflow = this.workflow(JSON.parse(this.savedStaticData) as IDataObject);
		try {
			await this.createWebhookIfNotExists(workflow, 'trigger', activation, false);
			this.productionActive = true;
		} finally {
			this.saveStaticData(workflow);
		}
	}

	async deactivate(): Promise<void> {
		const workflow = this.workflow(JSON.parse(this.savedStaticData) as IDataObject);
		this.productionActive = false;
		await this.runHook(workflow, 'delete', 'internal', 'update', false);
		this.saveStaticData(workflow);
	}

	/** "Listen for test event" (TestWebhooks.needsWebhook). */
	async listenForTest(): Promise<void> {
		const workflow = this.workflow({});
		this.testRegistration = { staticData: {} };
		try {
			await this.createWebhookIfNotExists(workflow, 'manual', 'manual', true);
		} catch (error) {
			await this.stopListening(workflow);
			throw error;
		}
		// n8n caches the registration (in memory or Redis); JSON stands for that copy.
		this.testRegistration = { staticData: JSON.parse(JSON.stringify(workflow.staticData)) };
	}

	/** The test listener stops: after one execution, on timeout or when the user cancels. */
	async stopListening(existing?: Workflow): Promise<void> {
		const registration = this.testRegistration;
		if (!registration) return;
		this.testRegistration = undefined;
		const workflow = existing ?? this.workflow({});
		workflow.staticData = registration.staticData as Workflow['staticData'];
		await this.runHook(workflow, 'delete', 'internal', 'update', true);
	}

	/** Waits until at least `count` executions ran and every request in flight is answered. */
	async waitForExecutions(count: number, timeoutMs = 5000): Promise<TriggerExecution[]> {
		const deadline = Date.now() + timeoutMs;
		while (this.executions.length < count && Date.now() < deadline) {
			await new Promise((resolve) => setTimeout(resolve, 10));
		}
		await this.settle();
		return this.executions;
	}

	/** Waits for every request in flight (and the executions they started). */
	async settle(): Promise<void> {
		while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
	}

	async close(): Promise<void> {
		await this.settle();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}

	private track(promise: Promise<unknown>) {
		this.pending.add(promise);
		void promise.finally(() => this.pending.delete(promise));
	}

	private triggerNode(): INode {
		return {
			id: 'trigger',
			name: TRIGGER_NODE_NAME,
			type: TRIGGER_TYPE,
			typeVersion: 1,
			position: [0, 0],
			webhookId: this.webhookId,
			parameters: structuredClone(this.parameters),
			credentials: CREDENTIAL,
		};
	}

	private workflow(staticData: IDataObject): Workflow {
		return new Workflow({
			id: this.workflowId,
			name: 'WorkFlux Trigger test',
			nodes: [
				this.triggerNode(),
				{
					id: 'next',
					name: NEXT_NODE_NAME,
					type: 'n8n-nodes-base.noOp',
					typeVersion: 1,
					position: [220, 0],
					parameters: {},
				},
			],
			connections: {
				[TRIGGER_NODE_NAME]: { main: [[{ node: NEXT_NODE_NAME, type: 'main', index: 0 }]] },
			},
			active: this.productionActive,
			nodeTypes: this.nodeTypes,
			staticData,
			settings: {},
		});
	}

	private workflowData(workflow: Workflow): IWorkflowBase {
		return {
			id: workflow.id,
			name: workflow.name,
			active: false,
			isArchived: false,
			nodes: Object.values(workflow.nodes),
			connections: workflow.connectionsBySourceNode,
			settings: {},
			createdAt: new Date(),
			updatedAt: new Date(),
		} as unknown as IWorkflowBase;
	}

	private additionalData(workflow: Workflow, mode: WorkflowExecuteMode) {
		return createAdditionalData({
			credentialsHelper: this.credentialsHelper,
			workflowData: this.workflowData(workflow),
			mode,
			executionId: randomUUID(),
			webhookBaseUrl: this.baseUrl,
		});
	}

	private nodeType(): INodeType {
		return this.nodeTypes.getByNameAndVersion(TRIGGER_TYPE, 1);
	}

	private webhookData(
		workflow: Workflow,
		mode: WorkflowExecuteMode,
		isTest: boolean,
	): IWebhookData {
		const webhookDescription = this.nodeType().description.webhooks![0];
		return {
			httpMethod: 'POST',
			node: TRIGGER_NODE_NAME,
			path: `${this.webhookId}/webhook`,
			webhookDescription,
			workflowId: workflow.id,
			workflowExecuteAdditionalData: this.additionalData(workflow, mode),
			webhookId: this.webhookId,
			isTest,
		};
	}

	/** WebhookService.createWebhookIfNotExists. */
	private async createWebhookIfNotExists(
		workflow: Workflow,
		mode: WorkflowExecuteMode,
		activation: WorkflowActivateMode,
		isTest: boolean,
	) {
		const exists = await this.runHook(workflow, 'checkExists', mode, activation, isTest);
		if (!exists) await this.runHook(workflow, 'create', mode, activation, isTest);
	}

	/** WebhookService.runWebhookMethod: the node's method called on a real HookContext. */
	private async runHook(
		workflow: Workflow,
		method: 'checkExists' | 'create' | 'delete',
		mode: WorkflowExecuteMode,
		activation: WorkflowActivateMode,
		isTest: boolean,
	): Promise<boolean | undefined> {
		const webhookData = this.webhookData(workflow, mode, isTest);
		const node = workflow.getNode(TRIGGER_NODE_NAME)!;
		const context = new HookContext(
			workflow,
			node,
			webhookData.workflowExecuteAdditionalData,
			mode,
			activation,
			webhookData,
		);
		const fn = this.nodeType().webhookMethods!.default![method];
		return (await fn.call(context)) as boolean;
	}

	/** WorkflowStaticDataService.saveStaticData: only when n8n saw a change. */
	private saveStaticData(workflow: Workflow) {
		if (workflow.staticData.__dataChanged === true) {
			this.savedStaticData = JSON.stringify(workflow.staticData);
			workflow.staticData.__dataChanged = false;
		}
	}

	private async handleRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const path = (req.url ?? '').split('?')[0];
		const isTest = path.startsWith('/webhook-test/');
		const rawBody = await readBody(req);
		const respond = (status: number, body: unknown) => {
			res.statusCode = status;
			res.setHeader('content-type', 'application/json');
			res.end(JSON.stringify(body));
		};
		const record = () =>
			new Promise<void>((resolve) =>
				res.once('finish', () => {
					this.responses.push({ path, status: res.statusCode });
					resolve();
				}),
			);
		void record();

		const expected = isTest
			? `/webhook-test/${this.webhookId}/webhook`
			: `/webhook/${this.webhookId}/webhook`;
		const registered = isTest ? this.testRegistration !== undefined : this.productionActive;
		if (path !== expected || !registered || req.method !== 'POST') {
			respond(404, { code: 404, message: 'The requested webhook is not registered.' });
			return;
		}

		let body: unknown = {};
		if ((req.headers['content-type'] ?? '').includes('json') && rawBody.length > 0) {
			try {
				body = JSON.parse(rawBody.toString('utf8'));
			} catch {
				respond(400, { message: 'Invalid JSON' });
				return;
			}
		}
		const request = Object.assign(req, { rawBody, body, query: {}, params: {} });

		const mode: WorkflowExecuteMode = isTest ? 'manual' : 'webhook';
		// LiveWebhooks loads the static data from the database for every request.
		const storedStaticData = isTest ? {} : (JSON.parse(this.savedStaticData) as IDataObject);
		const workflow = this.workflow(storedStaticData);
		if (isTest) workflow.setTestStaticData(this.testRegistration!.staticData as never);
		const additionalData = this.additionalData(workflow, mode);
		additionalData.httpRequest = request as never;
		additionalData.httpResponse = expressLikeResponse(res) as never;
		const node = workflow.getNode(TRIGGER_NODE_NAME)!;
		const context = new WebhookContext(
			workflow,
			node,
			additionalData,
			mode,
			this.webhookData(workflow, mode, isTest),
			[],
			null,
		);
		const result = (await this.nodeType().webhook!.call(context)) as IWebhookResponseData;

		// LiveWebhooks saves static data in the response callback, i.e. when the request is answered
		// (test listeners never save). When the node answered itself (noWebhookResponse), that is now.
		let answered = false;
		const answer = (status?: number, body?: unknown) => {
			if (status !== undefined) respond(status, body);
			answered = true;
			if (!isTest) this.saveStaticData(workflow);
		};
		if (result.noWebhookResponse === true) answer();
		if (result.workflowData === undefined) {
			if (!answered) answer(200, result.webhookResponse ?? { message: 'Webhook call received' });
			return;
		}
		if (this.takeRunDelayMs > 0) {
			await new Promise((resolve) => setTimeout(resolve, this.takeRunDelayMs));
		}
		if (this.failToStartRuns) {
			if (!answered) respond(500, { message: 'There was a problem executing the workflow' });
			return;
		}
		// WorkflowRunner.run builds a Workflow over the same static data object before the deferred
		// "onReceived" answer; n8n's ObservableObject then marks the data unchanged again.
		this.workflow(storedStaticData);
		// Then n8n reads the answer's body (extractWebhookOnReceivedResponse: the node's own body when
		// its description's responseData is empty), saves static data if marked changed, and answers.
		if (!answered) answer(200, result.webhookResponse ?? { message: 'Workflow was started' });

		const runExecutionData = createRunExecutionData({
			executionData: {
				nodeExecutionStack: [{ node, data: { main: result.workflowData }, source: null }],
			},
		});
		const run = await new WorkflowExecute(
			additionalData,
			mode,
			runExecutionData,
		).processRunExecutionData(workflow);
		const triggerTask = run.data.resultData.runData[TRIGGER_NODE_NAME]?.[0];
		this.executions.push({
			mode,
			items: (triggerTask?.data?.main[0] ?? []).map((item) => item.json),
			run,
		});
		// n8n stops test listening after the first execution.
		if (isTest) await this.stopListening();
	}
}
