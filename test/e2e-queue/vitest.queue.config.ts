/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports */
import path from 'node:path';

import { defineConfig } from 'vitest/config';

// `npm run test:e2e:queue` (test/e2e-queue/run.ts builds and packs first): one queue-mode topology for all
// files, which run one after another against it.
export default defineConfig({
	root: path.resolve(__dirname, '..', '..'),
	test: {
		include: ['test/e2e-queue/**/*.queue.ts'],
		globalSetup: ['test/e2e-queue/global-setup.ts'],
		fileParallelism: false,
		pool: 'forks',
		// The trigger file first (it checks that the load balancer spreads deliveries), the load last.
		sequence: { shuffle: false },
		testTimeout: 300_000,
		hookTimeout: 600_000,
		teardownTimeout: 60_000,
		reporters: ['default', ['json', { outputFile: '.test-results/e2e-queue/vitest-report.json' }]],
	},
});
