import { isLineTerminator, isWordCharacter } from './char-sets';

/**
 * Reading the text: with the `u` flag a pattern steps over code points (a surrogate pair is one
 * character); without it over UTF-16 code units, as JavaScript does.
 */
export function codeAt(text: string, at: number, unicode: boolean): number {
	const code = text.charCodeAt(at);
	if (!unicode || code < 0xd800 || code > 0xdbff || at + 1 >= text.length) return code;
	const next = text.charCodeAt(at + 1);
	return next >= 0xdc00 && next <= 0xdfff
		? 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00)
		: code;
}

/** Code units taken by the character `code`. */
export function widthOf(code: number): number {
	return code > 0xffff ? 2 : 1;
}

/** Whether assertion number `kind` (see program.ts ASSERTIONS) holds at position `at`. */
export function assertionHolds(
	kind: number,
	text: string,
	at: number,
	unicodeIgnoreCase: boolean,
): boolean {
	switch (kind) {
		case 0:
			return at === 0;
		case 1:
			return at === text.length;
		case 2:
			return at === 0 || isLineTerminator(text.charCodeAt(at - 1));
		case 3:
			return at === text.length || isLineTerminator(text.charCodeAt(at));
		default: {
			const before = at > 0 && isWordCharacter(text.charCodeAt(at - 1), unicodeIgnoreCase);
			const after = at < text.length && isWordCharacter(text.charCodeAt(at), unicodeIgnoreCase);
			return (before !== after) === (kind === 4);
		}
	}
}
