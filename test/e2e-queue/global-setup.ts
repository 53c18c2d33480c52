/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error, no-console */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';

import type { TestProject } from 'vitest/node';

import { startSandbox } from '../sandbox/server';
import { liveProcessGroups } from '../e2e/support/child-processes';
import { DEFAULT_OWNER } from '../e2e/support/n8n-instance';
import { buildAndPack } from '../e2e/support/package-tarball';
import { createWorkfluxCredential } from '../e2e/support/workflux-credential';
import type { QueueContext } from './support/queue-context';
import {
	PROCESS_GROUPS_FILE,
	QUEUE_N8N_ENV_VARIABLE,
	QUEUE_RESULTS_DIR,
} from './support/queue-paths';
import { ROLES, startQueueTopology, type QueueTopology } from './support/topology';

/**
 * One sandbox (in this process) and one queue-mode topology (PostgreSQL, Redis, nginx, five n8n processes)
 * for all files of the suite: starting it costs a minute or two, so every check shares it.
 * `test/e2e-queue/run.ts` builds and packs first and passes the tarball in WORKFLUX_E2E_TARBALL.
 */
export default async function setup(project: TestProject) {
	mkdirSync(QUEUE_RESULTS_DIR, { recursive: true });
	const tarball =
		process.env.WORKFLUX_E2E_TARBALL || (await buildAndPack(undefined, QUEUE_RESULTS_DIR)).file;

	// The load checks send thousands of calls a minute; the default limit (600/min) would turn them into waits.
	const sandbox = await startSandbox({
		port: 0,
		rateLimit: { limit: 1_000_000, windowSeconds: 60, algorithm: 'fixed' },
	});
	let topology: QueueTopology | undefined;
	const teardown = async () => {
		await topology?.stop();
		await sandbox.close();
		rmSync(PROCESS_GROUPS_FILE, { force: true });
	};
	try {
		const n8nEnv: Record<string, string> = JSON.parse(process.env[QUEUE_N8N_ENV_VARIABLE] || '{}');
		if (Object.keys(n8nEnv).length > 0)
			console.log(`n8n settings (--env): ${JSON.stringify(n8nEnv)}`);
		topology = await startQueueTopology({ tarball, logDir: QUEUE_RESULTS_DIR, n8nEnv });
		// A parent (run.ts) kills these if this process dies before its teardown.
		writeFileSync(PROCESS_GROUPS_FILE, liveProcessGroups().join('\n'));
		const client = topology.mainClient();
		await client.setupOwner(DEFAULT_OWNER);
		await client.login(DEFAULT_OWNER.email, DEFAULT_OWNER.password);
		const credential = await createWorkfluxCredential(client, sandbox.baseUrl);
		const origins = Object.fromEntries(
			ROLES.map((role) => [role, topology!.processes[role].origin]),
		) as QueueContext['origins'];
		const logFiles = Object.fromEntries(
			ROLES.map((role) => [role, topology!.processes[role].logFile]),
		) as QueueContext['logFiles'];
		const context: QueueContext = {
			mainUrl: topology.processes.main.origin,
			publicOrigin: topology.nginx.origin,
			stickyOrigin: topology.nginxByWebhookId.origin,
			origins,
			logFiles,
			nginxAccessLog: topology.nginx.accessLog,
			database: topology.postgres.database,
			n8nInstallDir: topology.installation.dir,
			sandboxOrigin: sandbox.origin,
			sandboxBaseUrl: sandbox.baseUrl,
			owner: { email: DEFAULT_OWNER.email, password: DEFAULT_OWNER.password },
			credential,
			resultsDir: QUEUE_RESULTS_DIR,
		};
		project.provide('queue', context);
	} catch (error) {
		await teardown();
		throw error;
	}
	return teardown;
}
