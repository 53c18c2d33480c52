/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { removeOnExit } from '../e2e/support/child-processes';

export const USER_FOLDER_PREFIX = 'workflux-n8n-user-';

function isRunning(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** Folders of earlier runs that could not clean up (killed with SIGKILL, for one): their process is gone. */
function removeOrphans(): void {
	for (const name of readdirSync(tmpdir())) {
		const pid = Number(new RegExp(`^${USER_FOLDER_PREFIX}(\\d+)-`).exec(name)?.[1]);
		if (pid > 0 && !isRunning(pid)) {
			rmSync(path.join(tmpdir(), name), { recursive: true, force: true });
		}
	}
}

/**
 * n8n-core keeps its instance settings, among them an encryption key it generates on first use, in
 * `<N8N_USER_FOLDER, else HOME>/.n8n/config`: the very file a real n8n on this machine reads. Whatever
 * runs n8n-core in-process here (`npm test`, `npm run demo`) first points N8N_USER_FOLDER at a folder of
 * its own in the system's temp folder, removed when the process exits, also on Ctrl-C or SIGTERM; the
 * folder name carries the process id, so the next run removes one whose process was killed outright.
 * n8n-core reads the variable when it first needs its settings (running a workflow), so call this before.
 */
export function useTemporaryN8nUserFolder(): string {
	removeOrphans();
	const folder = mkdtempSync(path.join(tmpdir(), `${USER_FOLDER_PREFIX}${process.pid}-`));
	removeOnExit(folder);
	process.env.N8N_USER_FOLDER = folder;
	return folder;
}
