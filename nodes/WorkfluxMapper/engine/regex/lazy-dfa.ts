import * as instructions from './program';
import type { Program } from './program';
import { SparseSet } from './sparse-set';
import * as reading from './text';

// Local copies: module exports can be getters once compiled (tsx, vitest), and the hot loops read
// these on every step.
const {
	ANY,
	ANY_BUT_NEWLINE,
	ASSERT,
	ASSERTIONS,
	CHAR,
	JUMP,
	MATCH,
	FAIL,
	RESET,
	SAVE,
	SET,
	SPLIT,
} = instructions;
const { codeAt } = reading;

const START = ASSERTIONS.indexOf('start');
const END = ASSERTIONS.indexOf('end');

const MATCHING = 1;
const DEAD = 2;

/** DFA states kept at most; past this the cache is emptied and rebuilt as the text is read. */
const MAX_STATES = 2000;

/**
 * Answers "does the pattern match anywhere?" (`test`) one table lookup per character: a DFA built lazily
 * from the program, each state being the set of instructions live at a position (Thompson's simulation,
 * remembered). Building a state costs one pass over the program and each character builds at most one,
 * so the time stays proportional to the text length times the program size, like the Pike VM; on
 * everyday patterns the few states are built once and then reused for every value.
 *
 * Captures do not matter for a yes/no answer, so SAVE and RESET are passed through. Only `^`
 * and `$` without `m` are supported (see `supportsDfa`): they depend on the position alone.
 */
export class LazyDfa {
	/** Instructions of each state: where threads wait for a character, or MATCH, or a pending `$`. */
	private states: Int32Array[] = [];
	private ids = new Map<string, number>();
	/** Per state: MATCHING (a match was found), DEAD (none can be found any more) or 0. */
	private special = new Uint8Array(0);
	private acceptsAtEnd: boolean[] = [];
	/** Next state + 1 for each state and ASCII character (0: not built yet). */
	private ascii = new Int32Array(0);
	private others: Array<Map<number, number>> = [];
	private readonly seen: SparseSet;
	private readonly stack: Int32Array;
	private startState = -1;
	/** The instructions a new match attempt brings in at each later position (empty after a leading `^`). */
	private readonly laterStarts: Int32Array;

	constructor(
		private readonly program: Program,
		private readonly unicode: boolean,
	) {
		this.seen = new SparseSet(program.op.length);
		this.stack = new Int32Array(program.op.length * 2 + 2);
		this.laterStarts = this.closure([0], false);
	}

	test(text: string): boolean {
		if (text.length === 0) {
			return this.closure([0], true, true).some((pc) => this.program.op[pc] === MATCH);
		}
		if (this.startState < 0) this.startState = this.intern(this.closure([0], true));
		let state = this.startState;
		// Locals for the hot loop; refreshed whenever a new state may have grown the tables.
		let ascii = this.ascii;
		let special = this.special;
		if (special[state] !== 0) return special[state] === MATCHING;
		const length = text.length;
		for (let at = 0; at < length; ) {
			const code = text.charCodeAt(at);
			const known = code < 128 ? ascii[state * 128 + code] : 0;
			if (known > 0) {
				state = known - 1;
				at++;
			} else {
				const full = codeAt(text, at, this.unicode);
				at += full > 0xffff ? 2 : 1;
				const remembered = full < 128 ? undefined : this.others[state].get(full);
				state = remembered !== undefined ? remembered : this.advance(state, full);
				ascii = this.ascii;
				special = this.special;
			}
			if (special[state] !== 0) return special[state] === MATCHING;
		}
		return this.acceptsAtEnd[state];
	}

	private advance(state: number, code: number): number {
		const { op, a, sets } = this.program;
		const seeds: number[] = [];
		for (const pc of this.states[state]) {
			const kind = op[pc];
			const takes =
				kind === CHAR
					? code === a[pc]
					: kind === SET
						? sets[a[pc]].has(code)
						: kind === ANY ||
							(kind === ANY_BUT_NEWLINE &&
								code !== 0x0a &&
								code !== 0x0d &&
								code !== 0x2028 &&
								code !== 0x2029);
			if (takes) seeds.push(pc + 1);
		}
		for (const pc of this.laterStarts) seeds.push(pc);
		if (this.states.length >= MAX_STATES) return this.restart(seeds);
		const next = this.intern(this.closure(seeds, false));
		if (code < 128) this.ascii[state * 128 + code] = next + 1;
		else this.others[state].set(code, next);
		return next;
	}

	/** Empties the cache (memory stays bounded on texts that visit many states) and keeps reading. */
	private restart(seeds: number[]): number {
		this.states = [];
		this.ids = new Map();
		this.special = new Uint8Array(0);
		this.acceptsAtEnd = [];
		this.others = [];
		this.ascii = new Int32Array(0);
		this.startState = -1;
		return this.intern(this.closure(seeds, false));
	}

	private intern(pcs: Int32Array): number {
		const key = pcs.join(',');
		const known = this.ids.get(key);
		if (known !== undefined) return known;
		const id = this.states.length;
		this.states.push(pcs);
		this.ids.set(key, id);
		this.acceptsAtEnd.push(
			this.closure(Array.from(pcs), false, true).some((pc) => this.program.op[pc] === MATCH),
		);
		this.others.push(new Map());
		if (this.ascii.length < this.states.length * 128) {
			const grown = new Int32Array(Math.max(this.ascii.length * 2, this.states.length * 128));
			grown.set(this.ascii);
			this.ascii = grown;
			const grownSpecial = new Uint8Array(grown.length / 128);
			grownSpecial.set(this.special);
			this.special = grownSpecial;
		}
		if (pcs.some((pc) => this.program.op[pc] === MATCH)) this.special[id] = MATCHING;
		else if (pcs.length === 0) this.special[id] = DEAD;
		return id;
	}

	/**
	 * The instructions reachable from `seeds` without consuming, sorted (so equal sets get equal keys).
	 * `^` holds only `atStart`; `$` is kept pending unless `atEnd`, since only the next character tells.
	 */
	private closure(seeds: number[], atStart: boolean, atEnd = false): Int32Array {
		const { op, a, b } = this.program;
		const seen = this.seen;
		const stack = this.stack;
		const resting: number[] = [];
		seen.clear();
		for (let seed = seeds.length - 1; seed >= 0; seed--) {
			let top = 0;
			stack[top++] = seeds[seed];
			while (top > 0) {
				const pc = stack[--top];
				if (seen.has(pc)) continue;
				seen.add(pc);
				const kind = op[pc];
				if (kind === JUMP) stack[top++] = a[pc];
				else if (kind === SPLIT) {
					stack[top++] = b[pc];
					stack[top++] = a[pc];
				} else if (kind === SAVE || kind === RESET) stack[top++] = pc + 1;
				else if (kind === FAIL) continue;
				else if (kind === ASSERT) {
					if (a[pc] === START ? atStart : atEnd) stack[top++] = pc + 1;
					else if (a[pc] === END) resting.push(pc);
				} else resting.push(pc);
			}
		}
		return Int32Array.from(resting.sort((x, y) => x - y));
	}
}

/** Whether the DFA can answer for this program: its only assertions are `^` and `$` without `m`. */
export function supportsDfa(program: Program): boolean {
	for (let pc = 0; pc < program.op.length; pc++) {
		if (program.op[pc] === ASSERT && program.a[pc] !== START && program.a[pc] !== END) return false;
	}
	return true;
}
