import type { INodeProperties } from 'n8n-workflow';

import * as agent from './agent';
import * as conversation from './conversation';
import * as exportResource from './export';
import type { Operation } from './operation';
import * as report from './report';
import * as webhook from './webhook';
import * as workflow from './workflow';

export interface Resource {
	operations: Record<string, Operation>;
	description: INodeProperties[];
}

/** Every resource of the node; the router and the node description both read this one list. */
export const resources: Record<string, Resource> = {
	agent,
	conversation,
	export: exportResource,
	report,
	webhook,
	workflow,
};

export const resourceSelector: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: [
		{ name: 'Agent', value: 'agent' },
		{ name: 'Conversation', value: 'conversation' },
		{ name: 'Export', value: 'export' },
		{ name: 'Report', value: 'report' },
		{ name: 'Webhook', value: 'webhook' },
		{ name: 'Workflow', value: 'workflow' },
	],
	default: 'agent',
};
