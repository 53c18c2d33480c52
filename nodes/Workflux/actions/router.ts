import {
	NodeApiError,
	NodeOperationError,
	type IExecuteFunctions,
	type INodeExecutionData,
	type JsonObject,
} from 'n8n-workflow';

import { resources } from './resources';

/**
 * Runs the chosen operation once per input item. Each result is paired with its item; with "Continue On Fail"
 * a failing item gets its error as output and the rest go on.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const returnData: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const resource = this.getNodeParameter('resource', itemIndex) as string;
		const operation = this.getNodeParameter('operation', itemIndex) as string;
		const run = resources[resource]?.operations[operation];
		if (!run) {
			throw new NodeOperationError(
				this.getNode(),
				`The operation "${operation}" is not known for "${resource}"`,
				{ itemIndex, description: 'Pick the resource and operation again in the node.' },
			);
		}
		try {
			const results = await run.execute.call(this, itemIndex);
			returnData.push(
				...this.helpers.constructExecutionMetaData(results, { itemData: { item: itemIndex } }),
			);
		} catch (error) {
			if (this.continueOnFail()) {
				returnData.push({
					json: {
						error: error.message,
						...(error.description ? { details: error.description } : {}),
					},
					pairedItem: { item: itemIndex },
				});
				continue;
			}
			// Both error classes hand back an error that already is one, so the item index is set here.
			if (error instanceof NodeApiError || error instanceof NodeOperationError) {
				error.context.itemIndex = itemIndex;
			}
			if (error instanceof NodeApiError)
				throw new NodeApiError(this.getNode(), error as unknown as JsonObject);
			throw new NodeOperationError(this.getNode(), error as Error, { itemIndex });
		}
	}
	return [returnData];
}
