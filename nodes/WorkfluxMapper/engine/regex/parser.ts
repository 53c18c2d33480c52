import { CharSetFactory, hasCaseVariants } from './char-sets';
import { REFUSALS } from './refusals';
import { type AssertionKind, type PatternNode, UnsupportedPatternError } from './syntax';

/** The most times one part may be repeated with `{m,n}` (each repetition is written out in the program). */
export const MAX_REPETITIONS = 1000;

export interface ParseOptions {
	unicode: boolean;
	ignoreCase: boolean;
	multiline: boolean;
	/** Capturing groups in the whole pattern (decides whether `\2` is a back-reference or an octal escape). */
	groupCount: number;
	/** Whether the pattern names a group (then `\k<...>` is a back-reference even without `u`). */
	hasNamedGroups: boolean;
}

export interface ParsedPattern {
	root: PatternNode;
	groupNames: Array<string | undefined>;
}

const CONTROL_ESCAPES: Record<string, number> = { f: 0x0c, n: 0x0a, r: 0x0d, t: 0x09, v: 0x0b };
const CLASS_ESCAPES = 'dDwWsS';
const QUANTIFIER_BRACES = /^\{(\d+)(,(\d*))?\}/;

/**
 * Reads a pattern JavaScript has already accepted (`new RegExp` threw no error), so syntax errors are not
 * this parser's concern: it builds the tree and refuses what a linear-time engine cannot run. It follows
 * JavaScript's grammar, with the Annex B readings of patterns without `u` (a lone `{` or `]` is a literal,
 * `\8` is "8", `\07` is an octal escape, `\c` without a letter is a backslash).
 */
export function parsePattern(source: string, options: ParseOptions): ParsedPattern {
	const parser = new Parser(source, options);
	const root = parser.alternation();
	if (!parser.done()) throw new UnsupportedPatternError(`has an unexpected ")"`);
	return { root, groupNames: parser.groupNames };
}

class Parser {
	private at = 0;
	private nextGroup = 1;
	readonly groupNames: Array<string | undefined> = [undefined];
	private readonly sets: CharSetFactory;

	constructor(
		private readonly source: string,
		private readonly options: ParseOptions,
	) {
		this.sets = new CharSetFactory((options.ignoreCase ? 'i' : '') + (options.unicode ? 'u' : ''));
	}

	done(): boolean {
		return this.at >= this.source.length;
	}

	alternation(): PatternNode {
		const items = [this.concat()];
		while (this.source[this.at] === '|') {
			this.at++;
			items.push(this.concat());
		}
		return items.length === 1 ? items[0] : { kind: 'alternation', items };
	}

	private concat(): PatternNode {
		const items: PatternNode[] = [];
		while (!this.done() && this.source[this.at] !== '|' && this.source[this.at] !== ')') {
			items.push(this.term());
		}
		if (items.length === 0) return { kind: 'empty' };
		return items.length === 1 ? items[0] : { kind: 'concat', items };
	}

	private term(): PatternNode {
		const firstGroup = this.nextGroup;
		const atom = this.atom();
		const quantifier = this.quantifier();
		if (!quantifier) return atom;
		return { kind: 'repeat', body: atom, ...quantifier, firstGroup, endGroup: this.nextGroup };
	}

	private quantifier(): { min: number; max: number; greedy: boolean } | undefined {
		const sign = this.source[this.at];
		let min: number;
		let max: number;
		if (sign === '*' || sign === '+' || sign === '?') {
			this.at++;
			min = sign === '+' ? 1 : 0;
			max = sign === '?' ? 1 : Infinity;
		} else if (sign === '{') {
			const braces = QUANTIFIER_BRACES.exec(this.source.slice(this.at, this.at + 40));
			if (!braces) return undefined; // A literal `{` (Annex B); JavaScript refused it with `u`.
			this.at += braces[0].length;
			min = Number(braces[1]);
			max = braces[2] === undefined ? min : braces[3] === '' ? Infinity : Number(braces[3]);
			const counted = max === Infinity ? min : max;
			if (counted > MAX_REPETITIONS) {
				throw new UnsupportedPatternError(REFUSALS.tooManyRepetitions(braces[0], MAX_REPETITIONS));
			}
		} else {
			return undefined;
		}
		const lazy = this.source[this.at] === '?';
		if (lazy) this.at++;
		return { min, max, greedy: !lazy };
	}

	private atom(): PatternNode {
		const char = this.source[this.at];
		switch (char) {
			case '^':
				this.at++;
				return this.assertion(this.options.multiline ? 'line-start' : 'start');
			case '$':
				this.at++;
				return this.assertion(this.options.multiline ? 'line-end' : 'end');
			case '.':
				this.at++;
				return { kind: 'dot' };
			case '(':
				return this.group();
			case '[':
				return this.characterClass();
			case '\\':
				return this.escape();
			default:
				return this.literal(this.readCodePoint());
		}
	}

	private assertion(assertion: AssertionKind): PatternNode {
		return { kind: 'assert', assertion };
	}

	private readCodePoint(): number {
		const code = this.options.unicode
			? (this.source.codePointAt(this.at) as number)
			: this.source.charCodeAt(this.at);
		this.at += code > 0xffff ? 2 : 1;
		return code;
	}

	private literal(code: number): PatternNode {
		if (this.options.ignoreCase && hasCaseVariants(code)) {
			return { kind: 'set', set: this.sets.caseless(code) };
		}
		return { kind: 'char', code };
	}

	private group(): PatternNode {
		const rest = this.source.slice(this.at, this.at + 4);
		let capture = 0;
		if (rest.startsWith('(?:')) {
			this.at += 3;
		} else if (rest.startsWith('(?=')) {
			throw new UnsupportedPatternError(REFUSALS.lookahead());
		} else if (rest.startsWith('(?!')) {
			throw new UnsupportedPatternError(REFUSALS.negativeLookahead());
		} else if (rest.startsWith('(?<=')) {
			throw new UnsupportedPatternError(REFUSALS.lookbehind());
		} else if (rest.startsWith('(?<!')) {
			throw new UnsupportedPatternError(REFUSALS.negativeLookbehind());
		} else if (rest.startsWith('(?<')) {
			const close = this.source.indexOf('>', this.at);
			capture = this.nextGroup++;
			this.groupNames[capture] = this.source.slice(this.at + 3, close);
			this.at = close + 1;
		} else if (rest.startsWith('(?')) {
			throw new UnsupportedPatternError(REFUSALS.inlineFlags());
		} else {
			this.at++;
			capture = this.nextGroup++;
			this.groupNames[capture] = undefined;
		}
		const body = this.alternation();
		this.at++; // the `)`; JavaScript has checked that it is there
		return { kind: 'group', capture, body };
	}

	/** `[...]`: the class's own text is handed to JavaScript, which knows every reading of it. */
	private characterClass(): PatternNode {
		const start = this.at;
		this.at++;
		if (this.source[this.at] === '^') this.at++;
		while (this.source[this.at] !== ']') {
			this.at += this.source[this.at] === '\\' ? 2 : 1;
		}
		this.at++;
		return { kind: 'set', set: this.sets.atom(this.source.slice(start, this.at)) };
	}

	private escape(): PatternNode {
		const letter = this.source[this.at + 1];
		const { unicode } = this.options;
		if (letter === 'b' || letter === 'B') {
			this.at += 2;
			return this.assertion(letter === 'b' ? 'word-boundary' : 'not-word-boundary');
		}
		if (CLASS_ESCAPES.indexOf(letter) >= 0) return this.escapeSet(2);
		if ((letter === 'p' || letter === 'P') && unicode) {
			return this.escapeSet(this.source.indexOf('}', this.at) + 1 - this.at);
		}
		if (letter >= '0' && letter <= '9') return this.decimalEscape();
		if (letter === 'k' && (unicode || this.options.hasNamedGroups)) {
			const close = this.source.indexOf('>', this.at);
			const name = this.source.slice(this.at + 3, close);
			throw new UnsupportedPatternError(
				REFUSALS.backReference(`\\k<${name}>`, `the group named ${name}`),
			);
		}
		if (letter === 'c') {
			const control = this.source.charCodeAt(this.at + 2);
			if ((control | 0x20) >= 0x61 && (control | 0x20) <= 0x7a) {
				this.at += 3;
				return this.literal(control % 32);
			}
			this.at++; // Annex B: `\c` without a letter is a backslash, and the `c` stays a letter.
			return this.literal(0x5c);
		}
		if (letter in CONTROL_ESCAPES) {
			this.at += 2;
			return this.literal(CONTROL_ESCAPES[letter]);
		}
		if (letter === 'x' || letter === 'u') {
			const code = this.hexEscape(letter);
			if (code !== undefined) return this.literal(code);
		}
		this.at++; // An identity escape such as `\.` or `\/`.
		return this.literal(this.readCodePoint());
	}

	private escapeSet(length: number): PatternNode {
		const text = this.source.slice(this.at, this.at + length);
		this.at += length;
		return { kind: 'set', set: this.sets.atom(text) };
	}

	/** `\xHH`, `\uHHHH`, `\u{H...}` (with `u`), and a surrogate pair of `\u` escapes (with `u`). */
	private hexEscape(letter: string): number | undefined {
		const text = this.source;
		if (letter === 'x') {
			if (!/^[0-9a-fA-F]{2}$/.test(text.slice(this.at + 2, this.at + 4))) return undefined;
			this.at += 4;
			return parseInt(text.slice(this.at - 2, this.at), 16);
		}
		if (text[this.at + 2] === '{' && this.options.unicode) {
			const close = text.indexOf('}', this.at);
			const code = parseInt(text.slice(this.at + 3, close), 16);
			this.at = close + 1;
			return code;
		}
		const four = text.slice(this.at + 2, this.at + 6);
		if (!/^[0-9a-fA-F]{4}$/.test(four)) return undefined;
		this.at += 6;
		const code = parseInt(four, 16);
		const next = /^\\u([dD][c-fC-F][0-9a-fA-F]{2})/.exec(text.slice(this.at, this.at + 6));
		if (this.options.unicode && code >= 0xd800 && code <= 0xdbff && next) {
			this.at += 6;
			return 0x10000 + ((code - 0xd800) << 10) + (parseInt(next[1], 16) - 0xdc00);
		}
		return code;
	}

	/** `\1` is a back-reference when the pattern has that many groups; otherwise (without `u`) an escape. */
	private decimalEscape(): PatternNode {
		const digits = /^\d+/.exec(this.source.slice(this.at + 1))![0];
		const value = Number(digits);
		if (digits[0] !== '0' && value <= this.options.groupCount) {
			throw new UnsupportedPatternError(REFUSALS.backReference(`\\${digits}`, `group ${digits}`));
		}
		if (this.options.unicode) {
			this.at += 2; // `\0`, the only decimal escape JavaScript allows with `u` besides back-references
			return this.literal(0);
		}
		if (digits[0] === '8' || digits[0] === '9') {
			this.at += 2;
			return this.literal(digits.charCodeAt(0));
		}
		// A legacy octal escape: up to three octal digits, at most \377.
		const octal = /^[0-3][0-7]{0,2}|^[4-7][0-7]?/.exec(digits)![0];
		this.at += 1 + octal.length;
		return this.literal(parseInt(octal, 8));
	}
}
