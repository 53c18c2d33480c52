/**
 * A small RFC 4180 CSV reader for WorkFlux export files. Pure, so every hard case (quotes, escaped quotes,
 * commas and line breaks inside quotes, CRLF) is tested on its own.
 *
 * Beyond the RFC it accepts what real files contain: LF-only line ends, a UTF-8 byte order mark and a missing
 * line end after the last record. It refuses what cannot be read unambiguously (an unclosed quote, text right
 * after a closing quote) instead of guessing.
 */

export class CsvParseError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'CsvParseError';
	}
}

/** The records of a CSV text, each a list of fields, exactly as written (no type conversion). */
export function parseCsvRecords(text: string): string[][] {
	const records: string[][] = [];
	let record: string[] = [];
	let field = '';
	let line = 1;
	let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
	// Whether anything (a field, a delimiter) was read for the current record: a bare line end after the last
	// record must not add an empty record, but `""` on its own line is a record with one empty field.
	let recordStarted = false;

	const endField = () => {
		record.push(field);
		field = '';
	};
	const endRecord = () => {
		endField();
		records.push(record);
		record = [];
		recordStarted = false;
	};

	while (i < text.length) {
		const char = text[i];
		if (char === '"' && field === '') {
			// A quote opens a quoted field only at the start of a field; "" inside stands for one quote.
			// Elsewhere (ab"c) it is kept as text, as most readers do.
			const openedOnLine = line;
			i++;
			for (;;) {
				if (i >= text.length) {
					throw new CsvParseError(`A quoted field opened on line ${openedOnLine} is never closed`);
				}
				const inner = text[i];
				if (inner === '"') {
					if (text[i + 1] === '"') {
						field += '"';
						i += 2;
						continue;
					}
					i++;
					break;
				}
				if (inner === '\n') line++;
				field += inner;
				i++;
			}
			recordStarted = true;
			const next = text[i];
			if (next !== undefined && next !== ',' && next !== '\r' && next !== '\n') {
				throw new CsvParseError(`Unexpected text after a closing quote on line ${line}`);
			}
			continue;
		}
		if (char === ',') {
			endField();
			recordStarted = true;
			i++;
			continue;
		}
		if (char === '\r' || char === '\n') {
			// An empty line is skipped: RFC 4180 has no empty records.
			if (recordStarted) endRecord();
			i += char === '\r' && text[i + 1] === '\n' ? 2 : 1;
			line++;
			continue;
		}
		field += char;
		recordStarted = true;
		i++;
	}
	if (recordStarted) endRecord();
	return records;
}

/**
 * The records of a CSV file with a header row, as objects keyed by the header's column names. Every row must
 * have as many fields as the header, so a shifted column is reported instead of silently mislabelled.
 */
export function parseCsvObjects(text: string): Array<Record<string, string>> {
	const [header, ...rows] = parseCsvRecords(text);
	if (!header) return [];
	return rows.map((row, index) => {
		if (row.length !== header.length) {
			throw new CsvParseError(
				`Record ${index + 1} has ${row.length} fields but the header row has ${header.length}`,
			);
		}
		const object: Record<string, string> = {};
		header.forEach((name, column) => {
			object[name] = row[column];
		});
		return object;
	});
}
