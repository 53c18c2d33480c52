import type { INodeProperties } from 'n8n-workflow';

/** The export to read or download. WorkFlux has no list of exports, so the ID comes from Export > Create. */
export const exportIdField: INodeProperties = {
	displayName: 'Export ID',
	name: 'exportId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'exp_2f9c1d',
	description:
		'The ID of the export, from the output of Export > Create (starts with "exp_"). Drag the "ID" field of that node here.',
};
