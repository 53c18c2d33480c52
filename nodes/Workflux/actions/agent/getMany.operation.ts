import { updateDisplayOptions, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit } from '../../descriptions/get-many.description';
import { optionsCollection } from '../../descriptions/retry.description';
import { getManyForItem } from '../../helpers/api';
import { withoutEmpty } from '../../helpers/parameters';

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
	optionsCollection(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['agent'], operation: ['getAll'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const filters = withoutEmpty(this.getNodeParameter('filters', itemIndex, {}));
	const agents = await getManyForItem(this, itemIndex, '/agents', filters);
	return agents.map((agent) => ({ json: agent }));
}
