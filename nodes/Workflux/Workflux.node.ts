import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { resources, resourceSelector } from './actions/resources';
import { router } from './actions/router';
import * as listSearch from '../shared/listSearch';

export class Workflux implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WorkFlux',
		name: 'workflux',
		icon: { light: 'file:../../icons/workflux.svg', dark: 'file:../../icons/workflux.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description:
			'Manage WorkFlux AI agents and conversations, send messages, run WorkFlux workflows, export data and read reports',
		defaults: { name: 'WorkFlux' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'workfluxOAuth2Api', required: true }],
		properties: [
			resourceSelector,
			...Object.values(resources).flatMap((resource) => resource.description),
		],
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
