import { updateDisplayOptions, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { workflowLocator } from '../../descriptions/locators.description';
import { optionsCollection } from '../../descriptions/retry.description';
import { itemRequestBody } from '../../helpers/api';
import { locatorValue } from '../../helpers/parameters';
import { runIdField } from './run-id';
import { apiPath } from '../../../shared/transport/api-path';

const properties: INodeProperties[] = [workflowLocator, runIdField, optionsCollection()];

export const description = updateDisplayOptions(
	{ show: { resource: ['workflow'], operation: ['getRun'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const workflowId = locatorValue(this, 'workflowId', itemIndex);
	const runId = (this.getNodeParameter('runId', itemIndex) as string).trim();
	const run = await itemRequestBody(this, itemIndex, {
		method: 'GET',
		path: apiPath`/workflows/${workflowId}/runs/${runId}`,
	});
	return [{ json: run }];
}
