import type { INodeProperties } from 'n8n-workflow';

import { forTypes } from './show-for';

/** Split: the separator, clean-up of the parts, and which part to keep. */
export const splitFields: INodeProperties[] = [
	{
		displayName: 'Separator',
		name: 'splitSeparator',
		type: 'string',
		default: ',',
		description: 'The text between the parts',
		...forTypes('split'),
	},
	{
		displayName: 'Separator Is a Regular Expression',
		name: 'separatorIsRegex',
		type: 'boolean',
		default: false,
		description: 'Whether the separator is a regular expression, such as \\s*[;,]\\s*',
		...forTypes('split'),
	},
	{
		displayName: 'Trim Parts',
		name: 'trimParts',
		type: 'boolean',
		default: true,
		description: 'Whether to remove white space around each part',
		...forTypes('split'),
	},
	{
		displayName: 'Drop Empty Parts',
		name: 'dropEmpty',
		type: 'boolean',
		default: true,
		description: 'Whether to leave out empty parts',
		...forTypes('split'),
	},
	{
		displayName: 'Keep',
		name: 'part',
		type: 'options',
		default: 'all',
		options: [
			{ name: 'All Parts (as a List)', value: 'all' },
			{ name: 'First Part', value: 'first' },
			{ name: 'Last Part', value: 'last' },
			{ name: 'Part Number…', value: 'nth' },
		],
		...forTypes('split'),
	},
	{
		displayName: 'Part Number',
		name: 'partIndex',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 1,
		description: 'Which part to keep, counting from 1. A part that does not exist gives null.',
		displayOptions: { show: { type: ['split'], part: ['nth'] } },
	},
];
