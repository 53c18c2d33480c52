import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { returnAllOrLimit } from '../descriptions/get-many.description';
import { optionsCollection } from '../descriptions/retry.description';
import { getManyForItem } from '../helpers/api';
import type { Operation } from './operation';

type ItemReader<T> = (context: IExecuteFunctions, itemIndex: number) => T;

export interface GetManySpec {
	resource: string;
	/** The operation's value; "getAll" as in every n8n Get Many. */
	operation?: string;
	/** The list's path, e.g. "/agents", or how to build it from the item (use apiPath for IDs). */
	path: string | ItemReader<string>;
	/** Parameters shown before Return All, e.g. the conversation whose messages are listed. */
	before?: INodeProperties[];
	/** Parameters shown after Limit and before Options: Filters, Simplify. */
	after?: INodeProperties[];
	/** The list's query from the item's parameters (filters). */
	query?: ItemReader<IDataObject>;
	/** How the item's records become JSON (e.g. Simplify), read once per item; records as they are by default. */
	shapeRecord?: ItemReader<(record: IDataObject) => IDataObject>;
}

/**
 * A Get Many operation: Return All / Limit, the operation's own parameters, Options, and one item per
 * record. Paging, its bounds and the check that each page is a real WorkFlux list live in getManyForItem.
 */
export function getManyOperation(spec: GetManySpec): Operation {
	const properties = [
		...(spec.before ?? []),
		...returnAllOrLimit,
		...(spec.after ?? []),
		optionsCollection(),
	];
	return {
		description: updateDisplayOptions(
			{ show: { resource: [spec.resource], operation: [spec.operation ?? 'getAll'] } },
			properties,
		),
		async execute(this: IExecuteFunctions, itemIndex: number) {
			const path = typeof spec.path === 'string' ? spec.path : spec.path(this, itemIndex);
			const query = spec.query?.(this, itemIndex) ?? {};
			const shape = spec.shapeRecord?.(this, itemIndex) ?? ((record: IDataObject) => record);
			const records = await getManyForItem(this, itemIndex, path, query);
			return records.map((record) => ({ json: shape(record) }));
		},
	};
}
