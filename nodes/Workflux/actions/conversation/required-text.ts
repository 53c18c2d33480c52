import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

/**
 * A required text parameter, checked before anything is sent: an expression that resolves to nothing
 * (e.g. a field missing on this item) should say which parameter is empty, not come back as a 422.
 */
export function requiredText(
	context: IExecuteFunctions,
	name: string,
	label: string,
	itemIndex: number,
): string {
	const value = context.getNodeParameter(name, itemIndex, '');
	const text = value === undefined || value === null ? '' : String(value);
	if (text.trim() === '') {
		throw new NodeOperationError(context.getNode(), `${label} is empty`, {
			itemIndex,
			description: `Fill in "${label}". If it is an expression, check that it gives a value for this item.`,
		});
	}
	return text;
}
