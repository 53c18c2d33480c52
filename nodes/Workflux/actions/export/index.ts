import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../operation';
import * as create from './create.operation';
import * as download from './download.operation';
import * as getStatus from './getStatus.operation';

export const operations: Record<string, Operation> = {
	create,
	download,
	getStatus,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['export'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create an export',
				description:
					'Start an export of conversations, agents or messages as a CSV or JSON file; optionally wait until it is ready',
			},
			{
				name: 'Download',
				value: 'download',
				action: 'Download an export',
				description: 'Get the file of a finished export, as a file or as one item per record',
			},
			{
				name: 'Get Status',
				value: 'getStatus',
				action: 'Get the status of an export',
				description: 'Check whether an export is still running, finished or failed',
			},
		],
		default: 'create',
	},
	...create.description,
	...download.description,
	...getStatus.description,
];
