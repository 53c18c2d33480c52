import type { CharSet } from './char-sets';

/** Zero-width tests: `^`, `$` (each with or without the `m` flag), `\b` and `\B`. */
export type AssertionKind =
	| 'start'
	| 'end'
	| 'line-start'
	| 'line-end'
	| 'word-boundary'
	| 'not-word-boundary';

/** The parsed pattern: a tree the compiler turns into a program. */
export type PatternNode =
	| { kind: 'empty' }
	| { kind: 'char'; code: number }
	| { kind: 'set'; set: CharSet }
	| { kind: 'dot' }
	| { kind: 'assert'; assertion: AssertionKind }
	/** `capture`: the group's number, or 0 for `(?: ... )`. */
	| { kind: 'group'; capture: number; body: PatternNode }
	| { kind: 'concat'; items: PatternNode[] }
	| { kind: 'alternation'; items: PatternNode[] }
	/**
	 * `max` is Infinity for `*`, `+` and `{m,}`. `firstGroup`/`endGroup`: the capturing groups inside the
	 * body, whose captures JavaScript forgets at the start of each repetition.
	 */
	| {
			kind: 'repeat';
			body: PatternNode;
			min: number;
			max: number;
			greedy: boolean;
			firstGroup: number;
			endGroup: number;
	  };

/** The error for a pattern the engine will not run; its message is written for the person who typed it. */
export class UnsupportedPatternError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'UnsupportedPatternError';
	}
}

/** Whether a node can match without consuming a character. */
export function canMatchEmpty(node: PatternNode): boolean {
	switch (node.kind) {
		case 'empty':
		case 'assert':
			return true;
		case 'char':
		case 'set':
		case 'dot':
			return false;
		case 'group':
			return canMatchEmpty(node.body);
		case 'concat':
			return node.items.every(canMatchEmpty);
		case 'alternation':
			return node.items.some(canMatchEmpty);
		case 'repeat':
			return node.min === 0 || canMatchEmpty(node.body);
	}
}
