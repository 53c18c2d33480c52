/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

import { BROWSER_PROFILES_DIR } from './browser';
import { killProcessGroups } from './child-processes';
import { REPO_ROOT } from './repo-paths';

/**
 * One vitest run in a child process, as `npm run test:e2e` and `npm run test:e2e:versions` start it (the
 * end-to-end config by default): leftovers of a crashed run are killed first and after, and the counts come
 * from vitest's JSON report in the results folder (`vitest-report.json`, the configs write it there).
 */

export interface TestCounts {
	passed: number;
	failed: number;
	skipped: number;
}

const processGroupsFile = (resultsDir: string) => path.join(resultsDir, '.process-groups');
const reportFile = (resultsDir: string) => path.join(resultsDir, 'vitest-report.json');

/** Groups a previous or crashed vitest run left behind (its global setup writes their ids). */
export function killLeftovers(resultsDir: string): void {
	const file = processGroupsFile(resultsDir);
	if (!existsSync(file)) return;
	const pids = readFileSync(file, 'utf8')
		.split('\n')
		.map(Number)
		.filter((pid) => pid > 0);
	killProcessGroups(pids);
	rmSync(file, { force: true });
}

export function sweepBrowserProfiles(): void {
	rmSync(BROWSER_PROFILES_DIR, { recursive: true, force: true, maxRetries: 5 });
}

/** The counts in a vitest JSON report (`reportFile`), or undefined when there is none. */
export function readTestCounts(file: string): TestCounts | undefined {
	try {
		const report = JSON.parse(readFileSync(file, 'utf8')) as {
			numPassedTests: number;
			numFailedTests: number;
			numFailedTestSuites: number;
			numPendingTests: number;
			numTodoTests: number;
		};
		return {
			passed: report.numPassedTests,
			// A file whose beforeAll failed reports its tests as skipped, not failed: count the file then.
			failed: Math.max(report.numFailedTests, report.numFailedTestSuites),
			skipped: report.numPendingTests + report.numTodoTests,
		};
	} catch {
		return undefined;
	}
}

/**
 * Runs vitest; `env` reaches the global setup and the test files (tarball, n8n version); the results folder
 * goes in WORKFLUX_E2E_RESULTS_DIR. Resolves with vitest's exit code and the counts of its report.
 */
export async function runE2eVitest(options: {
	nodeBinary: string;
	args: string[];
	env: NodeJS.ProcessEnv;
	resultsDir: string;
	config?: string;
}): Promise<{ code: number; counts?: TestCounts }> {
	killLeftovers(options.resultsDir);
	sweepBrowserProfiles();
	rmSync(reportFile(options.resultsDir), { force: true });
	const vitestBin = path.join(REPO_ROOT, 'node_modules', 'vitest', 'vitest.mjs');
	const child = spawn(
		options.nodeBinary,
		[
			vitestBin,
			'run',
			'--config',
			options.config ?? 'test/e2e/vitest.e2e.config.ts',
			...options.args,
		],
		{
			cwd: REPO_ROOT,
			stdio: 'inherit',
			env: {
				...process.env,
				...options.env,
				WORKFLUX_E2E_RESULTS_DIR: options.resultsDir,
				// The config is a .ts file in a CommonJS package, which Vite's config loader supports with a notice.
				VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true',
			},
		},
	);
	// Ctrl-C reaches vitest directly (same process group); a SIGTERM sent to this process alone is passed on.
	const forward = () => child.kill('SIGTERM');
	process.on('SIGTERM', forward);
	process.on('SIGINT', () => undefined);
	const code = await new Promise<number>((resolve) => {
		child.on('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0)));
	});
	process.removeListener('SIGTERM', forward);
	killLeftovers(options.resultsDir);
	// Give Playwright's own exit handling a moment to stop a browser a killed worker left.
	await new Promise((resolve) => setTimeout(resolve, 500));
	sweepBrowserProfiles();
	return { code, counts: readTestCounts(reportFile(options.resultsDir)) };
}
