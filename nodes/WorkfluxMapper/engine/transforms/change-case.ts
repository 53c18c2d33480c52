import { ConfigProblem } from '../config-problem';
import { elementWise, type StepFn } from '../step';
import { toText } from '../values';

export interface CaseOptions {
	/** A language tag for language-specific rules, such as `tr` (İ/ı) or `lt`. Default: none. */
	locale?: string;
}

/** The canonical form of a language tag (`EN-us` → `en-US`), or undefined when it is not one. */
export function canonicalLocale(tag: string): string | undefined {
	try {
		const canonical = Intl.getCanonicalLocales(tag)[0];
		// Some well-formed tags are still refused by Intl (private-use only, `root`): try them now.
		'i'.toLocaleUpperCase(canonical);
		new Intl.DateTimeFormat(canonical);
		return canonical;
	} catch {
		return undefined;
	}
}

/**
 * Full Unicode case mapping: `ß` → `SS`, Greek final sigma (`ΟΔΟΣ` → `οδος`). Without a locale the
 * mapping is language-neutral; with `tr` or `az`, `I` ↔ `ı` and `İ` ↔ `i` as Turkish writes them.
 */
export function compileChangeCase(kind: 'lowercase' | 'uppercase', options: CaseOptions): StepFn {
	const locale = options.locale ? canonicalLocale(options.locale) : undefined;
	if (options.locale && !locale) {
		throw new ConfigProblem(
			`locale "${options.locale}" is not a language tag: use one such as tr, de-DE or en`,
		);
	}
	if (kind === 'lowercase') {
		return elementWise((value) => {
			const text = toText(value, 'lowercase');
			return locale ? text.toLocaleLowerCase(locale) : text.toLowerCase();
		});
	}
	return elementWise((value) => {
		const text = toText(value, 'uppercase');
		return locale ? text.toLocaleUpperCase(locale) : text.toUpperCase();
	});
}
