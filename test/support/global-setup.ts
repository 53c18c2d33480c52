/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code */
import { rmSync } from 'node:fs';

import { useTemporaryN8nUserFolder } from '../harness/n8n-user-folder';

/**
 * `npm test`: the test files run n8n-core in worker processes started after this, which inherit
 * N8N_USER_FOLDER, so n8n's settings file lands in a temporary folder instead of ~/.n8n.
 */
export default function setup(): () => void {
	const folder = useTemporaryN8nUserFolder();
	return () => rmSync(folder, { recursive: true, force: true });
}
