import { updateDisplayOptions, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { agentLocator } from '../../descriptions/locators.description';
import { optionsCollection } from '../../descriptions/retry.description';
import { itemRequest } from '../../helpers/api';
import { locatorValue } from '../../helpers/parameters';
import { apiPath } from '../../../shared/transport/api-path';

const properties: INodeProperties[] = [agentLocator, optionsCollection()];

export const description = updateDisplayOptions(
	{ show: { resource: ['agent'], operation: ['delete'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const agentId = locatorValue(this, 'agentId', itemIndex);
	await itemRequest(this, itemIndex, {
		method: 'DELETE',
		path: apiPath`/agents/${agentId}`,
	});
	return [{ json: { id: agentId, deleted: true } }];
}
