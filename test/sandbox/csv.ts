// RFC 4180 CSV: a header row, CRLF line ends, and double quotes around any field holding a comma, a double quote,
// CR or LF (quotes inside doubled). Every record, the last one included, ends with CRLF.

export type CsvValue = string | number | boolean | null | undefined;

export function csvField(value: CsvValue): string {
	if (value === null || value === undefined) return '';
	const text = String(value);
	return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly CsvValue[]>): string {
	return [header, ...rows].map((row) => row.map(csvField).join(',') + '\r\n').join('');
}
