import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../operation';
import * as complete from './complete.operation';
import * as create from './create.operation';
import * as deleteConversation from './delete.operation';
import * as escalate from './escalate.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as getMessages from './getMessages.operation';
import * as sendMessage from './sendMessage.operation';
import * as update from './update.operation';

export const operations: Record<string, Operation> = {
	complete,
	create,
	delete: deleteConversation,
	escalate,
	get,
	getAll: getMany,
	getMessages,
	sendMessage,
	update,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['conversation'] } },
		options: [
			{
				name: 'Complete',
				value: 'complete',
				action: 'Complete a conversation',
				description: 'Mark a conversation as resolved, with an optional resolution note',
			},
			{
				name: 'Create',
				value: 'create',
				action: 'Start a conversation',
				description: 'Start a new conversation with an agent, optionally with a first message',
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a conversation',
				description: 'Delete a conversation and its messages for good',
			},
			{
				name: 'Escalate',
				value: 'escalate',
				action: 'Escalate a conversation',
				description: 'Hand a conversation over to a human team, with a reason and a priority',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a conversation',
				description: 'Get one conversation by ID',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many conversations',
				description: 'List conversations, filtered by status, agent, channel or start time',
			},
			{
				name: 'Get Messages',
				value: 'getMessages',
				action: 'Get the messages of a conversation',
				description:
					'Get the transcript of a conversation, oldest message first, one item per message',
			},
			{
				name: 'Send Message',
				value: 'sendMessage',
				action: 'Send a message in a conversation',
				description: "Send a message and get the agent's reply",
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a conversation',
				description: "Change a conversation's subject, customer, channel or metadata",
			},
		],
		default: 'sendMessage',
	},
	...complete.description,
	...create.description,
	...deleteConversation.description,
	...escalate.description,
	...get.description,
	...getMany.description,
	...getMessages.description,
	...sendMessage.description,
	...update.description,
];
