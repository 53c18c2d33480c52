import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parseJsonObject, withoutEmpty } from '../../helpers/parameters';

/** The agent's settable fields, shared by Create (Additional Fields) and Update (Update Fields). */
export const agentFields: INodeProperties[] = [
	{
		displayName: 'Channels',
		name: 'channels',
		type: 'multiOptions',
		options: [
			{ name: 'API', value: 'api' },
			{ name: 'Email', value: 'email' },
			{ name: 'SMS', value: 'sms' },
			{ name: 'Voice', value: 'voice' },
			{ name: 'Web Chat', value: 'web' },
			{ name: 'WhatsApp', value: 'whatsapp' },
		],
		default: [],
		description: 'Where the agent talks to customers',
	},
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		default: '',
		description: 'A short note on what the agent is for, shown in WorkFlux',
	},
	{
		displayName: 'Instructions',
		name: 'instructions',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		description: 'How the agent should behave and answer, in plain words',
	},
	{
		displayName: 'Metadata (JSON)',
		name: 'metadata',
		type: 'json',
		default: '{}',
		description: 'Your own key-value data to keep with the agent, as a JSON object',
	},
	{
		displayName: 'Model',
		name: 'model',
		type: 'string',
		default: '',
		placeholder: 'workflux-standard',
		description: 'The AI model the agent uses. Leave empty for the WorkFlux default.',
	},
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		options: [
			{ name: 'Active', value: 'active' },
			{ name: 'Inactive', value: 'inactive' },
		],
		default: 'active',
		description: 'Whether the agent answers conversations',
	},
];

/** The request body from a filled-in agent fields collection. */
export function agentBody(
	context: IExecuteFunctions,
	fields: IDataObject,
	itemIndex: number,
): IDataObject {
	const { metadata, channels, ...rest } = fields;
	const body = withoutEmpty(rest);
	if (metadata !== undefined)
		body.metadata = parseJsonObject(context, metadata, 'Metadata', itemIndex);
	if (Array.isArray(channels) && channels.length > 0) body.channels = channels;
	return body;
}
