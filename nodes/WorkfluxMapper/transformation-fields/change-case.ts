import type { INodeProperties } from 'n8n-workflow';

import { forTypes } from './show-for';

/** Lowercase and Uppercase: the language whose case rules apply. */
export const changeCaseFields: INodeProperties[] = [
	{
		displayName: 'Language',
		name: 'locale',
		type: 'string',
		default: '',
		placeholder: 'tr',
		description:
			'Language-specific case rules, such as tr for Turkish (i ↔ İ, ı ↔ I). Leave empty for the standard rules.',
		...forTypes('lowercase', 'uppercase'),
	},
];
