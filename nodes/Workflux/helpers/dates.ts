import { DateTime } from 'luxon';

/**
 * Date parameters as WorkFlux wants them. Pure (the workflow's time zone is passed in), tested on its own;
 * used by Report > Get, Export > Create and the conversation date filters.
 *
 * WorkFlux takes a date (`2026-11-27`, the whole UTC day) or a date-time with a zone. n8n's date picker gives a
 * local time without a zone (`2026-11-27T09:30:00`), which means the workflow's time zone; expressions may give
 * ISO text or a Luxon DateTime. A date alone is passed on unchanged so "Date To: 2026-11-30" includes that day.
 */

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** Whether an API date value is a date alone (`2026-11-27`), which WorkFlux reads as a whole UTC day. */
export function isDateOnly(value: string): boolean {
	return DATE_ONLY.test(value);
}

export class DateValueError extends Error {}

/** The value for the API, or undefined when the field is empty. Throws DateValueError for unreadable text. */
export function toApiDate(value: unknown, timezone: string): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (DateTime.isDateTime(value)) return toUtcIso(value);
	if (value instanceof Date) {
		if (Number.isNaN(value.getTime())) throw new DateValueError('it is not a valid date');
		return value.toISOString();
	}
	if (typeof value !== 'string') throw new DateValueError('it is not a date');
	const text = value.trim();
	if (DATE_ONLY.test(text)) {
		if (!DateTime.fromISO(text, { zone: 'utc' }).isValid) {
			throw new DateValueError(`"${text}" is not a real calendar date`);
		}
		return text;
	}
	const parsed = DateTime.fromISO(text, { zone: timezone, setZone: false });
	if (!parsed.isValid) throw new DateValueError(`"${text}" is not a date WorkFlux can read`);
	return toUtcIso(parsed);
}

function toUtcIso(value: DateTime): string {
	if (!value.isValid) throw new DateValueError('it is not a valid date');
	return value.toUTC().toISO() as string;
}

/**
 * Whether `from` is after `to`. A date alone stands for its whole UTC day, so "2026-11-30" to
 * "2026-11-30T08:00:00Z" is a valid range.
 */
export function isRangeReversed(from: string | undefined, to: string | undefined): boolean {
	if (!from || !to) return false;
	const start = DateTime.fromISO(from, { zone: 'utc' }).startOf(
		DATE_ONLY.test(from) ? 'day' : 'millisecond',
	);
	const end = DateTime.fromISO(to, { zone: 'utc' }).endOf(
		DATE_ONLY.test(to) ? 'day' : 'millisecond',
	);
	return start > end;
}
