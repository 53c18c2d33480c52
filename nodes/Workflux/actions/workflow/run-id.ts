import type { INodeProperties } from 'n8n-workflow';

export const runIdField: INodeProperties = {
	displayName: 'Run ID',
	name: 'runId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'run_2f9c1d',
	description:
		'The ID of the run (starts with "run_"), from the output of Workflow > Trigger Run. Drag its "ID" field here.',
};
