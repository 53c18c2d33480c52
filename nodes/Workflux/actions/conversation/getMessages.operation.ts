import { updateDisplayOptions, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit } from '../../descriptions/get-many.description';
import { conversationLocator } from '../../descriptions/locators.description';
import { optionsCollection } from '../../descriptions/retry.description';
import { getManyForItem } from '../../helpers/api';
import { locatorValue } from '../../helpers/parameters';

const properties: INodeProperties[] = [
	conversationLocator,
	...returnAllOrLimit,
	optionsCollection(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['conversation'], operation: ['getMessages'] } },
	properties,
);

/** The transcript, oldest message first, one item per message. */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const conversationId = locatorValue(this, 'conversationId', itemIndex);
	const messages = await getManyForItem(
		this,
		itemIndex,
		`/conversations/${encodeURIComponent(conversationId)}/messages`,
	);
	return messages.map((message) => ({ json: message }));
}
