/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console */
/**
 * `npm run test:e2e:versions`: the smoke subset of the end-to-end suite on every n8n the package supports,
 * the oldest (the last n8n 1.x) and the newest (2.41.1), one after the other, from one packed tarball.
 *
 * The subset (SMOKE_FILES) is whole e2e files, run unchanged against each version: loading through n8n's
 * community-package installer and the credential test (package), one workflow per resource of the WorkFlux
 * node (workflux-node), trigger deliveries in a published workflow (trigger), the Mapper feeding the
 * WorkFlux node (mapper), and the package in the official Docker image's layout (docker-layout). Left out:
 * the editor (Chromium; n8n 1.x's editor differs) and the examples.
 *
 * Options: `-- --only 1.123.81` runs one version. Each version gets its own results folder under
 * .test-results/e2e-versions/ and its own n8n cache folder; the closing line sums all versions.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { ensureN8nInstalled } from './support/n8n-install';
import { buildAndPack } from './support/package-tarball';
import { N8N_VERSION, OLDEST_N8N_VERSION, REPO_ROOT } from './support/repo-paths';
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
	code: number;
	counts?: TestCounts;
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
	const { code, counts } = await runE2eVitest({
		nodeBinary: installation.nodeBinary,
		args: SMOKE_FILES,
		env: { WORKFLUX_E2E_TARBALL: tarball, N8N_E2E_VERSION: version },
		resultsDir,
	});
	return { version, nodeVersion, code, counts, seconds: Math.round((Date.now() - started) / 1000) };
}

async function main(): Promise<number> {
	const { values } = parseArgs({ options: { only: { type: 'string' } } });
	const versions = values.only ? [values.only] : [OLDEST_N8N_VERSION, N8N_VERSION];
	const started = Date.now();
	const tarball = await buildAndPack(console.log, VERSIONS_RESULTS_DIR);

	const results: VersionResult[] = [];
	for (const version of versions) results.push(await runVersion(version, tarball.file));

	console.log('');
	for (const r of results) {
		const counts = r.counts
			? `${r.counts.passed} passed, ${r.counts.failed} failed, ${r.counts.skipped} skipped`
			: 'no report (the run did not start)';
		console.log(`n8n ${r.version} (Node ${r.nodeVersion}): ${counts}, ${r.seconds} s`);
	}
	const sum = (key: keyof TestCounts) => results.reduce((n, r) => n + (r.counts?.[key] ?? 0), 0);
	const failedRuns = results.filter((r) => r.code !== 0 || !r.counts).length;
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
