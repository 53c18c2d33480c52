import { HarnessCredentialsHelper } from '../harness/credentials-helper';
import { harnessNodeTypes } from '../harness/node-types';
import {
	runWorkflow,
	type RunOptions,
	type WorkflowJson,
	type WorkflowRun,
} from '../harness/run-workflow';
import { startSandbox } from '../sandbox/server';
import { CREDENTIAL_ID } from './workflows';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
type SandboxOptions = Parameters<typeof startSandbox>[0];

export interface TestEnvironment {
	sandbox: Sandbox;
	credentialsHelper: HarnessCredentialsHelper;
	/** Runs a workflow through n8n-core against this sandbox. */
	run(workflow: WorkflowJson, options?: Pick<RunOptions, 'cancelAfterMs'>): Promise<WorkflowRun>;
	close(): Promise<void>;
}

/**
 * A sandbox on a free loopback port and a WorkFlux credential pointing at it, as a user would set it up:
 * base URL, client ID and secret, no token yet (n8n fetches one on first use).
 */
export async function createEnvironment(
	options?: SandboxOptions,
	credential: { clientId?: string; clientSecret?: string } = {},
): Promise<TestEnvironment> {
	const sandbox = await startSandbox(options);
	const credentialsHelper = new HarnessCredentialsHelper();
	credentialsHelper.add({
		id: CREDENTIAL_ID,
		name: 'WorkFlux account',
		type: 'workfluxOAuth2Api',
		data: {
			baseUrl: sandbox.baseUrl,
			clientId: credential.clientId ?? 'demo-client',
			clientSecret: credential.clientSecret ?? 'demo-secret',
		},
	});
	const nodeTypes = harnessNodeTypes();
	return {
		sandbox,
		credentialsHelper,
		async run(workflow, options) {
			return await runWorkflow(workflow, { ...options, credentialsHelper, nodeTypes });
		},
		close: async () => await sandbox.close(),
	};
}
