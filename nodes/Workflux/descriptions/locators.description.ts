import type { INodeProperties } from 'n8n-workflow';

/** A record picked from a searchable list of the user's WorkFlux records, or typed as an ID. */
function locator(options: {
	displayName: string;
	name: string;
	searchListMethod: string;
	idPrefix: string;
	description: string;
}): INodeProperties {
	return {
		displayName: options.displayName,
		name: options.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: options.description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: options.searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: `${options.idPrefix}_2f9c1d`,
				validation: [
					{
						type: 'regex',
						properties: {
							regex: `${options.idPrefix}_[A-Za-z0-9_-]+`,
							errorMessage: `A WorkFlux ${options.displayName.toLowerCase()} ID starts with "${options.idPrefix}_"`,
						},
					},
				],
			},
		],
	};
}

export const agentLocator = locator({
	displayName: 'Agent',
	name: 'agentId',
	searchListMethod: 'searchAgents',
	idPrefix: 'agt',
	description: 'The WorkFlux agent',
});

export const conversationLocator = locator({
	displayName: 'Conversation',
	name: 'conversationId',
	searchListMethod: 'searchConversations',
	idPrefix: 'conv',
	description: 'The WorkFlux conversation',
});

export const workflowLocator = locator({
	displayName: 'Workflow',
	name: 'workflowId',
	searchListMethod: 'searchWorkflows',
	idPrefix: 'wf',
	description: 'The WorkFlux workflow (a custom workflow defined in WorkFlux, not an n8n workflow)',
});
