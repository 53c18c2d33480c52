import type { INodeProperties } from 'n8n-workflow';

import { forTypes } from './show-for';

/** Concat: what goes between the values, and whether empty ones are left out. */
export const concatFields: INodeProperties[] = [
	{
		displayName: 'Separator',
		name: 'concatSeparator',
		type: 'string',
		default: ' ',
		description: 'Put between the values (a space by default)',
		...forTypes('concat'),
	},
	{
		displayName: 'Skip Empty Values',
		name: 'skipEmpty',
		type: 'boolean',
		default: true,
		description: 'Whether to leave out missing and empty values, so no double separators appear',
		...forTypes('concat'),
	},
];
