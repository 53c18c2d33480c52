import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../operation';
import * as create from './create.operation';
import * as deleteAgent from './delete.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as update from './update.operation';

export const operations: Record<string, Operation> = {
	create,
	delete: deleteAgent,
	get,
	getAll: getMany,
	update,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['agent'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create an agent',
				description: 'Create a new AI agent',
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete an agent',
				description: 'Delete an agent for good',
			},
			{ name: 'Get', value: 'get', action: 'Get an agent', description: 'Get one agent by ID' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many agents', description: 'List agents' },
			{
				name: 'Update',
				value: 'update',
				action: 'Update an agent',
				description: "Change an agent's settings",
			},
		],
		default: 'getAll',
	},
	...create.description,
	...deleteAgent.description,
	...get.description,
	...getMany.description,
	...update.description,
];
