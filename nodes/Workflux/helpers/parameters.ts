import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

/**
 * A JSON parameter (metadata, payloads) as an object. Accepts an object already (from an expression) or text;
 * anything else is an error that names the field.
 */
export function parseJsonObject(
	context: IExecuteFunctions,
	value: unknown,
	label: string,
	itemIndex: number,
): IDataObject {
	if (value === '' || value === undefined || value === null) return {};
	let parsed = value;
	if (typeof value === 'string') {
		try {
			parsed = JSON.parse(value);
		} catch (error) {
			throw new NodeOperationError(context.getNode(), `${label} is not valid JSON`, {
				itemIndex,
				description: `Write it as a JSON object, for example {"source": "crm"}. (${(error as Error).message})`,
			});
		}
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		throw new NodeOperationError(context.getNode(), `${label} must be a JSON object`, {
			itemIndex,
			description: 'Write it as a JSON object in curly braces, for example {"source": "crm"}.',
		});
	}
	return parsed as IDataObject;
}

/** Drops empty values, so a field the user added but left blank is not sent as "". */
export function withoutEmpty(fields: IDataObject): IDataObject {
	const result: IDataObject = {};
	for (const [key, value] of Object.entries(fields)) {
		if (value === '' || value === undefined || value === null) continue;
		result[key] = value;
	}
	return result;
}

/** The ID behind a resource locator, whichever mode the user picked it in. */
export function locatorValue(context: IExecuteFunctions, name: string, itemIndex: number): string {
	return context.getNodeParameter(name, itemIndex, '', { extractValue: true }) as string;
}
