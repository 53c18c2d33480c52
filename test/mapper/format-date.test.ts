import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';

import { compileOutputFormat } from '../../nodes/WorkfluxMapper/engine/date/output-format';
import { configError, failure, output } from './helpers';

const date = (options: Record<string, unknown>) => ({
	transformation: { type: 'format_date', ...options },
});

describe('format_date: calendar dates are not shifted', () => {
	it('keeps a date-only value on its day in a zone west of UTC', () => {
		// The classic bug: new Date('2026-03-29') is UTC midnight, which is still March 28 in Los Angeles.
		const naive = DateTime.fromJSDate(new Date('2026-03-29')).setZone('America/Los_Angeles');
		expect(naive.toISODate()).toBe('2026-03-28');

		const rule = date({ output_timezone: 'America/Los_Angeles', output_format: 'iso_date' });
		expect(output(rule, '2026-03-29')).toBe('2026-03-29');
		expect(
			output(
				{ ...rule, transformation: { ...rule.transformation, output_format: 'iso' } },
				'2026-03-29',
			),
		).toBe('2026-03-29T00:00:00-07:00');
	});

	it('keeps a date-only custom format on its day whatever the zones', () => {
		const rule = date({
			input_formats: ['dd.MM.yyyy'],
			input_timezone: 'Pacific/Kiritimati',
			output_timezone: 'Pacific/Pago_Pago',
			output_format: 'yyyy-MM-dd',
		});
		expect(output(rule, '01.01.2026')).toBe('2026-01-01');
	});
});

describe('format_date: daylight saving changes', () => {
	const berlin = date({ output_timezone: 'Europe/Berlin', output_format: 'yyyy-MM-dd HH:mm ZZ' });

	it('converts across the Europe/Berlin spring change on 2026-03-29', () => {
		expect(output(berlin, '2026-03-29T00:30:00Z')).toBe('2026-03-29 01:30 +01:00');
		expect(output(berlin, '2026-03-29T01:00:00Z')).toBe('2026-03-29 03:00 +02:00');
		expect(output(berlin, '2026-03-29T01:30:00Z')).toBe('2026-03-29 03:30 +02:00');
	});

	it('moves a Berlin wall-clock time that does not exist (02:30 on 2026-03-29) forward by the gap', () => {
		const rule = date({
			input_formats: ['yyyy-MM-dd HH:mm'],
			input_timezone: 'Europe/Berlin',
			output_timezone: 'UTC',
			output_format: 'iso',
		});
		expect(output(rule, '2026-03-29 02:30')).toBe('2026-03-29T01:30:00Z');
		expect(output(rule, '2026-03-29 01:59')).toBe('2026-03-29T00:59:00Z');
	});

	it('converts across the America/New_York autumn change on 2026-11-01 (01:30 happens twice)', () => {
		const newYork = date({ output_timezone: 'America/New_York', output_format: 'HH:mm ZZ' });
		expect(output(newYork, '2026-11-01T05:30:00Z')).toBe('01:30 -04:00');
		expect(output(newYork, '2026-11-01T06:30:00Z')).toBe('01:30 -05:00');
		expect(output(newYork, '2026-11-01T07:30:00Z')).toBe('02:30 -05:00');
	});

	it('reads the ambiguous New York wall-clock time 01:30 as Luxon does (the later, standard-time one)', () => {
		const rule = date({
			input_formats: ['yyyy-MM-dd HH:mm'],
			input_timezone: 'America/New_York',
			output_format: 'iso',
		});
		expect(output(rule, '2026-11-01 01:30')).toBe('2026-11-01T01:30:00-05:00');
	});

	it('gives the same offsets as Luxon without the engine cache for any instant from 1990 to 2040', () => {
		const zones = [
			'Europe/Berlin',
			'America/New_York',
			'Australia/Lord_Howe',
			'Asia/Kathmandu',
			'America/St_Johns',
			'Africa/Casablanca',
		];
		fc.assert(
			fc.property(
				fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2040, 0, 1) }),
				fc.constantFrom(...zones),
				(ms, zone) => {
					const expected = DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true });
					expect(output(date({ input_formats: ['unix_ms'], input_timezone: zone }), ms)).toBe(
						expected,
					);
				},
			),
			{ numRuns: 2000 },
		);
	});
});

describe('format_date: time zones', () => {
	it('keeps a value’s own offset when no output zone is set', () => {
		expect(output(date({}), '2026-07-01T12:00:00+02:00')).toBe('2026-07-01T12:00:00+02:00');
	});

	it('converts to the output zone, half-hour offsets included', () => {
		expect(
			output(
				date({ output_timezone: 'Asia/Kolkata', output_format: 'HH:mm ZZ' }),
				'2026-07-01T12:00:00+02:00',
			),
		).toBe('15:30 +05:30');
	});

	it('reads a time without offset in the input zone', () => {
		const rule = date({
			input_formats: ['yyyy-MM-dd HH:mm'],
			input_timezone: 'Europe/Berlin',
			output_timezone: 'UTC',
		});
		expect(output(rule, '2026-07-01 09:00')).toBe('2026-07-01T07:00:00Z');
	});

	it('refuses an unknown zone instead of silently using another one', () => {
		const message = configError({
			mappings: [
				{
					source: 'a',
					target: 'b',
					transformation: 'format_date',
					output_timezone: 'Europe/Atlantis',
				},
			],
		});
		expect(message).toBe(
			'Rule 1 (a → b): transformation 1 (format_date): output_timezone "Europe/Atlantis" is not a time zone: use an IANA name such as Europe/Berlin or America/New_York, or UTC',
		);
	});
});

describe('format_date: Unix time', () => {
	it('tells seconds from milliseconds', () => {
		const iso = '2026-03-29T01:30:00Z';
		expect(output(date({}), 1774747800)).toBe(iso);
		expect(output(date({}), 1774747800000)).toBe(iso);
		expect(output(date({}), '1774747800')).toBe(iso);
		expect(output(date({}), '1774747800000')).toBe(iso);
	});

	it('switches from seconds to milliseconds at 100,000,000,000', () => {
		expect(output(date({ output_format: 'iso_date' }), 99_999_999_999)).toBe('5138-11-16');
		expect(output(date({ output_format: 'iso_date' }), 100_000_000_000)).toBe('1973-03-03');
	});

	it('takes the unit as given when the input format says so', () => {
		// 1,774,747,800 ms is 20 days, 12 h 59 min 7.8 s after the epoch.
		expect(output(date({ input_formats: ['unix_ms'] }), 1774747800)).toBe(
			'1970-01-21T12:59:07.800Z',
		);
		expect(
			output(date({ input_formats: ['unix_seconds'], output_format: 'iso_date' }), 86400),
		).toBe('1970-01-02');
	});

	it('writes Unix seconds and milliseconds as numbers', () => {
		expect(output(date({ output_format: 'unix_seconds' }), '2026-03-29T01:30:00Z')).toBe(
			1774747800,
		);
		expect(output(date({ output_format: 'unix_ms' }), '2026-03-29T03:30:00+02:00')).toBe(
			1774747800000,
		);
	});

	it('refuses a number when no Unix format is among the input formats', () => {
		expect(failure(date({ input_formats: ['dd.MM.yyyy'] }), 1774747800)).toContain(
			'is a number, but no Unix time format is among the input formats: add "unix"',
		);
	});
});

describe('format_date: input and output formats', () => {
	it('tries the input formats in order', () => {
		const rule = date({
			input_formats: ['dd.MM.yyyy', 'MM/dd/yyyy', 'iso'],
			output_format: 'iso_date',
		});
		expect(output(rule, '29.03.2026')).toBe('2026-03-29');
		expect(output(rule, '03/29/2026')).toBe('2026-03-29');
		expect(output(rule, '2026-03-29')).toBe('2026-03-29');
	});

	it('reads RFC 2822, HTTP and SQL dates with the default formats', () => {
		const rule = date({ output_timezone: 'UTC' });
		expect(output(rule, 'Sun, 29 Mar 2026 03:30:00 +0200')).toBe('2026-03-29T01:30:00Z');
		expect(output(rule, 'Sun, 29 Mar 2026 01:30:00 GMT')).toBe('2026-03-29T01:30:00Z');
		expect(output(rule, '2026-03-29 01:30:00')).toBe('2026-03-29T01:30:00Z');
	});

	it('reads and writes month and weekday names in the chosen locale', () => {
		const rule = date({
			input_formats: ['d. MMMM yyyy'],
			output_format: 'EEEE, d. MMMM yyyy',
			locale: 'de-DE',
		});
		expect(output(rule, '29. März 2026')).toBe('Sonntag, 29. März 2026');
	});

	it('writes the output presets', () => {
		const value = '2026-03-29T01:30:00Z';
		expect(output(date({ output_format: 'rfc2822' }), value)).toBe(
			'Sun, 29 Mar 2026 01:30:00 +0000',
		);
		expect(output(date({ output_format: 'http' }), value)).toBe('Sun, 29 Mar 2026 01:30:00 GMT');
		expect(output(date({ output_format: 'sql' }), value)).toBe('2026-03-29 01:30:00.000');
	});

	it('says which value could not be read and why', () => {
		expect(failure(date({ input_formats: ['dd.MM.yyyy'] }), '31.02.2026')).toBe(
			'Rule 1 (v → out): format_date: "31.02.2026" could not be read as a date (tried dd.MM.yyyy: day 31 is out of range). Add its format to the input formats, in Luxon tokens such as dd.MM.yyyy or MM/dd/yyyy HH:mm',
		);
		expect(failure(date({}), 'next Friday')).toContain(
			'"next Friday" could not be read as a date (tried ISO 8601: does not match; Unix time: "next Friday" is not a number; RFC 2822: does not match; HTTP date: does not match; SQL: does not match)',
		);
	});

	it('points out Moment-style tokens, which Luxon does not read', () => {
		expect(
			configError({
				mappings: [
					{
						source: 'a',
						target: 'b',
						transformation: 'format_date',
						input_formats: ['YYYY-MM-DD'],
					},
				],
			}),
		).toContain('write yyyy for the year and dd for the day, for example yyyy-MM-dd');
	});
});

describe('format_date: compiled output formats', () => {
	const tokens = [
		'yyyy',
		'yy',
		'y',
		'MM',
		'M',
		'dd',
		'd',
		'HH',
		'H',
		'hh',
		'h',
		'mm',
		'm',
		'ss',
		's',
		'SSS',
		'S',
		'Z',
		'ZZ',
		'ZZZ',
	];
	const literals = ['-', '.', '/', ' ', ':', 'T', "'at'", "'o''clock'", ', '];

	it('writes exactly what Luxon’s toFormat writes', () => {
		fc.assert(
			fc.property(
				fc.array(fc.oneof(fc.constantFrom(...tokens), fc.constantFrom(...literals)), {
					minLength: 1,
					maxLength: 8,
				}),
				fc.integer({ min: Date.UTC(1000, 0, 1), max: Date.UTC(9999, 11, 31) }),
				fc.constantFrom('UTC', 'Europe/Berlin', 'Asia/Kathmandu', 'America/St_Johns'),
				(parts, ms, zone) => {
					const format = parts.join('');
					const dt = DateTime.fromMillis(ms, { zone });
					expect(compileOutputFormat(format, 'en-US')(dt)).toBe(
						dt.toFormat(format, { locale: 'en-US' }),
					);
				},
			),
			{ numRuns: 3000 },
		);
	});

	it('leaves named and localized tokens to Luxon', () => {
		const dt = DateTime.fromISO('2026-03-29T10:00:00', { zone: 'Europe/Berlin' });
		for (const format of ['DDD', 'EEE d LLL', 'ccc', 'z', 'ZZZZ', 'a', 'tt', 'kkkk-WW']) {
			expect(compileOutputFormat(format, 'fr-FR')(dt)).toBe(
				dt.toFormat(format, { locale: 'fr-FR' }),
			);
		}
		expect(compileOutputFormat('dd.MM.yyyy', 'ar-EG')(dt)).toBe(
			dt.toFormat('dd.MM.yyyy', { locale: 'ar-EG' }),
		);
	});
});
