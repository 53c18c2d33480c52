/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports */
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

/**
 * Every child runs in its own process group (detached) so that stopping it also stops what it started
 * (n8n's task runner, npm's node-gyp, Chromium's helpers). The groups still alive are killed when this
 * process exits or gets a signal, so nothing is left running after Ctrl-C or a crash.
 */
const liveGroups = new Set<number>();
/** Temporary folders (n8n user folders, browser profiles) to remove if this process exits early. */
const leftoverDirs = new Set<string>();
let handlersInstalled = false;

function killGroup(pid: number, signal: NodeJS.Signals): void {
	try {
		process.kill(-pid, signal);
	} catch {
		// Already gone.
	}
}

function cleanUpNow(): void {
	for (const pid of liveGroups) killGroup(pid, 'SIGKILL');
	liveGroups.clear();
	for (const dir of leftoverDirs) {
		try {
			rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
		} catch {
			// A process not of ours (a browser) may still write there; run.ts sweeps what is left.
		}
	}
	leftoverDirs.clear();
}

function installExitHandlers(): void {
	if (handlersInstalled) return;
	handlersInstalled = true;
	process.on('exit', cleanUpNow);
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
		const onSignal = () => {
			cleanUpNow();
			process.removeListener(signal, onSignal);
			// Keep the default behaviour (exit by that signal) when nobody else handles it.
			if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
		};
		process.on(signal, onSignal);
	}
}

/** Removes `dir` when this process exits or gets a signal, unless `keepDir` is called first. */
export function removeOnExit(dir: string): void {
	installExitHandlers();
	leftoverDirs.add(dir);
}

export function keepDir(dir: string): void {
	leftoverDirs.delete(dir);
}

/** Process groups this process started and has not stopped yet (for a pid file that a parent can clean up). */
export function liveProcessGroups(): number[] {
	return [...liveGroups];
}

/** Kills groups left by a crashed child run (read from its pid file). */
export function killProcessGroups(pids: number[]): void {
	for (const pid of pids) killGroup(pid, 'SIGKILL');
}

/**
 * The environment of a child that should behave as if started from a shell: without the variables that
 * `npm run` and vitest add (NODE_ENV=test makes n8n refuse to load nodes; npm_config_* would leak this
 * repository's npm settings into a nested npm), with Node 24 first on PATH.
 */
export function cleanEnvironment(
	nodeBinary: string,
	extra: NodeJS.ProcessEnv = {},
): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(process.env)) {
		const keepForNpm = key === 'npm_config_cache' || key === 'npm_config_registry';
		if ((/^npm_/i.test(key) && !keepForNpm) || /^VITEST/.test(key)) continue;
		if (['NODE_ENV', 'INIT_CWD', 'NODE_OPTIONS', 'TEST', 'NODE_PATH'].includes(key)) continue;
		env[key] = value;
	}
	env.PATH = [path.dirname(nodeBinary), process.env.PATH ?? ''].join(path.delimiter);
	return { ...env, ...extra };
}

export interface BackgroundProcess {
	readonly pid: number;
	readonly logFile: string;
	/** Resolves with the exit code (or null when killed by a signal). */
	readonly exited: Promise<number | null>;
	hasExited(): boolean;
	/** SIGTERM to the whole group, SIGKILL after `graceMs`. */
	stop(graceMs?: number): Promise<void>;
	tail(lines?: number): string;
}

export function tailFile(file: string, lines = 40): string {
	try {
		return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
	} catch {
		return '';
	}
}

/** Starts a long-running child whose output goes to `logFile`. */
export function startBackground(
	command: string,
	args: string[],
	options: { cwd: string; env: NodeJS.ProcessEnv; logFile: string },
): BackgroundProcess {
	installExitHandlers();
	mkdirSync(path.dirname(options.logFile), { recursive: true });
	const fd = openSync(options.logFile, 'a');
	const child = spawn(command, args, {
		cwd: options.cwd,
		env: options.env,
		detached: true,
		stdio: ['ignore', fd, fd],
	});
	closeSync(fd);
	if (child.pid === undefined) throw new Error(`Could not start ${command}`);
	const pid = child.pid;
	liveGroups.add(pid);
	let done = false;
	const exited = new Promise<number | null>((resolve) => {
		child.on('exit', (code) => {
			done = true;
			resolve(code);
		});
		child.on('error', () => {
			done = true;
			resolve(null);
		});
	});
	return {
		pid,
		logFile: options.logFile,
		exited,
		hasExited: () => done,
		async stop(graceMs = 15_000) {
			if (!done) {
				killGroup(pid, 'SIGTERM');
				const timer = new Promise<'timeout'>((resolve) =>
					setTimeout(() => resolve('timeout'), graceMs),
				);
				if ((await Promise.race([exited, timer])) === 'timeout') killGroup(pid, 'SIGKILL');
				await exited;
			}
			// Children that outlived the leader (a task runner, say) go too.
			killGroup(pid, 'SIGKILL');
			liveGroups.delete(pid);
		},
		tail: (lines) => tailFile(options.logFile, lines),
	};
}

/**
 * Runs a command to completion, its output appended to `logFile`. Fails with the last lines of output,
 * so a failed install says why.
 */
export async function runCommand(
	command: string,
	args: string[],
	options: { cwd: string; env: NodeJS.ProcessEnv; logFile: string; timeoutMs?: number },
): Promise<void> {
	const started = startBackground(command, args, options);
	const timeoutMs = options.timeoutMs ?? 30 * 60_000;
	let timedOut = false;
	const timer = setTimeout(() => {
		timedOut = true;
		void started.stop(2_000);
	}, timeoutMs);
	const code = await started.exited;
	clearTimeout(timer);
	await started.stop(0);
	if (code !== 0) {
		const why = timedOut
			? `timed out after ${Math.round(timeoutMs / 1000)} s`
			: `exited with ${code}`;
		throw new Error(
			`\`${command} ${args.join(' ')}\` in ${options.cwd} ${why}. Last output (${options.logFile}):\n${started.tail(30)}`,
		);
	}
}
