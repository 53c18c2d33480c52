/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import type { TestProject } from 'vitest/node';

import { startSandbox } from '../sandbox/server';
import { liveProcessGroups } from './support/child-processes';
import type { E2eContext } from './support/e2e-context';
import { DEFAULT_OWNER, setUpOwner, startN8n } from './support/n8n-instance';
import { buildAndPack } from './support/package-tarball';
import { RESULTS_DIR } from './support/repo-paths';
import { createWorkfluxCredential } from './support/workflux-credential';

export const PROCESS_GROUPS_FILE = path.join(RESULTS_DIR, '.process-groups');

/**
 * One sandbox (in this process) and one real n8n (a child process group) for all end-to-end files.
 * `test/e2e/run.ts` builds and packs first and passes the tarball in WORKFLUX_E2E_TARBALL; run directly,
 * this builds and packs itself.
 */
export default async function setup(project: TestProject) {
	mkdirSync(RESULTS_DIR, { recursive: true });
	const tarball = process.env.WORKFLUX_E2E_TARBALL || (await buildAndPack()).file;

	const sandbox = await startSandbox({ port: 0 });
	let n8n: Awaited<ReturnType<typeof startN8n>> | undefined;
	const teardown = async () => {
		await n8n?.stop();
		await sandbox.close();
		rmSync(PROCESS_GROUPS_FILE, { force: true });
	};
	try {
		n8n = await startN8n({ tarball });
		// A parent (run.ts) kills these if this process dies before its teardown.
		writeFileSync(PROCESS_GROUPS_FILE, liveProcessGroups().join('\n'));
		if (!n8n.communityPackage) throw new Error('The package was not installed.');
		const client = await setUpOwner(n8n, DEFAULT_OWNER);
		const credential = await createWorkfluxCredential(client, sandbox.baseUrl);

		const context: E2eContext = {
			n8nUrl: n8n.baseUrl,
			n8nVersion: n8n.installation.version,
			n8nLogFile: n8n.logFile,
			n8nDatabaseFile: n8n.databaseFile,
			sandboxOrigin: sandbox.origin,
			sandboxBaseUrl: sandbox.baseUrl,
			owner: DEFAULT_OWNER,
			credential,
			tarball,
			packageName: n8n.communityPackage.name,
			packageVersion: n8n.communityPackage.version,
			resultsDir: RESULTS_DIR,
		};
		project.provide('e2e', context);
	} catch (error) {
		await teardown();
		throw error;
	}
	return teardown;
}
