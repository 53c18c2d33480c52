import { updateDisplayOptions, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit } from '../../descriptions/get-many.description';
import { optionsCollection } from '../../descriptions/retry.description';
import { getManyForItem } from '../../helpers/api';

const properties: INodeProperties[] = [...returnAllOrLimit, optionsCollection()];

export const description = updateDisplayOptions(
	{ show: { resource: ['workflow'], operation: ['getAll'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const workflows = await getManyForItem(this, itemIndex, '/workflows');
	return workflows.map((workflow) => ({ json: workflow }));
}
