import { getManyOperation } from '../get-many';
import type { Operation } from '../operation';

const operation: Operation = getManyOperation({
	resource: 'workflow',
	path: '/workflows',
});

// Typed here, not inferred: the declarations must name n8n-workflow's types whichever copy compiles them.
export const description: Operation['description'] = operation.description;
export const execute: Operation['execute'] = operation.execute;
