import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { agentLocator } from '../../descriptions/locators.description';
import { optionsCollection } from '../../descriptions/retry.description';
import { itemRequestBody, waitForJob } from '../../helpers/api';
import { withoutEmpty } from '../../helpers/parameters';
import { dateRangeFields, readDateRange } from '../../descriptions/date-range.description';
import { readWaitSettings, waitForCompletionOptions } from '../../descriptions/wait.description';
import { apiPath } from '../../../shared/transport/api-path';

const properties: INodeProperties[] = [
	{
		displayName: 'Records',
		name: 'exportResource',
		type: 'options',
		options: [
			{ name: 'Agents', value: 'agents' },
			{ name: 'Conversations', value: 'conversations' },
			{ name: 'Messages', value: 'messages' },
		],
		default: 'conversations',
		description: 'Which WorkFlux records to export',
	},
	{
		displayName: 'Format',
		name: 'format',
		type: 'options',
		options: [
			{ name: 'CSV', value: 'csv', description: 'A spreadsheet-friendly file with a header row' },
			{ name: 'JSON', value: 'json', description: 'A JSON array with one object per record' },
		],
		default: 'csv',
		description: 'The file format of the export',
	},
	...dateRangeFields({ required: false, what: 'records' }),
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
				description:
					'Only records of this agent (for messages: messages in conversations with this agent)',
			},
			{
				displayName: 'Channel',
				name: 'channel',
				type: 'options',
				options: [
					{ name: 'API', value: 'api' },
					{ name: 'Email', value: 'email' },
					{ name: 'SMS', value: 'sms' },
					{ name: 'Voice', value: 'voice' },
					{ name: 'Web Chat', value: 'web' },
					{ name: 'WhatsApp', value: 'whatsapp' },
				],
				default: 'api',
				description:
					'Only conversations (and their messages) on this channel; for agents, agents that serve this channel',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: [
					{ name: 'Active (Agents)', value: 'active' },
					{ name: 'Completed (Conversations, Messages)', value: 'completed' },
					{ name: 'Escalated (Conversations, Messages)', value: 'escalated' },
					{ name: 'Inactive (Agents)', value: 'inactive' },
					{ name: 'Open (Conversations, Messages)', value: 'open' },
				],
				default: 'open',
				description:
					'Only records with this status: the conversation status for conversations and messages, the agent status for agents',
			},
		],
	},
	optionsCollection(
		waitForCompletionOptions({
			noun: 'export',
			laterOperation: 'Export > Get Status or Export > Download',
		}),
	),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['export'], operation: ['create'] } },
	properties,
);

const FINISHED = ['completed', 'failed'];

/** The agent filter holds a resource locator value (`{ mode, value }`) or, from an expression, plain text. */
function agentFilterValue(value: unknown): string | undefined {
	if (typeof value === 'object' && value !== null && 'value' in value) {
		const id = (value as { value: unknown }).value;
		return typeof id === 'string' && id !== '' ? id : undefined;
	}
	return typeof value === 'string' && value !== '' ? value : undefined;
}

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const resource = this.getNodeParameter('exportResource', itemIndex) as string;
	const format = this.getNodeParameter('format', itemIndex) as string;
	const { dateFrom, dateTo } = readDateRange(this, itemIndex, false);
	const { agentId, ...otherFilters } = this.getNodeParameter(
		'filters',
		itemIndex,
		{},
	) as IDataObject;
	const filters = withoutEmpty({ ...otherFilters, agent_id: agentFilterValue(agentId) });
	const body: IDataObject = {
		resource,
		format,
		...(dateFrom ? { date_from: dateFrom } : {}),
		...(dateTo ? { date_to: dateTo } : {}),
		...(Object.keys(filters).length > 0 ? { filters } : {}),
	};
	const created = await itemRequestBody(this, itemIndex, {
		method: 'POST',
		path: '/exports',
		body,
	});

	const wait = readWaitSettings(this, itemIndex);
	if (!wait.enabled) return [{ json: created }];

	const exportId = String(created.id);
	const outcome = await waitForJob(
		this,
		itemIndex,
		{
			initial: created,
			statusPath: apiPath`/exports/${exportId}`,
			finalStatuses: FINISHED,
		},
		wait,
	);
	if (!outcome.finished) {
		throw new NodeOperationError(
			this.getNode(),
			`The export ${exportId} is still running after ${Math.round(outcome.waitedMs / 1000)} seconds`,
			{
				itemIndex,
				description: `WorkFlux is still preparing it (status: ${String(outcome.state.status)}); nothing is lost. To pick it up later, use a WorkFlux node with Export > Get Status or Export > Download and the export ID ${exportId}. Or allow a longer "Max Wait" under Options.`,
			},
		);
	}
	if (outcome.state.status === 'failed') {
		throw new NodeOperationError(this.getNode(), `The export ${exportId} failed in WorkFlux`, {
			itemIndex,
			description:
				'WorkFlux could not produce the file. Run the node again to start a new export; if it keeps failing, try a shorter date range or contact WorkFlux support with the export ID.',
		});
	}
	return [{ json: outcome.state }];
}
