import { withoutEmpty } from '../../helpers/parameters';
import { getManyOperation } from '../get-many';
import type { Operation } from '../operation';

const operation: Operation = getManyOperation({
	resource: 'agent',
	path: '/agents',
	after: [
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			options: [
				{
					displayName: 'Status',
					name: 'status',
					type: 'options',
					options: [
						{ name: 'Active', value: 'active' },
						{ name: 'Inactive', value: 'inactive' },
					],
					default: 'active',
					description: 'Only agents with this status',
				},
			],
		},
	],
	query: (context, itemIndex) => withoutEmpty(context.getNodeParameter('filters', itemIndex, {})),
});

// Typed here, not inferred: the declarations must name n8n-workflow's types whichever copy compiles them.
export const description: Operation['description'] = operation.description;
export const execute: Operation['execute'] = operation.execute;
