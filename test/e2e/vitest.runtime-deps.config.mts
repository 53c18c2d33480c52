import { createRequire } from 'node:module';
import path from 'node:path';

import { defineConfig, mergeConfig } from 'vitest/config';

import base from '../../vitest.config.mts';

/**
 * The suites of the code that imports luxon and zod (the Mapper, the WorkFlux node's date parameters), run
 * with the copies a given n8n supplies at run time instead of the repository's devDependencies.
 * WORKFLUX_RUNTIME_DEPS_FROM is that n8n's package folder; `npm run test:e2e:versions` runs this per version,
 * so the oldest n8n's older luxon and zod get the whole unit suite, not only the end-to-end smoke.
 */
const n8nPackageDir = process.env.WORKFLUX_RUNTIME_DEPS_FROM;
if (!n8nPackageDir)
	throw new Error('WORKFLUX_RUNTIME_DEPS_FROM (an n8n package folder) is not set.');
const fromN8n = createRequire(path.join(n8nPackageDir, 'package.json'));
const n8nCopy = (name: string) => path.dirname(fromN8n.resolve(`${name}/package.json`));

const config = mergeConfig(
	base,
	defineConfig({
		resolve: { alias: { luxon: n8nCopy('luxon'), zod: n8nCopy('zod') } },
		test: {
			include: [
				'test/mapper/**/*.test.ts',
				'test/workflux/report.test.ts',
				'test/workflux/conversation.test.ts',
				'test/e2e/runtime-deps.check.ts',
			],
		},
	}),
);

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
