import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parseJsonObject } from '../../helpers/parameters';

/** The data a run starts with: typed as name/value pairs, or written as JSON (n8n's usual two ways). */
export const payloadFields: INodeProperties[] = [
	{
		displayName: 'Send Payload',
		name: 'payloadMode',
		type: 'options',
		options: [
			{ name: 'Using Fields Below', value: 'fields' },
			{ name: 'Using JSON', value: 'json' },
		],
		default: 'fields',
		description: 'How to give the data the WorkFlux workflow starts with',
	},
	{
		displayName: 'Payload Fields',
		name: 'payloadFields',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Field',
		default: { values: [] },
		displayOptions: { show: { payloadMode: ['fields'] } },
		options: [
			{
				displayName: 'Field',
				name: 'values',
				values: [
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'orderId',
						description: 'The name of the field in the payload',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						description: 'The value, sent as text',
					},
				],
			},
		],
	},
	{
		displayName: 'Payload (JSON)',
		name: 'payloadJson',
		type: 'json',
		default: '{}',
		displayOptions: { show: { payloadMode: ['json'] } },
		description:
			'The payload as a JSON object, e.g. {"orderId": "A-1001", "items": 3}. Use this for numbers, lists or nested data.',
	},
];

export function readPayload(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const mode = context.getNodeParameter('payloadMode', itemIndex, 'fields') as string;
	if (mode === 'json') {
		return parseJsonObject(
			context,
			context.getNodeParameter('payloadJson', itemIndex, '{}'),
			'Payload (JSON)',
			itemIndex,
		);
	}
	const { values = [] } = context.getNodeParameter('payloadFields', itemIndex, {}) as {
		values?: Array<{ name?: string; value?: unknown }>;
	};
	const payload: IDataObject = {};
	for (const { name, value } of values) {
		if (!name) continue;
		payload[name] = value as IDataObject[keyof IDataObject];
	}
	return payload;
}
