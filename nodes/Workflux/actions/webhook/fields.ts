import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import {
	MAX_TEXT_SECRET_LENGTH,
	MIN_TEXT_SECRET_LENGTH,
	webhookSecretProblem,
} from './secret-rules';

/** The five WorkFlux event types, as users see them. */
export const eventTypeOptions = [
	{
		name: 'Agent Response',
		value: 'agent.response',
		description: 'An agent answered a message',
	},
	{
		name: 'Conversation Completed',
		value: 'conversation.completed',
		description: 'A conversation was completed',
	},
	{
		name: 'Conversation Escalated',
		value: 'conversation.escalated',
		description: 'A conversation was handed to a human team',
	},
	{
		name: 'Conversation Started',
		value: 'conversation.started',
		description: 'A conversation started',
	},
	{
		name: 'Integration Status Updated',
		value: 'integration.status_updated',
		description: 'A connected integration changed status',
	},
];

/** Shown above every webhook operation: most n8n users want the trigger, not a hand-made subscription. */
export const triggerNotice: INodeProperties = {
	displayName:
		'To receive WorkFlux events in n8n, use the WorkFlux Trigger node instead: it creates and removes its own webhook subscription automatically. These operations manage subscriptions for other systems.',
	name: 'triggerNotice',
	type: 'notice',
	default: '',
};

export const webhookIdField: INodeProperties = {
	displayName: 'Webhook ID',
	name: 'webhookId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'wh_2f9c1d',
	description:
		'The ID of the webhook subscription (starts with "wh_"), from Webhook > Create or Webhook > Get Many',
};

export const urlField: INodeProperties = {
	displayName: 'URL',
	name: 'url',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'https://example.com/workflux-events',
	description: 'The address WorkFlux sends the events to, with http:// or https://',
};

export const eventsField: INodeProperties = {
	displayName: 'Events',
	name: 'events',
	type: 'multiOptions',
	required: true,
	options: eventTypeOptions,
	default: [],
	description: 'Which events WorkFlux sends to the URL',
};

export const secretField: INodeProperties = {
	displayName: 'Secret',
	name: 'secret',
	type: 'string',
	typeOptions: { password: true },
	default: '',
	placeholder: 'your_webhook_secret',
	description:
		'The key WorkFlux signs each delivery with, so the receiver can check it came from WorkFlux',
	hint: `Either "whsec_" followed by the base64 of 24 to 64 random bytes (Standard Webhooks), or any text of ${MIN_TEXT_SECRET_LENGTH} to ${MAX_TEXT_SECRET_LENGTH} characters (signed with its UTF-8 bytes). Spaces at the start and end are removed.`,
};

export const descriptionField: INodeProperties = {
	displayName: 'Description',
	name: 'description',
	type: 'string',
	default: '',
	description: 'A note on what the subscription is for, shown in WorkFlux',
};

/** Only the fields the user filled in, with the events list left out when empty. */
export function webhookBody(fields: IDataObject): IDataObject {
	const body: IDataObject = {};
	for (const [key, value] of Object.entries(fields)) {
		if (value === '' || value === undefined || value === null) continue;
		if (Array.isArray(value) && value.length === 0) continue;
		body[key] = typeof value === 'string' && key !== 'description' ? value.trim() : value;
	}
	return body;
}

/** Stops before the request when no event is picked: WorkFlux would refuse the subscription anyway. */
export function requireEvents(
	context: IExecuteFunctions,
	events: unknown,
	itemIndex: number,
): string[] {
	if (!Array.isArray(events) || events.length === 0) {
		throw new NodeOperationError(context.getNode(), 'No events are selected', {
			itemIndex,
			description: 'Pick at least one event under "Events" for WorkFlux to send.',
		});
	}
	return events as string[];
}

/** Stops before the request when WorkFlux would refuse the secret, saying why and what it accepts. */
export function requireUsableSecret(
	context: IExecuteFunctions,
	body: IDataObject,
	itemIndex: number,
): void {
	if (typeof body.secret !== 'string') return;
	const problem = webhookSecretProblem(body.secret);
	if (problem === undefined) return;
	throw new NodeOperationError(context.getNode(), problem, {
		itemIndex,
		description: `Use "whsec_" followed by the base64 of 24 to 64 random bytes, or any text of ${MIN_TEXT_SECRET_LENGTH} to ${MAX_TEXT_SECRET_LENGTH} characters without line breaks. Or leave "Secret" empty and WorkFlux generates a strong one.`,
	});
}
