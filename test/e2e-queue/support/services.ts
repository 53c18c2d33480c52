/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports */
import { execFileSync } from 'node:child_process';
import {
	chownSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import {
	cleanEnvironment,
	removeOnExit,
	runCommand,
	startBackground,
	type BackgroundProcess,
} from '../../e2e/support/child-processes';
import { freePort } from '../../e2e/support/free-port';

/**
 * Debian's PostgreSQL, Redis and nginx as throwaway services: a fresh data folder in a temp dir, 127.0.0.1
 * on a free port, run in the foreground as children of this process (their own process groups), so that
 * stopping the run, Ctrl-C or a crash stops them too (child-processes.ts) and nothing stays behind.
 * `.ci/install-system-deps.sh` installs the packages.
 */

export interface Service {
	port: number;
	logFile: string;
	process: BackgroundProcess;
	stop(): Promise<void>;
}

const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

function tempDir(prefix: string): string {
	const dir = mkdtempSync(path.join(tmpdir(), prefix));
	removeOnExit(dir);
	return dir;
}

/** The newest installed PostgreSQL's bin folder (15 on Debian 12, 17 on Debian 13). */
export function postgresBinDir(): string {
	const root = '/usr/lib/postgresql';
	const versions = existsSync(root)
		? readdirSync(root)
				.filter((name) => existsSync(path.join(root, name, 'bin', 'initdb')))
				.sort((a, b) => Number(a) - Number(b))
		: [];
	if (versions.length === 0) {
		throw new Error(
			'PostgreSQL is not installed: run `bash .ci/install-system-deps.sh` (Debian package postgresql).',
		);
	}
	return path.join(root, versions[versions.length - 1], 'bin');
}

function requireCommand(binary: string, debianPackage: string): string {
	if (!existsSync(binary)) {
		throw new Error(
			`${binary} is missing: run \`bash .ci/install-system-deps.sh\` (Debian package ${debianPackage}).`,
		);
	}
	return binary;
}

/** initdb and postgres refuse to run as root; as root they run as the `postgres` user the package creates. */
function asPostgresUser(command: string, args: string[]): [string, string[]] {
	if (process.getuid?.() !== 0) return [command, args];
	return ['runuser', ['-u', 'postgres', '--', command, ...args]];
}

async function waitUntil(
	ready: () => boolean | Promise<boolean>,
	service: BackgroundProcess,
	what: string,
	timeoutMs = 60_000,
) {
	const deadline = Date.now() + timeoutMs;
	while (!(await ready())) {
		if (service.hasExited()) throw new Error(`${what} exited during start:\n${service.tail(30)}`);
		if (Date.now() > deadline) throw new Error(`${what} was not ready within ${timeoutMs} ms`);
		await sleep(200);
	}
}

export interface Postgres extends Service {
	/** A database and owner for n8n, password authentication over TCP. */
	database: { host: string; port: number; name: string; user: string; password: string };
}

/**
 * A PostgreSQL cluster of its own. Durability settings are off (fsync, synchronous commit): the data is
 * thrown away after the run, and transactions, locks and unique keys behave exactly as with them on.
 */
export async function startPostgres(logDir: string): Promise<Postgres> {
	const bin = postgresBinDir();
	const root = tempDir('workflux-pg-');
	const dataDir = path.join(root, 'data');
	const socketDir = path.join(root, 'socket');
	mkdirSync(socketDir);
	if (process.getuid?.() === 0) {
		const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
		const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
		chownSync(root, uid, gid);
		chownSync(socketDir, uid, gid);
	}
	const logFile = path.join(logDir, 'postgres.log');
	const env = cleanEnvironment(process.execPath, { LC_ALL: 'C.UTF-8' });
	const [initCommand, initArgs] = asPostgresUser(path.join(bin, 'initdb'), [
		'-D',
		dataDir,
		'-U',
		'postgres',
		'--auth=trust',
		'-E',
		'UTF8',
		'--locale=C.UTF-8',
	]);
	await runCommand(initCommand, initArgs, { cwd: root, env, logFile, timeoutMs: 120_000 });

	const port = await freePort();
	const [command, args] = asPostgresUser(path.join(bin, 'postgres'), [
		'-D',
		dataDir,
		'-p',
		String(port),
		'-k',
		socketDir,
		'-c',
		'listen_addresses=127.0.0.1',
		'-c',
		'max_connections=200',
		'-c',
		'fsync=off',
		'-c',
		'synchronous_commit=off',
		'-c',
		'full_page_writes=off',
	]);
	const server = startBackground(command, args, { cwd: root, env, logFile });
	const psql = requireCommand('/usr/bin/psql', 'postgresql-client');
	const sql = (statement: string) =>
		execFileSync(
			psql,
			['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-Atc', statement],
			{
				env,
				encoding: 'utf8',
				stdio: ['ignore', 'pipe', 'pipe'],
			},
		);
	await waitUntil(
		() => {
			try {
				sql('SELECT 1');
				return true;
			} catch {
				return false;
			}
		},
		server,
		'PostgreSQL',
	);
	const database = { host: '127.0.0.1', port, name: 'n8n', user: 'n8n', password: 'n8n' };
	// One statement per call: CREATE DATABASE cannot run inside the transaction a multi-statement -c opens.
	sql(`CREATE USER ${database.user} PASSWORD '${database.password}'`);
	sql(`CREATE DATABASE ${database.name} OWNER ${database.user}`);
	return {
		port,
		logFile,
		process: server,
		database,
		// SIGTERM = "smart" shutdown would wait for n8n's pool; SIGINT is Postgres's fast shutdown.
		stop: async () => {
			try {
				process.kill(server.pid, 'SIGINT');
			} catch {
				// Already gone.
			}
			await server.stop(10_000);
		},
	};
}

/** Redis without persistence (no snapshots, no append-only file) in a folder of its own. */
export async function startRedis(logDir: string): Promise<Service> {
	const binary = requireCommand('/usr/bin/redis-server', 'redis-server');
	const dir = tempDir('workflux-redis-');
	const port = await freePort();
	const logFile = path.join(logDir, 'redis.log');
	const server = startBackground(
		binary,
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--save',
			'',
			'--appendonly',
			'no',
			'--dir',
			dir,
			'--daemonize',
			'no',
		],
		{ cwd: dir, env: cleanEnvironment(process.execPath), logFile },
	);
	await waitUntil(
		async () => {
			const { createConnection } = await import('node:net');
			return await new Promise<boolean>((resolve) => {
				const socket = createConnection({ host: '127.0.0.1', port });
				socket.once('connect', () => socket.write('PING\r\n'));
				socket.once('data', (data) => {
					socket.destroy();
					resolve(data.toString().startsWith('+PONG'));
				});
				socket.once('error', () => resolve(false));
			});
		},
		server,
		'Redis',
	);
	return { port, logFile, process: server, stop: async () => await server.stop(10_000) };
}

export interface Nginx extends Service {
	origin: string;
	/** One line per request: `<upstream address> <status> <webhook-id header> <request time>`. */
	accessLog: string;
}

/**
 * How nginx picks the webhook process: in turn (round-robin), or by the delivery's `webhook-id` header
 * (consistent hashing), so that every copy of one delivery lands on the same process.
 */
export type Balance = 'round-robin' | 'webhook-id';

/**
 * nginx as the public address: n8n's production webhook paths go to the webhook processes, everything
 * else to main. Keep-alive connections to the upstreams, as a production proxy would.
 */
export async function startNginx(
	logDir: string,
	upstreams: { main: number; webhooks: number[] },
	balance: Balance = 'round-robin',
): Promise<Nginx> {
	const binary = requireCommand('/usr/sbin/nginx', 'nginx');
	const prefix = tempDir('workflux-nginx-');
	for (const sub of ['conf', 'logs', 'temp']) mkdirSync(path.join(prefix, sub));
	const port = await freePort();
	const name = balance === 'round-robin' ? 'nginx' : `nginx-by-${balance}`;
	const accessLog = path.join(logDir, `${name}-access.log`);
	const logFile = path.join(logDir, `${name}-error.log`);
	const temp = (name: string) => `${name}_temp_path ${path.join(prefix, 'temp', name)};`;
	const webhookPaths = ['webhook', 'webhook-waiting', 'form', 'form-waiting', 'mcp'];
	const config = `
daemon off;
worker_processes 1;
pid ${path.join(prefix, 'logs', 'nginx.pid')};
error_log ${logFile} warn;
events { worker_connections 1024; }
http {
	${temp('client_body')}
	${temp('proxy')}
	${temp('fastcgi')}
	${temp('uwsgi')}
	${temp('scgi')}
	log_format upstreams '$upstream_addr $status $http_webhook_id $request_time';
	access_log ${accessLog} upstreams;
	client_max_body_size 16m;
	upstream n8n_webhooks {
${balance === 'webhook-id' ? '\t\thash $http_webhook_id consistent;\n' : ''}${upstreams.webhooks.map((p) => `		server 127.0.0.1:${p};`).join('\n')}
		keepalive 32;
		# Below Node's 5 s keep-alive timeout (n8n's servers), so nginx never reuses a connection that n8n is
		# closing at that moment: a POST sent on it would fail with 502 and is not retried.
		keepalive_timeout 4s;
	}
	upstream n8n_main {
		server 127.0.0.1:${upstreams.main};
		keepalive 8;
		keepalive_timeout 4s;
	}
	server {
		listen 127.0.0.1:${port};
		proxy_http_version 1.1;
		proxy_set_header Connection "";
		proxy_set_header Host $host;
		proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
		proxy_read_timeout 300s;
		location ~ ^/(${webhookPaths.join('|')})/ {
			proxy_pass http://n8n_webhooks;
			proxy_buffering off;
		}
		location / {
			proxy_pass http://n8n_main;
		}
	}
}
`;
	rmSync(accessLog, { force: true });
	const configFile = path.join(prefix, 'conf', 'nginx.conf');
	writeFileSync(configFile, config);
	const env = cleanEnvironment(process.execPath);
	await runCommand(binary, ['-p', prefix, '-c', configFile, '-e', logFile, '-t'], {
		cwd: prefix,
		env,
		logFile,
	});
	const server = startBackground(binary, ['-p', prefix, '-c', configFile, '-e', logFile], {
		cwd: prefix,
		env,
		logFile,
	});
	const origin = `http://127.0.0.1:${port}`;
	await waitUntil(
		async () => {
			try {
				await fetch(`${origin}/nginx-probe-${Date.now()}`);
				return true;
			} catch {
				return false;
			}
		},
		server,
		'nginx',
	);
	return {
		port,
		origin,
		logFile,
		accessLog,
		process: server,
		// SIGQUIT is nginx's graceful shutdown.
		stop: async () => {
			try {
				process.kill(server.pid, 'SIGQUIT');
			} catch {
				// Already gone.
			}
			await server.stop(10_000);
		},
	};
}
