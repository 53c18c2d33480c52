import { ConfigProblem } from '../config-problem';
import { StepError } from '../errors';
import type { UserPattern } from '../regex';
import { compileUserRegex } from '../user-pattern';
import { elementWise, type StepFn } from '../step';
import { trimUnicode } from '../unicode-space';
import { toText } from '../values';

export type SplitPart = 'all' | 'first' | 'last' | 'nth';

export interface SplitOptions {
	/** Text (or, with `regex`, a regular expression) between the parts. Default: `,`. */
	separator?: string;
	regex?: boolean;
	/** Remove white space around each part. Default: true. */
	trim_parts?: boolean;
	/** Leave out empty parts. Default: true. */
	drop_empty?: boolean;
	/** Which part to keep: `all` (a list, default), `first`, `last` or `nth` (see `index`). */
	part?: SplitPart;
	/** Position for `nth`, counting from 1. */
	index?: number;
}

/** Splits text into parts; a part that does not exist (the 5th of 3) gives null. */
export function compileSplit(options: SplitOptions): StepFn {
	const separatorText = options.separator ?? ',';
	if (separatorText === '') {
		throw new ConfigProblem('separator is empty: enter the text between the parts, such as , or ;');
	}
	let pattern: UserPattern | undefined;
	if (options.regex) {
		pattern = compileUserRegex(separatorText, undefined, 'separator');
		// split() would put the text of capturing groups among the parts.
		if (pattern.groupCount > 0) {
			throw new ConfigProblem(
				`separator ${JSON.stringify(separatorText)} has a capturing group ( ... ): write (?: ... ) instead, so the separator itself does not become a part`,
			);
		}
	}
	const trimParts = options.trim_parts !== false;
	const dropEmpty = options.drop_empty !== false;
	const part = options.part ?? 'all';
	let index = 0;
	if (part === 'nth') {
		if (
			typeof options.index !== 'number' ||
			!Number.isInteger(options.index) ||
			options.index < 1
		) {
			throw new ConfigProblem(
				'index must be a whole number from 1 (the first part) when part is "nth"',
			);
		}
		index = options.index - 1;
	}
	return elementWise((value) => {
		const text = toText(value, 'split');
		let parts = (pattern ? pattern.split(text) : text.split(separatorText)) as string[] | undefined;
		if (!parts) {
			throw new StepError(
				`the separator pattern ${JSON.stringify(separatorText)} needs too long on this value of ${text.length.toLocaleString('en-US')} characters, so it was stopped. Use a simpler separator: one without alternatives (a|b) whose first choice reads past the separator`,
			);
		}
		if (trimParts) parts = parts.map(trimUnicode);
		if (dropEmpty) parts = parts.filter((piece) => piece !== '');
		switch (part) {
			case 'first':
				return parts.length > 0 ? parts[0] : null;
			case 'last':
				return parts.length > 0 ? parts[parts.length - 1] : null;
			case 'nth':
				return index < parts.length ? parts[index] : null;
			default:
				return parts;
		}
	});
}
