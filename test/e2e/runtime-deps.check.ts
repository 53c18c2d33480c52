/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { VERSION } from 'luxon';
import { describe, expect, it } from 'vitest';

import { REPO_ROOT } from './support/repo-paths';

/**
 * Part of test/e2e/vitest.runtime-deps.config.mts only (WORKFLUX_RUNTIME_DEPS_FROM names an installed n8n's
 * package folder): the suites around it ran with that n8n's luxon, and the nodes and the credential compile
 * against that n8n's n8n-workflow types, so nothing they use is missing from it.
 */
const n8nPackageDir = process.env.WORKFLUX_RUNTIME_DEPS_FROM ?? '';
const fromN8n = createRequire(path.join(n8nPackageDir, 'package.json'));

describe("the package's code with the runtime dependencies of the installed n8n", () => {
	it("imports n8n's luxon", () => {
		const n8nLuxon = JSON.parse(readFileSync(fromN8n.resolve('luxon/package.json'), 'utf8')) as {
			version: string;
		};
		expect(VERSION).toBe(n8nLuxon.version);
	});

	it("type-checks the nodes and the credential against n8n's n8n-workflow", () => {
		const workflowDir = path.dirname(fromN8n.resolve('n8n-workflow/package.json'));
		const dir = mkdtempSync(path.join(tmpdir(), 'workflux-tsc-'));
		try {
			const tsconfig = path.join(dir, 'tsconfig.json');
			writeFileSync(
				tsconfig,
				JSON.stringify({
					extends: path.join(REPO_ROOT, 'tsconfig.json'),
					compilerOptions: {
						noEmit: true,
						incremental: false,
						baseUrl: REPO_ROOT,
						// From a tsconfig outside the repository, Node's types are not found by themselves.
						typeRoots: [path.join(REPO_ROOT, 'node_modules', '@types')],
						paths: { 'n8n-workflow': [workflowDir] },
					},
				}),
			);
			const tsc = spawnSync(
				process.execPath,
				[
					path.join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'),
					'-p',
					tsconfig,
					'--listFiles',
				],
				{ cwd: REPO_ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
			);
			const errors = tsc.stdout.split('\n').filter((line) => line.includes('error TS'));
			expect(errors, errors.join('\n')).toEqual([]);
			expect(tsc.status).toBe(0);
			// The types really came from n8n's copy, not from the repository's devDependency.
			expect(tsc.stdout).toContain(`${workflowDir}${path.sep}dist`);
			expect(tsc.stdout).not.toContain(path.join(REPO_ROOT, 'node_modules', 'n8n-workflow'));
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	}, 180_000);
});
