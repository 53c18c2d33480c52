import { DateTime } from 'luxon';
import type { DateTimeMaybeValid, DateTimeOptions } from 'luxon';

/** Reads text written in one Luxon token format (`dd.MM.yyyy HH:mm`). */
export type FormatReader = (text: string, options: DateTimeOptions) => DateTimeMaybeValid;

/** The parts of Luxon's DateTime a reader needs; the precompiled-parser pair is missing before Luxon 3.5. */
export type FormatParsing = Pick<typeof DateTime, 'fromFormat'> &
	Partial<Pick<typeof DateTime, 'buildFormatParser' | 'fromFormatParser'>>;

/**
 * A reader for `format`. Luxon 3.5 added buildFormatParser/fromFormatParser, which analyse a format once
 * instead of on every call; the Mapper reads many items with one format, so it uses them where they exist.
 * n8n 1.x ships Luxon 3.4 (n8n 1.123: 3.4.4), which has only fromFormat: the same reading, with the format
 * analysed on each call. `luxon` is n8n's DateTime; tests pass one without the 3.5 pair.
 */
export function formatReader(
	format: string,
	locale: string,
	luxon: FormatParsing = DateTime,
): FormatReader {
	const { buildFormatParser, fromFormatParser } = luxon;
	if (typeof buildFormatParser === 'function' && typeof fromFormatParser === 'function') {
		const parser = buildFormatParser.call(luxon, format, { locale });
		return (text, options) => fromFormatParser.call(luxon, text, parser, options);
	}
	return (text, options) => luxon.fromFormat(text, format, options);
}
