import {
	NodeOperationError,
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { optionsCollection } from '../../descriptions/retry.description';
import { itemRequestBody } from '../../helpers/api';
import {
	descriptionField,
	eventsField,
	requireUsableSecret,
	secretField,
	urlField,
	webhookBody,
	webhookIdField,
} from './fields';
import { apiPath } from '../../../shared/transport/api-path';

const properties: INodeProperties[] = [
	webhookIdField,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			descriptionField,
			{
				...eventsField,
				required: false,
				description: 'The new list of events; replaces the old one',
			},
			{
				...secretField,
				description:
					'A new signing key for deliveries. It replaces the old one at once, so update the receiver too.',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: [
					{
						name: 'Active',
						value: 'active',
						description: 'Send events (turns a disabled subscription back on)',
					},
					{ name: 'Disabled', value: 'disabled', description: 'Stop sending events for now' },
				],
				default: 'active',
				description:
					'Whether WorkFlux sends events. WorkFlux disables a subscription by itself when the URL answers "410 Gone".',
			},
			{ ...urlField, required: false, description: 'The new address to send the events to' },
		],
	},
	optionsCollection(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['webhook'], operation: ['update'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const webhookId = (this.getNodeParameter('webhookId', itemIndex) as string).trim();
	const body = webhookBody(this.getNodeParameter('updateFields', itemIndex, {}));
	if (Object.keys(body).length === 0) {
		throw new NodeOperationError(this.getNode(), 'Nothing to update', {
			itemIndex,
			description: 'Add at least one field under "Update Fields".',
		});
	}
	requireUsableSecret(this, body, itemIndex);
	const subscription = await itemRequestBody(this, itemIndex, {
		method: 'PATCH',
		path: apiPath`/webhooks/${webhookId}`,
		body,
	});
	return [{ json: subscription }];
}
