/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console */
/**
 * `npm run test:e2e`: build and pack the package, make sure the cached n8n 2.41.1 is installed, then run the
 * end-to-end files (test/e2e/vitest.e2e.config.ts) against a real n8n with the tarball installed as a
 * community package, the sandbox, and Debian's Chromium. Extra arguments go to vitest (a file filter, -t).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

import { CHROMIUM_PATH } from './support/browser';
import { ensureN8nInstalled } from './support/n8n-install';
import { buildAndPack } from './support/package-tarball';
import { REPO_ROOT, RESULTS_DIR } from './support/repo-paths';
import { killLeftovers, runE2eVitest } from './support/vitest-run';

async function main(): Promise<number> {
	const started = Date.now();
	const seconds = (from: number) => `${Math.round((Date.now() - from) / 1000)} s`;
	if (!existsSync(CHROMIUM_PATH)) {
		console.error(
			`${CHROMIUM_PATH} is missing: run \`bash .ci/install-system-deps.sh\` (Debian's chromium).`,
		);
		return 1;
	}
	killLeftovers(RESULTS_DIR);

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
	const { code, counts } = await runE2eVitest({
		nodeBinary: installation.nodeBinary,
		args: process.argv.slice(2),
		env: { WORKFLUX_E2E_TARBALL: tarball.file },
		resultsDir: RESULTS_DIR,
	});
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
		killLeftovers(RESULTS_DIR);
		process.exit(1);
	},
);
