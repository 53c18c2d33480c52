/* eslint-disable @n8n/community-nodes/no-restricted-imports */
import path from 'node:path';

import { REPO_ROOT } from '../../e2e/support/repo-paths';

/** Logs of every service and n8n process, the figures, the vitest report (gitignored). */
export const QUEUE_RESULTS_DIR = path.join(REPO_ROOT, '.test-results', 'e2e-queue');

/** Process groups of the running topology, for run.ts to kill if vitest dies before its teardown. */
export const PROCESS_GROUPS_FILE = path.join(QUEUE_RESULTS_DIR, '.process-groups');

/** How run.ts hands its `--env KEY=VALUE` settings (a JSON object) to the topology that starts n8n. */
export const QUEUE_N8N_ENV_VARIABLE = 'WORKFLUX_QUEUE_N8N_ENV';
