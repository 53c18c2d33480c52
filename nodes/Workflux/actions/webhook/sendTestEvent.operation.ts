import { updateDisplayOptions, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { optionsCollection } from '../../descriptions/retry.description';
import { itemRequestBody } from '../../helpers/api';
import { eventTypeOptions, webhookIdField } from './fields';
import { apiPath } from '../../../shared/transport/api-path';

const properties: INodeProperties[] = [
	webhookIdField,
	{
		displayName: 'Event Type',
		name: 'eventType',
		type: 'options',
		options: [
			...eventTypeOptions,
			{
				name: "The Subscription's First Event",
				value: '',
				description: "The first event in the subscription's list",
			},
		],
		default: '',
		description: "Which kind of sample event WorkFlux sends to the subscription's URL",
	},
	optionsCollection(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['webhook'], operation: ['sendTestEvent'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const webhookId = (this.getNodeParameter('webhookId', itemIndex) as string).trim();
	const eventType = this.getNodeParameter('eventType', itemIndex, '') as string;
	const result = await itemRequestBody(this, itemIndex, {
		method: 'POST',
		path: apiPath`/webhooks/${webhookId}/test`,
		body: eventType ? { event_type: eventType } : {},
	});
	return [{ json: { webhook_id: webhookId, ...result } }];
}
