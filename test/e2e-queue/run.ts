/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console */
/**
 * `npm run test:e2e:queue`: build and pack the package, make sure the cached n8n 2.41.1 is installed, then run
 * test/e2e-queue against n8n in queue mode (global-setup.ts starts PostgreSQL, Redis, nginx and five n8n
 * processes and stops them at the end, on Ctrl-C too). `--env KEY=VALUE` (repeatable) sets an n8n setting on
 * every n8n process, for example `--env N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=false` to measure n8n's default; other
 * arguments go to vitest (a file filter, -t).
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

import { killProcessGroups } from '../e2e/support/child-processes';
import { n8nSettingsFromPairs } from '../e2e/support/n8n-instance';
import { ensureN8nInstalled } from '../e2e/support/n8n-install';
import { buildAndPack } from '../e2e/support/package-tarball';
import { readTestCounts } from '../e2e/support/vitest-run';
import { REPO_ROOT } from '../e2e/support/repo-paths';
import {
	PROCESS_GROUPS_FILE,
	QUEUE_N8N_ENV_VARIABLE,
	QUEUE_RESULTS_DIR,
} from './support/queue-paths';

const REPORT_FILE = path.join(QUEUE_RESULTS_DIR, 'vitest-report.json');
const FIGURES_FILE = path.join(QUEUE_RESULTS_DIR, 'figures.txt');

/** Process groups a crashed vitest run left (its global setup writes their ids). */
function killLeftovers(): void {
	if (!existsSync(PROCESS_GROUPS_FILE)) return;
	killProcessGroups(
		readFileSync(PROCESS_GROUPS_FILE, 'utf8')
			.split('\n')
			.map(Number)
			.filter((pid) => pid > 0),
	);
	rmSync(PROCESS_GROUPS_FILE, { force: true });
}

function closingLine(): string | undefined {
	const counts = readTestCounts(REPORT_FILE);
	return (
		counts &&
		`e2e-queue: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`
	);
}

/** `--env KEY=VALUE` settings for the n8n processes, and the arguments left for vitest. */
function splitArguments(args: string[]): { n8nEnv: Record<string, string>; vitestArgs: string[] } {
	const pairs: string[] = [];
	const vitestArgs: string[] = [];
	for (let i = 0; i < args.length; i++) {
		const pair = args[i] === '--env' ? args[++i] : args[i].match(/^--env=(.*)$/s)?.[1];
		if (pair === undefined) vitestArgs.push(args[i]);
		else pairs.push(pair);
	}
	return { n8nEnv: n8nSettingsFromPairs(pairs), vitestArgs };
}

async function main(): Promise<number> {
	const started = Date.now();
	const { n8nEnv, vitestArgs } = splitArguments(process.argv.slice(2));
	killLeftovers();
	rmSync(REPORT_FILE, { force: true });
	rmSync(FIGURES_FILE, { force: true });
	const tarball = await buildAndPack(console.log, QUEUE_RESULTS_DIR);
	const installation = await ensureN8nInstalled();
	const child = spawn(
		installation.nodeBinary,
		[
			path.join(REPO_ROOT, 'node_modules', 'vitest', 'vitest.mjs'),
			'run',
			'--config',
			'test/e2e-queue/vitest.queue.config.ts',
			...vitestArgs,
		],
		{
			cwd: REPO_ROOT,
			stdio: 'inherit',
			env: {
				...process.env,
				WORKFLUX_E2E_TARBALL: tarball.file,
				VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true',
				[QUEUE_N8N_ENV_VARIABLE]: JSON.stringify(n8nEnv),
			},
		},
	);
	// Ctrl-C reaches vitest directly (same process group); a SIGTERM sent to this process alone is passed on.
	process.on('SIGTERM', () => child.kill('SIGTERM'));
	process.on('SIGINT', () => undefined);
	const code = await new Promise<number>((resolve) => {
		child.on('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0)));
	});
	killLeftovers();
	if (existsSync(FIGURES_FILE)) console.log(`\nMeasured:\n${readFileSync(FIGURES_FILE, 'utf8')}`);
	console.log(
		`queue-mode end-to-end: ${Math.round((Date.now() - started) / 1000)} s; logs and figures in ${path.relative(REPO_ROOT, QUEUE_RESULTS_DIR)}/`,
	);
	const line = closingLine();
	if (line) console.log(line);
	return code;
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		console.error(error instanceof Error ? error.message : error);
		killLeftovers();
		process.exit(1);
	},
);
