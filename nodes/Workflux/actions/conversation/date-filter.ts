import { DateTime } from 'luxon';
import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

/**
 * A date filter as WorkFlux wants it: ISO 8601 in UTC. The editor's date picker gives a local time without
 * an offset ("2026-11-27T09:00:00"), meant in the workflow's time zone; expressions may give a Luxon
 * DateTime, a Date or any ISO text.
 */
export function toUtcIso(
	context: IExecuteFunctions,
	value: unknown,
	label: string,
	itemIndex: number,
): string {
	let date: DateTime | undefined;
	if (DateTime.isDateTime(value)) date = value;
	else if (value instanceof Date) date = DateTime.fromJSDate(value);
	else if (typeof value === 'string' && value.trim() !== '')
		date = DateTime.fromISO(value.trim(), { zone: context.getTimezone() });
	if (!date?.isValid) {
		throw new NodeOperationError(context.getNode(), `${label} is not a valid date`, {
			itemIndex,
			description: `Pick a date in the date picker, or give one as ISO 8601 text such as 2026-11-27T09:00:00Z. The value was: ${String(value)}`,
		});
	}
	return date.toUTC().toISO() as string;
}
