import { elementWise, type StepFn } from '../step';
import { trimAndCollapse, trimUnicode } from '../unicode-space';
import { toText } from '../values';

export interface TrimOptions {
	/** Also turn every inner run of white space into one space. Default: false. */
	collapse_spaces?: boolean;
}

/** Removes all Unicode white space at both ends, no-break and zero-width spaces included. */
export function compileTrim(options: TrimOptions): StepFn {
	const trim = options.collapse_spaces ? trimAndCollapse : trimUnicode;
	return elementWise((value) => trim(toText(value, 'trim')));
}
