// Date helpers for ranges (exports, reports) and report grouping. Everything is UTC.
import { validationError } from './errors';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** Start of a range: a date means the start of that UTC day. */
export function rangeStart(value: string): string {
	return DATE_ONLY.test(value) ? `${value}T00:00:00.000Z` : new Date(value).toISOString();
}

/** End of a range (inclusive): a date means the last millisecond of that UTC day. */
export function rangeEnd(value: string): string {
	return DATE_ONLY.test(value) ? `${value}T23:59:59.999Z` : new Date(value).toISOString();
}

/** Resolves an optional from/to pair, refusing a range that ends before it starts (422 on `toField`). */
export function resolveRange(
	from: string | undefined,
	to: string | undefined,
	toField = 'date_to',
): { from: string | null; to: string | null } {
	const start = from ? rangeStart(from) : null;
	const end = to ? rangeEnd(to) : null;
	if (start && end && start > end) {
		throw validationError(
			toField,
			`\`${toField}\` must not be before \`date_from\`. Swap the two dates.`,
		);
	}
	return { from: start, to: end };
}

export function inRange(iso: string, range: { from: string | null; to: string | null }): boolean {
	return (range.from === null || iso >= range.from) && (range.to === null || iso <= range.to);
}

/** `2026-11-27` for any time on that UTC day. */
export function utcDay(iso: string): string {
	return iso.slice(0, 10);
}

/** The Monday that starts the ISO week of `iso`, as a UTC date. */
export function isoWeekStart(iso: string): string {
	const date = new Date(`${utcDay(iso)}T00:00:00.000Z`);
	const weekday = (date.getUTCDay() + 6) % 7; // Monday = 0
	date.setUTCDate(date.getUTCDate() - weekday);
	return date.toISOString().slice(0, 10);
}
