/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error, no-console */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

import {
	cleanEnvironment,
	keepDir,
	removeOnExit,
	startBackground,
	type BackgroundProcess,
} from './child-processes';
import {
	installCommunityPackageTarball,
	recordInstalledPackage,
	type InstalledCommunityPackage,
	type LoadedNodeSummary,
} from './community-package';
import { freePort } from './free-port';
import { N8nClient, type OwnerAccount } from './n8n-client';
import { ensureN8nInstalled, type N8nInstallation } from './n8n-install';
import { n8nInstallDir, n8nMajor, RESULTS_DIR } from './repo-paths';

/**
 * A real n8n on 127.0.0.1: the cached install (n8n-install.ts), a fresh user folder in a temp dir (SQLite
 * database, encryption key, community packages), our tarball installed as a community package, free ports,
 * and everything that would phone home switched off.
 */

export interface N8nInstance {
	baseUrl: string;
	port: number;
	userFolder: string;
	databaseFile: string;
	logFile: string;
	installation: N8nInstallation;
	communityPackage?: InstalledCommunityPackage;
	/** Seconds from spawn to ready. */
	startSeconds: number;
	process: BackgroundProcess;
	/** A client without a session (log in or set up the owner first). */
	client(): N8nClient;
	/** Stops n8n and starts it again on the same port, user folder and database (a server restart). */
	restart(): Promise<void>;
	stop(): Promise<void>;
}

export interface StartN8nOptions {
	/** An `npm pack` tarball to install as a community package before the start. */
	tarball?: string;
	/** Another n8n than the cached install of this run's version (the Docker image's layout). */
	installation?: N8nInstallation;
	/** N8N_USER_FOLDER (n8n keeps `.n8n` inside); a fresh temp folder, removed at stop, by default. */
	userFolder?: string;
	/** A fixed port (the dev command); a free one otherwise. */
	port?: number;
	/** Defaults to .test-results/e2e/n8n.log. */
	logFile?: string;
	/** Keeps the user folder after stop (the dev command prints it). */
	keepUserFolder?: boolean;
	extraEnv?: NodeJS.ProcessEnv;
	log?: (line: string) => void;
}

const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

/** n8n's own copy of `flatted`, the encoding of execution data in its REST answers. */
export function flattedParser(
	n8nPackageDir: string = path.join(n8nInstallDir(), 'node_modules', 'n8n'),
): (text: string) => unknown {
	const requireFromN8n = createRequire(path.join(n8nPackageDir, 'package.json'));
	const flatted = requireFromN8n('flatted') as { parse(text: string): unknown };
	return (text) => flatted.parse(text);
}

/** n8n settings given on a command line as `--env KEY=VALUE` pairs (bench:n8n, test:e2e:queue). */
export function n8nSettingsFromPairs(pairs: string[]): Record<string, string> {
	const settings: Record<string, string> = {};
	for (const pair of pairs) {
		const [key, value] = pair.split(/=(.*)/s);
		if (!key || value === undefined) throw new Error(`--env needs KEY=VALUE, got "${pair}"`);
		settings[key] = value;
	}
	return settings;
}

export function n8nEnvironment(options: {
	installation: N8nInstallation;
	userFolder: string;
	port: number;
	brokerPort: number;
	extraEnv?: NodeJS.ProcessEnv;
}): NodeJS.ProcessEnv {
	const origin = `http://127.0.0.1:${options.port}`;
	const major = n8nMajor(options.installation.version);
	return cleanEnvironment(options.installation.nodeBinary, {
		N8N_USER_FOLDER: options.userFolder,
		DB_TYPE: 'sqlite',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PORT: String(options.port),
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: origin,
		// Production webhook URLs that the sandbox (same machine) can deliver to. n8n 2.41 reads
		// N8N_WEBHOOK_URL and reports the older WEBHOOK_URL as deprecated; n8n 1.x reads only WEBHOOK_URL.
		...(major >= 2 ? { N8N_WEBHOOK_URL: `${origin}/` } : { WEBHOOK_URL: `${origin}/` }),
		N8N_SECURE_COOKIE: 'false',
		// The task runner broker would otherwise take the fixed port 5679.
		N8N_RUNNERS_BROKER_PORT: String(options.brokerPort),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		// Nothing that calls n8n's servers (the network is closed; a test must not depend on it).
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		// n8n 1.x refuses to start with a module name it does not know (mcp-registry came with 2.x).
		...(major >= 2 ? { N8N_DISABLED_MODULES: 'mcp-registry' } : {}),
		// n8n 1.123.81's default expression engine ("vm") needs isolated-vm 6, a native module that needs Node 22
		// or later and is not built by the test install; without it n8n crashes at start, so 1.x here uses its
		// other engine, "legacy" (how expressions are evaluated, nothing the package depends on).
		...(major < 2 ? { N8N_EXPRESSION_ENGINE: 'legacy' } : {}),
		// Community packages on, as on a default self-hosted n8n (set explicitly to silence a deprecation notice).
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_REINSTALL_MISSING_PACKAGES: 'false',
		GENERIC_TIMEZONE: 'UTC',
		TZ: 'UTC',
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '5',
		N8N_LOG_LEVEL: 'info',
		...options.extraEnv,
	});
}

export async function startN8n(options: StartN8nOptions = {}): Promise<N8nInstance> {
	const log = options.log ?? console.log;
	const installation = options.installation ?? (await ensureN8nInstalled(log));
	const userFolder = options.userFolder ?? mkdtempSync(path.join(tmpdir(), 'workflux-n8n-'));
	const removeUserFolder = !options.keepUserFolder && !options.userFolder;
	if (removeUserFolder) removeOnExit(userFolder);
	const logFile = options.logFile ?? path.join(RESULTS_DIR, 'n8n.log');
	mkdirSync(path.dirname(logFile), { recursive: true });
	rmSync(logFile, { force: true });

	let communityPackage: InstalledCommunityPackage | undefined;
	if (options.tarball) {
		communityPackage = await installCommunityPackageTarball(options.tarball, userFolder, {
			nodeBinary: installation.nodeBinary,
			logFile: path.join(path.dirname(logFile), 'community-package-install.log'),
		});
	}

	const port = options.port ?? (await freePort());
	let brokerPort = await freePort();
	while (brokerPort === port) brokerPort = await freePort();
	const env = n8nEnvironment({
		installation,
		userFolder,
		port,
		brokerPort,
		extraEnv: options.extraEnv,
	});

	const baseUrl = `http://127.0.0.1:${port}`;
	const parseFlatted = flattedParser(installation.packageDir);
	const major = n8nMajor(installation.version);
	const probe = new N8nClient(baseUrl, parseFlatted, major);
	const launch = async (): Promise<BackgroundProcess> => {
		const child = startBackground(installation.nodeBinary, [installation.n8nBin, 'start'], {
			cwd: userFolder,
			env,
			logFile,
		});
		// Generous: n8n's migrations on a first start take minutes on a busy 2-core machine.
		const deadline = Date.now() + 300_000;
		while (!(await probe.isHealthy())) {
			if (child.hasExited()) {
				await child.stop();
				throw new Error(`n8n exited during start. Last output (${logFile}):\n${child.tail(40)}`);
			}
			if (Date.now() > deadline) {
				await child.stop();
				throw new Error(`n8n was not ready within 300 s. Last output:\n${child.tail(40)}`);
			}
			await sleep(300);
		}
		return child;
	};

	let child: BackgroundProcess | undefined;
	const stop = async () => {
		await child?.stop();
		if (removeUserFolder) {
			rmSync(userFolder, { recursive: true, force: true });
			keepDir(userFolder);
		}
	};

	const started = Date.now();
	try {
		child = await launch();
	} catch (error) {
		await stop();
		throw error;
	}
	const startSeconds = (Date.now() - started) / 1000;
	log(
		`n8n ${installation.version} ready at ${baseUrl} in ${startSeconds.toFixed(1)} s (log: ${logFile})`,
	);

	return {
		baseUrl,
		port,
		userFolder,
		databaseFile: path.join(userFolder, '.n8n', 'database.sqlite'),
		logFile,
		installation,
		communityPackage,
		startSeconds,
		get process() {
			return child!;
		},
		client: () => new N8nClient(baseUrl, parseFlatted, major),
		async restart() {
			await child?.stop();
			child = await launch();
		},
		stop,
	};
}

export const DEFAULT_OWNER: OwnerAccount = {
	email: 'owner@workflux.test',
	password: 'Workflux-e2e-1',
	firstName: 'Ada',
	lastName: 'Owner',
};

/**
 * Creates the owner account (the first screen of a new n8n) and returns a logged-in client. Then records
 * our package in n8n's database as a UI install would.
 */
export async function setUpOwner(
	instance: N8nInstance,
	owner: OwnerAccount = DEFAULT_OWNER,
): Promise<N8nClient> {
	const client = instance.client();
	await client.setupOwner(owner);
	await client.login(owner.email, owner.password);
	await recordCommunityPackage(instance, client);
	return client;
}

/**
 * The database record of our package (Settings > Community nodes), with the nodes n8n actually loaded from
 * it. Needs a logged-in client (the loaded node types come from n8n).
 */
export async function recordCommunityPackage(
	instance: N8nInstance,
	client: N8nClient,
): Promise<void> {
	if (!instance.communityPackage) return;
	const prefix = `${instance.communityPackage.name}.`;
	// A node with several versions appears once per version; n8n records it once, at its latest.
	// n8n derives a "<node>Tool" variant of each `usableAsTool` node; it records only the package's own nodes.
	const types = (await client.nodeTypes()).filter((type) => type.name.startsWith(prefix));
	const names = new Set(types.map((type) => type.name));
	const latest = new Map<string, LoadedNodeSummary>();
	for (const type of types) {
		if (type.name.endsWith('Tool') && names.has(type.name.slice(0, -'Tool'.length))) continue;
		const version = Array.isArray(type.version) ? Math.max(...type.version) : type.version;
		const known = latest.get(type.name);
		if (!known || known.latestVersion < version) {
			latest.set(type.name, {
				displayName: type.displayName,
				type: type.name,
				latestVersion: version,
			});
		}
	}
	await recordInstalledPackage(
		instance.installation.packageDir,
		instance.databaseFile,
		instance.communityPackage,
		[...latest.values()],
	);
}
