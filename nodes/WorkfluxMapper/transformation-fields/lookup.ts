import type { INodeProperties } from 'n8n-workflow';

import { forTypes } from './show-for';

/** Lookup: the table (rows or JSON), how keys are matched, and what happens when none matches. */
export const lookupFields: INodeProperties[] = [
	{
		displayName: 'Table Entered As',
		name: 'tableSource',
		type: 'options',
		default: 'rows',
		options: [
			{ name: 'Rows', value: 'rows' },
			{ name: 'JSON', value: 'json' },
		],
		...forTypes('lookup'),
	},
	{
		displayName: 'Lookup Table',
		name: 'lookupRows',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Row',
		default: {},
		displayOptions: { show: { type: ['lookup'], tableSource: ['rows'] } },
		options: [
			{
				displayName: 'Row',
				name: 'row',
				values: [
					{ displayName: 'Key', name: 'key', type: 'string', default: '', placeholder: 'gold' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '', placeholder: 'VIP' },
				],
			},
		],
	},
	{
		displayName: 'Lookup Table (JSON)',
		name: 'lookupJson',
		type: 'json',
		default: '{\n  "gold": "VIP",\n  "silver": "Regular"\n}',
		description: 'An object of key: value pairs',
		displayOptions: { show: { type: ['lookup'], tableSource: ['json'] } },
	},
	{
		displayName: 'Ignore Case',
		name: 'caseInsensitive',
		type: 'boolean',
		default: true,
		description: 'Whether RETAIL, Retail and retail count as the same key',
		...forTypes('lookup'),
	},
	{
		displayName: 'Ignore Spaces Around Keys',
		name: 'trimKeys',
		type: 'boolean',
		default: true,
		description:
			'Whether to ignore white space at the ends of keys and repeated spaces inside them',
		...forTypes('lookup'),
	},
	{
		displayName: 'If No Key Matches',
		name: 'onNoMatch',
		type: 'options',
		default: 'error',
		options: [
			{ name: 'Fail the Rule', value: 'error' },
			{ name: 'Keep the Original Value', value: 'keep' },
			{ name: 'Use a Default Value', value: 'default' },
		],
		...forTypes('lookup'),
	},
	{
		displayName: 'Default Value',
		name: 'defaultValue',
		type: 'string',
		default: '',
		description: 'The result when the value is not in the table',
		displayOptions: { show: { type: ['lookup'], onNoMatch: ['default'] } },
	},
	{
		displayName: 'Value for Empty Input',
		name: 'emptyValue',
		type: 'string',
		default: '',
		description:
			'The result when the field is missing or empty. Leave blank to keep empty values as they are.',
		...forTypes('lookup'),
	},
];
