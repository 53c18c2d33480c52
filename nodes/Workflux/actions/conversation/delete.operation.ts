import { updateDisplayOptions, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { conversationLocator } from '../../descriptions/locators.description';
import { optionsCollection } from '../../descriptions/retry.description';
import { itemRequest } from '../../helpers/api';
import { locatorValue } from '../../helpers/parameters';
import { apiPath } from '../../../shared/transport/api-path';

const properties: INodeProperties[] = [conversationLocator, optionsCollection()];

export const description = updateDisplayOptions(
	{ show: { resource: ['conversation'], operation: ['delete'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const conversationId = locatorValue(this, 'conversationId', itemIndex);
	await itemRequest(this, itemIndex, {
		method: 'DELETE',
		path: apiPath`/conversations/${conversationId}`,
	});
	return [{ json: { id: conversationId, deleted: true } }];
}
