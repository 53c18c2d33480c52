import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../operation';
import * as get from './get.operation';

export const operations: Record<string, Operation> = { get };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['report'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get a report',
				description:
					'Get conversation metrics (volume, resolution and escalation rates, response time) for a date range, by day, week or agent',
			},
		],
		default: 'get',
	},
	...get.description,
];
