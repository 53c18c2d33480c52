import { ConfigProblem } from '../config-problem';
import { StepError } from '../errors';
import { compileGetter, parsePath } from '../paths';
import {
	PHONE_OUTPUT_FORMATS,
	formatPhone,
	isPhoneCountry,
	parsePhone,
	type PhoneOutputFormat,
} from '../phone/phone-number';
import { elementWise, type StepFn } from '../step';
import { describeValue, isEmptyValue } from '../values';

export interface FormatPhoneOptions {
	/** `e164` (default), `international`, `national`, `rfc3966` (tel:), `digits`, `national_digits`. */
	format?: PhoneOutputFormat;
	/** ISO country code for numbers written without +, such as `DE`. */
	default_country?: string;
	/** A field of the item holding the ISO country code (it wins over default_country when filled). */
	country_field?: string;
	/** `error` (default): the rule fails; `keep`: the value passes through unchanged. */
	on_invalid?: 'error' | 'keep';
}

export function checkCountryCode(code: string, setting: string): string {
	const upper = code.trim().toUpperCase();
	if (!isPhoneCountry(upper)) {
		throw new ConfigProblem(
			`${setting} "${code}" is not a country the phone formatter knows: use a two-letter ISO code such as US, GB, DE or FR`,
		);
	}
	return upper;
}

export function compileFormatPhone(options: FormatPhoneOptions): StepFn {
	const format = options.format ?? 'e164';
	if (PHONE_OUTPUT_FORMATS.indexOf(format) < 0) {
		throw new ConfigProblem(
			`format "${format}" is not a phone format: use one of ${PHONE_OUTPUT_FORMATS.join(', ')}`,
		);
	}
	const defaultCountry = options.default_country
		? checkCountryCode(options.default_country, 'default_country')
		: undefined;
	const countryField = options.country_field;
	const readCountry = countryField
		? compileGetter(parsePath(countryField, 'country_field'))
		: undefined;
	const keepInvalid = options.on_invalid === 'keep';

	return elementWise((value, item) => {
		if (typeof value !== 'string' && typeof value !== 'number') {
			throw new StepError(
				`format_phone needs a phone number as text, but the value is ${describeValue(value)}`,
			);
		}
		let country = defaultCountry;
		if (readCountry) {
			const fromField = readCountry(item);
			if (!isEmptyValue(fromField)) {
				const code = typeof fromField === 'string' ? fromField.trim().toUpperCase() : '';
				if (!isPhoneCountry(code)) {
					if (keepInvalid) return value;
					throw new StepError(
						`the country field "${countryField}" holds ${describeValue(fromField)}, which is not a two-letter country code the phone formatter knows (such as US, GB, DE)`,
					);
				}
				country = code;
			}
		}
		const parsed = parsePhone(String(value), country);
		if (!parsed.ok) {
			if (keepInvalid) return value;
			throw new StepError(`${describeValue(value)} is not a valid phone number: ${parsed.reason}`);
		}
		return formatPhone(parsed.phone, format);
	});
}
