/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { removeOnExit } from '../e2e/support/child-processes';

export const USER_FOLDER_PREFIX = 'workflux-n8n-user-';

/**
 * n8n-core keeps its instance settings, among them an encryption key it generates on first use, in
 * `<N8N_USER_FOLDER, else HOME>/.n8n/config`: the very file a real n8n on this machine reads. Whatever
 * runs n8n-core in-process here (`npm test`, `npm run demo`) first points N8N_USER_FOLDER at a folder of
 * its own in the system's temp folder, removed when the process exits, also on Ctrl-C or SIGTERM.
 * n8n-core reads the variable when it first needs its settings (running a workflow), so call this before.
 */
export function useTemporaryN8nUserFolder(): string {
	const folder = mkdtempSync(path.join(tmpdir(), USER_FOLDER_PREFIX));
	removeOnExit(folder);
	process.env.N8N_USER_FOLDER = folder;
	return folder;
}
