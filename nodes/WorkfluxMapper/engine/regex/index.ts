/**
 * A regular expression engine for patterns written by users, in time proportional to the text length
 * for every pattern (no backtracking): a parser (parser.ts) builds a tree, the compiler (compiler.ts)
 * a Thompson program, which a Pike VM (pike-vm.ts) runs for matches with captures and a lazily built
 * DFA (lazy-dfa.ts) for yes/no tests. Syntax and results are JavaScript's (leftmost-first, captures
 * reset in each repetition, Annex B readings without `u`); back-references and look-arounds are
 * refused with an UnsupportedPatternError. Russ Cox's articles on regular expression matching are the
 * model (https://swtch.com/~rsc/regexp/).
 */
import { compileProgram } from './compiler';
import { LazyDfa, supportsDfa } from './lazy-dfa';
import { parsePattern } from './parser';
import { PikeVm } from './pike-vm';
import { codeAt } from './text';

export { UnsupportedPatternError } from './syntax';
export { MAX_REPETITIONS } from './parser';

/** The flags a user pattern may have. */
export const PATTERN_FLAGS = 'imsu';

export interface PatternMatch {
	/** Where the match starts and ends (UTF-16 positions, as in JavaScript). */
	index: number;
	end: number;
	/** The whole match, then each group's text (undefined for a group that did not take part). */
	captures: Array<string | undefined>;
	/** The texts of named groups, when the pattern names any. */
	groups?: Record<string, string | undefined>;
}

export interface UserPattern {
	readonly source: string;
	readonly flags: string;
	/** Capturing groups (not counting the whole match). */
	readonly groupCount: number;
	/** Whether the pattern matches somewhere in `text`. */
	test(text: string): boolean;
	/** The leftmost match starting at `from` or later (only at `from` when `sticky`), or null. */
	exec(text: string, from?: number, sticky?: boolean): PatternMatch | null;
	/**
	 * `text.split(pattern)` as JavaScript computes it for a RegExp with these flags; undefined when the
	 * split was stopped for reading the text too often (see splitText).
	 */
	split(text: string): Array<string | undefined> | undefined;
}

/**
 * Compiles `source` with `flags` (any of i, m, s, u). The pattern must be one JavaScript accepts with
 * these flags (`new RegExp(source, flags)` throws a SyntaxError otherwise, which is passed on);
 * constructs a linear engine cannot run throw an UnsupportedPatternError naming them.
 */
export function compileUserPattern(source: string, flags = ''): UserPattern {
	for (const flag of flags) {
		if (PATTERN_FLAGS.indexOf(flag) < 0) throw new SyntaxError(`Invalid flags: ${flags}`);
	}
	// JavaScript checks the syntax and tells how many groups there are; nothing is matched here.
	const native = new RegExp(`${source}|`, flags).exec('') as RegExpExecArray;
	const unicode = flags.indexOf('u') >= 0;
	const ignoreCase = flags.indexOf('i') >= 0;
	const parsed = parsePattern(source, {
		unicode,
		ignoreCase,
		multiline: flags.indexOf('m') >= 0,
		groupCount: native.length - 1,
		hasNamedGroups: native.groups !== undefined,
	});
	const program = compileProgram(parsed.root, parsed.groupNames, flags.indexOf('s') >= 0);
	const vm = new PikeVm(program, unicode, unicode && ignoreCase);
	const dfa = supportsDfa(program) ? new LazyDfa(program, unicode) : undefined;

	const exec = (text: string, from = 0, sticky = false): PatternMatch | null => {
		const slots = vm.search(text, from, sticky);
		return slots ? toMatch(slots, text, parsed.groupNames) : null;
	};
	return {
		source,
		flags,
		groupCount: program.groupCount,
		test: dfa ? (text) => dfa.test(text) : (text) => vm.search(text, 0, false) !== null,
		exec,
		split: (text) => splitText(text, exec, () => vm.scannedTo, unicode),
	};
}

function toMatch(slots: Int32Array, text: string, names: Array<string | undefined>): PatternMatch {
	const captures: Array<string | undefined> = [];
	for (let group = 0; group < names.length; group++) {
		const start = slots[2 * group];
		const end = slots[2 * group + 1];
		captures.push(start >= 0 && end >= 0 ? text.slice(start, end) : undefined);
	}
	const match: PatternMatch = { index: slots[0], end: slots[1], captures };
	if (names.some((name) => name !== undefined)) {
		// No prototype, as in JavaScript: a group may be named __proto__.
		const groups = Object.create(null) as Record<string, string | undefined>;
		names.forEach((name, group) => {
			// A name used twice (in different alternatives) gives the text of the one that took part.
			if (name !== undefined && (!(name in groups) || captures[group] !== undefined)) {
				groups[name] = captures[group];
			}
		});
		match.groups = groups;
	}
	return match;
}

/** Characters a split may read: 8 times the text, plus enough for any short text. */
const SPLIT_READS_PER_CHARACTER = 8;
const SPLIT_READS_ANYWAY = 100_000;

/**
 * JavaScript's RegExp.prototype[Symbol.split], with a search for the next match instead of a sticky
 * attempt at every position (the same matches, found in one pass each instead of one per position).
 *
 * Each search is linear, but a search may read past the separator it returns (while a preferred
 * alternative is still running), and the next search reads that text again: a separator such as
 * `a\w*c|a` on "aaaa…" would make the split quadratic. So the split stops, returning undefined, once
 * its searches together have read the text more than 8 times over (and more than 100,000 characters,
 * so short values always split); ordinary separators read it about once.
 */
function splitText(
	text: string,
	exec: (text: string, from?: number, sticky?: boolean) => PatternMatch | null,
	scannedTo: () => number,
	unicode: boolean,
): Array<string | undefined> | undefined {
	const size = text.length;
	if (size === 0) return exec(text, 0, true) ? [] : [text];
	const parts: Array<string | undefined> = [];
	const budget = SPLIT_READS_PER_CHARACTER * size + SPLIT_READS_ANYWAY;
	let read = 0;
	let last = 0;
	let from = 0;
	while (from < size) {
		const match = exec(text, from);
		read += scannedTo() - from + 1;
		if (read > budget) return undefined;
		if (!match || match.index >= size) break;
		const end = Math.min(match.end, size);
		if (end === last) {
			// An empty match where the previous part ended: try again one character further.
			from = match.index + (codeAt(text, match.index, unicode) > 0xffff ? 2 : 1);
			continue;
		}
		parts.push(text.slice(last, match.index));
		parts.push(...match.captures.slice(1));
		last = end;
		from = last;
	}
	parts.push(text.slice(last));
	return parts;
}
