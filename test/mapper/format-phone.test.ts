/* eslint-disable no-console */
import { parsePhoneNumberFromString as parseReference } from 'libphonenumber-js/min';
import { parsePhoneNumberFromString as parseReferenceMax } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';

import {
	formatPhone,
	parsePhone,
	PHONE_COUNTRY_CODES,
	type PhoneOutputFormat,
} from '../../nodes/WorkfluxMapper/engine';
import { configError, failure, output } from './helpers';
import { PHONE_CASES } from './phone-cases';

/** The threshold the agreement rate must reach; the reasons for the known differences are below. */
const REQUIRED_AGREEMENT = 0.97;

type Reference = NonNullable<ReturnType<typeof parseReference>>;

const REFERENCE_OUTPUTS: Record<PhoneOutputFormat, (phone: Reference) => string> = {
	e164: (phone) => phone.number,
	international: (phone) => phone.formatInternational(),
	national: (phone) => phone.formatNational(),
	rfc3966: (phone) => phone.getURI(),
	digits: (phone) => phone.number.slice(1),
	national_digits: (phone) => phone.formatNational().replace(/\D/g, ''),
};

describe('format_phone agrees with libphonenumber-js', () => {
	it('in validity and in every output format, for about a hundred numbers from over 50 countries', () => {
		let checks = 0;
		let agreements = 0;
		const disagreements: string[] = [];
		const countries = new Set<string>();
		for (const [country, input] of PHONE_CASES) {
			countries.add(country);
			const reference = parseReference(input, country as never);
			const referenceValid = !!reference && reference.isValid();
			const ours = parsePhone(input, country);
			checks++;
			if (referenceValid === ours.ok) agreements++;
			else
				disagreements.push(
					`${country} ${input}: valid per reference ${referenceValid}, ours ${ours.ok}`,
				);
			if (!referenceValid) continue;
			for (const format of Object.keys(REFERENCE_OUTPUTS) as PhoneOutputFormat[]) {
				checks++;
				const expected = REFERENCE_OUTPUTS[format](reference as Reference);
				const actual = ours.ok ? formatPhone(ours.phone, format) : `(invalid: ${ours.reason})`;
				if (actual === expected) agreements++;
				else
					disagreements.push(
						`${country} ${input} ${format}: reference ${expected}, ours ${actual}`,
					);
			}
		}
		const rate = agreements / checks;
		console.log(
			`phone agreement with libphonenumber-js: ${(rate * 100).toFixed(1)}% (${agreements}/${checks}) over ${PHONE_CASES.length} numbers from ${countries.size} countries`,
		);
		for (const line of disagreements) console.log(`  differs: ${line}`);
		expect(countries.size).toBeGreaterThanOrEqual(20);
		expect(rate).toBeGreaterThanOrEqual(REQUIRED_AGREEMENT);
	});

	it('flags the numbers it treats differently: reserved ranges it only checks by length and pattern', () => {
		// Ofcom reserves 07700 900xxx for drama; libphonenumber's number-type data knows, the compact
		// table (general national pattern only) does not.
		expect(parseReference('07700 900123', 'GB')?.isValid()).toBe(false);
		expect(parsePhone('07700 900123', 'GB').ok).toBe(true);
	});

	it('agrees on validity with the stricter libphonenumber-js/max for the test numbers (reported)', () => {
		let same = 0;
		for (const [country, input] of PHONE_CASES) {
			const strict = parseReferenceMax(input, country as never);
			if ((!!strict && strict.isValid()) === parsePhone(input, country).ok) same++;
		}
		console.log(
			`phone validity agreement with libphonenumber-js/max: ${same}/${PHONE_CASES.length}`,
		);
		expect(same / PHONE_CASES.length).toBeGreaterThanOrEqual(0.9);
	});

	it('knows numbering plans for the 30+ most used countries', () => {
		const required =
			'US CA GB DE FR IT ES NL BE CH AT SE NO DK FI PL PT IE AU NZ JP KR CN IN SG HK BR MX AR ZA AE IL TR RU'.split(
				' ',
			);
		expect(required.filter((code) => PHONE_COUNTRY_CODES.indexOf(code) < 0)).toEqual([]);
		expect(PHONE_COUNTRY_CODES.length).toBeGreaterThanOrEqual(60);
	});
});

describe('format_phone transformation', () => {
	const phone = (options: Record<string, unknown>) => ({
		transformation: { type: 'format_phone', ...options },
	});

	it('writes each output format', () => {
		const input = '030 12345678';
		expect(output(phone({ default_country: 'DE' }), input)).toBe('+493012345678');
		expect(output(phone({ default_country: 'DE', format: 'international' }), input)).toBe(
			'+49 30 12345678',
		);
		expect(output(phone({ default_country: 'DE', format: 'national' }), input)).toBe(
			'030 12345678',
		);
		expect(output(phone({ default_country: 'DE', format: 'rfc3966' }), input)).toBe(
			'tel:+493012345678',
		);
		expect(output(phone({ default_country: 'DE', format: 'digits' }), input)).toBe('493012345678');
		expect(output(phone({ default_country: 'DE', format: 'national_digits' }), input)).toBe(
			'03012345678',
		);
	});

	it('takes the country from another field, falling back to the default country when it is empty', () => {
		const rule = phone({ country_field: 'customer.country', default_country: 'US' });
		expect(output(rule, '020 7946 0018', { customer: { country: 'gb' } })).toBe('+442079460018');
		expect(output(rule, '(212) 736-5000', { customer: { country: '' } })).toBe('+12127365000');
		expect(failure(rule, '020 7946 0018', { customer: { country: 'Atlantis' } })).toContain(
			'the country field "customer.country" holds "Atlantis", which is not a two-letter country code',
		);
	});

	it('fails an invalid number with the reason, or passes it through when asked to', () => {
		expect(failure(phone({ default_country: 'FR' }), '01 23 45')).toBe(
			'Rule 1 (v → out): format_phone: "01 23 45" is not a valid phone number: it is too short (5 digits): numbers in FR (+33) have 9 digits, not counting the country code or the leading 0',
		);
		expect(output(phone({ default_country: 'FR', on_invalid: 'keep' }), '01 23 45')).toBe(
			'01 23 45',
		);
		expect(failure(phone({}), '030 1234567')).toContain('no default country is set');
	});

	it('reads numbers given as numbers, tel: URIs, extensions and non-ASCII digits', () => {
		expect(output(phone({ default_country: 'DE' }), 4930123456)).toBe('+4930123456');
		expect(output(phone({ format: 'national' }), 'tel:+1-212-736-5000;ext=42')).toBe(
			'(212) 736-5000 ext. 42',
		);
		expect(output(phone({ format: 'rfc3966' }), '+1 212 736 5000 x42')).toBe(
			'tel:+12127365000;ext=42',
		);
		expect(output(phone({ default_country: 'JP' }), '０３－１２３４－５６７８')).toBe(
			'+81312345678',
		);
	});

	it('normalizes numbers of countries outside the detailed data to E.164 without grouping them', () => {
		expect(output(phone({}), '+263 77 123 4567')).toBe('+263771234567');
		expect(output(phone({ format: 'international' }), '+263 77 123 4567')).toBe('+263 771234567');
	});

	it('refuses an unknown default country when the configuration is read', () => {
		expect(
			configError({
				mappings: [
					{ source: 'a', target: 'b', transformation: 'format_phone', default_country: 'XX' },
				],
			}),
		).toContain('default_country "XX" is not a country the phone formatter knows');
	});
});
