import { readFile } from 'node:fs/promises';

import { defineConfig, type Plugin } from 'vitest/config';

/**
 * n8n's published packages ship source maps that point at sources they do not publish; Vite warns about
 * each one on every run. Loading those files without their source-map comment keeps the output readable.
 */
const ignoreN8nSourceMaps: Plugin = {
	name: 'ignore-n8n-source-maps',
	enforce: 'pre',
	async load(id) {
		if (!/node_modules\/(n8n-workflow|n8n-core|@n8n)\/.*\.js$/.test(id)) return null;
		const code = await readFile(id.split('?')[0], 'utf-8');
		return code.replace(/\/\/# sourceMappingURL=\S+\s*$/, '');
	},
};

// `npm test`: fast suites only. The real-n8n and browser suite lives in test/e2e and runs with `npm run test:e2e`.
export default defineConfig({
	plugins: [ignoreN8nSourceMaps],
	test: {
		include: ['test/**/*.test.ts'],
		globalSetup: ['./test/support/global-setup.ts'],
		reporters: ['default', './test/support/plain-summary-reporter.ts'],
		exclude: ['test/e2e/**', 'node_modules/**', 'dist/**'],
		testTimeout: 30_000,
		hookTimeout: 30_000,
	},
});
