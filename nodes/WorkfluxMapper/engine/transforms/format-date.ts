import { DateTime, FixedOffsetZone } from 'luxon';
import type { DateTimeMaybeValid, Zone } from 'luxon';

import { ConfigProblem } from '../config-problem';
import { formatReader } from '../date/format-reader';
import { compileOutputFormat } from '../date/output-format';
import { canonicalLocale } from './change-case';
import { resolveZone } from '../date/zones';
import { StepError } from '../errors';
import { elementWise, type StepFn } from '../step';
import { trimUnicode } from '../unicode-space';
import { describeValue } from '../values';

export interface FormatDateOptions {
	/** Tried in order: presets (`iso`, `rfc2822`, `http`, `sql`, `unix`, `unix_seconds`, `unix_ms`) or Luxon tokens. */
	input_formats?: string[];
	/** Zone for values that carry no offset of their own. */
	input_timezone?: string;
	/** A preset (`iso`, `iso_date`, `rfc2822`, `http`, `sql`, `unix_seconds`, `unix_ms`) or Luxon tokens. */
	output_format?: string;
	/** Zone to convert to; without it a value keeps its own offset (or the input zone). */
	output_timezone?: string;
	/** Locale for month and weekday names, in input and output. */
	locale?: string;
}

export const DATE_INPUT_PRESETS = [
	'iso',
	'rfc2822',
	'http',
	'sql',
	'unix',
	'unix_seconds',
	'unix_ms',
];
export const DATE_OUTPUT_PRESETS = [
	'iso',
	'iso_date',
	'rfc2822',
	'http',
	'sql',
	'unix_seconds',
	'unix_ms',
];
export const DEFAULT_DATE_INPUTS = ['iso', 'unix', 'rfc2822', 'http', 'sql'];

/**
 * Unix numbers below this are seconds, from it up milliseconds: 1e11 seconds is the year 5138, and 1e11
 * milliseconds is March 1973, so real data is never ambiguous.
 */
export const UNIX_MILLISECONDS_FROM = 1e11;

interface Parsed {
	dt: DateTimeMaybeValid;
	/** A calendar date without a time of day: never moved to another zone. */
	dateOnly: boolean;
}

interface InputParser {
	label: string;
	parse(text: string, zone: Zone, dateZone: Zone): Parsed;
	/** Numbers (not text) are accepted by the unix parsers only. */
	acceptsNumbers?: boolean;
	parseNumber?(value: number, zone: Zone): Parsed;
}

const NUMERIC_TEXT = /^[+-]?\d+(?:\.\d+)?$/;
const TIME_TOKENS = /[HhmsSaXxZzTtu]/;

function unixParser(unit: 'auto' | 'seconds' | 'ms', label: string): InputParser {
	const fromNumber = (value: number, zone: Zone): Parsed => {
		if (!isFinite(value)) return { dt: DateTime.invalid('not a finite number'), dateOnly: false };
		const ms =
			unit === 'ms' || (unit === 'auto' && Math.abs(value) >= UNIX_MILLISECONDS_FROM)
				? value
				: value * 1000;
		return { dt: DateTime.fromMillis(ms, { zone }), dateOnly: false };
	};
	return {
		label,
		acceptsNumbers: true,
		parseNumber: fromNumber,
		parse: (text, zone) =>
			NUMERIC_TEXT.test(text)
				? fromNumber(Number(text), zone)
				: { dt: DateTime.invalid('not a number', `"${text}" is not a number`), dateOnly: false },
	};
}

function presetParser(name: string): InputParser {
	switch (name) {
		case 'iso':
			return {
				label: 'ISO 8601',
				parse: (text, zone, dateZone) => {
					// No time part: a calendar date, read in the zone it will be shown in.
					const dateOnly = !/[Tt]/.test(text);
					return {
						dt: DateTime.fromISO(text, { zone: dateOnly ? dateZone : zone, setZone: true }),
						dateOnly,
					};
				},
			};
		case 'rfc2822':
			return {
				label: 'RFC 2822',
				parse: (text, zone) => ({
					dt: DateTime.fromRFC2822(text, { zone, setZone: true }),
					dateOnly: false,
				}),
			};
		case 'http':
			return {
				label: 'HTTP date',
				parse: (text, zone) => ({
					dt: DateTime.fromHTTP(text, { zone, setZone: true }),
					dateOnly: false,
				}),
			};
		case 'sql':
			return {
				label: 'SQL',
				parse: (text, zone, dateZone) => {
					const dateOnly = !/:/.test(text);
					return {
						dt: DateTime.fromSQL(text, { zone: dateOnly ? dateZone : zone, setZone: true }),
						dateOnly,
					};
				},
			};
		case 'unix':
			return unixParser('auto', 'Unix time');
		case 'unix_seconds':
			return unixParser('seconds', 'Unix seconds');
		default:
			return unixParser('ms', 'Unix milliseconds');
	}
}

function tokenParser(format: string, locale: string): InputParser {
	if (/Y/.test(format.replace(/'[^']*'/g, ''))) {
		throw new ConfigProblem(
			`the input format "${format}" uses Moment-style tokens (YYYY, DD); Luxon tokens are lowercase: write yyyy for the year and dd for the day, for example ${format.replace(/Y/g, 'y').replace(/D/g, 'd')}`,
		);
	}
	const readFormat = formatReader(format, locale);
	const dateOnly = !TIME_TOKENS.test(format.replace(/'[^']*'/g, ''));
	const read = (text: string, zone: Zone): DateTimeMaybeValid => {
		try {
			return readFormat(text, { zone, setZone: true, locale });
		} catch (error) {
			// Luxon throws (instead of returning an invalid date) when a format mixes kinds of fields.
			return DateTime.invalid(
				'unreadable format',
				error instanceof Error ? error.message : String(error),
			);
		}
	};
	// Reading a sample written in the format itself finds such formats before any item is mapped.
	const sample = read(
		DateTime.fromMillis(0, { zone: 'UTC' }).toFormat(format, { locale }),
		FixedOffsetZone.utcInstance,
	);
	if (sample.invalidReason === 'unreadable format') {
		throw new ConfigProblem(
			`the input format "${format}" cannot be read: ${sample.invalidExplanation ?? 'Luxon refuses it'} (week-based tokens such as kkkk and WW cannot be mixed with yyyy, MM, dd or o)`,
		);
	}
	return {
		label: format,
		parse: (text, zone, dateZone) => ({ dt: read(text, dateOnly ? dateZone : zone), dateOnly }),
	};
}

function zoneOption(name: string | undefined, setting: string): Zone | undefined {
	if (name === undefined || name === '') return undefined;
	const zone = resolveZone(name);
	if (!zone) {
		throw new ConfigProblem(
			`${setting} "${name}" is not a time zone: use an IANA name such as Europe/Berlin or America/New_York, or UTC`,
		);
	}
	return zone;
}

function validLocale(locale: string | undefined): string {
	if (locale === undefined || locale === '') return 'en-US';
	const canonical = canonicalLocale(locale);
	if (!canonical) {
		throw new ConfigProblem(
			`locale "${locale}" is not a language tag: use one such as en-US, de-DE or fr`,
		);
	}
	return canonical;
}

function outputWriter(format: string, locale: string): (dt: DateTime) => unknown {
	switch (format) {
		case 'iso':
			return (dt) => dt.toISO({ suppressMilliseconds: true });
		case 'iso_date':
			return (dt) => dt.toISODate();
		case 'rfc2822':
			return (dt) => dt.toRFC2822();
		case 'http':
			return (dt) => dt.toHTTP();
		case 'sql':
			return (dt) => dt.toSQL({ includeOffset: false });
		case 'unix_seconds':
			return (dt) => Math.floor(dt.toMillis() / 1000);
		case 'unix_ms':
			return (dt) => dt.toMillis();
	}
	if (/Y/.test(format.replace(/'[^']*'/g, ''))) {
		throw new ConfigProblem(
			`the output format "${format}" uses the Moment-style token Y; Luxon writes the year as yyyy (and the day of the month as dd)`,
		);
	}
	return compileOutputFormat(format, locale);
}

function explain(dt: DateTimeMaybeValid): string {
	const explanation = dt.invalidExplanation ?? dt.invalidReason ?? 'not readable';
	if (/can't be parsed/.test(explanation)) return 'does not match';
	const outOfRange = /you specified (\S+) \(of type \w+\) as a (\w+), which is invalid/.exec(
		explanation,
	);
	return outOfRange ? `${outOfRange[2]} ${outOfRange[1]} is out of range` : explanation;
}

export function compileFormatDate(options: FormatDateOptions, defaultZoneName: string): StepFn {
	const locale = validLocale(options.locale);
	const inputZone =
		zoneOption(options.input_timezone, 'input_timezone') ??
		zoneOption(defaultZoneName, 'the workflow time zone') ??
		resolveZone('UTC');
	const outputZone = zoneOption(options.output_timezone, 'output_timezone');
	const zone = inputZone as Zone;
	const dateZone = outputZone ?? zone;
	const formats =
		options.input_formats && options.input_formats.length > 0
			? options.input_formats
			: DEFAULT_DATE_INPUTS;
	const parsers = formats.map((format) =>
		DATE_INPUT_PRESETS.indexOf(format) >= 0 ? presetParser(format) : tokenParser(format, locale),
	);
	const numberParser = parsers.find((parser) => parser.acceptsNumbers);
	const writeUnguarded = outputWriter(options.output_format || 'iso', locale);
	const write = (dt: DateTime): unknown => {
		try {
			return writeUnguarded(dt);
		} catch (error) {
			return new StepError(
				`the date could not be written in the output format: ${error instanceof Error ? error.message : String(error)}`,
			);
		}
	};
	const probe = write(DateTime.fromMillis(0, { zone }));
	if (probe instanceof StepError) throw new ConfigProblem(`output_format: ${probe.message}`);

	const finish = ({ dt, dateOnly }: Parsed): unknown => {
		const shown = outputZone && !dateOnly ? dt.setZone(outputZone) : dt;
		const written = write(shown as DateTime);
		if (written instanceof StepError) throw written;
		return written;
	};

	return elementWise((value) => {
		if (typeof value === 'number') {
			if (!numberParser || !numberParser.parseNumber) {
				throw new StepError(
					`the value ${value} is a number, but no Unix time format is among the input formats: add "unix" (seconds or milliseconds)`,
				);
			}
			const parsed = numberParser.parseNumber(value, zone);
			if (!parsed.dt.isValid) {
				throw new StepError(
					`the number ${value} is out of the range of dates (${explain(parsed.dt)})`,
				);
			}
			return finish(parsed);
		}
		if (value instanceof Date) {
			if (isNaN(value.getTime())) throw new StepError('the value is an invalid JavaScript date');
			return finish({ dt: DateTime.fromJSDate(value, { zone }), dateOnly: false });
		}
		if (DateTime.isDateTime(value)) {
			if (!value.isValid) throw new StepError('the value is an invalid date');
			return finish({ dt: value as DateTimeMaybeValid, dateOnly: false });
		}
		if (typeof value !== 'string') {
			throw new StepError(
				`format_date needs a date as text or a number, but the value is ${describeValue(value)}`,
			);
		}
		const text = trimUnicode(value);
		if (text === '') return value;
		const attempts: string[] = [];
		for (const parser of parsers) {
			const parsed = parser.parse(text, zone, dateZone);
			if (parsed.dt.isValid) return finish(parsed);
			attempts.push(`${parser.label}: ${explain(parsed.dt)}`);
		}
		throw new StepError(
			`${describeValue(value)} could not be read as a date (tried ${attempts.join('; ')}). Add its format to the input formats, in Luxon tokens such as dd.MM.yyyy or MM/dd/yyyy HH:mm`,
		);
	});
}
