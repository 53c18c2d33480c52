import type { WorkflowDefinition } from '../../e2e/support/n8n-client';
import type { QueueSession } from './queue-session';

/** A published workflow that the load and race checks deliver to, and how to reach it. */
export interface PublishedWorkflow {
	workflowId: string;
	/** Production path, the same on nginx and on each webhook process. */
	path: string;
	unpublish(): Promise<void>;
}

/**
 * Saves and publishes a workflow whose first node is the WorkFlux Trigger (`/webhook/<webhookId>/webhook`)
 * or n8n's Webhook node (`/webhook/<path>`).
 */
export async function publishWorkflow(
	session: QueueSession,
	definition: WorkflowDefinition,
): Promise<PublishedWorkflow> {
	const workflow = await session.n8n.createWorkflow(definition);
	const first = workflow.nodes[0];
	const path =
		first.type === 'n8n-nodes-base.webhook'
			? `/webhook/${String(first.parameters.path)}`
			: `/webhook/${first.webhookId}/webhook`;
	await session.n8n.publish(workflow.id);
	return {
		workflowId: workflow.id,
		path,
		unpublish: async () => {
			await session.n8n.unpublish(workflow.id);
		},
	};
}

/** The signing secret of the WorkFlux subscription the trigger made for `path` (from the sandbox). */
export async function subscriptionSecret(session: QueueSession, path: string): Promise<string> {
	const url = `${session.ctx.publicOrigin}${path}`;
	const subscription = (await session.sandbox.webhooks()).find(
		(w) => w.url === url && w.status === 'active',
	) as { secret?: string } | undefined;
	if (!subscription?.secret) throw new Error(`No active WorkFlux subscription for ${url}`);
	return subscription.secret;
}
