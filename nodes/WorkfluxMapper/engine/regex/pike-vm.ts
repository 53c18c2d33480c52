import {
	ANY,
	ANY_BUT_NEWLINE,
	ASSERT,
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
import { SparseSet } from './sparse-set';
import { assertionHolds, codeAt } from './text';

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
		this.current.clear();
		this.scratch.fill(-1);
		this.addThread(this.current, this.currentSlots, 0, text, from);
		for (let at = from; ; ) {
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
				this.scratch.fill(-1);
				this.addThread(this.next, this.nextSlots, 0, text, at);
			}
			this.swap();
		}
		return matched ? Int32Array.from(this.best) : null;
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
