import { ConfigProblem } from '../config-problem';
import { StepError } from '../errors';
import type { StepFn } from '../step';
import { trimAndCollapse } from '../unicode-space';
import { describeValue, isEmptyValue } from '../values';

export type LookupTable =
	| Record<string, unknown>
	| Array<{ key: string; value: unknown }>
	| Array<[string, unknown]>;

export interface LookupOptions {
	/** Pairs of key → value: an object, a list of {key, value} or a list of [key, value]. */
	table: LookupTable;
	/** Match keys whatever their case (`RETAIL` = `retail`). Default: true. */
	case_insensitive?: boolean;
	/** Ignore white space around keys and repeated spaces inside them. Default: true. */
	trim?: boolean;
	/** The result when the value is not in the table. */
	default?: unknown;
	/** The result when the value is missing or empty (the table is not consulted). */
	empty_default?: unknown;
	/** No match: `default` (needs a default), `keep` the value, or `error`. Default: `default` when one is set, else `error`. */
	on_no_match?: 'default' | 'keep' | 'error';
}

function tableEntries(table: LookupTable): Array<[string, unknown]> {
	if (Array.isArray(table)) {
		return table.map((row) =>
			Array.isArray(row) ? [String(row[0]), row[1]] : [String(row.key), row.value],
		);
	}
	return Object.keys(table).map((key) => [key, table[key]]);
}

/** Values handed out for many items are copied, so a later change to one cannot reach the others. */
function copyValue(value: unknown): unknown {
	if (value === null || typeof value !== 'object') return value;
	return JSON.parse(JSON.stringify(value));
}

export function compileLookup(options: LookupOptions): StepFn {
	const ignoreCase = options.case_insensitive !== false;
	const ignoreSpaces = options.trim !== false;
	// Upper- then lower-casing folds ß/SS and similar pairs that a plain toLowerCase keeps apart.
	const normalize = (key: string) => {
		let text = key.normalize('NFC');
		if (ignoreSpaces) text = trimAndCollapse(text);
		if (ignoreCase) text = text.toUpperCase().toLowerCase();
		return text;
	};
	const exact = new Map<string, unknown>();
	const normalized = new Map<string, { key: string; value: unknown }>();
	const problems: string[] = [];
	for (const [key, value] of tableEntries(options.table)) {
		exact.set(key, value);
		const folded = normalize(key);
		const earlier = normalized.get(folded);
		if (earlier && JSON.stringify(earlier.value) !== JSON.stringify(value)) {
			problems.push(
				`the lookup table has the keys ${JSON.stringify(earlier.key)} and ${JSON.stringify(key)}, which count as the same key${ignoreCase || ignoreSpaces ? ' when case and spaces are ignored' : ''} but give different values: remove one`,
			);
		}
		if (!earlier) normalized.set(folded, { key, value });
	}
	if (problems.length > 0) throw new ConfigProblem(problems.join('; '));
	if (exact.size === 0)
		throw new ConfigProblem('the lookup table is empty: add at least one key and value');

	const hasDefault =
		Object.prototype.hasOwnProperty.call(options, 'default') && options.default !== undefined;
	const noMatch = options.on_no_match ?? (hasDefault ? 'default' : 'error');
	if (noMatch === 'default' && !hasDefault) {
		throw new ConfigProblem(
			'on_no_match is "default" but no default value is set: set default, or choose keep or error',
		);
	}
	const emptyDefault = options.empty_default;
	const describeMatching = [ignoreCase ? 'case ignored' : '', ignoreSpaces ? 'spaces trimmed' : '']
		.filter(Boolean)
		.join(', ');

	const lookUp: StepFn = (value, item) => {
		if (Array.isArray(value)) return value.map((element) => lookUp(element, item));
		if (isEmptyValue(value)) return emptyDefault !== undefined ? copyValue(emptyDefault) : value;
		if (typeof value === 'object') {
			throw new StepError(
				`lookup needs text or a number, but the value is ${describeValue(value)}`,
			);
		}
		const key = String(value);
		if (exact.has(key)) return copyValue(exact.get(key));
		const match = normalized.get(normalize(key));
		if (match) return copyValue(match.value);
		if (noMatch === 'default') return copyValue(options.default);
		if (noMatch === 'keep') return value;
		throw new StepError(
			`${describeValue(value)} is not in the lookup table (${exact.size} ${exact.size === 1 ? 'entry' : 'entries'}${describeMatching ? `, ${describeMatching}` : ''}): add it to the table or set a default value`,
		);
	};
	return lookUp;
}
