/**
 * The file name a download announces in its `Content-Disposition` header (RFC 6266). Pure, tested on its own.
 * `filename*` (RFC 8187, e.g. `UTF-8''r%C3%A9sum%C3%A9.csv`) wins over `filename`, as the RFC asks.
 */
export function fileNameFromContentDisposition(header: string | undefined): string | undefined {
	if (!header) return undefined;
	const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
	if (extended) {
		try {
			const name = decodeURIComponent(extended[2].trim());
			if (name) return safeName(name);
		} catch {
			// A malformed percent-encoding: fall back to the plain parameter below.
		}
	}
	const quoted = /filename\s*=\s*"((?:[^"\\]|\\.)*)"/i.exec(header);
	if (quoted) return safeName(quoted[1].replace(/\\(.)/g, '$1'));
	const token = /filename\s*=\s*([^;\s]+)/i.exec(header);
	if (token) return safeName(token[1]);
	return undefined;
}

/** Only the last path segment: a server must not be able to choose where n8n puts the file. */
function safeName(name: string): string | undefined {
	const base = name.split(/[\\/]/).pop()?.trim();
	return base ? base : undefined;
}
