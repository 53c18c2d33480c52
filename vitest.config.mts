import { createLogger } from 'vite';
import { defineConfig } from 'vitest/config';

// n8n's published packages ship source maps that point at files they do not publish; Vite would warn
// about each one on every run.
const logger = createLogger();
const warnOnce = logger.warnOnce.bind(logger);
logger.warnOnce = (message, options) => {
	if (message.includes('points to missing source files')) return;
	warnOnce(message, options);
};

// `npm test`: fast suites only. The real-n8n and browser suite lives in test/e2e and runs with `npm run test:e2e`.
export default defineConfig({
	customLogger: logger,
	test: {
		include: ['test/**/*.test.ts'],
		exclude: ['test/e2e/**', 'node_modules/**', 'dist/**'],
		testTimeout: 30_000,
		hookTimeout: 30_000,
	},
});
