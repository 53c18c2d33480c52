import { updateDisplayOptions, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { optionsCollection } from '../../descriptions/retry.description';
import { itemRequestBody } from '../../helpers/api';
import { exportIdField } from './export-id';
import { apiPath } from '../../../shared/transport/api-path';

const properties: INodeProperties[] = [exportIdField, optionsCollection()];

export const description = updateDisplayOptions(
	{ show: { resource: ['export'], operation: ['getStatus'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const exportId = (this.getNodeParameter('exportId', itemIndex) as string).trim();
	const exportJob = await itemRequestBody(this, itemIndex, {
		method: 'GET',
		path: apiPath`/exports/${exportId}`,
	});
	return [{ json: exportJob }];
}
