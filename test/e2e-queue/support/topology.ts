/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error, no-console */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import {
	removeOnExit,
	startBackground,
	type BackgroundProcess,
} from '../../e2e/support/child-processes';
import {
	installCommunityPackageTarball,
	type InstalledCommunityPackage,
} from '../../e2e/support/community-package';
import { freePort } from '../../e2e/support/free-port';
import { N8nClient } from '../../e2e/support/n8n-client';
import { ensureN8nInstalled, type N8nInstallation } from '../../e2e/support/n8n-install';
import { flattedParser, n8nEnvironment } from '../../e2e/support/n8n-instance';
import {
	startNginx,
	startPostgres,
	startRedis,
	type Nginx,
	type Postgres,
	type Service,
} from './services';

/**
 * n8n in queue mode as a self-hosted team runs it, all on 127.0.0.1:
 *
 *   nginx (public address, N8N_WEBHOOK_URL) ── /webhook/… round-robin ──> webhook-1, webhook-2 (`n8n webhook`)
 *                                          └── everything else ─────────> main (`n8n start`: editor, REST, activation)
 *   main and webhook processes enqueue executions in Redis (Bull) ──> worker-1, worker-2 (`n8n worker`)
 *   every process shares one PostgreSQL database and one encryption key.
 *
 * The community package reaches every process the way a self-hosted deployment ships it: installed once
 * into a shared nodes folder (a shared volume, or a folder baked into the image) that each process's
 * `<N8N_USER_FOLDER>/.n8n/nodes` points to, so each one loads it at start under its real type names.
 */

export type Role = 'main' | 'worker-1' | 'worker-2' | 'webhook-1' | 'webhook-2';
export const ROLES: Role[] = ['main', 'worker-1', 'worker-2', 'webhook-1', 'webhook-2'];

export interface N8nProcess {
	role: Role;
	/** Where its HTTP server listens (the worker's is its health-check server). */
	port: number;
	origin: string;
	logFile: string;
	process: BackgroundProcess;
}

export interface QueueTopology {
	installation: N8nInstallation;
	postgres: Postgres;
	redis: Service;
	nginx: Nginx;
	/** A second nginx over the same processes that routes by `webhook-id` (see README, Running at scale). */
	nginxByWebhookId: Nginx;
	processes: Record<Role, N8nProcess>;
	communityPackage: InstalledCommunityPackage;
	/** Seconds from the first spawn until every n8n process was ready. */
	startSeconds: number;
	mainClient(): N8nClient;
	stop(): Promise<void>;
}

const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

/** Every worker runs this many executions at once (n8n's default is 10; it warns below 5). */
export const WORKER_CONCURRENCY = 10;

function queueSettings(options: {
	postgres: Postgres;
	redisPort: number;
	publicOrigin: string;
	encryptionKey: string;
}): NodeJS.ProcessEnv {
	const db = options.postgres.database;
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(options.redisPort),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: db.host,
		DB_POSTGRESDB_PORT: String(db.port),
		DB_POSTGRESDB_DATABASE: db.name,
		DB_POSTGRESDB_USER: db.user,
		DB_POSTGRESDB_PASSWORD: db.password,
		// The same key in every process, or workers cannot read the credentials main stored.
		N8N_ENCRYPTION_KEY: options.encryptionKey,
		// The address WorkFlux delivers to: nginx, not any one n8n process.
		N8N_WEBHOOK_URL: `${options.publicOrigin}/`,
		// Production webhooks only on the webhook processes (main keeps the editor and test webhooks).
		N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
		// "Execute workflow" runs on the workers too, as n8n recommends for queue mode.
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		// The workers' health server (/healthz/readiness), on loopback like everything else.
		QUEUE_HEALTH_CHECK_ACTIVE: 'true',
		N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
		N8N_RUNNERS_MODE: 'internal',
	};
}

/**
 * What the README recommends for the processes that receive webhooks. With n8n's default expression engine,
 * n8n 2.41 sets up an expression isolate for every request to a trigger other than its own Webhook node,
 * even when nothing in the request needs one (`webhookPhaseNeedsIsolate` in live-webhooks.ts); with lazy
 * acquisition it sets one up only when an expression is evaluated, which the WorkFlux Trigger never needs.
 * Measured in load.queue.ts (mean of two rounds): the trigger answered 9.1 deliveries/s without it, 59.5/s with it.
 */
const webhookProcessSettings = { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' };

async function waitReady(proc: N8nProcess, timeoutMs = 240_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		try {
			const response = await fetch(`${proc.origin}/healthz/readiness`);
			if (response.ok) return;
		} catch {
			// Not listening yet.
		}
		if (proc.process.hasExited())
			throw new Error(
				`n8n ${proc.role} exited during start (${proc.logFile}):\n${proc.process.tail(40)}`,
			);
		if (Date.now() > deadline)
			throw new Error(
				`n8n ${proc.role} was not ready within ${timeoutMs / 1000} s:\n${proc.process.tail(40)}`,
			);
		await sleep(300);
	}
}

/** A user folder of its own whose `.n8n/nodes` is the shared nodes folder. */
function userFolderFor(role: Role, sharedNodes: string): string {
	const folder = mkdtempSync(path.join(tmpdir(), `workflux-queue-${role}-`));
	removeOnExit(folder);
	mkdirSync(path.join(folder, '.n8n'));
	symlinkSync(sharedNodes, path.join(folder, '.n8n', 'nodes'), 'dir');
	return folder;
}

function commandFor(role: Role): string[] {
	if (role === 'main') return ['start'];
	if (role.startsWith('worker')) return ['worker', `--concurrency=${WORKER_CONCURRENCY}`];
	return ['webhook'];
}

export async function startQueueTopology(options: {
	tarball: string;
	logDir: string;
	log?: (line: string) => void;
	/** n8n settings for every n8n process, over the ones above (run.ts `--env KEY=VALUE`). */
	n8nEnv?: Record<string, string>;
}): Promise<QueueTopology> {
	const log = options.log ?? console.log;
	mkdirSync(options.logDir, { recursive: true });
	const installation = await ensureN8nInstalled(log);

	// The shared nodes folder: the package installed once, as n8n's own UI install lays it out.
	const shared = mkdtempSync(path.join(tmpdir(), 'workflux-queue-shared-'));
	removeOnExit(shared);
	const communityPackage = await installCommunityPackageTarball(options.tarball, shared, {
		nodeBinary: installation.nodeBinary,
		logFile: path.join(options.logDir, 'community-package-install.log'),
	});
	const sharedNodes = path.join(shared, '.n8n', 'nodes');

	const ports = {} as Record<Role, number>;
	const brokerPorts = {} as Record<Role, number>;
	const taken = new Set<number>();
	const uniquePort = async () => {
		let port = await freePort();
		while (taken.has(port)) port = await freePort();
		taken.add(port);
		return port;
	};
	for (const role of ROLES) {
		ports[role] = await uniquePort();
		brokerPorts[role] = await uniquePort();
	}

	const started: Array<{ stop(): Promise<void> }> = [];
	const stopAll = async () => {
		// n8n first (it holds connections), then the services.
		const n8n = started.filter((s) => 'role' in s);
		await Promise.all(n8n.map(async (s) => await s.stop()));
		await Promise.all(started.filter((s) => !('role' in s)).map(async (s) => await s.stop()));
	};

	try {
		const upstreams = { main: ports.main, webhooks: [ports['webhook-1'], ports['webhook-2']] };
		const [postgres, redis, nginx, nginxByWebhookId] = await Promise.all([
			startPostgres(options.logDir),
			startRedis(options.logDir),
			startNginx(options.logDir, upstreams),
			startNginx(options.logDir, upstreams, 'webhook-id'),
		]);
		started.push(postgres, redis, nginx, nginxByWebhookId);
		log(`PostgreSQL :${postgres.port}, Redis :${redis.port}, nginx ${nginx.origin}`);

		const settings = queueSettings({
			postgres,
			redisPort: redis.port,
			publicOrigin: nginx.origin,
			encryptionKey: randomBytes(24).toString('base64url'),
		});
		const processes = {} as Record<Role, N8nProcess>;
		const spawnRole = (role: Role): N8nProcess => {
			const userFolder = userFolderFor(role, sharedNodes);
			const env = n8nEnvironment({
				installation,
				userFolder,
				port: ports[role],
				brokerPort: brokerPorts[role],
				extraEnv: {
					...settings,
					QUEUE_HEALTH_CHECK_PORT: String(ports[role]),
					N8N_LOG_OUTPUT: 'console',
					...(role.startsWith('webhook') ? webhookProcessSettings : {}),
					...options.n8nEnv,
				},
			});
			const logFile = path.join(options.logDir, `${role}.log`);
			rmSync(logFile, { force: true });
			const child = startBackground(
				installation.nodeBinary,
				[installation.n8nBin, ...commandFor(role)],
				{
					cwd: userFolder,
					env,
					logFile,
				},
			);
			const proc: N8nProcess = {
				role,
				port: ports[role],
				origin: `http://127.0.0.1:${ports[role]}`,
				logFile,
				process: child,
			};
			started.push({
				role,
				stop: async () => {
					await child.stop();
					rmSync(userFolder, { recursive: true, force: true });
				},
			} as { role: Role; stop(): Promise<void> });
			processes[role] = proc;
			return proc;
		};

		const t0 = Date.now();
		// Main first: it runs the database migrations the others expect.
		await waitReady(spawnRole('main'));
		log(`n8n main ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
		const others = ROLES.filter((role) => role !== 'main').map(spawnRole);
		await Promise.all(others.map(async (proc) => await waitReady(proc)));
		const startSeconds = (Date.now() - t0) / 1000;
		log(
			`n8n queue topology (main, 2 workers, 2 webhook processes) ready in ${startSeconds.toFixed(1)} s`,
		);

		const parseFlatted = flattedParser(installation.dir);
		return {
			installation,
			postgres,
			redis,
			nginx,
			nginxByWebhookId,
			processes,
			communityPackage,
			startSeconds,
			mainClient: () => new N8nClient(processes.main.origin, parseFlatted),
			stop: async () => {
				await stopAll();
				rmSync(shared, { recursive: true, force: true });
			},
		};
	} catch (error) {
		await stopAll();
		rmSync(shared, { recursive: true, force: true });
		throw error;
	}
}
