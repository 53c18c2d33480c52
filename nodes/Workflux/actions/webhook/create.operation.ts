import { updateDisplayOptions, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { optionsCollection } from '../../descriptions/retry.description';
import { itemRequestBody } from '../../helpers/api';
import {
	descriptionField,
	eventsField,
	requireEvents,
	requireUsableSecret,
	secretField,
	urlField,
	webhookBody,
} from './fields';

const properties: INodeProperties[] = [
	urlField,
	eventsField,
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			descriptionField,
			{
				...secretField,
				description:
					'The signing key for deliveries. Leave empty and WorkFlux generates a strong one ("whsec_" + 32 random bytes). Either way the secret is shown only once, in this node\'s output ("secret"): copy it from there, as WorkFlux will not show it again.',
			},
		],
	},
	optionsCollection(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['webhook'], operation: ['create'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const url = (this.getNodeParameter('url', itemIndex) as string).trim();
	const events = requireEvents(this, this.getNodeParameter('events', itemIndex, []), itemIndex);
	const fields = webhookBody(this.getNodeParameter('additionalFields', itemIndex, {}));
	requireUsableSecret(this, fields, itemIndex);
	const subscription = await itemRequestBody(this, itemIndex, {
		method: 'POST',
		path: '/webhooks',
		body: { ...fields, url, events },
	});
	return [{ json: subscription }];
}
