import { defineConfig } from 'vitest/config';

// `npm test`: fast suites only. The real-n8n and browser suite lives in test/e2e and runs with `npm run test:e2e`.
export default defineConfig({
	test: {
		include: ['test/**/*.test.ts'],
		exclude: ['test/e2e/**', 'node_modules/**', 'dist/**'],
		testTimeout: 30_000,
		hookTimeout: 30_000,
		// n8n's packages run as Node loads them; transforming them only produces source-map noise.
		server: { deps: { external: [/node_modules/] } },
	},
});
