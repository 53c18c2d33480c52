import type { INodeProperties } from 'n8n-workflow';

/** The transformation a step applies, chosen first; the fields below it depend on it. */
export const transformationTypeField: INodeProperties = {
	displayName: 'Transformation',
	name: 'type',
	type: 'options',
	default: 'trim',
	options: [
		{
			name: 'Concat',
			value: 'concat',
			description: 'Join several fields (or a list) into one text',
		},
		{
			name: 'Format Date',
			value: 'format_date',
			description: 'Read a date and write it in another format or time zone',
		},
		{
			name: 'Format Phone',
			value: 'format_phone',
			description: 'Write a phone number as E.164, international, national, tel: or digits',
		},
		{ name: 'Lookup', value: 'lookup', description: 'Replace a value using a table of pairs' },
		{ name: 'Lowercase', value: 'lowercase', description: 'Convert to lowercase' },
		{
			name: 'Split',
			value: 'split',
			description: 'Split text into a list, or keep one part of it',
		},
		{
			name: 'Trim',
			value: 'trim',
			description: 'Remove white space (including invisible spaces) at both ends',
		},
		{ name: 'Uppercase', value: 'uppercase', description: 'Convert to uppercase' },
	],
};
