import { getManyOperation } from '../get-many';
import type { Operation } from '../operation';
import { webhookBody } from './fields';

const operation: Operation = getManyOperation({
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

// Typed here, not inferred: the declarations must name n8n-workflow's types whichever copy compiles them.
export const description: Operation['description'] = operation.description;
export const execute: Operation['execute'] = operation.execute;
