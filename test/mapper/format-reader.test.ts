import fc from 'fast-check';
import { DateTime, FixedOffsetZone } from 'luxon';
import type { DateTimeMaybeValid } from 'luxon';
import { describe, expect, it } from 'vitest';

import {
	formatReader,
	type FormatParsing,
} from '../../nodes/WorkfluxMapper/engine/date/format-reader';

/**
 * Reading a token format with Luxon 3.5+'s precompiled parser and with the fallback for the Luxon 3.4 of
 * n8n 1.x (no buildFormatParser/fromFormatParser, only fromFormat) must give the same dates, the same
 * refusals and the same errors. The fallback runs here on this repository's Luxon with the 3.5 pair taken
 * away; the versions run (`npm run test:e2e:versions`) runs the Mapper suites on n8n 1.123's Luxon 3.4.4.
 */

/** Luxon as n8n 1.x ships it: fromFormat only. */
const luxon34: FormatParsing = { fromFormat: DateTime.fromFormat.bind(DateTime) };

const FORMATS = [
	'dd.MM.yyyy',
	'dd.MM.yyyy HH:mm',
	'd MMMM yyyy',
	'cccc, d LLL yyyy h:mm a',
	'yyyy-MM-dd HH:mm:ss.SSS ZZ',
	"yyyy-MM-dd'T'HH:mm",
	'MM/dd/yy',
	'ooo yyyy',
	'kkkk-WW-c',
	// Week-based and calendar fields mixed: Luxon throws while reading.
	'kkkk dd',
];
const LOCALES = ['en-US', 'de-DE', 'fr'];

type Outcome = { iso: string | null; reason: string | null } | { threw: string };

function outcome(read: () => DateTimeMaybeValid): Outcome {
	try {
		const dt = read();
		return { iso: dt.isValid ? dt.toISO() : null, reason: dt.invalidReason };
	} catch (error) {
		return { threw: error instanceof Error ? error.message : String(error) };
	}
}

describe('formatReader: precompiled (Luxon 3.5+) and fallback (Luxon 3.4) read alike', () => {
	it('uses the precompiled parser when Luxon has it, fromFormat only when it does not', () => {
		let built = 0;
		const counting: FormatParsing = {
			fromFormat: () => {
				throw new Error('fromFormat should not be used');
			},
			buildFormatParser: (...args: Parameters<typeof DateTime.buildFormatParser>) => {
				built++;
				return DateTime.buildFormatParser(...args);
			},
			fromFormatParser: DateTime.fromFormatParser.bind(DateTime),
		};
		const read = formatReader('dd.MM.yyyy', 'en-US', counting);
		expect(read('01.02.2026', { zone: 'UTC' }).toISODate()).toBe('2026-02-01');
		expect(read('03.04.2026', { zone: 'UTC' }).toISODate()).toBe('2026-04-03');
		expect(built).toBe(1);
		expect(formatReader('dd.MM.yyyy', 'en-US', luxon34)('01.02.2026', {}).toISODate()).toBe(
			'2026-02-01',
		);
	});

	it('gives the same result for dates written in the format, and for any other text', () => {
		fc.assert(
			fc.property(
				fc.constantFrom(...FORMATS),
				fc.constantFrom(...LOCALES),
				fc.integer({ min: -2_000_000_000_000, max: 4_000_000_000_000 }),
				fc.string({ maxLength: 20 }),
				fc.boolean(),
				(format, locale, millis, noise, useNoise) => {
					const written = DateTime.fromMillis(millis, { zone: 'UTC' }).toFormat(format, {
						locale,
					});
					const text = useNoise ? noise : written;
					const options = { zone: FixedOffsetZone.instance(90), setZone: true, locale };
					const precompiled = outcome(() => formatReader(format, locale)(text, options));
					const fallback = outcome(() => formatReader(format, locale, luxon34)(text, options));
					expect(fallback).toEqual(precompiled);
				},
			),
			{ numRuns: 400 },
		);
	});
});
