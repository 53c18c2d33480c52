import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { agentLocator } from '../../descriptions/locators.description';
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

const properties: INodeProperties[] = [
	{ ...agentLocator, description: 'The agent that answers in this conversation' },
	{
		displayName: 'Channel',
		name: 'channel',
		type: 'options',
		options: channelOptions,
		default: 'api',
		description: 'Where the conversation takes place',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			...customerFields,
			{
				displayName: 'First Message',
				name: 'firstMessage',
				type: 'string',
				typeOptions: { rows: 3 },
				default: '',
				description:
					"The customer's first message. The agent answers it right away; use the Get Messages operation to read the answer.",
			},
			metadataField,
			subjectField,
		],
	},
	optionsCollection(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['conversation'], operation: ['create'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const agentId = locatorValue(this, 'agentId', itemIndex);
	const channel = this.getNodeParameter('channel', itemIndex) as string;
	const { firstMessage, ...fields } = this.getNodeParameter('additionalFields', itemIndex, {});
	const body: IDataObject = {
		...conversationBody(this, fields, itemIndex),
		agent_id: agentId,
		channel,
	};
	if (typeof firstMessage === 'string' && firstMessage.trim() !== '') body.message = firstMessage;
	const conversation = await itemRequestBody(this, itemIndex, {
		method: 'POST',
		path: '/conversations',
		body,
	});
	return [{ json: conversation }];
}
