/* eslint-disable @n8n/community-nodes/no-restricted-imports */
import path from 'node:path';

import { REPO_ROOT } from '../../e2e/support/repo-paths';

/** Logs of every service and n8n process, the figures, the vitest report (gitignored). */
export const QUEUE_RESULTS_DIR = path.join(REPO_ROOT, '.test-results', 'e2e-queue');

/** Process groups of the running topology, for run.ts to kill if vitest dies before its teardown. */
export const PROCESS_GROUPS_FILE = path.join(QUEUE_RESULTS_DIR, '.process-groups');
