import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

/**
 * n8n-nodes-base is not a dependency of this package, but workflows exported from the editor start with its
 * Manual Trigger and often end in No Operation. These stand-ins behave like them for a manual run: they pass
 * their input through.
 */
function passThrough(description: Partial<INodeTypeDescription>): INodeType {
	return {
		description: {
			version: 1,
			defaults: {},
			inputs: ['main'],
			outputs: ['main'],
			properties: [],
			group: ['transform'],
			description: '',
			...description,
		} as INodeTypeDescription,
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			return [this.getInputData()];
		},
	};
}

export const manualTrigger = passThrough({
	name: 'n8n-nodes-base.manualTrigger',
	displayName: "When clicking 'Execute workflow'",
	group: ['trigger'],
	inputs: [],
});

export const noOp = passThrough({ name: 'n8n-nodes-base.noOp', displayName: 'No Operation' });

/** Run by hand ("Execute workflow"), n8n's Schedule Trigger emits one item; so does this stand-in. */
export const scheduleTrigger = passThrough({
	name: 'n8n-nodes-base.scheduleTrigger',
	displayName: 'Schedule Trigger',
	group: ['trigger'],
	inputs: [],
});

/** Sticky notes are never executed; the workflow only needs to know the type. */
export const stickyNote: INodeType = {
	description: {
		displayName: 'Sticky Note',
		name: 'n8n-nodes-base.stickyNote',
		group: ['input'],
		version: 1,
		description: '',
		defaults: {},
		inputs: [],
		outputs: [],
		properties: [],
	},
};
