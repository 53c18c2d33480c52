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
import { requiredText } from './required-text';
import { apiPath } from '../../../shared/transport/api-path';

const properties: INodeProperties[] = [
	conversationLocator,
	{
		displayName: 'Reason',
		name: 'reason',
		type: 'string',
		typeOptions: { rows: 2 },
		required: true,
		default: '',
		placeholder: 'Customer asks for a refund over the agent limit',
		description: 'Why the conversation needs a person, shown to the team that takes it over',
	},
	{
		displayName: 'Team',
		name: 'team',
		type: 'string',
		default: '',
		placeholder: 'billing',
		description: 'The team to hand the conversation to. Leave empty to let WorkFlux route it.',
	},
	{
		displayName: 'Priority',
		name: 'priority',
		type: 'options',
		options: [
			{ name: 'High', value: 'high' },
			{ name: 'Low', value: 'low' },
			{ name: 'Normal', value: 'normal' },
			{ name: 'Urgent', value: 'urgent' },
		],
		default: 'normal',
		description: 'How soon the team should pick it up',
	},
	optionsCollection(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['conversation'], operation: ['escalate'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const conversationId = locatorValue(this, 'conversationId', itemIndex);
	const reason = requiredText(this, 'reason', 'Reason', itemIndex);
	const team = (this.getNodeParameter('team', itemIndex, '') as string).trim();
	const priority = this.getNodeParameter('priority', itemIndex, 'normal') as string;
	const body: IDataObject = { reason, priority, ...(team ? { team } : {}) };
	const conversation = await itemRequestBody(this, itemIndex, {
		method: 'POST',
		path: apiPath`/conversations/${conversationId}/escalate`,
		body,
	});
	return [{ json: conversation }];
}
