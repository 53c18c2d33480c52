/**
 * Which characters one position of a pattern accepts: a character class such as `[\w-\.]`, an escape such
 * as `\d` or `\p{Lu}`, or a letter under the `i` flag.
 *
 * Membership is asked of JavaScript itself, through a one-character expression `^(?:atom)$` built from the
 * atom's own text and the pattern's flags. That expression holds a single character test and nothing to
 * repeat, so it cannot backtrack: each question costs a constant time. In exchange the answers are exactly
 * JavaScript's, including its case folding (simple case folding with `u`, upper-casing without), Unicode
 * properties, and the Annex B reading of classes such as `[\w-\.]` (a `-` after `\w` is a plain hyphen).
 * ASCII answers are computed once into a table; other characters are asked on first sight and remembered.
 */
export interface CharSet {
	has(code: number): boolean;
}

/** The other characters remembered per set; beyond this the memory is emptied and filled again. */
const MEMORY_LIMIT = 4096;

class NativeAtomSet implements CharSet {
	private readonly ascii = new Uint8Array(128);
	private readonly others = new Map<number, boolean>();
	private readonly oracle: RegExp;
	private readonly unicode: boolean;

	constructor(atom: string, flags: string) {
		this.oracle = new RegExp(`^(?:${atom})$`, flags);
		this.unicode = flags.indexOf('u') >= 0;
		for (let code = 0; code < 128; code++) {
			this.ascii[code] = this.oracle.test(String.fromCharCode(code)) ? 1 : 0;
		}
	}

	has(code: number): boolean {
		if (code < 128) return this.ascii[code] === 1;
		let known = this.others.get(code);
		if (known === undefined) {
			const text = this.unicode ? String.fromCodePoint(code) : String.fromCharCode(code);
			known = this.oracle.test(text);
			if (this.others.size >= MEMORY_LIMIT) this.others.clear();
			this.others.set(code, known);
		}
		return known;
	}
}

/** Builds the sets of one pattern; equal atoms share one set. */
export class CharSetFactory {
	private readonly made = new Map<string, CharSet>();

	/** `flags`: the pattern's `i` and `u` flags (the only ones that change what one character matches). */
	constructor(private readonly flags: string) {}

	/** The set of a class (`[...]`) or escape (`\d`, `\p{L}`) written as in the pattern. */
	atom(source: string): CharSet {
		let set = this.made.get(source);
		if (!set) {
			set = new NativeAtomSet(source, this.flags);
			this.made.set(source, set);
		}
		return set;
	}

	/** The set of one literal character under the `i` flag: the character and its case variants. */
	caseless(code: number): CharSet {
		const hex = code.toString(16);
		return this.atom(code > 0xffff ? `\\u{${hex}}` : `\\u${hex.padStart(4, '0')}`);
	}
}

/** Whether a letter has other case forms, so that `i` changes what it matches. */
export function hasCaseVariants(code: number): boolean {
	const text = String.fromCodePoint(code);
	return text.toLowerCase() !== text || text.toUpperCase() !== text || code >= 128;
}

/** Line terminators, which `.` (without `s`) and `^ $` (with `m`) care about. */
export function isLineTerminator(code: number): boolean {
	return code === 0x0a || code === 0x0d || code === 0x2028 || code === 0x2029;
}

/**
 * Word characters for `\b` and `\B`: `[A-Za-z0-9_]`, plus the two characters that fold into that range
 * with `u` and `i` together (long s and the Kelvin sign), as JavaScript defines it.
 */
export function isWordCharacter(code: number, unicodeIgnoreCase: boolean): boolean {
	if (code < 0) return false;
	if (code < 128) {
		return (
			(code >= 0x61 && code <= 0x7a) ||
			(code >= 0x41 && code <= 0x5a) ||
			(code >= 0x30 && code <= 0x39) ||
			code === 0x5f
		);
	}
	return unicodeIgnoreCase && (code === 0x017f || code === 0x212a);
}
