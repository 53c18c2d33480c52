import { ALL_CALLING_CODES, PHONE_COUNTRIES, PHONE_FORMATS } from './phone-data';
import type { PhoneCountryData } from './phone-types';

/**
 * Phone number parsing and formatting without a runtime dependency. It follows the algorithm of Google's
 * libphonenumber as ported by libphonenumber-js (IDD and trunk-prefix stripping, choice of grouping
 * format by leading digits), on the compact data in phone-data.ts. Validity means "possible length and
 * well-formed for the numbering plan" (the national number pattern), not a check of number types.
 */

export type PhoneOutputFormat =
	| 'e164'
	| 'international'
	| 'national'
	| 'rfc3966'
	| 'digits'
	| 'national_digits';

export const PHONE_OUTPUT_FORMATS: readonly PhoneOutputFormat[] = [
	'e164',
	'international',
	'national',
	'rfc3966',
	'digits',
	'national_digits',
];

export interface ParsedPhone {
	callingCode: string;
	/** National significant number: the digits after the calling code, without trunk prefix. */
	nationalNumber: string;
	extension?: string;
	/** False when the calling code is outside the detailed data: then only lengths are checked. */
	detailed: boolean;
}

export type PhoneParseResult = { ok: true; phone: ParsedPhone } | { ok: false; reason: string };

interface CompiledFormat {
	groups: RegExp;
	whole: RegExp;
	leading?: RegExp;
	national: string;
	international: string;
}

interface CompiledPlan {
	iso: string;
	data: PhoneCountryData;
	idd: RegExp;
	nationalPrefix?: RegExp;
	whole: RegExp;
}

const MIN_NATIONAL_LENGTH = 2;
const MAX_NATIONAL_LENGTH = 17;
/** E.164 allows 15 digits including the calling code. */
const MAX_E164_DIGITS = 15;

const CALLING_CODES = new Set(ALL_CALLING_CODES);
const DIGIT_ZERO_CODES = [0x30, 0xff10, 0x0660, 0x06f0];
// Dashes, slashes, dots, white space (incl. NBSP, narrow NBSP, zero-width), brackets and tildes, as
// libphonenumber accepts between digits.
const PUNCTUATION =
	'\\-\u2010-\u2015\u2212\u30FC\uFF0D\uFF0F/\uFF0E. \\t\u00A0\u00AD\u200B\u2060\u202F\u3000\uFEFF()\uFF08\uFF09\uFF3B\uFF3D\\[\\]~\u2053\u223C\uFF5E';
const PUNCTUATION_RUN = new RegExp(`[${PUNCTUATION}]+`, 'g');
const NUMBER_BODY = new RegExp(
	`^[+\uFF0B]?[${PUNCTUATION}0-9\uFF10-\uFF19\u0660-\u0669\u06F0-\u06F9]*$`,
);
const EXTENSION = /(?:;\s*ext=|[\s,]*(?:ext(?:ension)?\.?|x|#)[\s:.]*)(\d{1,9})#?\s*$/i;
const FIRST_GROUP = /(\$\d)/;

const planCache = new Map<string, CompiledPlan>();
const formatCache = new Map<string, CompiledFormat[]>();
const plansByCallingCode = new Map<string, string[]>();
for (const iso of Object.keys(PHONE_COUNTRIES)) {
	const cc = PHONE_COUNTRIES[iso].cc;
	const list = plansByCallingCode.get(cc);
	if (list) list.push(iso);
	else plansByCallingCode.set(cc, [iso]);
}

/** ISO 3166-1 alpha-2 codes the formatter has numbering plans for. */
export const PHONE_COUNTRY_CODES: readonly string[] = Object.keys(PHONE_COUNTRIES);

export function isPhoneCountry(iso: string): boolean {
	return Object.prototype.hasOwnProperty.call(PHONE_COUNTRIES, iso);
}

function plan(iso: string): CompiledPlan {
	let compiled = planCache.get(iso);
	if (!compiled) {
		const data = PHONE_COUNTRIES[iso];
		const prefixForParsing = data.npParse ?? data.np;
		compiled = {
			iso,
			data,
			idd: new RegExp(`^(?:${data.idd})`),
			nationalPrefix: prefixForParsing ? new RegExp(`^(?:${prefixForParsing})`) : undefined,
			whole: new RegExp(`^(?:${data.pattern})$`),
		};
		planCache.set(iso, compiled);
	}
	return compiled;
}

function formatsFor(callingCode: string): CompiledFormat[] {
	let compiled = formatCache.get(callingCode);
	if (!compiled) {
		compiled = (PHONE_FORMATS[callingCode] ?? []).map((format) => ({
			groups: new RegExp(format.groups),
			whole: new RegExp(`^(?:${format.groups})$`),
			leading: format.leading ? new RegExp(`^(?:${format.leading})`) : undefined,
			// The trunk-prefix rule wraps whichever group comes first in the layout (`$1` or `$2`).
			national: format.npRule
				? format.national.replace(FIRST_GROUP, format.npRule)
				: format.national,
			international: format.intl ?? format.national,
		}));
		formatCache.set(callingCode, compiled);
	}
	return compiled;
}

type LengthCheck = 'possible' | 'too_short' | 'too_long' | 'invalid_length';

function checkLength(digits: string, lengths: readonly number[]): LengthCheck {
	const length = digits.length;
	if (length < lengths[0]) return 'too_short';
	if (length > lengths[lengths.length - 1]) return 'too_long';
	return lengths.indexOf(length) >= 0 ? 'possible' : 'invalid_length';
}

/** Strips a trunk prefix (and carrier code) unless that would leave an impossible number. */
function stripNationalPrefix(digits: string, numberingPlan: CompiledPlan): string {
	const prefix = numberingPlan.nationalPrefix;
	if (!prefix) return digits;
	const match = prefix.exec(digits);
	if (!match) return digits;
	const groupCount = match.length - 1;
	const captured = groupCount > 0 && match[groupCount];
	const transform = numberingPlan.data.npTransform;
	const national =
		transform && captured ? digits.replace(prefix, transform) : digits.slice(match[0].length);
	if (national === digits) return digits;
	// In some plans the trunk digit can also start a real number (Russia's 8 800 ...): keep it then.
	if (numberingPlan.whole.test(digits) && !numberingPlan.whole.test(national)) return digits;
	const lengthCheck = checkLength(national, numberingPlan.data.lengths);
	if (lengthCheck === 'too_short' || lengthCheck === 'invalid_length') return digits;
	return national;
}

function toAsciiDigits(text: string): string {
	let digits = '';
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		for (const zero of DIGIT_ZERO_CODES) {
			if (code >= zero && code <= zero + 9) {
				digits += String.fromCharCode(0x30 + code - zero);
				break;
			}
		}
	}
	return digits;
}

function describeLengths(lengths: readonly number[]): string {
	if (lengths.length === 1) return `${lengths[0]}`;
	const contiguous = lengths[lengths.length - 1] - lengths[0] === lengths.length - 1;
	if (contiguous) return `${lengths[0]} to ${lengths[lengths.length - 1]}`;
	return `${lengths.slice(0, -1).join(', ')} or ${lengths[lengths.length - 1]}`;
}

function countryLabel(callingCode: string): string {
	const countries = plansByCallingCode.get(callingCode) ?? [];
	return `${countries.join('/')} (+${callingCode})`;
}

/** Splits off a `tel:` URI's parameters and an extension such as `ext. 12`, `x12` or `;ext=12`. */
function splitInput(input: string): { body: string; extension?: string } {
	let text = input.trim();
	let extension: string | undefined;
	if (/^tel:/i.test(text)) {
		const [number, ...parameters] = text.slice(4).split(';');
		text = number;
		for (const parameter of parameters) {
			const [name, value = ''] = parameter.split('=');
			if (name.toLowerCase() === 'ext') extension = value;
			if (name.toLowerCase() === 'phone-context' && value.charAt(0) === '+') text = value + text;
		}
	}
	const match = EXTENSION.exec(text);
	if (match && /\d/.test(text.slice(0, match.index))) {
		extension = match[1];
		text = text.slice(0, match.index);
	}
	return { body: text.trim(), extension };
}

function detailedResult(
	callingCode: string,
	national: string,
	extension: string | undefined,
): PhoneParseResult {
	if (national.length < MIN_NATIONAL_LENGTH) {
		return { ok: false, reason: `it is too short for ${countryLabel(callingCode)}` };
	}
	if (national.length > MAX_NATIONAL_LENGTH) {
		return { ok: false, reason: `it is too long for ${countryLabel(callingCode)}` };
	}
	const countries = plansByCallingCode.get(callingCode) ?? [];
	if (countries.some((iso) => plan(iso).whole.test(national))) {
		return {
			ok: true,
			phone: { callingCode, nationalNumber: national, extension, detailed: true },
		};
	}
	const main = plan(countries[0]);
	const lengthCheck = checkLength(national, main.data.lengths);
	// A trunk prefix left in place (the rest was too short to strip it) is not counted for the reader.
	const trunk = main.data.np;
	const counted =
		trunk && national.indexOf(trunk) === 0 ? national.length - trunk.length : national.length;
	const digits = `${counted} digit${counted === 1 ? '' : 's'}`;
	const expected = `numbers in ${countryLabel(callingCode)} have ${describeLengths(main.data.lengths)} digits, not counting the country code${trunk ? ` or the leading ${trunk}` : ''}`;
	if (lengthCheck === 'too_short')
		return { ok: false, reason: `it is too short (${digits}): ${expected}` };
	if (lengthCheck === 'too_long')
		return { ok: false, reason: `it is too long (${digits}): ${expected}` };
	if (lengthCheck === 'invalid_length') {
		return { ok: false, reason: `it has ${digits}, a length not used there: ${expected}` };
	}
	return {
		ok: false,
		reason: `its digits do not form a number in use in ${countryLabel(callingCode)}: check the area code or mobile prefix`,
	};
}

function international(digits: string, extension: string | undefined): PhoneParseResult {
	if (digits.charAt(0) === '0') {
		return { ok: false, reason: 'a country calling code never starts with 0' };
	}
	for (let length = 1; length <= 3 && length < digits.length; length++) {
		const callingCode = digits.slice(0, length);
		if (!CALLING_CODES.has(callingCode)) continue;
		const rest = digits.slice(length);
		const countries = plansByCallingCode.get(callingCode);
		if (!countries) {
			// Outside the detailed data: E.164 only allows checking the total length.
			if (rest.length < 4 || digits.length > MAX_E164_DIGITS) {
				return {
					ok: false,
					reason: `it has ${digits.length} digits in all; international numbers have 6 to 15`,
				};
			}
			return { ok: true, phone: { callingCode, nationalNumber: rest, extension, detailed: false } };
		}
		return detailedResult(callingCode, stripNationalPrefix(rest, plan(countries[0])), extension);
	}
	return { ok: false, reason: `+${digits.slice(0, 3)} is not a country calling code in use` };
}

/**
 * Reads a phone number written in any common way (`+49 30 1234567`, `0049 30 1234567`, `030 1234567`,
 * `(030) 123-45-67`, `tel:+49301234567`). `defaultCountry` (ISO code) is used for numbers without `+`.
 */
export function parsePhone(input: string, defaultCountry?: string): PhoneParseResult {
	if (input.length > 250) return { ok: false, reason: 'it is too long to be a phone number' };
	const { body, extension } = splitInput(input);
	if (!NUMBER_BODY.test(body)) {
		const stray = body
			.replace(/^[+\uFF0B]/, '')
			.replace(new RegExp(`[${PUNCTUATION}0-9]`, 'g'), '');
		return {
			ok: false,
			reason: `it contains characters that are not part of a phone number ("${stray.slice(0, 10)}")`,
		};
	}
	const digits = toAsciiDigits(body);
	if (digits.length < MIN_NATIONAL_LENGTH)
		return { ok: false, reason: 'it has fewer than 2 digits' };
	if (body.charAt(0) === '+' || body.charAt(0) === '\uFF0B')
		return international(digits, extension);

	if (!defaultCountry) {
		return {
			ok: false,
			reason:
				'it has no country code (+...) and no default country is set: set a default country or write the number with +',
		};
	}
	if (!isPhoneCountry(defaultCountry)) {
		return { ok: false, reason: `"${defaultCountry}" is not a country the formatter knows` };
	}
	const home = plan(defaultCountry);
	const iddMatch = home.idd.exec(digits);
	if (iddMatch && iddMatch[0].length > 0 && digits.charAt(iddMatch[0].length) !== '0') {
		return international(digits.slice(iddMatch[0].length), extension);
	}
	const callingCode = home.data.cc;
	const owner = plan((plansByCallingCode.get(callingCode) as string[])[0]);
	if (digits.indexOf(callingCode) === 0) {
		// Written internationally but without + (4930 1234567 with Germany as the default country).
		const shorter = digits.slice(callingCode.length);
		const withoutCode = stripNationalPrefix(shorter, owner);
		const asNational = stripNationalPrefix(digits, owner);
		if (
			(!owner.whole.test(asNational) && owner.whole.test(withoutCode)) ||
			checkLength(asNational, owner.data.lengths) === 'too_long'
		) {
			return detailedResult(callingCode, withoutCode, extension);
		}
	}
	return detailedResult(callingCode, stripNationalPrefix(digits, home), extension);
}

function chooseFormat(phone: ParsedPhone): CompiledFormat | undefined {
	if (!phone.detailed) return undefined;
	for (const format of formatsFor(phone.callingCode)) {
		if (format.leading && !format.leading.test(phone.nationalNumber)) continue;
		if (format.whole.test(phone.nationalNumber)) return format;
	}
	return undefined;
}

function withExtension(text: string, phone: ParsedPhone): string {
	return phone.extension ? `${text} ext. ${phone.extension}` : text;
}

export function formatPhone(phone: ParsedPhone, format: PhoneOutputFormat): string {
	const e164 = `+${phone.callingCode}${phone.nationalNumber}`;
	switch (format) {
		case 'e164':
			return e164;
		case 'digits':
			return e164.slice(1);
		case 'rfc3966':
			return `tel:${e164}${phone.extension ? `;ext=${phone.extension}` : ''}`;
		case 'international': {
			const chosen = chooseFormat(phone);
			const grouped = chosen
				? phone.nationalNumber
						.replace(chosen.groups, chosen.international)
						.replace(PUNCTUATION_RUN, ' ')
						.trim()
				: phone.nationalNumber;
			return withExtension(`+${phone.callingCode} ${grouped}`, phone);
		}
		case 'national':
		case 'national_digits': {
			const chosen = chooseFormat(phone);
			const national = chosen
				? phone.nationalNumber.replace(chosen.groups, chosen.national)
				: phone.nationalNumber;
			return format === 'national' ? withExtension(national, phone) : national.replace(/\D/g, '');
		}
	}
}
