import type { CharSet } from './char-sets';
import {
	ANY,
	ANY_BUT_NEWLINE,
	ASSERT,
	ASSERTIONS,
	CHAR,
	JUMP,
	MATCH,
	FAIL,
	type Program,
	RESET,
	SAVE,
	SET,
	SPLIT,
} from './program';
import { REFUSALS } from './refusals';
import { canMatchEmpty, type PatternNode, UnsupportedPatternError } from './syntax';

/** Instructions a program may have: counted repetitions are written out, so `(a{50}){50}` is large. */
export const MAX_INSTRUCTIONS = 50_000;

/**
 * Turns the tree into a program. `x*` becomes a loop `L: SPLIT body, out; body; JUMP L`, counted
 * repetitions are written out, `x|y` is `SPLIT x, y`.
 *
 * JavaScript's rule "a repetition beyond the minimum that matched nothing fails" is built into the
 * program for bodies that can match empty text: such a body is written twice, a "fresh" copy where each
 * repetition starts and which fails at its end, and a "progressed" copy that the fresh one jumps into
 * after consuming a character, and which goes on to the next repetition. The program then has no loop
 * that consumes nothing, which is what makes the Pike VM's "first thread to reach an instruction wins"
 * give exactly the priorities of a backtracking engine.
 */
export function compileProgram(
	root: PatternNode,
	groupNames: Array<string | undefined>,
	dotAll: boolean,
): Program {
	const builder = new ProgramBuilder(groupNames.length);
	builder.emit(SAVE, 0);
	builder.node(root, dotAll);
	builder.emit(SAVE, 1);
	builder.emit(MATCH);
	return builder.finish(groupNames, startsAnchored(root));
}

function startsAnchored(node: PatternNode): boolean {
	switch (node.kind) {
		case 'assert':
			return node.assertion === 'start';
		case 'concat':
			return node.items.length > 0 && startsAnchored(node.items[0]);
		case 'group':
			return startsAnchored(node.body);
		case 'alternation':
			return node.items.every(startsAnchored);
		default:
			return false;
	}
}

class ProgramBuilder {
	private readonly op: number[] = [];
	private readonly a: number[] = [];
	private readonly b: number[] = [];
	private readonly sets: CharSet[] = [];
	private readonly setNumbers = new Map<CharSet, number>();
	/** Continuations of the consuming instructions emitted, recorded for the fresh copies of bodies. */
	private readonly recorders: number[][] = [];
	/** While a fresh copy is written: where its consuming instructions continue (in the progressed copy). */
	private override: { continuations: number[]; next: number } | undefined;

	constructor(private readonly groups: number) {}

	emit(op: number, a = 0, b = 0): number {
		if (this.op.length >= MAX_INSTRUCTIONS) {
			throw new UnsupportedPatternError(REFUSALS.tooLarge(MAX_INSTRUCTIONS));
		}
		this.op.push(op);
		this.a.push(a);
		this.b.push(b);
		return this.op.length - 1;
	}

	private patch(at: number, a: number, b = this.b[at]): void {
		this.a[at] = a;
		this.b[at] = b;
	}

	private get next(): number {
		return this.op.length;
	}

	node(node: PatternNode, dotAll: boolean): void {
		switch (node.kind) {
			case 'empty':
				return;
			case 'char':
				this.consumer(CHAR, node.code);
				return;
			case 'set':
				this.consumer(SET, this.setNumber(node.set));
				return;
			case 'dot':
				this.consumer(dotAll ? ANY : ANY_BUT_NEWLINE);
				return;
			case 'assert':
				this.emit(ASSERT, ASSERTIONS.indexOf(node.assertion));
				return;
			case 'group':
				if (node.capture > 0) this.emit(SAVE, 2 * node.capture);
				this.node(node.body, dotAll);
				if (node.capture > 0) this.emit(SAVE, 2 * node.capture + 1);
				return;
			case 'concat':
				for (const item of node.items) this.node(item, dotAll);
				return;
			case 'alternation':
				this.alternation(node.items, dotAll);
				return;
			case 'repeat':
				this.repeat(node, dotAll);
				return;
		}
	}

	private setNumber(set: CharSet): number {
		let number = this.setNumbers.get(set);
		if (number === undefined) {
			number = this.sets.push(set) - 1;
			this.setNumbers.set(set, number);
		}
		return number;
	}

	/** `x|y|z`: SPLIT x, (SPLIT y, z); every branch jumps to the end. */
	private alternation(items: PatternNode[], dotAll: boolean): void {
		const jumps: number[] = [];
		items.forEach((item, index) => {
			const last = index === items.length - 1;
			const split = last ? -1 : this.emit(SPLIT);
			if (!last) this.patch(split, this.next);
			this.node(item, dotAll);
			if (!last) {
				jumps.push(this.emit(JUMP));
				this.patch(split, this.a[split], this.next);
			}
		});
		for (const jump of jumps) this.patch(jump, this.next);
	}

	/** An instruction that consumes a character; in a fresh copy, it continues in the progressed one. */
	private consumer(op: number, argument = 0): void {
		const at = this.emit(op, argument);
		let continuation = at + 1;
		if (this.override) {
			continuation = this.override.continuations[this.override.next++];
			this.emit(JUMP, continuation);
		}
		for (const recorder of this.recorders) recorder.push(continuation);
	}

	private repeat(node: Extract<PatternNode, { kind: 'repeat' }>, dotAll: boolean): void {
		const reset = () => {
			if (node.endGroup > node.firstGroup) {
				this.emit(RESET, 2 * node.firstGroup, 2 * node.endGroup);
			}
		};
		for (let done = 0; done < node.min; done++) {
			reset();
			this.node(node.body, dotAll);
		}
		const nullable = canMatchEmpty(node.body);
		if (node.max === Infinity) {
			const loop = this.emit(SPLIT);
			let body = this.next;
			if (nullable) {
				const copies = this.freshAndProgressed(node.body, dotAll, reset);
				this.patch(copies.end, loop);
				body = copies.fresh;
			} else {
				reset();
				this.node(node.body, dotAll);
				this.emit(JUMP, loop);
			}
			this.choose(loop, body, this.next, node.greedy);
			return;
		}
		// Optional copies, nested: x{1,3} is x(x(x)?)?; each copy's way out goes to the end.
		const exits: number[] = [];
		for (let done = node.min; done < node.max; done++) {
			const split = this.emit(SPLIT);
			exits.push(split);
			if (nullable) {
				const copies = this.freshAndProgressed(node.body, dotAll, reset);
				this.patch(split, copies.fresh);
				this.patch(copies.end, this.next);
			} else {
				this.patch(split, this.next);
				reset();
				this.node(node.body, dotAll);
			}
		}
		for (const split of exits) this.choose(split, this.a[split], this.next, node.greedy);
	}

	/**
	 * Writes the progressed copy of a body that can match empty text, ending with a jump for the caller to
	 * aim (`end`), and the fresh copy, ending in FAIL, where a repetition starts (`fresh`).
	 */
	private freshAndProgressed(
		body: PatternNode,
		dotAll: boolean,
		reset: () => void,
	): { fresh: number; end: number } {
		const continuations: number[] = [];
		this.recorders.push(continuations);
		this.node(body, dotAll);
		this.recorders.pop();
		const end = this.emit(JUMP);
		const fresh = this.next;
		const outer = this.override;
		// Inside an outer fresh copy, the outer continuations already lead to the right place.
		if (!outer) this.override = { continuations, next: 0 };
		reset();
		this.node(body, dotAll);
		this.emit(FAIL);
		this.override = outer;
		return { fresh, end };
	}

	private choose(split: number, body: number, out: number, greedy: boolean): void {
		if (greedy) this.patch(split, body, out);
		else this.patch(split, out, body);
	}

	finish(groupNames: Array<string | undefined>, anchoredStart: boolean): Program {
		let stackSize = 1;
		this.op.forEach((op, at) => {
			stackSize += op === RESET ? this.b[at] - this.a[at] : 1;
		});
		return {
			op: Int32Array.from(this.op),
			a: Int32Array.from(this.a),
			b: Int32Array.from(this.b),
			sets: this.sets,
			slotCount: this.groups * 2,
			groupCount: this.groups - 1,
			groupNames,
			anchoredStart,
			stackSize,
		};
	}
}
