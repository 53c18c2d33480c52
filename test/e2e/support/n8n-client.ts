/* eslint-disable @n8n/community-nodes/no-restricted-globals */
import { randomUUID } from 'node:crypto';

/**
 * A small typed client for the REST API that n8n's own editor uses (`/rest/...`, cookie session), which
 * is what a user's clicks turn into: owner setup, login, credentials, workflows, activation, manual runs,
 * executions. Execution data comes back in n8n's `flatted` encoding; the parser is injected (n8n's own copy
 * of `flatted`, see n8n-instance.ts) so this module has no dependency on n8n's install.
 */

export interface OwnerAccount {
	email: string;
	password: string;
	firstName: string;
	lastName: string;
}

export interface WorkflowNode {
	id?: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	webhookId?: string;
	disabled?: boolean;
}

export interface WorkflowDefinition {
	name: string;
	nodes: WorkflowNode[];
	connections: Record<string, unknown>;
	settings?: Record<string, unknown>;
	pinData?: Record<string, unknown>;
}

export interface StoredWorkflow extends WorkflowDefinition {
	id: string;
	versionId: string;
	active: boolean;
	activeVersionId?: string | null;
}

export type ExecutionStatus =
	| 'new'
	| 'running'
	| 'success'
	| 'error'
	| 'canceled'
	| 'crashed'
	| 'waiting'
	| 'unknown';

export interface ExecutionSummary {
	id: string;
	workflowId: string;
	status: ExecutionStatus;
	mode: string;
	startedAt: string | null;
	stoppedAt: string | null;
}

export interface NodeRunItem {
	json: Record<string, unknown>;
	binary?: Record<
		string,
		{ id?: string; fileName?: string; mimeType: string; data?: string; fileSize?: string }
	>;
}

export interface NodeRun {
	executionStatus?: string;
	error?: { message: string; description?: string | null; httpCode?: string | null };
	data?: { main?: Array<NodeRunItem[] | null> };
}

export interface ExecutionDetails extends ExecutionSummary {
	/** Per node name, one entry per run of that node. */
	runData: Record<string, NodeRun[]>;
	error?: { message: string; node?: { name: string } };
	lastNodeExecuted?: string;
}

export interface NodeTypeDescription {
	name: string;
	displayName: string;
	description?: string;
	version: number | number[];
	defaultVersion?: number;
	group: string[];
	icon?: unknown;
	iconUrl?: unknown;
	credentials?: Array<{ name: string }>;
	properties: Array<{ name: string; displayName: string; type: string; options?: unknown[] }>;
}

export interface PublicationStatus {
	status: 'in_progress' | 'not_published' | 'published' | 'partial' | 'failed';
	liveVersionId: string | null;
	pendingVersionId: string | null;
	triggers: Array<{ nodeId: string; status: string; errorMessage: string | null }>;
}

export class N8nApiError extends Error {
	constructor(
		readonly method: string,
		readonly path: string,
		readonly status: number,
		readonly body: string,
	) {
		super(`${method} ${path} answered ${status}: ${body.slice(0, 500)}`);
	}
}

const TERMINAL_STATUSES: ExecutionStatus[] = ['success', 'error', 'canceled', 'crashed'];

const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

export class N8nClient {
	private cookie = '';

	/** n8n ties the session cookie to the browser that logged in; a constant id plays that browser. */
	private readonly browserId = randomUUID();

	/**
	 * @param n8nMajor The n8n major version behind `baseUrl`: n8n 1.x publishes synchronously and runs a
	 * workflow by hand from the workflow sent along, where 2.x publishes through an outbox and runs the stored one.
	 */
	constructor(
		readonly baseUrl: string,
		private readonly parseFlatted: (text: string) => unknown,
		readonly n8nMajor = 2,
	) {}

	async request<T>(method: string, path: string, body?: unknown): Promise<T> {
		const headers: Record<string, string> = {
			'browser-id': this.browserId,
			accept: 'application/json',
		};
		if (this.cookie) headers.cookie = this.cookie;
		if (body !== undefined) headers['content-type'] = 'application/json';
		const send = async () =>
			await fetch(`${this.baseUrl}${path}`, {
				method,
				headers,
				body: body === undefined ? undefined : JSON.stringify(body),
			});
		// n8n may close a kept-alive connection just as the next request goes out on it ("other side closed",
		// seen after the large /types files on a busy machine); a read is safe to send again.
		const response = await send().catch(async (error: unknown) => {
			const code = (error as { cause?: { code?: string } })?.cause?.code;
			if (method !== 'GET' || code !== 'UND_ERR_SOCKET') throw error;
			return await send();
		});
		const setCookie = response.headers.getSetCookie().find((c) => c.startsWith('n8n-auth='));
		if (setCookie) this.cookie = setCookie.split(';')[0];
		const text = await response.text();
		if (!response.ok) throw new N8nApiError(method, path, response.status, text);
		if (!text) return undefined as T;
		const parsed = JSON.parse(text) as { data?: T };
		return (parsed && typeof parsed === 'object' && 'data' in parsed ? parsed.data : parsed) as T;
	}

	/** The session cookie (`n8n-auth=...`), for a browser that should start logged in. */
	get sessionCookie(): string {
		return this.cookie;
	}

	/**
	 * Ready for the editor's calls: the readiness probe answers, and so does the REST API (n8n 1.x reports
	 * ready while its migrations still run, before the /rest routes exist).
	 */
	async isHealthy(): Promise<boolean> {
		try {
			const readiness = await fetch(`${this.baseUrl}/healthz/readiness`);
			if (!readiness.ok) return false;
			return (await fetch(`${this.baseUrl}/rest/settings`)).ok;
		} catch {
			return false;
		}
	}

	async settings(): Promise<
		{ userManagement: { showSetupOnFirstLoad?: boolean } } & Record<string, unknown>
	> {
		return await this.request('GET', '/rest/settings');
	}

	async setupOwner(owner: OwnerAccount): Promise<{ id: string; email: string }> {
		return await this.request('POST', '/rest/owner/setup', owner);
	}

	async login(email: string, password: string): Promise<{ id: string; email: string }> {
		return await this.request('POST', '/rest/login', { emailOrLdapLoginId: email, password });
	}

	async createCredential(credential: {
		name: string;
		type: string;
		data: Record<string, unknown>;
	}): Promise<{ id: string; name: string; type: string }> {
		return await this.request('POST', '/rest/credentials', credential);
	}

	async listCredentials(): Promise<Array<{ id: string; name: string; type: string }>> {
		return await this.request('GET', '/rest/credentials');
	}

	/** A stored credential with its data as the editor's credential dialog gets it (secrets redacted). */
	async getCredential(
		id: string,
	): Promise<{ id: string; name: string; type: string; data: Record<string, unknown> }> {
		return await this.request('GET', `/rest/credentials/${id}?includeData=true`);
	}

	/**
	 * The "Test" button of the credential dialog: the editor sends the form's data (secrets still redacted),
	 * and n8n fills the redacted values in from the stored credential before it tests.
	 */
	async testCredential(id: string): Promise<{ status: 'OK' | 'Error'; message: string }> {
		const { name, type, data } = await this.getCredential(id);
		return await this.request('POST', '/rest/credentials/test', {
			credentials: { id, name, type, data },
		});
	}

	async createWorkflow(workflow: WorkflowDefinition): Promise<StoredWorkflow> {
		return await this.request('POST', '/rest/workflows', {
			settings: { executionOrder: 'v1' },
			// n8n 1.x stores `active` as sent (the editor sends false); without it the insert fails.
			...(this.n8nMajor < 2 ? { active: false } : {}),
			...workflow,
		});
	}

	async getWorkflow(id: string): Promise<StoredWorkflow> {
		return await this.request('GET', `/rest/workflows/${id}`);
	}

	/** Publishes the workflow's current version (the editor's "Publish"/"Active" toggle). */
	async activateWorkflow(id: string): Promise<StoredWorkflow> {
		const { versionId } = await this.getWorkflow(id);
		return await this.request('POST', `/rest/workflows/${id}/activate`, { versionId });
	}

	async deactivateWorkflow(id: string): Promise<StoredWorkflow> {
		return await this.request('POST', `/rest/workflows/${id}/deactivate`, {});
	}

	/**
	 * n8n 2.41 publishes through an outbox: the activate/deactivate call returns at once and the triggers are
	 * set up (or torn down) moments later. This is what the editor polls to show "Published".
	 */
	async publicationStatus(id: string): Promise<PublicationStatus> {
		return await this.request('GET', `/rest/workflows/${id}/publication-status`);
	}

	/** Waits until the workflow's triggers are live ('published') or gone ('not_published'). */
	async waitForPublication(
		id: string,
		expected: 'published' | 'not_published',
		timeoutMs = 30_000,
	): Promise<PublicationStatus> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const status = await this.publicationStatus(id);
			if (status.status === expected) return status;
			if (status.status === 'failed' || status.status === 'partial') {
				const why = status.triggers
					.map((t) => t.errorMessage)
					.filter(Boolean)
					.join('; ');
				throw new Error(`Publishing workflow ${id} ${status.status}: ${why}`);
			}
			if (Date.now() > deadline) {
				throw new Error(
					`Workflow ${id} still "${status.status}" after ${timeoutMs} ms (wanted ${expected})`,
				);
			}
			await sleep(100);
		}
	}

	/** Publish and wait until the triggers are live. */
	async publish(id: string): Promise<void> {
		const workflow = await this.activateWorkflow(id);
		// n8n 1.x has set up the triggers when "activate" answers (it fails the call otherwise).
		if (this.n8nMajor < 2) return expectActive(workflow, true);
		await this.waitForPublication(id, 'published');
	}

	/** Unpublish and wait until the triggers are gone. */
	async unpublish(id: string): Promise<void> {
		const workflow = await this.deactivateWorkflow(id);
		if (this.n8nMajor < 2) return expectActive(workflow, false);
		await this.waitForPublication(id, 'not_published');
	}

	async archiveWorkflow(id: string): Promise<void> {
		await this.request('POST', `/rest/workflows/${id}/archive`, {});
	}

	async deleteWorkflow(id: string): Promise<void> {
		await this.archiveWorkflow(id).catch(() => undefined);
		await this.request('DELETE', `/rest/workflows/${id}`);
	}

	/** "Execute workflow" from the given trigger (a Manual Trigger, usually); returns the execution id. */
	async runManually(workflowId: string, triggerName: string): Promise<string> {
		const triggerToStartFrom = { name: triggerName };
		// n8n 1.x runs the workflow the editor sends (with its pinned data); 2.x loads the saved one.
		const body =
			this.n8nMajor < 2
				? { workflowData: await this.getWorkflow(workflowId), triggerToStartFrom }
				: { triggerToStartFrom };
		const result = await this.request<{ executionId?: string; waitingForWebhook?: boolean }>(
			'POST',
			`/rest/workflows/${workflowId}/run`,
			body,
		);
		if (!result?.executionId) {
			throw new Error(`n8n did not start workflow ${workflowId}: ${JSON.stringify(result)}`);
		}
		return result.executionId;
	}

	async listExecutions(workflowId: string): Promise<ExecutionSummary[]> {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const page = await this.request<{ results: ExecutionSummary[] }>(
			'GET',
			`/rest/executions?filter=${filter}&limit=100`,
		);
		return page.results;
	}

	async getExecution(id: string): Promise<ExecutionDetails> {
		const raw = await this.request<ExecutionSummary & { data: string }>(
			'GET',
			`/rest/executions/${id}`,
		);
		// A run that has just started has no data stored yet.
		const data = ((raw.data ? this.parseFlatted(raw.data) : undefined) ?? {}) as {
			resultData?: {
				runData?: Record<string, NodeRun[]>;
				error?: ExecutionDetails['error'];
				lastNodeExecuted?: string;
			};
		};
		return {
			id: raw.id,
			workflowId: raw.workflowId,
			status: raw.status,
			mode: raw.mode,
			startedAt: raw.startedAt,
			stoppedAt: raw.stoppedAt,
			runData: data.resultData?.runData ?? {},
			error: data.resultData?.error,
			lastNodeExecuted: data.resultData?.lastNodeExecuted,
		};
	}

	async waitForExecution(id: string, timeoutMs = 60_000): Promise<ExecutionDetails> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const execution = await this.getExecution(id).catch((error: unknown) => {
				// Right after the start the execution may not be stored yet.
				if (error instanceof N8nApiError && error.status === 404) return undefined;
				throw error;
			});
			// n8n 1.x can report "success" a moment before it has stored the run's data.
			const stored = execution?.status !== 'success' || Object.keys(execution.runData).length > 0;
			if (execution && TERMINAL_STATUSES.includes(execution.status) && stored) return execution;
			if (Date.now() > deadline) {
				throw new Error(
					`Execution ${id} did not finish within ${timeoutMs} ms (${execution?.status})`,
				);
			}
			await sleep(250);
		}
	}

	/** The bytes of a binary property of an execution (n8n keeps them apart from the execution data). */
	async binaryData(id: string): Promise<Buffer> {
		const headers: Record<string, string> = { 'browser-id': this.browserId, cookie: this.cookie };
		const url = `${this.baseUrl}/rest/binary-data?id=${encodeURIComponent(id)}&action=download`;
		const response = await fetch(url, { headers });
		if (!response.ok) {
			throw new N8nApiError('GET', '/rest/binary-data', response.status, await response.text());
		}
		return Buffer.from(await response.arrayBuffer());
	}

	/** Every node type n8n loaded (what the editor's node panel is built from). */
	async nodeTypes(): Promise<NodeTypeDescription[]> {
		return await this.request('GET', '/types/nodes.json');
	}

	async credentialTypes(): Promise<
		Array<{ name: string; displayName: string; extends?: string[] }>
	> {
		return await this.request('GET', '/types/credentials.json');
	}

	/** Settings > Community nodes. */
	async communityPackages(): Promise<
		Array<{
			packageName: string;
			installedVersion: string;
			failedLoading?: boolean;
			installedNodes: Array<{ name: string; type: string }>;
		}>
	> {
		return await this.request('GET', '/rest/community-packages');
	}
}

function expectActive(workflow: StoredWorkflow, active: boolean): void {
	if (workflow.active !== active) {
		throw new Error(
			`Workflow ${workflow.id} is ${workflow.active ? 'active' : 'inactive'}, wanted the opposite`,
		);
	}
}

/** The output items of a node's last run (main output 0 unless told otherwise). */
export function nodeOutput(
	execution: ExecutionDetails,
	nodeName: string,
	output = 0,
): NodeRunItem[] {
	const runs = execution.runData[nodeName];
	if (!runs || runs.length === 0) {
		throw new Error(
			`Node "${nodeName}" did not run (ran: ${Object.keys(execution.runData).join(', ')}; error: ${execution.error?.message ?? 'none'})`,
		);
	}
	const run = runs[runs.length - 1];
	if (run.error)
		throw new Error(
			`Node "${nodeName}" failed: ${run.error.message} ${run.error.description ?? ''}`,
		);
	return run.data?.main?.[output] ?? [];
}
