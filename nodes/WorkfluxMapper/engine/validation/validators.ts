import { ConfigProblem } from '../config-problem';
import { StepError } from '../errors';
import { parsePhone } from '../phone/phone-number';
import { compileUserRegex } from '../user-pattern';
import { checkCountryCode } from '../transforms/format-phone';
import { describeValue, isEmptyValue } from '../values';
import { emailProblem } from './email';

export type ValidationType = 'email' | 'pattern' | 'url' | 'number' | 'phone' | 'not_empty';

export const VALIDATION_TYPES: readonly ValidationType[] = [
	'email',
	'pattern',
	'url',
	'number',
	'phone',
	'not_empty',
];

export interface ValidationSpec {
	type: ValidationType;
	/** For `pattern`: the regular expression the value must match. */
	pattern?: string;
	/** For `pattern`: i, m, s. */
	flags?: string;
	/** For `email`: refuse non-ASCII characters before the @ (internationalised domains still pass). */
	ascii_only?: boolean;
	/** For `phone`: the country of numbers written without +. */
	default_country?: string;
	/** Replaces the standard explanation, e.g. "must be a 5-digit ZIP code". */
	message?: string;
}

/** Returns why a (non-empty, single) value fails, or undefined when it passes. */
type Check = (value: unknown) => string | undefined;

const DECIMAL_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

function textOf(value: unknown): string | undefined {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	return undefined;
}

function compileCheck(spec: ValidationSpec): Check {
	switch (spec.type) {
		case 'email': {
			const options = { asciiOnly: spec.ascii_only === true };
			return (value) => {
				if (typeof value !== 'string') return 'not text, so it cannot be an email address';
				const problem = emailProblem(value, options);
				return problem ? `not a valid email address: ${problem}` : undefined;
			};
		}
		case 'pattern': {
			if (spec.pattern === undefined || spec.pattern === '') {
				throw new ConfigProblem('a pattern validation needs a pattern (a regular expression)');
			}
			const regex = compileUserRegex(spec.pattern, spec.flags, 'pattern');
			return (value) => {
				const text = textOf(value);
				if (text === undefined) return 'not text, so it cannot be checked against the pattern';
				return regex.test(text) ? undefined : `not matching the pattern ${regex.source}`;
			};
		}
		case 'url':
			return (value) => {
				if (typeof value !== 'string') return 'not text, so it cannot be a web address';
				if (/\s/.test(value)) return 'not a valid web address: it contains spaces';
				let url: URL;
				try {
					url = new URL(value);
				} catch {
					return 'not a valid web address: write it in full, starting with https://';
				}
				if (url.protocol !== 'http:' && url.protocol !== 'https:') {
					return `not a valid web address: it must start with http:// or https://, not ${url.protocol}`;
				}
				if (url.hostname !== 'localhost' && url.hostname.indexOf('.') < 0) {
					return `not a valid web address: the host "${url.hostname}" has no domain ending such as .com`;
				}
				return undefined;
			};
		case 'number':
			return (value) => {
				if (typeof value === 'number') return isFinite(value) ? undefined : 'not a finite number';
				if (typeof value === 'string' && DECIMAL_NUMBER.test(value)) return undefined;
				return 'not a number (write digits with an optional - and a dot for decimals, such as -12.5)';
			};
		case 'phone': {
			const country = spec.default_country
				? checkCountryCode(spec.default_country, 'default_country')
				: undefined;
			return (value) => {
				if (typeof value !== 'string' && typeof value !== 'number')
					return 'not text, so it cannot be a phone number';
				const parsed = parsePhone(String(value), country);
				return parsed.ok ? undefined : `not a valid phone number: ${parsed.reason}`;
			};
		}
		case 'not_empty':
			return () => undefined;
	}
}

/** A compiled validation: throws a StepError naming the value and the reason when it fails. */
export type Validator = (value: unknown) => void;

export function compileValidation(spec: ValidationSpec): Validator {
	const custom = spec.message;
	const fail = (value: unknown, reason: string): never => {
		throw new StepError(
			custom ? `${describeValue(value)}: ${custom}` : `${describeValue(value)} is ${reason}`,
		);
	};
	if (spec.type === 'not_empty') {
		return (value) => {
			if (isEmptyValue(value) || (Array.isArray(value) && value.length === 0)) {
				fail(value, 'empty, but this field must have a value');
			}
		};
	}
	const check = compileCheck(spec);
	const validate: Validator = (value) => {
		if (Array.isArray(value)) {
			value.forEach((element, position) => {
				if (isEmptyValue(element)) return;
				const reason = check(element);
				if (reason) fail(element, `${reason} (list element ${position + 1})`);
			});
			return;
		}
		// Emptiness is for required and not_empty to judge; other checks only look at real values.
		if (isEmptyValue(value)) return;
		const reason = check(value);
		if (reason) fail(value, reason);
	};
	return validate;
}
