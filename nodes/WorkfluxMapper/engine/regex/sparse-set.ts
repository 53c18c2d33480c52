/**
 * A set of instruction numbers that keeps insertion order (the threads' priority) and clears in constant
 * time (Briggs and Torczon's sparse set, as in Russ Cox's articles): no allocation while matching.
 */
export class SparseSet {
	readonly dense: Int32Array;
	private readonly sparse: Int32Array;
	size = 0;

	constructor(capacity: number) {
		this.dense = new Int32Array(capacity);
		this.sparse = new Int32Array(capacity);
	}

	has(value: number): boolean {
		const index = this.sparse[value];
		return index < this.size && this.dense[index] === value;
	}

	/** Adds a value that is not in the set yet; returns its position. */
	add(value: number): number {
		const index = this.size++;
		this.dense[index] = value;
		this.sparse[value] = index;
		return index;
	}

	clear(): void {
		this.size = 0;
	}
}
