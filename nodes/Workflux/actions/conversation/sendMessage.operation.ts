import { updateDisplayOptions, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { conversationLocator } from '../../descriptions/locators.description';
import { optionsCollection } from '../../descriptions/retry.description';
import { itemRequestBody } from '../../helpers/api';
import { locatorValue } from '../../helpers/parameters';
import { requiredText } from './required-text';
import { apiPath } from '../../../shared/transport/api-path';

const properties: INodeProperties[] = [
	conversationLocator,
	{
		displayName: 'Message',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 3 },
		required: true,
		default: '',
		placeholder: 'Where is my order?',
		description: 'The text to send in the conversation. The agent answers it.',
	},
	{
		displayName: 'Role',
		name: 'role',
		type: 'options',
		options: [
			{
				name: 'System',
				value: 'system',
				description: 'An instruction or note for the agent that the customer does not write',
			},
			{ name: 'User', value: 'user', description: 'A message from the customer' },
		],
		default: 'user',
		description: 'Who the message comes from',
	},
	{
		displayName:
			'Outputs one item with the message you sent under "message" and the agent\'s answer under "reply". Use {{ $json.reply.content }} for the text of the answer.',
		name: 'sendMessageNotice',
		type: 'notice',
		default: '',
	},
	optionsCollection(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['conversation'], operation: ['sendMessage'] } },
	properties,
);

/**
 * One item `{ message, reply }`, as WorkFlux answers: the next node usually needs the agent's reply, and
 * keeping both together lets it see which message the reply belongs to without pairing two items.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const conversationId = locatorValue(this, 'conversationId', itemIndex);
	const content = requiredText(this, 'text', 'Message', itemIndex);
	const role = this.getNodeParameter('role', itemIndex, 'user') as string;
	const result = await itemRequestBody(this, itemIndex, {
		method: 'POST',
		path: apiPath`/conversations/${conversationId}/messages`,
		body: { content, role },
	});
	return [{ json: result }];
}
