import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { conversationLocator } from '../../descriptions/locators.description';
import { optionsCollection } from '../../descriptions/retry.description';
import { itemRequestBody } from '../../helpers/api';
import { locatorValue } from '../../helpers/parameters';
import { apiPath } from '../../../shared/transport/api-path';

const properties: INodeProperties[] = [
	conversationLocator,
	{
		displayName: 'Resolution',
		name: 'resolution',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		placeholder: 'Refund issued',
		description: 'How the conversation was resolved (optional)',
	},
	optionsCollection(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['conversation'], operation: ['complete'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const conversationId = locatorValue(this, 'conversationId', itemIndex);
	const resolution = this.getNodeParameter('resolution', itemIndex, '') as string;
	const body: IDataObject = resolution.trim() !== '' ? { resolution } : {};
	const conversation = await itemRequestBody(this, itemIndex, {
		method: 'POST',
		path: apiPath`/conversations/${conversationId}/complete`,
		body,
	});
	return [{ json: conversation }];
}
