import { randomUUID } from 'node:crypto';

import { triggerWorkflow } from '../../e2e/support/workflows';
import type { QueueSession } from './queue-session';

/** Published workflows that the load and race checks deliver to, and how to reach them. */

export interface PublishedTrigger {
	workflowId: string;
	/** `/webhook/<webhookId>/webhook`, the same on nginx and on each webhook process. */
	path: string;
	/** The subscription's signing secret (from the sandbox). */
	secret: string;
	nodeName: string;
	unpublish(): Promise<void>;
}

export async function publishWorkfluxTrigger(
	session: QueueSession,
	name: string,
): Promise<PublishedTrigger> {
	const workflow = await session.n8n.createWorkflow(
		triggerWorkflow(session.ctx.credential, { name }),
	);
	const path = `/webhook/${workflow.nodes[0].webhookId}/webhook`;
	await session.n8n.publish(workflow.id);
	const subscription = (await session.sandbox.webhooks()).find(
		(w) => w.url === `${session.ctx.publicOrigin}${path}` && w.status === 'active',
	) as { secret: string } | undefined;
	if (!subscription) throw new Error(`No WorkFlux subscription for ${path}`);
	return {
		workflowId: workflow.id,
		path,
		secret: subscription.secret,
		nodeName: 'WorkFlux Trigger',
		unpublish: async () => {
			await session.n8n.unpublish(workflow.id);
		},
	};
}

/** n8n's own Webhook node (POST, answers as soon as it has the request), the baseline. */
export async function publishPlainWebhook(
	session: QueueSession,
	name: string,
): Promise<PublishedTrigger> {
	const webhookPath = randomUUID();
	const workflow = await session.n8n.createWorkflow({
		name,
		nodes: [
			{
				id: randomUUID(),
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: randomUUID(),
				parameters: {
					httpMethod: 'POST',
					path: webhookPath,
					responseMode: 'onReceived',
					options: {},
				},
			},
		],
		connections: {},
	});
	await session.n8n.publish(workflow.id);
	return {
		workflowId: workflow.id,
		path: `/webhook/${webhookPath}`,
		secret: '',
		nodeName: 'Webhook',
		unpublish: async () => {
			await session.n8n.unpublish(workflow.id);
		},
	};
}

/** The event id each execution received (the trigger outputs the event; the Webhook node the body). */
export async function eventIdsPerExecution(
	session: QueueSession,
	target: PublishedTrigger,
	executionIds: string[],
): Promise<Map<string, string[]>> {
	const outputs = await session.outputs(executionIds, target.nodeName);
	const result = new Map<string, string[]>();
	for (const [executionId, items] of outputs) {
		result.set(
			executionId,
			items.map((item) =>
				String(
					target.nodeName === 'Webhook' ? (item.json.body as { id: string }).id : item.json.id,
				),
			),
		);
	}
	return result;
}

/** How often each event id ran. */
export function runsPerEvent(perExecution: Map<string, string[]>): Map<string, number> {
	const counts = new Map<string, number>();
	for (const ids of perExecution.values())
		for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
	return counts;
}
