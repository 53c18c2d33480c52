import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import { DateValueError, isDateOnly, toApiDate } from '../../helpers/dates';

/**
 * A Created After / Created Before filter as WorkFlux wants it: an ISO 8601 date-time. Read like every date
 * parameter of the node (the picker's local time is in the workflow's time zone); a date alone means the
 * start of that UTC day, since this filter takes no plain dates.
 */
export function toUtcIso(
	context: IExecuteFunctions,
	value: unknown,
	label: string,
	itemIndex: number,
): string {
	const invalid = () =>
		new NodeOperationError(context.getNode(), `${label} is not a valid date`, {
			itemIndex,
			description: `Pick a date in the date picker, or give one as ISO 8601 text such as 2026-11-27T09:00:00Z. The value was: ${String(value)}`,
		});
	let date: string | undefined;
	try {
		date = toApiDate(value, context.getTimezone());
	} catch (error) {
		if (error instanceof DateValueError) throw invalid();
		throw new NodeOperationError(context.getNode(), error as Error, { itemIndex });
	}
	if (!date) throw invalid();
	return isDateOnly(date) ? `${date}T00:00:00.000Z` : date;
}
