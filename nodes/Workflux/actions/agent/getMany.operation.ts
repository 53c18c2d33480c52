import { withoutEmpty } from '../../helpers/parameters';
import { getManyOperation } from '../get-many';

export const { description, execute } = getManyOperation({
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
