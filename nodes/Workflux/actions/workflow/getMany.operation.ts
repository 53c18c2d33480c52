import { getManyOperation } from '../get-many';

export const { description, execute } = getManyOperation({
	resource: 'workflow',
	path: '/workflows',
});
