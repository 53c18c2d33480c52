import { updateDisplayOptions, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit } from '../../descriptions/get-many.description';
import { optionsCollection } from '../../descriptions/retry.description';
import { getManyForItem } from '../../helpers/api';
import { webhookBody } from './fields';

const properties: INodeProperties[] = [
	...returnAllOrLimit,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'URL',
				name: 'url',
				type: 'string',
				default: '',
				placeholder: 'https://example.com/workflux-events',
				description: 'Only subscriptions with exactly this URL',
			},
		],
	},
	optionsCollection(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['webhook'], operation: ['getAll'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const filters = webhookBody(this.getNodeParameter('filters', itemIndex, {}));
	const subscriptions = await getManyForItem(this, itemIndex, '/webhooks', filters);
	return subscriptions.map((subscription) => ({ json: subscription }));
}
