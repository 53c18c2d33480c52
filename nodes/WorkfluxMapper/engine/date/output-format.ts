import type { DateTime } from 'luxon';

/**
 * Output formats with Luxon tokens (`dd.MM.yyyy HH:mm`). Luxon re-reads the format string on every call;
 * here it is split once. Purely numeric tokens are written directly; a format with any other token
 * (month or weekday names, localized macros such as `DDD`, zone names) is handed to Luxon's toFormat.
 * The split follows Luxon's own Formatter.parseFormat so both read a format the same way.
 */

interface FormatPart {
	literal: boolean;
	val: string;
}

function parseFormat(format: string): FormatPart[] {
	let current: string | null = null;
	let currentFull = '';
	let bracketed = false;
	const splits: FormatPart[] = [];
	for (let i = 0; i < format.length; i++) {
		const c = format.charAt(i);
		if (c === "'") {
			if (currentFull.length > 0 || bracketed) {
				splits.push({
					literal: bracketed || /^\s+$/.test(currentFull),
					val: currentFull === '' ? "'" : currentFull,
				});
			}
			current = null;
			currentFull = '';
			bracketed = !bracketed;
		} else if (bracketed) {
			currentFull += c;
		} else if (c === current) {
			currentFull += c;
		} else {
			if (currentFull.length > 0) {
				splits.push({ literal: /^\s+$/.test(currentFull), val: currentFull });
			}
			currentFull = c;
			current = c;
		}
	}
	if (currentFull.length > 0) {
		splits.push({ literal: bracketed || /^\s+$/.test(currentFull), val: currentFull });
	}
	return splits;
}

const pad = (n: number, width: number) => {
	const text = String(n);
	return text.length >= width ? text : '0000000'.slice(0, width - text.length) + text;
};

function offsetText(offset: number, style: 'narrow' | 'short' | 'techie'): string {
	const hours = Math.trunc(Math.abs(offset / 60));
	const minutes = Math.trunc(Math.abs(offset % 60));
	const sign = offset >= 0 ? '+' : '-';
	if (style === 'narrow') return `${sign}${hours}${minutes > 0 ? `:${minutes}` : ''}`;
	if (style === 'short') return `${sign}${pad(hours, 2)}:${pad(minutes, 2)}`;
	return `${sign}${pad(hours, 2)}${pad(minutes, 2)}`;
}

type Emit = (dt: DateTime) => string;

const NUMERIC_TOKENS: Record<string, Emit> = {
	y: (dt) => String(dt.year),
	yy: (dt) => pad(Number(String(dt.year).slice(-2)), 2),
	yyyy: (dt) => pad(dt.year, 4),
	M: (dt) => String(dt.month),
	MM: (dt) => pad(dt.month, 2),
	d: (dt) => String(dt.day),
	dd: (dt) => pad(dt.day, 2),
	H: (dt) => String(dt.hour),
	HH: (dt) => pad(dt.hour, 2),
	h: (dt) => String(dt.hour % 12 === 0 ? 12 : dt.hour % 12),
	hh: (dt) => pad(dt.hour % 12 === 0 ? 12 : dt.hour % 12, 2),
	m: (dt) => String(dt.minute),
	mm: (dt) => pad(dt.minute, 2),
	s: (dt) => String(dt.second),
	ss: (dt) => pad(dt.second, 2),
	S: (dt) => String(dt.millisecond),
	SSS: (dt) => pad(dt.millisecond, 3),
	Z: (dt) => offsetText(dt.offset, 'narrow'),
	ZZ: (dt) => offsetText(dt.offset, 'short'),
	ZZZ: (dt) => offsetText(dt.offset, 'techie'),
};

/** Whether Luxon writes numbers in this locale with ASCII digits (Arabic locales do not). */
function usesLatinDigits(locale: string): boolean {
	return new Intl.NumberFormat(locale).resolvedOptions().numberingSystem === 'latn';
}

export function compileOutputFormat(format: string, locale: string): (dt: DateTime) => string {
	const viaLuxon = (dt: DateTime) => dt.toFormat(format, { locale });
	if (!usesLatinDigits(locale)) return viaLuxon;
	const emitters: Emit[] = [];
	for (const part of parseFormat(format)) {
		const text = part.val;
		if (part.literal || !/[A-Za-z]/.test(text)) {
			emitters.push(() => text);
			continue;
		}
		if (!Object.prototype.hasOwnProperty.call(NUMERIC_TOKENS, text)) return viaLuxon;
		emitters.push(NUMERIC_TOKENS[text]);
	}
	return (dt) => {
		// Years outside 1000-9999 need Luxon's sign and padding rules.
		if (dt.year < 1000 || dt.year > 9999) return viaLuxon(dt);
		let out = '';
		for (let i = 0; i < emitters.length; i++) out += emitters[i](dt);
		return out;
	};
}
