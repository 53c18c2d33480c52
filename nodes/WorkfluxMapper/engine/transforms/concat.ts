import { ConfigProblem } from '../config-problem';
import { StepError } from '../errors';
import type { StepFn } from '../step';
import { describeValue, isEmptyValue, toText } from '../values';

export interface ConcatOptions {
	/** Put between the values. Default: one space. */
	separator?: string;
	/** Leave out missing and empty values, so no double separators appear. Default: true. */
	skip_empty?: boolean;
}

function collect(value: unknown, into: unknown[]): void {
	if (Array.isArray(value)) for (const element of value) collect(element, into);
	else into.push(value);
}

/** Joins the rule's sources (or the elements of a list) into one text. */
export function compileConcat(options: ConcatOptions): StepFn {
	const separator = options.separator ?? ' ';
	if (typeof separator !== 'string') throw new ConfigProblem('separator must be text');
	const skipEmpty = options.skip_empty !== false;
	return (value) => {
		if (value === undefined || value === null) return value;
		const values: unknown[] = [];
		collect(value, values);
		const pieces: string[] = [];
		for (const element of values) {
			if (isEmptyValue(element)) {
				if (!skipEmpty) pieces.push('');
				continue;
			}
			if (typeof element === 'object' && !(element instanceof Date)) {
				throw new StepError(
					`concat can only join text and numbers, but one value is ${describeValue(element)}: pick a field inside it with a dot path`,
				);
			}
			pieces.push(toText(element, 'concat'));
		}
		return pieces.join(separator);
	};
}
