import { apiPath } from '../../../shared/transport/api-path';
import { conversationLocator } from '../../descriptions/locators.description';
import { locatorValue } from '../../helpers/parameters';
import { getManyOperation } from '../get-many';
import type { Operation } from '../operation';

/** The transcript, oldest message first, one item per message. */
const operation: Operation = getManyOperation({
	resource: 'conversation',
	operation: 'getMessages',
	before: [conversationLocator],
	path: (context, itemIndex) =>
		apiPath`/conversations/${locatorValue(context, 'conversationId', itemIndex)}/messages`,
});

// Typed here, not inferred: the declarations must name n8n-workflow's types whichever copy compiles them.
export const description: Operation['description'] = operation.description;
export const execute: Operation['execute'] = operation.execute;
