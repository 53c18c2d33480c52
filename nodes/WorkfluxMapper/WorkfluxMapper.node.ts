import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { mapperProperties } from './properties';

/** Two outputs, Valid and Invalid, only when failing items are sent to their own output. */
const OUTPUTS_EXPRESSION: `={{${string}}}` = `={{ $parameter.onFailure === "invalidOutput" ? [{ "type": "${NodeConnectionTypes.Main}", "displayName": "Valid" }, { "type": "${NodeConnectionTypes.Main}", "displayName": "Invalid" }] : [{ "type": "${NodeConnectionTypes.Main}" }] }}`;

export class WorkfluxMapper implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WorkFlux Mapper',
		name: 'workfluxMapper',
		icon: { light: 'file:../../icons/workflux.svg', dark: 'file:../../icons/workflux.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["mode"] === "json" ? "Rules from JSON" : "Rules in the editor" }}',
		description:
			'Clean up and check fields for WorkFlux with its mapping rules: trim, change case, format dates and phone numbers, join, split, look up, validate',
		defaults: { name: 'WorkFlux Mapper' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: OUTPUTS_EXPRESSION,
		properties: mapperProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		// Loaded on the first run, not when n8n starts: n8n loads every installed node at start-up, and the
		// mapping engine (pattern engine, phone data, dates) is most of the Mapper's code (bench/load-time.ts).
		const { executeMapper } = await import('./execute');
		return await executeMapper.call(this);
	}
}
