/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports */
import path from 'node:path';

import { defineConfig } from 'vitest/config';

import { RESULTS_DIR } from './support/repo-paths';

// `npm run test:e2e` (test/e2e/run.ts builds and packs first): one real n8n with the packed package installed
// as a community package, one sandbox, one browser; files run one after another against them.
export default defineConfig({
	root: path.resolve(__dirname, '..', '..'),
	test: {
		include: ['test/e2e/**/*.e2e.ts'],
		globalSetup: ['test/e2e/global-setup.ts'],
		fileParallelism: false,
		pool: 'forks',
		testTimeout: 120_000,
		hookTimeout: 300_000,
		// A stuck run must not eat CI's budget: the whole suite takes a few minutes.
		teardownTimeout: 60_000,
		// The JSON report gives run.ts the counts for its closing "N passed, N failed" line.
		reporters: ['default', ['json', { outputFile: path.join(RESULTS_DIR, 'vitest-report.json') }]],
	},
});
