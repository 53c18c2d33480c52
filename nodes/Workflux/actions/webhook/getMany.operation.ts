import { getManyOperation } from '../get-many';
import { webhookBody } from './fields';

export const { description, execute } = getManyOperation({
	resource: 'webhook',
	path: '/webhooks',
	after: [
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
	],
	query: (context, itemIndex) => webhookBody(context.getNodeParameter('filters', itemIndex, {})),
});
