/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, no-console */
/**
 * Builds nodes/WorkfluxMapper/engine/phone/phone-data.ts: the compact country table the mapper formats
 * phone numbers with at run time (verified community nodes may not have runtime dependencies).
 *
 * The numbering-plan facts come from Google's libphonenumber data as shipped in libphonenumber-js's
 * metadata.min.json (a devDependency). Only what the mapper's own parser and formatter use is kept:
 * calling code, international dialling prefix, trunk prefix and its parsing rule, national number
 * lengths and pattern, and the grouping formats (with only the last, most precise leading-digits rule).
 *
 * Run: npx tsx test/mapper/tools/build-phone-data.ts
 * test/mapper/phone-data.test.ts fails when the checked-in file no longer matches this output.
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import { format, resolveConfig } from 'prettier';

type RawFormat = [string, string, string[]?, (string | 0)?, (number | 0)?, string?];
type RawCountry = [
	string, // 0 calling code
	string, // 1 international dialling prefix (regex)
	string, // 2 national number pattern
	number[], // 3 possible lengths
	RawFormat[] | 0 | undefined, // 4 formats
	string | 0 | undefined, // 5 national prefix
	string | 0 | undefined, // 6 national prefix formatting rule (country default)
	string | 0 | undefined, // 7 national prefix for parsing
	string | 0 | undefined, // 8 national prefix transform rule
];
interface RawMetadata {
	country_calling_codes: Record<string, string[]>;
	countries: Record<string, RawCountry>;
}

/** The countries the mapper knows in detail: the 30+ most used ones plus a wider spread per region. */
export const PHONE_DATA_COUNTRIES = [
	// North America (+1 shares one plan) and the most used European countries
	'US',
	'CA',
	'PR',
	'GB',
	'IE',
	'DE',
	'AT',
	'CH',
	'FR',
	'BE',
	'NL',
	'LU',
	'IT',
	'ES',
	'PT',
	'SE',
	'NO',
	'DK',
	'FI',
	'IS',
	'PL',
	'CZ',
	'SK',
	'HU',
	'RO',
	'BG',
	'GR',
	'HR',
	'SI',
	'EE',
	'LV',
	'LT',
	'UA',
	'RU',
	'KZ',
	'TR',
	// Asia-Pacific
	'AU',
	'NZ',
	'JP',
	'KR',
	'CN',
	'HK',
	'TW',
	'SG',
	'MY',
	'TH',
	'VN',
	'PH',
	'ID',
	'IN',
	'PK',
	'BD',
	// Middle East and Africa
	'AE',
	'SA',
	'QA',
	'IL',
	'EG',
	'MA',
	'NG',
	'KE',
	'ZA',
	// Latin America
	'MX',
	'BR',
	'AR',
	'CO',
	'CL',
	'PE',
];

const quote = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const optional = (value: string | 0 | undefined) => (value ? value : undefined);

/** The file's text, formatted with the repository's Prettier settings as every other source file. */
export async function buildPhoneDataSource(): Promise<string> {
	const require = createRequire(__filename);
	const metadata = require('libphonenumber-js/metadata.min.json') as RawMetadata;
	const version = (require('libphonenumber-js/package.json') as { version: string }).version;

	const countryLines: string[] = [];
	const usedCallingCodes = new Set<string>();
	for (const iso of PHONE_DATA_COUNTRIES) {
		const raw = metadata.countries[iso];
		if (!raw) throw new Error(`libphonenumber-js has no data for ${iso}`);
		const [callingCode, idd, pattern, lengths] = raw;
		usedCallingCodes.add(callingCode);
		const nationalPrefix = optional(raw[5]);
		const prefixForParsing = optional(raw[7]);
		const transformRule = optional(raw[8]);
		const fields = [
			`cc: ${quote(callingCode)}`,
			`idd: ${quote(idd)}`,
			nationalPrefix ? `np: ${quote(nationalPrefix)}` : '',
			prefixForParsing && prefixForParsing !== nationalPrefix
				? `npParse: ${quote(prefixForParsing)}`
				: '',
			transformRule ? `npTransform: ${quote(transformRule)}` : '',
			`lengths: [${lengths.join(', ')}]`,
			`pattern: ${quote(pattern)}`,
		].filter(Boolean);
		countryLines.push(`\t${iso}: { ${fields.join(', ')} },`);
	}

	const formatBlocks: string[] = [];
	for (const callingCode of [...usedCallingCodes].sort((a, b) => Number(a) - Number(b))) {
		const mainCountry = metadata.country_calling_codes[callingCode][0];
		const firstListed = PHONE_DATA_COUNTRIES.find(
			(iso) => metadata.countries[iso][0] === callingCode,
		);
		if (firstListed !== mainCountry) {
			// The formatter treats the first listed country of a calling code as the one owning its formats.
			throw new Error(`List ${mainCountry} before the other countries sharing +${callingCode}`);
		}
		const main = metadata.countries[mainCountry];
		const countryRule = optional(main[6]);
		for (const iso of PHONE_DATA_COUNTRIES) {
			const other = metadata.countries[iso];
			if (other[0] === callingCode && optional(other[6]) && optional(other[6]) !== countryRule) {
				throw new Error(
					`${iso} formats numbers differently from ${mainCountry}; the table cannot share them`,
				);
			}
		}
		const lines = (main[4] || []).map((format) => {
			const [groups, national, leading, ownRule, , international] = format;
			const lastLeading = leading && leading.length > 0 ? leading[leading.length - 1] : undefined;
			const npRule = optional(ownRule) ?? countryRule;
			const fields = [
				`groups: ${quote(groups)}`,
				`national: ${quote(national)}`,
				lastLeading ? `leading: ${quote(lastLeading)}` : '',
				npRule ? `npRule: ${quote(npRule)}` : '',
				international && international !== national ? `intl: ${quote(international)}` : '',
			].filter(Boolean);
			return `\t\t{ ${fields.join(', ')} },`;
		});
		formatBlocks.push(`\t'${callingCode}': [\n${lines.join('\n')}\n\t],`);
	}

	const allCallingCodes = Object.keys(metadata.country_calling_codes).sort(
		(a, b) => Number(a) - Number(b),
	);

	const source = [
		'// Generated by test/mapper/tools/build-phone-data.ts. Do not edit by hand: run that script instead.',
		`// Numbering-plan data from Google's libphonenumber (Apache License 2.0), as shipped in`,
		`// libphonenumber-js ${version} (metadata.min.json), reduced to what the mapper's formatter uses.`,
		'',
		"import type { PhoneCountryData, PhoneFormatData } from './phone-types';",
		'',
		'/** Numbering plans by ISO 3166-1 country code. */',
		'export const PHONE_COUNTRIES: Readonly<Record<string, PhoneCountryData>> = {',
		...countryLines,
		'};',
		'',
		'/** Grouping formats by country calling code, in the order they are tried. */',
		'export const PHONE_FORMATS: Readonly<Record<string, readonly PhoneFormatData[]>> = {',
		...formatBlocks,
		'};',
		'',
		'/** Every country calling code in use, so international numbers of other countries split correctly. */',
		`export const ALL_CALLING_CODES: readonly string[] = ${quote(allCallingCodes.join(' '))}.split(' ');`,
		'',
	].join('\n');
	const prettierOptions = (await resolveConfig(PHONE_DATA_PATH)) ?? {};
	return format(source, { ...prettierOptions, parser: 'typescript' });
}

export const PHONE_DATA_PATH = join(
	__dirname,
	'../../../nodes/WorkfluxMapper/engine/phone/phone-data.ts',
);

if (require.main === module) {
	void buildPhoneDataSource().then((source) => {
		writeFileSync(PHONE_DATA_PATH, source);
		console.log(`wrote ${PHONE_DATA_PATH}`);
	});
}
