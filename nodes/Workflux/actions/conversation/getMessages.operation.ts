import { apiPath } from '../../../shared/transport/api-path';
import { conversationLocator } from '../../descriptions/locators.description';
import { locatorValue } from '../../helpers/parameters';
import { getManyOperation } from '../get-many';

/** The transcript, oldest message first, one item per message. */
export const { description, execute } = getManyOperation({
	resource: 'conversation',
	operation: 'getMessages',
	before: [conversationLocator],
	path: (context, itemIndex) =>
		apiPath`/conversations/${locatorValue(context, 'conversationId', itemIndex)}/messages`,
});
