/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console */
/**
 * `npm run test:e2e`: build and pack the package, make sure the cached n8n 2.41.1 is installed, then run the
 * end-to-end files (test/e2e/vitest.e2e.config.ts) against a real n8n with the tarball installed as a
 * community package, the sandbox, and Debian's Chromium. Extra arguments go to vitest (a file filter, -t).
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

import { killProcessGroups } from './support/child-processes';
import { BROWSER_PROFILES_DIR, CHROMIUM_PATH } from './support/browser';
import { ensureN8nInstalled } from './support/n8n-install';
import { buildAndPack } from './support/package-tarball';
import { REPO_ROOT, RESULTS_DIR } from './support/repo-paths';

const PROCESS_GROUPS_FILE = path.join(RESULTS_DIR, '.process-groups');

/** Groups a previous or crashed vitest run left behind (its global setup writes their ids). */
function killLeftovers(): void {
	if (!existsSync(PROCESS_GROUPS_FILE)) return;
	const pids = readFileSync(PROCESS_GROUPS_FILE, 'utf8')
		.split('\n')
		.map(Number)
		.filter((pid) => pid > 0);
	killProcessGroups(pids);
	rmSync(PROCESS_GROUPS_FILE, { force: true });
}

function sweepBrowserProfiles(): void {
	rmSync(BROWSER_PROFILES_DIR, { recursive: true, force: true, maxRetries: 5 });
}

const REPORT_FILE = path.join(RESULTS_DIR, 'vitest-report.json');

function readCounts(): { passed: number; failed: number; skipped: number } | undefined {
	try {
		const report = JSON.parse(readFileSync(REPORT_FILE, 'utf8')) as {
			numPassedTests: number;
			numFailedTests: number;
			numPendingTests: number;
			numTodoTests: number;
		};
		return {
			passed: report.numPassedTests,
			failed: report.numFailedTests,
			skipped: report.numPendingTests + report.numTodoTests,
		};
	} catch {
		return undefined;
	}
}

async function main(): Promise<number> {
	const started = Date.now();
	const seconds = (from: number) => `${Math.round((Date.now() - from) / 1000)} s`;
	if (!existsSync(CHROMIUM_PATH)) {
		console.error(
			`${CHROMIUM_PATH} is missing: run \`bash .ci/install-system-deps.sh\` (Debian's chromium).`,
		);
		return 1;
	}
	killLeftovers();
	sweepBrowserProfiles();
	rmSync(REPORT_FILE, { force: true });

	const buildStarted = Date.now();
	const tarball = await buildAndPack();
	const buildTime = seconds(buildStarted);

	const installStarted = Date.now();
	const installation = await ensureN8nInstalled();
	const installTime = seconds(installStarted);
	console.log(
		`n8n ${installation.version}: ${installation.installSeconds ? 'installed' : 'cached'} (${installTime})`,
	);

	const testsStarted = Date.now();
	const vitestBin = path.join(REPO_ROOT, 'node_modules', 'vitest', 'vitest.mjs');
	const child = spawn(
		installation.nodeBinary,
		[vitestBin, 'run', '--config', 'test/e2e/vitest.e2e.config.ts', ...process.argv.slice(2)],
		{
			cwd: REPO_ROOT,
			stdio: 'inherit',
			env: {
				...process.env,
				WORKFLUX_E2E_TARBALL: tarball.file,
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
	killLeftovers();
	// Give Playwright's own exit handling a moment to stop a browser a killed worker left.
	await new Promise((resolve) => setTimeout(resolve, 500));
	sweepBrowserProfiles();
	const counts = readCounts();
	console.log(
		`end-to-end: build+pack ${buildTime}, n8n install ${installTime}, tests ${seconds(testsStarted)}, total ${seconds(started)}; artifacts in ${path.relative(REPO_ROOT, RESULTS_DIR)}/`,
	);
	// The plain closing line CI reads (vitest's own summary is not one of the formats it knows).
	if (counts)
		console.log(`e2e: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
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
