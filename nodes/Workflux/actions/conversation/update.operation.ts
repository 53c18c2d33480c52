import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { conversationLocator } from '../../descriptions/locators.description';
import { optionsCollection } from '../../descriptions/retry.description';
import { itemRequestBody } from '../../helpers/api';
import { locatorValue } from '../../helpers/parameters';
import {
	channelOptions,
	conversationBody,
	customerFields,
	metadataField,
	subjectField,
} from './fields';
import { apiPath } from '../../../shared/transport/api-path';

const properties: INodeProperties[] = [
	conversationLocator,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Channel',
				name: 'channel',
				type: 'options',
				options: channelOptions,
				default: 'api',
				description: 'Where the conversation takes place',
			},
			...customerFields,
			{
				...metadataField,
				description:
					"Your own key-value data to keep with the conversation, as a JSON object. It replaces the conversation's metadata as a whole.",
			},
			subjectField,
		],
	},
	optionsCollection(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['conversation'], operation: ['update'] } },
	properties,
);

/** The customer WorkFlux holds, without its empty fields (WorkFlux accepts no nulls on the way in). */
function storedCustomer(conversation: IDataObject): IDataObject {
	const customer: IDataObject = {};
	for (const [key, value] of Object.entries((conversation.customer ?? {}) as IDataObject)) {
		if (value !== null && value !== undefined && value !== '') customer[key] = value;
	}
	return customer;
}

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const conversationId = locatorValue(this, 'conversationId', itemIndex);
	const path = apiPath`/conversations/${conversationId}`;
	const body = conversationBody(
		this,
		this.getNodeParameter('updateFields', itemIndex, {}),
		itemIndex,
	);
	if (Object.keys(body).length === 0) {
		throw new NodeOperationError(this.getNode(), 'Nothing to update', {
			itemIndex,
			description: 'Add at least one field under "Update Fields".',
		});
	}
	if (body.customer) {
		// WorkFlux replaces the customer as a whole; a user who changes only the email expects the name to stay.
		const current = await itemRequestBody(this, itemIndex, { method: 'GET', path });
		body.customer = { ...storedCustomer(current), ...(body.customer as IDataObject) };
	}
	const conversation = await itemRequestBody(this, itemIndex, { method: 'PATCH', path, body });
	return [{ json: conversation }];
}
