import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../operation';
import * as getMany from './getMany.operation';
import * as getRun from './getRun.operation';
import * as triggerRun from './triggerRun.operation';

export const operations: Record<string, Operation> = {
	getAll: getMany,
	getRun,
	triggerRun,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['workflow'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many workflows',
				description: 'List the custom workflows defined in WorkFlux',
			},
			{
				name: 'Get Run',
				value: 'getRun',
				action: 'Get a workflow run',
				description: 'Get the status and output of one run of a WorkFlux workflow',
			},
			{
				name: 'Trigger Run',
				value: 'triggerRun',
				action: 'Trigger a workflow run',
				description:
					'Start a WorkFlux workflow with a payload; optionally wait until it has finished and output its result',
			},
		],
		default: 'getAll',
	},
	...getMany.description,
	...getRun.description,
	...triggerRun.description,
];
