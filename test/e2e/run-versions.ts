/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console */
/**
 * `npm run test:e2e:versions`: the smoke subset of the end-to-end suite on every n8n the package supports,
 * the oldest (the last n8n 1.x) and the newest (2.41.1), one after the other, from one packed tarball.
 *
 * The subset (SMOKE_FILES) is whole e2e files, run unchanged against each version: loading through n8n's
 * community-package installer and the credential test (package), one workflow per resource of the WorkFlux
 * node (workflux-node), trigger deliveries in a published workflow (trigger), the Mapper feeding the
 * WorkFlux node (mapper), and the package in the official Docker image's layout (docker-layout). Left out:
 * the editor (Chromium; n8n 1.x's editor differs) and the examples. Before them, per version, the unit
 * suites of the code that imports luxon and zod run with that n8n's copies, and the nodes type-check
 * against its n8n-workflow (test/e2e/vitest.runtime-deps.config.mts).
 *
 * Options: `-- --only 1.123.81` runs one version. Each version gets its own results folder under
 * .test-results/e2e-versions/ and its own n8n cache folder; the closing line sums all versions.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { ensureN8nInstalled } from './support/n8n-install';
import { buildAndPack } from './support/package-tarball';
import { N8N_VERSION, node24Binary, OLDEST_N8N_VERSION, REPO_ROOT } from './support/repo-paths';
import type { TestCounts } from './support/vitest-run';
import { runE2eVitest } from './support/vitest-run';

export const SMOKE_FILES = [
	'test/e2e/package.e2e.ts',
	'test/e2e/workflux-node.e2e.ts',
	'test/e2e/trigger.e2e.ts',
	'test/e2e/mapper.e2e.ts',
	'test/e2e/docker-layout.e2e.ts',
];

const VERSIONS_RESULTS_DIR = path.join(REPO_ROOT, '.test-results', 'e2e-versions');

interface VersionResult {
	version: string;
	nodeVersion: string;
	/** vitest exit codes: the unit suites with this n8n's luxon/zod/n8n-workflow, then the e2e smoke. */
	codes: number[];
	counts: TestCounts[];
	seconds: number;
}

async function runVersion(version: string, tarball: string): Promise<VersionResult> {
	const started = Date.now();
	console.log(`\n== n8n ${version}`);
	const installation = await ensureN8nInstalled(console.log, version);
	const nodeVersion = execFileSync(installation.nodeBinary, ['--version'], {
		encoding: 'utf8',
	}).trim();
	console.log(
		`n8n ${version} on Node ${nodeVersion}: ${installation.installSeconds ? 'installed' : 'cached'} in ${installation.dir}`,
	);
	const resultsDir = path.join(VERSIONS_RESULTS_DIR, version);
	// The unit suites only need n8n's JavaScript, so they run on the toolchain's Node 24 (n8n-core 2.41 in
	// the harness needs it).
	const unit = await runE2eVitest({
		nodeBinary: node24Binary(),
		config: 'test/e2e/vitest.runtime-deps.config.mts',
		args: [],
		env: { WORKFLUX_RUNTIME_DEPS_FROM: installation.packageDir },
		resultsDir: path.join(resultsDir, 'runtime-deps'),
	});
	const smoke = await runE2eVitest({
		nodeBinary: installation.nodeBinary,
		args: SMOKE_FILES,
		env: { WORKFLUX_E2E_TARBALL: tarball, N8N_E2E_VERSION: version },
		resultsDir,
	});
	const runs = [unit, smoke];
	return {
		version,
		nodeVersion,
		codes: runs.map((r) => (r.counts ? r.code : 1)),
		counts: runs.map((r) => r.counts ?? { passed: 0, failed: 1, skipped: 0 }),
		seconds: Math.round((Date.now() - started) / 1000),
	};
}

async function main(): Promise<number> {
	const { values } = parseArgs({ options: { only: { type: 'string' } } });
	const versions = values.only ? [values.only] : [OLDEST_N8N_VERSION, N8N_VERSION];
	const started = Date.now();
	const tarball = await buildAndPack(console.log, VERSIONS_RESULTS_DIR);

	const results: VersionResult[] = [];
	for (const version of versions) results.push(await runVersion(version, tarball.file));

	console.log('');
	const line = (c: TestCounts) => `${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`;
	for (const r of results) {
		const [unit, smoke] = r.counts;
		console.log(
			`n8n ${r.version} (Node ${r.nodeVersion}), ${r.seconds} s: unit suites with its luxon/zod/n8n-workflow ${line(unit)}; e2e smoke ${line(smoke)}`,
		);
	}
	const all = results.flatMap((r) => r.counts);
	const sum = (key: keyof TestCounts) => all.reduce((n, c) => n + c[key], 0);
	const failedRuns = results.flatMap((r) => r.codes).filter((code) => code !== 0).length;
	console.log(
		`versions (${versions.join(', ')}), ${Math.round((Date.now() - started) / 1000)} s: ` +
			`${sum('passed')} passed, ${sum('failed')} failed, ${sum('skipped')} skipped`,
	);
	return failedRuns === 0 ? 0 : 1;
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		console.error(error instanceof Error ? error.message : error);
		process.exit(1);
	},
);
