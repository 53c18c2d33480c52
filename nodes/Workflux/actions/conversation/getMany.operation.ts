import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { agentLocator } from '../../descriptions/locators.description';
import { getManyOperation } from '../get-many';
import type { Operation } from '../operation';
import { toUtcIso } from './date-filter';
import { channelOptions } from './fields';
import { simplifyConversation } from './simplify';

const properties: INodeProperties[] = [
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				...agentLocator,
				required: false,
				description: 'Only conversations handled by this agent',
			},
			{
				displayName: 'Channel',
				name: 'channel',
				type: 'options',
				options: channelOptions,
				default: 'api',
				description: 'Only conversations on this channel',
			},
			{
				displayName: 'Created After',
				name: 'createdAfter',
				type: 'dateTime',
				default: '',
				description: 'Only conversations started at or after this time',
			},
			{
				displayName: 'Created Before',
				name: 'createdBefore',
				type: 'dateTime',
				default: '',
				description: 'Only conversations started before this time',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: [
					{ name: 'Completed', value: 'completed' },
					{ name: 'Escalated', value: 'escalated' },
					{ name: 'Open', value: 'open' },
				],
				default: 'open',
				description: 'Only conversations with this status',
			},
		],
	},
	{
		displayName: 'Simplify',
		name: 'simple',
		type: 'boolean',
		default: true,
		description: 'Whether to return a simplified version of the response instead of the raw data',
		hint: 'Simplified: ID, status, channel, agent ID, subject, customer name and email, message count, created and updated time',
	},
];

function listQuery(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const filters = context.getNodeParameter('filters', itemIndex, {});
	const qs: IDataObject = {};
	if (filters.status) qs.status = filters.status;
	if (filters.channel) qs.channel = filters.channel;
	if (filters.agentId !== undefined) {
		const agentId = context.getNodeParameter('filters.agentId', itemIndex, '', {
			extractValue: true,
		}) as string;
		if (agentId) qs.agent_id = agentId;
	}
	if (filters.createdAfter)
		qs.created_after = toUtcIso(context, filters.createdAfter, 'Created After', itemIndex);
	if (filters.createdBefore)
		qs.created_before = toUtcIso(context, filters.createdBefore, 'Created Before', itemIndex);
	return qs;
}

const operation: Operation = getManyOperation({
	resource: 'conversation',
	path: '/conversations',
	after: properties,
	query: listQuery,
	shapeRecord: (context, itemIndex) =>
		context.getNodeParameter('simple', itemIndex, true) ? simplifyConversation : (record) => record,
});

// Typed here, not inferred: the declarations must name n8n-workflow's types whichever copy compiles them.
export const description: Operation['description'] = operation.description;
export const execute: Operation['execute'] = operation.execute;
