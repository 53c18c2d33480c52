import { updateDisplayOptions, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { optionsCollection } from '../../descriptions/retry.description';
import { itemRequestBody } from '../../helpers/api';
import { agentBody, agentFields } from './fields';

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'Support Agent',
		description: 'The name of the agent',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: agentFields,
	},
	optionsCollection(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['agent'], operation: ['create'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const name = this.getNodeParameter('name', itemIndex) as string;
	const fields = this.getNodeParameter('additionalFields', itemIndex, {});
	const body = { ...agentBody(this, fields, itemIndex), name };
	const agent = await itemRequestBody(this, itemIndex, { method: 'POST', path: '/agents', body });
	return [{ json: agent }];
}
