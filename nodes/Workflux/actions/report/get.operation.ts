import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { optionsCollection } from '../../descriptions/retry.description';
import { itemRequestBody } from '../../helpers/api';
import { dateRangeFields, readDateRange } from '../../descriptions/date-range.description';

const properties: INodeProperties[] = [
	{
		displayName: 'Metrics',
		name: 'metrics',
		type: 'multiOptions',
		options: [
			{
				name: 'Average First Response (Seconds)',
				value: 'avg_first_response_seconds',
				description: "Mean seconds from the customer's first message to the agent's first answer",
			},
			{
				name: 'Conversation Volume',
				value: 'conversation_volume',
				description: 'Number of conversations started',
			},
			{
				name: 'Escalation Rate',
				value: 'escalation_rate',
				description: 'Share (0 to 1) of those conversations now escalated to a human team',
			},
			{
				name: 'Messages per Conversation',
				value: 'messages_per_conversation',
				description: 'Mean number of messages per conversation',
			},
			{
				name: 'Resolution Rate',
				value: 'resolution_rate',
				description: 'Share (0 to 1) of those conversations now completed',
			},
		],
		default: [],
		description: 'Which numbers to report. Leave empty to get all of them.',
	},
	...dateRangeFields({ required: true, what: 'conversations' }),
	{
		displayName: 'Group By',
		name: 'groupBy',
		type: 'options',
		options: [
			{ name: 'Agent', value: 'agent', description: 'One row per agent' },
			{ name: 'Day', value: 'day', description: 'One row per day (UTC)' },
			{ name: 'Week', value: 'week', description: 'One row per week, starting on Monday (UTC)' },
		],
		default: 'day',
		description:
			'How to split the numbers into rows. Only days, weeks or agents with conversations get a row.',
	},
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		options: [
			{
				name: 'One Item per Row',
				value: 'rows',
				description:
					'Each day, week or agent as its own item, e.g. to add rows to a spreadsheet. No item when there were no conversations.',
			},
			{
				name: 'Summary',
				value: 'summary',
				description: 'One item with the totals for the whole range and all rows in a list',
			},
		],
		default: 'rows',
		description: 'How the report comes out of the node',
	},
	optionsCollection(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['report'], operation: ['get'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const metrics = this.getNodeParameter('metrics', itemIndex, []) as string[];
	const { dateFrom, dateTo } = readDateRange(this, itemIndex, true);
	const groupBy = this.getNodeParameter('groupBy', itemIndex, 'day') as string;
	const output = this.getNodeParameter('output', itemIndex, 'rows') as string;
	const report = await itemRequestBody(this, itemIndex, {
		method: 'GET',
		path: '/reports',
		qs: {
			date_from: dateFrom,
			date_to: dateTo,
			group_by: groupBy,
			...(metrics.length > 0 ? { metrics: metrics.join(',') } : {}),
		},
	});
	if (output === 'summary') return [{ json: report }];
	const rows = (Array.isArray(report.rows) ? report.rows : []) as IDataObject[];
	return rows.map((row) => ({ json: row }));
}
