import {
	NodeConnectionTypes,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { searchAgents } from '../shared/listSearch';
import { triggerProperties } from './description';

export class WorkfluxTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WorkFlux Trigger',
		name: 'workfluxTrigger',
		icon: { light: 'file:../../icons/workflux.svg', dark: 'file:../../icons/workflux.dark.svg' },
		group: ['trigger'],
		// 1.1 works exactly as 1. For a trigger at version 1, n8n evaluates an expression on every request (a
		// setting of its own Webhook node 1), which costs each delivery an expression-engine call; at 1.1 it
		// does not. Workflows saved with version 1 keep it and keep working.
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: '={{ ($parameter["events"] || []).join(", ") }}',
		// n8n's nodes panel merges this trigger with the WorkFlux node into one "WorkFlux" entry and shows
		// this description for both, so it names what the actions do as well as what the trigger does.
		description:
			'Manage WorkFlux AI agents and customer conversations, or start a workflow when something happens in WorkFlux',
		defaults: { name: 'WorkFlux Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'workfluxOAuth2Api', required: true }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				// Empty, so n8n answers with the body webhook() returns (see delivery.ts).
				responseData: '',
				path: 'webhook',
			},
		],
		properties: triggerProperties,
	};

	methods = { listSearch: { searchAgents } };

	// The code behind these methods (subscription lifecycle.ts, delivery.ts) loads when first needed, not
	// when n8n starts: n8n loads every installed node at start-up (bench/load-time.ts measures it).
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const { checkWebhookExists } = await import('./lifecycle');
				return await checkWebhookExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				const { createWebhook } = await import('./lifecycle');
				return await createWebhook.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				const { deleteWebhook } = await import('./lifecycle');
				return await deleteWebhook.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const { receiveDelivery } = await import('./delivery');
		return await receiveDelivery.call(this);
	}
}
