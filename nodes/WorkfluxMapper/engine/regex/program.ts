import type { CharSet } from './char-sets';
import type { AssertionKind } from './syntax';

/**
 * The instructions of a compiled pattern (Thompson's construction, as in Russ Cox's articles). A program
 * is three parallel typed arrays: the operation of each instruction and its two arguments.
 */
export const MATCH = 0;
/** Consumes the character `a`. */
export const CHAR = 1;
/** Consumes a character of set number `a`. */
export const SET = 2;
/** Consumes any character (`.` with the `s` flag). */
export const ANY = 3;
/** Consumes any character but a line terminator (`.`). */
export const ANY_BUT_NEWLINE = 4;
/** Continues at `a` first and at `b` second (the order is the priority: greedy or lazy). */
export const SPLIT = 5;
export const JUMP = 6;
/** Records the position in slot `a` (captures: slot 2n is where group n starts, 2n+1 where it ends). */
export const SAVE = 7;
/** Forgets slots `a` up to `b` (exclusive): the captures of a group repeated again. */
export const RESET = 8;
/** Continues only where assertion number `a` holds. */
export const ASSERT = 9;
/** Ends the thread: a repetition of a part that can match empty text ended without consuming anything. */
export const FAIL = 10;

export const ASSERTIONS: readonly AssertionKind[] = [
	'start',
	'end',
	'line-start',
	'line-end',
	'word-boundary',
	'not-word-boundary',
];

export interface Program {
	op: Int32Array;
	a: Int32Array;
	b: Int32Array;
	sets: CharSet[];
	/** Capture slots: 2 per group, group 0 being the whole match. */
	slotCount: number;
	/** Capturing groups, not counting the whole match. */
	groupCount: number;
	groupNames: Array<string | undefined>;
	/** Whether every match must start at the beginning of the text (a leading `^` without `m`). */
	anchoredStart: boolean;
	/** Thread stack the Pike VM needs at most for one position (see pike-vm.ts). */
	stackSize: number;
}
