import * as instructions from './program';
import type { Program } from './program';
import { SparseSet } from './sparse-set';
import * as reading from './text';

// Local copies: module exports can be getters once compiled (tsx, vitest), and the hot loops read
// these on every step.
const { ANY, ANY_BUT_NEWLINE, ASSERT, CHAR, JUMP, MATCH, FAIL, RESET, SAVE, SET, SPLIT } =
	instructions;
const { assertionHolds, codeAt } = reading;

/** Frames of the closure stack: explore an instruction, or put a slot back as it was. */
const EXPLORE = 0;
const RESTORE = 1;

/**
 * The Pike VM: runs all ways through the program in lockstep, one character at a time, each instruction
 * at most once per position, so a search takes time proportional to (text length) x (program size),
 * whatever the pattern. Threads are kept in priority order and the first to reach an instruction wins,
 * which gives JavaScript's leftmost-first matches and captures, lazy quantifiers included.
 * All memory is allocated once per pattern; a search allocates only its result.
 */
export class PikeVm {
	private current: SparseSet;
	private next: SparseSet;
	private currentSlots: Int32Array;
	private nextSlots: Int32Array;
	private readonly scratch: Int32Array;
	private readonly best: Int32Array;
	private readonly stack: Int32Array;
	/** Where the last search stopped reading (it may read past the end of the match it returns). */
	scannedTo = 0;
	/** The instructions that can consume a match's first character, and which ASCII characters they take. */
	private readonly firstPcs: Int32Array;
	private readonly firstAscii: Uint8Array | undefined;

	constructor(
		private readonly program: Program,
		private readonly unicode: boolean,
		private readonly unicodeIgnoreCase: boolean,
	) {
		const size = program.op.length;
		const slots = program.slotCount;
		this.current = new SparseSet(size);
		this.next = new SparseSet(size);
		this.currentSlots = new Int32Array(size * slots);
		this.nextSlots = new Int32Array(size * slots);
		this.scratch = new Int32Array(slots);
		this.best = new Int32Array(slots);
		this.stack = new Int32Array(program.stackSize * 3);
		this.firstPcs = firstInstructions(program);
		if (!this.firstPcs.some((pc) => program.op[pc] === MATCH)) {
			this.firstAscii = new Uint8Array(128);
			for (let code = 0; code < 128; code++) {
				this.firstAscii[code] = this.firstPcs.some((pc) =>
					this.consumes(program.op[pc], program.a[pc], code),
				)
					? 1
					: 0;
			}
		}
	}

	/**
	 * The leftmost-first match starting at `from` or later (only at `from` when `sticky`): its capture
	 * slots (-1 for a group that did not take part), or null.
	 */
	search(text: string, from: number, sticky: boolean): Int32Array | null {
		const { op, a } = this.program;
		const onlyAtFrom = sticky || this.program.anchoredStart;
		const slotCount = this.program.slotCount;
		let matched = false;
		let at = onlyAtFrom ? from : this.nextStart(text, from);
		this.current.clear();
		if (at > text.length) return this.stop(text.length, false);
		this.scratch.fill(-1);
		this.addThread(this.current, this.currentSlots, 0, text, at);
		for (;;) {
			if (this.current.size === 0 && (matched || onlyAtFrom)) break;
			const code = at < text.length ? codeAt(text, at, this.unicode) : -1;
			const after = at + (code > 0xffff ? 2 : 1);
			this.next.clear();
			for (let thread = 0; thread < this.current.size; thread++) {
				const pc = this.current.dense[thread];
				const kind = op[pc];
				if (kind === MATCH) {
					this.best.set(this.currentSlots.subarray(thread * slotCount, (thread + 1) * slotCount));
					matched = true;
					break; // threads of lower priority can only give a less preferred match
				}
				if (code < 0 || !this.consumes(kind, a[pc], code)) continue;
				this.loadScratch(this.currentSlots, thread);
				this.addThread(this.next, this.nextSlots, pc + 1, text, after);
			}
			if (code < 0) break;
			at = after;
			if (!matched && !onlyAtFrom) {
				// With no thread alive, jump to where a match can start.
				if (this.next.size === 0) at = this.nextStart(text, at);
				if (at > text.length) return this.stop(text.length, false);
				this.scratch.fill(-1);
				this.addThread(this.next, this.nextSlots, 0, text, at);
			}
			this.swap();
		}
		return this.stop(at, matched);
	}

	private stop(at: number, matched: boolean): Int32Array | null {
		this.scannedTo = at;
		return matched ? Int32Array.from(this.best) : null;
	}

	/**
	 * The first position from `at` where a match can start, judged by its first character (one table
	 * lookup per ASCII character); past the end (length + 1) when there is none. Patterns that can match
	 * empty text can start anywhere.
	 */
	private nextStart(text: string, at: number): number {
		const { firstAscii, firstPcs } = this;
		if (!firstAscii) return at;
		const { op, a } = this.program;
		while (at < text.length) {
			const unit = text.charCodeAt(at);
			if (unit < 128) {
				if (firstAscii[unit] === 1) return at;
				at++;
				continue;
			}
			const code = codeAt(text, at, this.unicode);
			for (let index = 0; index < firstPcs.length; index++) {
				if (this.consumes(op[firstPcs[index]], a[firstPcs[index]], code)) return at;
			}
			at += code > 0xffff ? 2 : 1;
		}
		return text.length + 1;
	}

	private consumes(kind: number, argument: number, code: number): boolean {
		switch (kind) {
			case CHAR:
				return code === argument;
			case SET:
				return this.program.sets[argument].has(code);
			case ANY:
				return true;
			case ANY_BUT_NEWLINE:
				return code !== 0x0a && code !== 0x0d && code !== 0x2028 && code !== 0x2029;
			default:
				return false;
		}
	}

	private loadScratch(slots: Int32Array, thread: number): void {
		const count = this.program.slotCount;
		const base = thread * count;
		for (let slot = 0; slot < count; slot++) this.scratch[slot] = slots[base + slot];
	}

	private swap(): void {
		const list = this.current;
		this.current = this.next;
		this.next = list;
		const slots = this.currentSlots;
		this.currentSlots = this.nextSlots;
		this.nextSlots = slots;
	}

	/**
	 * Follows every way from `start` that consumes nothing (the epsilon closure), in priority order, and
	 * adds the instructions where a thread waits for a character (or matches) to `list`, each with the
	 * slots of the first thread that got there. Uses `scratch` as the current thread's slots and an
	 * explicit stack that restores them when backing up to the other branch of a SPLIT.
	 */
	private addThread(
		list: SparseSet,
		listSlots: Int32Array,
		start: number,
		text: string,
		at: number,
	): void {
		const { op, a, b } = this.program;
		const slots = this.scratch;
		const stack = this.stack;
		let top = 0;
		stack[0] = EXPLORE;
		stack[1] = start;
		top = 3;
		while (top > 0) {
			top -= 3;
			if (stack[top] === RESTORE) {
				slots[stack[top + 1]] = stack[top + 2];
				continue;
			}
			let pc = stack[top + 1];
			for (;;) {
				const kind = op[pc];
				if (list.has(pc)) break;
				const index = list.add(pc);
				if (kind === JUMP) {
					pc = a[pc];
				} else if (kind === SPLIT) {
					stack[top] = EXPLORE;
					stack[top + 1] = b[pc];
					top += 3;
					pc = a[pc];
				} else if (kind === SAVE) {
					stack[top] = RESTORE;
					stack[top + 1] = a[pc];
					stack[top + 2] = slots[a[pc]];
					top += 3;
					slots[a[pc]] = at;
					pc++;
				} else if (kind === RESET) {
					for (let slot = a[pc]; slot < b[pc]; slot++) {
						stack[top] = RESTORE;
						stack[top + 1] = slot;
						stack[top + 2] = slots[slot];
						top += 3;
						slots[slot] = -1;
					}
					pc++;
				} else if (kind === ASSERT) {
					if (!assertionHolds(a[pc], text, at, this.unicodeIgnoreCase)) break;
					pc++;
				} else if (kind === FAIL) {
					break;
				} else {
					const base = index * this.program.slotCount;
					for (let slot = 0; slot < slots.length; slot++) listSlots[base + slot] = slots[slot];
					break;
				}
			}
		}
	}
}

/**
 * The consuming instructions (and MATCH) reachable from the start without consuming, taking every
 * assertion as holding: a superset of where a match's first character can be read.
 */
function firstInstructions(program: Program): Int32Array {
	const { op, a, b } = program;
	const seen = new Set<number>();
	const found: number[] = [];
	const pending = [0];
	while (pending.length > 0) {
		const pc = pending.pop() as number;
		if (seen.has(pc)) continue;
		seen.add(pc);
		const kind = op[pc];
		if (kind === JUMP) pending.push(a[pc]);
		else if (kind === SPLIT) pending.push(a[pc], b[pc]);
		else if (kind === SAVE || kind === RESET || kind === ASSERT) pending.push(pc + 1);
		else if (kind !== FAIL) found.push(pc);
	}
	return Int32Array.from(found);
}
