import { NodeOperationError, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { DateValueError, isRangeReversed, toApiDate } from '../helpers/dates';

/** Date From / Date To, as Report > Get (required) and Export > Create (optional) offer them. */
export function dateRangeFields(options: { required: boolean; what: string }): INodeProperties[] {
	const optional = options.required ? '' : '. Leave empty for no limit';
	return [
		{
			displayName: 'Date From',
			name: 'dateFrom',
			type: 'dateTime',
			required: options.required,
			default: '',
			description: `Include ${options.what} created on or after this moment (in the workflow's time zone). A date alone, such as 2026-11-01, means from the start of that day (UTC)${optional}.`,
		},
		{
			displayName: 'Date To',
			name: 'dateTo',
			type: 'dateTime',
			required: options.required,
			default: '',
			description: `Include ${options.what} created up to and including this moment (in the workflow's time zone). A date alone, such as 2026-11-30, includes that whole day (UTC)${optional}.`,
		},
	];
}

/** The item's date range as WorkFlux wants it; plain-word errors for unreadable or reversed dates. */
export function readDateRange(
	context: IExecuteFunctions,
	itemIndex: number,
	required: boolean,
): { dateFrom?: string; dateTo?: string } {
	const read = (name: string, label: string) => {
		const value = context.getNodeParameter(name, itemIndex, '') as unknown;
		let date: string | undefined;
		try {
			date = toApiDate(value, context.getTimezone());
		} catch (error) {
			const reason = error instanceof DateValueError ? error.message : String(error);
			throw new NodeOperationError(context.getNode(), `${label} is not a valid date`, {
				itemIndex,
				description: `WorkFlux could not use it because ${reason}. Pick a date in the field, or type one such as 2026-11-01 or 2026-11-01T09:00:00.`,
			});
		}
		if (required && date === undefined) {
			throw new NodeOperationError(context.getNode(), `${label} is empty`, {
				itemIndex,
				description: `Pick a date for "${label}" or type one, for example 2026-11-01.`,
			});
		}
		return date;
	};
	const dateFrom = read('dateFrom', 'Date From');
	const dateTo = read('dateTo', 'Date To');
	if (isRangeReversed(dateFrom, dateTo)) {
		throw new NodeOperationError(context.getNode(), 'Date From is after Date To', {
			itemIndex,
			description: `The range ${dateFrom} to ${dateTo} is empty. Swap the two dates or correct one of them.`,
		});
	}
	return { dateFrom, dateTo };
}
