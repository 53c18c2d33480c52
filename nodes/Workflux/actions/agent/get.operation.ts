import { updateDisplayOptions, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { agentLocator } from '../../descriptions/locators.description';
import { optionsCollection } from '../../descriptions/retry.description';
import { itemRequestBody } from '../../helpers/api';
import { locatorValue } from '../../helpers/parameters';
import { apiPath } from '../../../shared/transport/api-path';

const properties: INodeProperties[] = [agentLocator, optionsCollection()];

export const description = updateDisplayOptions(
	{ show: { resource: ['agent'], operation: ['get'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const agentId = locatorValue(this, 'agentId', itemIndex);
	const agent = await itemRequestBody(this, itemIndex, {
		method: 'GET',
		path: apiPath`/agents/${agentId}`,
	});
	return [{ json: agent }];
}
