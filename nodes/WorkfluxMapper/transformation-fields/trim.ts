import type { INodeProperties } from 'n8n-workflow';

import { forTypes } from './show-for';

/** Trim: whether inner runs of spaces shrink too. */
export const trimFields: INodeProperties[] = [
	{
		displayName: 'Collapse Inner Spaces',
		name: 'collapseSpaces',
		type: 'boolean',
		default: false,
		description: 'Whether to also turn every run of spaces inside the text into one space',
		...forTypes('trim'),
	},
];
