import {
	NodeConnectionTypes,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { searchAgents } from '../shared/listSearch';
import { receiveDelivery } from './delivery';
import { triggerProperties } from './description';
import { checkWebhookExists, createWebhook, deleteWebhook } from './lifecycle';

export class WorkfluxTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WorkFlux Trigger',
		name: 'workfluxTrigger',
		icon: { light: 'file:../../icons/workflux.svg', dark: 'file:../../icons/workflux.dark.svg' },
		group: ['trigger'],
		version: 1,
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

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await checkWebhookExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await createWebhook.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await deleteWebhook.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveDelivery.call(this);
	}
}
