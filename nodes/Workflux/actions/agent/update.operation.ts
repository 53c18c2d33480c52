import {
	NodeOperationError,
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { agentLocator } from '../../descriptions/locators.description';
import { optionsCollection } from '../../descriptions/retry.description';
import { itemRequestBody } from '../../helpers/api';
import { locatorValue } from '../../helpers/parameters';
import { agentBody, agentFields } from './fields';
import { apiPath } from '../../../shared/transport/api-path';

const properties: INodeProperties[] = [
	agentLocator,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'The new name of the agent',
			},
			...agentFields,
		],
	},
	optionsCollection(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['agent'], operation: ['update'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const agentId = locatorValue(this, 'agentId', itemIndex);
	const body = agentBody(this, this.getNodeParameter('updateFields', itemIndex, {}), itemIndex);
	if (Object.keys(body).length === 0) {
		throw new NodeOperationError(this.getNode(), 'Nothing to update', {
			itemIndex,
			description: 'Add at least one field under "Update Fields".',
		});
	}
	const agent = await itemRequestBody(this, itemIndex, {
		method: 'PATCH',
		path: apiPath`/agents/${agentId}`,
		body,
	});
	return [{ json: agent }];
}
