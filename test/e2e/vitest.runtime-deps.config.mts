import path from 'node:path';

import { defineConfig, mergeConfig, type Plugin } from 'vitest/config';

import base from '../../vitest.config.mts';

/**
 * The suites of the code that imports luxon and zod (the Mapper, the WorkFlux node's date parameters), run
 * with the copies a given n8n supplies at run time instead of the repository's devDependencies.
 * WORKFLUX_RUNTIME_DEPS_FROM is that n8n's package folder; `npm run test:e2e:versions` runs this per version,
 * so the oldest n8n's older luxon and zod get the unit suites, not only the end-to-end smoke.
 *
 * Only imports made by this repository's files are redirected: the harness's n8n-core and n8n-workflow
 * (2.41) keep their own copies, as a package's code and n8n's own code each import theirs in n8n.
 */
const n8nPackageDir = process.env.WORKFLUX_RUNTIME_DEPS_FROM;
if (!n8nPackageDir)
	throw new Error('WORKFLUX_RUNTIME_DEPS_FROM (an n8n package folder) is not set.');
const RUNTIME_DEPS = new Set(['luxon', 'zod']);

const runtimeDepsFromN8n: Plugin = {
	name: 'runtime-deps-from-n8n',
	enforce: 'pre',
	async resolveId(source, importer, options) {
		if (!RUNTIME_DEPS.has(source) || !importer || importer.includes('/node_modules/')) return null;
		// Resolved as if n8n itself imported it: n8n's own copy, with Vite's usual entry-point choice.
		return await this.resolve(source, path.join(n8nPackageDir, 'package.json'), {
			...options,
			skipSelf: true,
		});
	},
};

const config = mergeConfig(base, defineConfig({ plugins: [runtimeDepsFromN8n] }));

// Set, not merged: mergeConfig would add these to the base config's whole-suite include and reporters.
config.test.include = [
	'test/mapper/**/*.test.ts',
	'test/workflux/report.test.ts',
	'test/workflux/conversation.test.ts',
	'test/e2e/runtime-deps.check.ts',
];
// format-reader compares Luxon 3.5's precompiled parser with the fallback; an older Luxon has only the fallback.
config.test.exclude = ['node_modules/**', 'dist/**', 'test/mapper/format-reader.test.ts'];
// Counts for the versions runner's closing line, in the results folder it names.
config.test.reporters = [
	'default',
	[
		'json',
		{
			outputFile: path.join(
				process.env.WORKFLUX_E2E_RESULTS_DIR ?? '.test-results',
				'vitest-report.json',
			),
		},
	],
];

export default config;
