import type { ExecutionDetails, N8nClient, WorkflowDefinition } from './n8n-client';

/**
 * Saves the workflow and runs it as a user would with "Execute workflow" from its Manual Trigger ("Start"),
 * then waits for the stored execution. Fails with n8n's own error message when the run did not succeed,
 * unless `allowError` is set.
 */
export async function runWorkflowManually(
	n8n: N8nClient,
	workflow: WorkflowDefinition,
	options: { allowError?: boolean; timeoutMs?: number } = {},
): Promise<ExecutionDetails> {
	const saved = await n8n.createWorkflow(workflow);
	const executionId = await n8n.runManually(saved.id, 'Start');
	const execution = await n8n.waitForExecution(executionId, options.timeoutMs ?? 90_000);
	if (execution.status !== 'success' && !options.allowError) {
		const failing = Object.entries(execution.runData).find(([, runs]) =>
			runs.some((run) => run.error),
		);
		const detail = failing
			? `${failing[0]}: ${failing[1].map((run) => run.error?.message).join('; ')}`
			: (execution.error?.message ?? 'no error message');
		throw new Error(`"${workflow.name}" ended ${execution.status}: ${detail}`);
	}
	return execution;
}
