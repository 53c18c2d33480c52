/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error, no-console */
/**
 * `npm run dev`: build and pack the package, start the WorkFlux sandbox (in this process) and a real n8n 2.41.1
 * with the package installed as a community package, an owner account and a WorkFlux credential pointing at
 * the sandbox. Prints the editor URL and the login; stays up until Ctrl-C.
 *
 * Options: `npm run dev -- --port 5678 --sandbox-port 4010` (free ports by default).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';

import { startSandbox } from '../sandbox/server';
import { DEFAULT_OWNER, setUpOwner, startN8n } from '../e2e/support/n8n-instance';
import { buildAndPack } from '../e2e/support/package-tarball';
import { REPO_ROOT } from '../e2e/support/repo-paths';
import { createWorkfluxCredential } from '../e2e/support/workflux-credential';

const DEV_DIR = path.join(REPO_ROOT, '.test-results', 'dev');

async function main(): Promise<void> {
	const { values } = parseArgs({
		options: {
			port: { type: 'string' },
			'sandbox-port': { type: 'string' },
		},
	});
	// Its own folder, so a dev instance and an end-to-end run can go on side by side.
	const tarball = await buildAndPack(console.log, DEV_DIR);
	const sandbox = await startSandbox({ port: Number(values['sandbox-port'] ?? 0) });
	console.log(
		`WorkFlux sandbox: ${sandbox.baseUrl} (inspection: ${sandbox.origin}/_sandbox/state)`,
	);

	const n8n = await startN8n({
		tarball: tarball.file,
		port: values.port ? Number(values.port) : undefined,
		logFile: path.join(DEV_DIR, 'n8n.log'),
	}).catch(async (error: unknown) => {
		await sandbox.close();
		throw error;
	});

	let stopping = false;
	const stop = async (signal: string) => {
		if (stopping) return;
		stopping = true;
		console.log(`\n${signal}: stopping n8n and the sandbox...`);
		await n8n.stop();
		await sandbox.close();
		process.exit(0);
	};
	process.on('SIGINT', () => void stop('SIGINT'));
	process.on('SIGTERM', () => void stop('SIGTERM'));

	try {
		const client = await setUpOwner(n8n, DEFAULT_OWNER);
		const credential = await createWorkfluxCredential(client, sandbox.baseUrl);
		const test = await client.testCredential(credential.id);
		console.log(
			[
				'',
				`n8n editor:   ${n8n.baseUrl}`,
				`  e-mail:     ${DEFAULT_OWNER.email}`,
				`  password:   ${DEFAULT_OWNER.password}`,
				`credential:   "${credential.name}" -> ${sandbox.baseUrl} (demo-client); test: ${test.status}${test.status === 'OK' ? '' : ` (${test.message})`}`,
				`package:      ${n8n.communityPackage?.name}@${n8n.communityPackage?.version} in ${n8n.communityPackage?.directory}`,
				`n8n log:      ${n8n.logFile}`,
				'',
				'Ctrl-C stops everything. Rebuild and restart to see code changes.',
			].join('\n'),
		);
	} catch (error) {
		await n8n.stop();
		await sandbox.close();
		throw error;
	}
	// n8n's process and the sandbox's server keep this process alive until a signal.
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
