import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../operation';
import { triggerNotice } from './fields';
import * as create from './create.operation';
import * as deleteWebhook from './delete.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as sendTestEvent from './sendTestEvent.operation';
import * as update from './update.operation';

export const operations: Record<string, Operation> = {
	create,
	delete: deleteWebhook,
	get,
	getAll: getMany,
	sendTestEvent,
	update,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['webhook'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a webhook subscription',
				description:
					'Have WorkFlux send events to a URL. For events in n8n, use the WorkFlux Trigger node instead.',
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a webhook subscription',
				description: 'Stop sending events to a URL for good',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a webhook subscription',
				description: 'Get one webhook subscription by ID',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many webhook subscriptions',
				description: 'List webhook subscriptions, optionally only those for one URL',
			},
			{
				name: 'Send Test Event',
				value: 'sendTestEvent',
				action: 'Send a test event to a webhook subscription',
				description: "Have WorkFlux send a sample event to the subscription's URL only",
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a webhook subscription',
				description: 'Change the URL, events, description or secret, or turn it on or off',
			},
		],
		default: 'getAll',
	},
	{ ...triggerNotice, displayOptions: { show: { resource: ['webhook'] } } },
	...create.description,
	...deleteWebhook.description,
	...get.description,
	...getMany.description,
	...sendTestEvent.description,
	...update.description,
];
