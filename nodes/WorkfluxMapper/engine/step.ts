/** One compiled transformation: takes the current value (and the whole input item) and returns the next. */
export type StepFn = (value: unknown, item: Readonly<Record<string, unknown>>) => unknown;

/**
 * Applies a per-value function to each element of a list (nested lists included) and lets empty values
 * (missing, null, empty text) through untouched, so `split` → `lookup` or several sources → `trim` work
 * element by element and a missing optional field stays missing.
 */
export function elementWise(fn: StepFn): StepFn {
	const apply: StepFn = (value, item) => {
		if (Array.isArray(value)) return value.map((element) => apply(element, item));
		if (value === undefined || value === null || value === '') return value;
		return fn(value, item);
	};
	return apply;
}
