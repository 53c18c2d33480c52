import { StepError } from './errors';
import { isUnicodeSpace } from './unicode-space';

/** Missing, null, an empty text or text made only of white space (including invisible spaces). */
export function isEmptyValue(value: unknown): boolean {
	if (value === undefined || value === null) return true;
	if (typeof value !== 'string') return false;
	for (let i = 0; i < value.length; i++) {
		if (!isUnicodeSpace(value.charCodeAt(i))) return false;
	}
	return true;
}

/** A short, readable rendering of a value for messages: `"Abc"`, `42`, `a list`, `an object`. */
export function describeValue(value: unknown): string {
	if (value === undefined) return 'nothing';
	if (value === null) return 'null';
	if (typeof value === 'string') {
		const shown = value.length > 60 ? `${value.slice(0, 57)}...` : value;
		return JSON.stringify(shown);
	}
	if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
		return String(value);
	}
	if (Array.isArray(value)) return 'a list';
	if (value instanceof Date)
		return `the date ${isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString()}`;
	return 'an object';
}

/** Text for a text transformation; numbers and booleans are written out, objects are refused. */
export function toText(value: unknown, transformation: string): string {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
		return String(value);
	}
	if (value instanceof Date && !isNaN(value.getTime())) return value.toISOString();
	throw new StepError(
		`${transformation} needs text, but the value is ${describeValue(value)}: pick a text field inside it with a dot path (for example customer.name)`,
	);
}
