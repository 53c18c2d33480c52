import { ExecutionLifecycleHooks } from 'n8n-core';
import type {
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import type { HarnessCredentialsHelper } from './credentials-helper';

export interface AdditionalDataOptions {
	credentialsHelper: HarnessCredentialsHelper;
	workflowData: IWorkflowBase;
	mode: WorkflowExecuteMode;
	executionId: string;
	/** Where n8n would serve webhooks; the trigger registers URLs under it. */
	webhookBaseUrl?: string;
}

/**
 * What n8n's CLI builds with WorkflowExecuteAdditionalData.getBase(), reduced to what a single-process run
 * needs. Sub-workflows and task runners are not part of this package, so those entries refuse loudly.
 */
export function createAdditionalData(
	options: AdditionalDataOptions,
): IWorkflowExecuteAdditionalData {
	const webhookBaseUrl = options.webhookBaseUrl ?? 'http://127.0.0.1:5678';
	const unsupported = (what: string) => async () => {
		throw new Error(`${what} is not available in the test harness`);
	};
	const additionalData = {
		credentialsHelper: options.credentialsHelper,
		hooks: new ExecutionLifecycleHooks(options.mode, options.executionId, options.workflowData),
		executionId: options.executionId,
		workflowId: options.workflowData.id,
		currentNodeExecutionIndex: 0,
		restApiUrl: `${webhookBaseUrl}/rest`,
		instanceBaseUrl: webhookBaseUrl,
		formBaseUrl: `${webhookBaseUrl}/form`,
		formWaitingBaseUrl: `${webhookBaseUrl}/form-waiting`,
		formTestBaseUrl: `${webhookBaseUrl}/form-test`,
		webhookBaseUrl: `${webhookBaseUrl}/webhook`,
		webhookWaitingBaseUrl: `${webhookBaseUrl}/webhook-waiting`,
		webhookTestBaseUrl: `${webhookBaseUrl}/webhook-test`,
		mcpBaseUrl: `${webhookBaseUrl}/mcp`,
		mcpTestBaseUrl: `${webhookBaseUrl}/mcp-test`,
		variables: {},
		logAiEvent: () => {},
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		executeWorkflow: unsupported('Executing a sub-workflow'),
		startRunnerTask: unsupported('A task runner'),
	};
	return additionalData as unknown as IWorkflowExecuteAdditionalData;
}
