import { updateDisplayOptions, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { optionsCollection } from '../../descriptions/retry.description';
import { itemRequest } from '../../helpers/api';
import { webhookIdField } from './fields';
import { apiPath } from '../../../shared/transport/api-path';

const properties: INodeProperties[] = [webhookIdField, optionsCollection()];

export const description = updateDisplayOptions(
	{ show: { resource: ['webhook'], operation: ['delete'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const webhookId = (this.getNodeParameter('webhookId', itemIndex) as string).trim();
	await itemRequest(this, itemIndex, {
		method: 'DELETE',
		path: apiPath`/webhooks/${webhookId}`,
	});
	return [{ json: { id: webhookId, deleted: true } }];
}
