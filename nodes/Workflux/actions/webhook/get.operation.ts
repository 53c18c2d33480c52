import { updateDisplayOptions, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { optionsCollection } from '../../descriptions/retry.description';
import { itemRequestBody } from '../../helpers/api';
import { webhookIdField } from './fields';
import { apiPath } from '../../../shared/transport/api-path';

const properties: INodeProperties[] = [webhookIdField, optionsCollection()];

export const description = updateDisplayOptions(
	{ show: { resource: ['webhook'], operation: ['get'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const webhookId = (this.getNodeParameter('webhookId', itemIndex) as string).trim();
	const subscription = await itemRequestBody(this, itemIndex, {
		method: 'GET',
		path: apiPath`/webhooks/${webhookId}`,
	});
	return [{ json: subscription }];
}
