/* eslint-disable no-console */
import { compileUserRegex } from '../nodes/WorkfluxMapper/engine/user-pattern';

/**
 * User patterns (the Mapper's pattern validation) on the linear-time engine, next to V8's RegExp on
 * the same values in the same run: the guide's email pattern and two everyday patterns over 100,000
 * values each, about a third of them not matching. Runs alternate between the two contestants and the
 * median of the per-run ratios is reported, so a busy machine slows both alike. Also shows what a
 * pattern that makes RegExp backtrack exponentially costs on the engine.
 *
 * Run alone: npx tsx -e "import('./bench/patterns.ts').then((m) => m.default.benchPatterns())"
 */

const VALUES = 100_000;
const RUNS = 9;

interface PatternCase {
	name: string;
	pattern: string;
	value: (index: number) => string;
}

const CASES: PatternCase[] = [
	{
		name: "guide's email pattern",
		pattern: '^[\\w-\\.]+@([\\w-]+\\.)+[\\w-]{2,4}$',
		value: (i) =>
			i % 3 === 0 ? `customer ${i}@example.com` : `first.last${i}@mail${i % 97}.example.de`,
	},
	{
		name: 'postal code (US ZIP+4)',
		pattern: '^\\d{5}(?:-\\d{4})?$',
		value: (i) => {
			const zip = String(10_000 + ((i * 7919) % 90_000));
			return i % 3 === 0 ? `${zip}x` : i % 2 ? zip : `${zip}-${String(1000 + (i % 9000))}`;
		},
	},
	{
		name: 'order number',
		pattern: '^ORD-\\d{4}-[A-Z0-9]{6}$',
		value: (i) =>
			`${i % 3 === 0 ? 'ord' : 'ORD'}-${2020 + (i % 7)}-${(i * 104_729).toString(36).toUpperCase().padStart(6, '0').slice(-6)}`,
	},
];

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
}

/** Milliseconds for one pass of `test` over all values; the count of matches keeps the work alive. */
function timePass(
	test: (text: string) => boolean,
	values: string[],
): { ms: number; matches: number } {
	const started = performance.now();
	let matches = 0;
	for (let index = 0; index < values.length; index++) if (test(values[index])) matches++;
	return { ms: performance.now() - started, matches };
}

function benchCase(entry: PatternCase): void {
	const values = Array.from({ length: VALUES }, (_, index) => entry.value(index));
	const engine = compileUserRegex(entry.pattern, undefined, 'pattern');
	const native = new RegExp(entry.pattern, engine.flags);
	const engineTest = (text: string) => engine.test(text);
	const nativeTest = (text: string) => native.test(text);
	timePass(engineTest, values);
	timePass(nativeTest, values);
	const engineMs: number[] = [];
	const nativeMs: number[] = [];
	const ratios: number[] = [];
	let agree = true;
	for (let run = 0; run < RUNS; run++) {
		const mine = timePass(engineTest, values);
		const theirs = timePass(nativeTest, values);
		agree = agree && mine.matches === theirs.matches;
		engineMs.push(mine.ms);
		nativeMs.push(theirs.ms);
		ratios.push(mine.ms / theirs.ms);
	}
	const perValue = (ms: number) => `${((ms * 1e6) / VALUES).toFixed(0)} ns/value`;
	console.log(`  ${entry.name}: /${entry.pattern}/${engine.flags}`);
	console.log(
		`    engine ${perValue(median(engineMs))}, RegExp ${perValue(median(nativeMs))}, ratio ${median(ratios).toFixed(2)}x (median of ${RUNS} alternating runs)${agree ? '' : '  RESULTS DIFFER'}`,
	);
}

/** A pattern RegExp needs minutes for on 36 characters, on the engine with far longer texts. */
function benchHostile(): void {
	const engine = compileUserRegex('^(a+)+$', undefined, 'pattern');
	for (const length of [10_000, 20_000, 40_000]) {
		const text = `${'a'.repeat(length)}!`;
		engine.test(text);
		const times: number[] = [];
		for (let run = 0; run < 5; run++) {
			const started = performance.now();
			engine.test(text);
			engine.exec(text);
			times.push(performance.now() - started);
		}
		console.log(
			`  ^(a+)+$ on ${length.toLocaleString('en-US')} a's and "!": test + exec ${median(times).toFixed(2)} ms (RegExp: exponential, not run)`,
		);
	}
}

export async function benchPatterns(): Promise<void> {
	console.log(
		`User patterns, linear-time engine vs V8 RegExp (${VALUES.toLocaleString('en-US')} values each)`,
	);
	for (const entry of CASES) benchCase(entry);
	benchHostile();
}
