/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import { inject } from 'vitest';

import { N8nClient, type NodeRunItem, type NodeRun } from '../../e2e/support/n8n-client';
import { flattedParser } from '../../e2e/support/n8n-instance';
import { SandboxHttp } from '../../e2e/support/sandbox-http';
import type { QueueContext } from './queue-context';
import type { Role } from './topology';

/**
 * For a test file: the running topology's main (logged in as the owner), the sandbox, n8n's database read
 * with n8n's own PostgreSQL driver, and the n8n and nginx logs that say which process did what.
 */

interface PgClient {
	connect(): Promise<void>;
	query<R>(sql: string, params?: unknown[]): Promise<{ rows: R[] }>;
	end(): Promise<void>;
}

export interface ExecutionRow {
	id: string;
	status: string;
	mode: string;
}

const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

export class QueueSession {
	readonly sandbox: SandboxHttp;
	private readonly parseFlatted: (text: string) => unknown;

	private constructor(
		readonly ctx: QueueContext,
		readonly n8n: N8nClient,
		private readonly db: PgClient,
	) {
		this.sandbox = new SandboxHttp(ctx.sandboxOrigin);
		this.parseFlatted = flattedParser(ctx.n8nInstallDir);
	}

	static async open(): Promise<QueueSession> {
		const ctx = inject('queue');
		const n8n = new N8nClient(ctx.mainUrl, flattedParser(ctx.n8nInstallDir));
		await n8n.login(ctx.owner.email, ctx.owner.password);
		const requireFromN8n = createRequire(
			path.join(ctx.n8nInstallDir, 'node_modules', 'n8n', 'package.json'),
		);
		const { Client } = requireFromN8n('pg') as { Client: new (config: object) => PgClient };
		const db = new Client({
			host: ctx.database.host,
			port: ctx.database.port,
			database: ctx.database.name,
			user: ctx.database.user,
			password: ctx.database.password,
		});
		await db.connect();
		return new QueueSession(ctx, n8n, db);
	}

	async close(): Promise<void> {
		await this.db.end();
	}

	async query<R>(sql: string, params: unknown[] = []): Promise<R[]> {
		return (await this.db.query<R>(sql, params)).rows;
	}

	async executions(workflowId: string): Promise<ExecutionRow[]> {
		return await this.query<ExecutionRow>(
			'SELECT id::text AS id, status, mode FROM execution_entity WHERE "workflowId" = $1 ORDER BY id',
			[workflowId],
		);
	}

	/**
	 * Waits until the workflow has at least `count` finished executions and no more arrive for `quietMs` (a
	 * duplicate would come right after), then returns them all.
	 */
	async waitForExecutions(
		workflowId: string,
		count: number,
		options: { timeoutMs?: number; quietMs?: number } = {},
	): Promise<ExecutionRow[]> {
		const deadline = Date.now() + (options.timeoutMs ?? 60_000);
		for (;;) {
			const rows = await this.executions(workflowId);
			const finished = rows.filter((r) => !['new', 'running', 'waiting'].includes(r.status));
			if (finished.length >= count && finished.length === rows.length) {
				await sleep(options.quietMs ?? 2_000);
				const again = await this.executions(workflowId);
				if (again.length === rows.length) return again;
			} else if (Date.now() > deadline) {
				throw new Error(
					`Expected ${count} finished executions of ${workflowId}, have ${finished.length} of ${rows.length}`,
				);
			}
			await sleep(300);
		}
	}

	/** The run data per node of stored executions, read straight from the database. */
	async runData(executionIds: string[]): Promise<Map<string, Record<string, NodeRun[]>>> {
		const rows = await this.query<{ id: string; data: string }>(
			'SELECT "executionId"::text AS id, data FROM execution_data WHERE "executionId" = ANY($1::int[])',
			[executionIds.map(Number)],
		);
		const result = new Map<string, Record<string, NodeRun[]>>();
		for (const row of rows) {
			const parsed = this.parseFlatted(row.data) as {
				resultData?: { runData?: Record<string, NodeRun[]> };
			};
			result.set(row.id, parsed.resultData?.runData ?? {});
		}
		return result;
	}

	/** The first output items of `nodeName` per execution. */
	async outputs(executionIds: string[], nodeName: string): Promise<Map<string, NodeRunItem[]>> {
		const result = new Map<string, NodeRunItem[]>();
		for (const [id, runData] of await this.runData(executionIds)) {
			const runs = runData[nodeName] ?? [];
			result.set(
				id,
				runs.flatMap((run) => run.data?.main?.[0] ?? []),
			);
		}
		return result;
	}

	/** Which worker ran each execution, from the workers' own log lines. */
	workerOfExecutions(): Map<string, Role> {
		const result = new Map<string, Role>();
		for (const role of ['worker-1', 'worker-2'] as const) {
			const text = readFileSync(this.ctx.logFiles[role], 'utf8');
			for (const match of text.matchAll(/Worker started execution (\d+)/g))
				result.set(match[1], role);
		}
		return result;
	}

	/** Requests nginx passed on, per n8n process, optionally only those with one of the given webhook ids. */
	nginxUpstreams(webhookIds?: Set<string>): Record<string, number> {
		const byPort = new Map(
			Object.entries(this.ctx.origins).map(([role, origin]) => [new URL(origin).port, role]),
		);
		const counts: Record<string, number> = {};
		for (const line of readFileSync(this.ctx.nginxAccessLog, 'utf8').split('\n')) {
			const [upstream, , webhookId] = line.split(' ');
			if (!upstream || (webhookIds && !webhookIds.has(webhookId))) continue;
			// A retried request lists every upstream tried ("a, b"); the last one answered.
			const last = upstream.split(',').pop()!.trim();
			const role = byPort.get(last.split(':').pop() ?? '') ?? last;
			counts[role] = (counts[role] ?? 0) + 1;
		}
		return counts;
	}
}
