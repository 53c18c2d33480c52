/**
 * White space as users meet it in pasted data: every Unicode White_Space character (including the
 * no-break spaces U+00A0 and U+202F and NEL U+0085) plus the invisible characters that copy-paste
 * leaves behind (zero-width space U+200B, word joiner U+2060, byte order mark U+FEFF, Mongolian vowel
 * separator U+180E) and, at the edges only, zero-width (non-)joiners U+200C/U+200D.
 *
 * Loops instead of regular expressions keep trimming linear on hostile input (`a` + 100k spaces + `a`).
 */

/** Characters that take no room: removed when found alone between words. */
export function isInvisibleSpace(code: number): boolean {
	return code === 0x200b || code === 0x2060 || code === 0xfeff || code === 0x180e;
}

/** Joiners shape emoji sequences and scripts inside words, so only the edges lose them. */
function isJoiner(code: number): boolean {
	return code === 0x200c || code === 0x200d;
}

export function isVisibleSpace(code: number): boolean {
	return (
		code === 0x20 ||
		(code >= 0x09 && code <= 0x0d) ||
		code === 0x85 ||
		code === 0xa0 ||
		code === 0x1680 ||
		(code >= 0x2000 && code <= 0x200a) ||
		code === 0x2028 ||
		code === 0x2029 ||
		code === 0x202f ||
		code === 0x205f ||
		code === 0x3000
	);
}

export function isUnicodeSpace(code: number): boolean {
	return isVisibleSpace(code) || isInvisibleSpace(code) || isJoiner(code);
}

/** Removes white space and invisible characters from both ends. */
export function trimUnicode(text: string): string {
	let start = 0;
	let end = text.length;
	while (start < end && isUnicodeSpace(text.charCodeAt(start))) start++;
	while (end > start && isUnicodeSpace(text.charCodeAt(end - 1))) end--;
	return start === 0 && end === text.length ? text : text.slice(start, end);
}

/**
 * Trims, then turns every inner run of white space into one ordinary space. A run made only of
 * invisible characters (a zero-width space inside a word) is removed; joiners inside words are kept.
 */
export function trimAndCollapse(text: string): string {
	const trimmed = trimUnicode(text);
	let out = '';
	let runStart = -1;
	let runVisible = false;
	let copiedUpTo = 0;
	for (let i = 0; i <= trimmed.length; i++) {
		const code = i < trimmed.length ? trimmed.charCodeAt(i) : -1;
		const visible = code >= 0 && isVisibleSpace(code);
		const invisible = code >= 0 && isInvisibleSpace(code);
		if (visible || invisible) {
			if (runStart < 0) {
				runStart = i;
				runVisible = false;
			}
			if (visible) runVisible = true;
			continue;
		}
		if (runStart >= 0) {
			const replacement = runVisible ? ' ' : '';
			const run = trimmed.slice(runStart, i);
			if (run !== replacement) {
				out += trimmed.slice(copiedUpTo, runStart) + replacement;
				copiedUpTo = i;
			}
			runStart = -1;
		}
	}
	return copiedUpTo === 0 ? trimmed : out + trimmed.slice(copiedUpTo);
}
