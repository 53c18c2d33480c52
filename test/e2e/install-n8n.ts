/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console */
/**
 * `tsx test/e2e/install-n8n.ts`: installs the cached n8n used by `npm run test:e2e` and `npm run dev`
 * (nothing to do when it is already there), so CI can do the long download as a step of its own.
 */
import { ensureN8nInstalled } from './support/n8n-install';

const started = Date.now();
ensureN8nInstalled()
	.then((installation) => {
		const seconds = Math.round((Date.now() - started) / 1000);
		const how = installation.installSeconds ? 'installed' : 'already installed';
		console.log(`n8n ${installation.version} ${how} in ${installation.dir} (${seconds} s)`);
	})
	.catch((error: unknown) => {
		console.error(error instanceof Error ? error.message : error);
		process.exit(1);
	});
