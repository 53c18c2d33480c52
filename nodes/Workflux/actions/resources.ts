import type { INodeProperties } from 'n8n-workflow';

import * as agent from './agent';
import * as conversation from './conversation';
import type { Operation } from './operation';

export interface Resource {
	operations: Record<string, Operation>;
	description: INodeProperties[];
}

/** Every resource of the node; the router and the node description both read this one list. */
export const resources: Record<string, Resource> = {
	agent,
	conversation,
};

export const resourceSelector: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: [
		{ name: 'Agent', value: 'agent' },
		{ name: 'Conversation', value: 'conversation' },
	],
	default: 'agent',
};
