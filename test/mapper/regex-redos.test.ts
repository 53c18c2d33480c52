/* eslint-disable @n8n/community-nodes/no-restricted-globals -- the test reads its own processor time */
import { describe, expect, it } from 'vitest';

import { compileMapping } from '../../nodes/WorkfluxMapper/engine';

/**
 * Patterns that make a backtracking engine take exponential time (RegExp needs seconds for `^(a+)+$`
 * on 30 characters, minutes on 36), on hostile values of 10,000 and 20,000 characters, as a pattern
 * validation and as a split separator, through the Mapper engine: the time grows linearly with the
 * value (twice the value, at most about twice the time; checked with a generous margin of 4x for a
 * busy machine) and stays far below a second. Precise figures are in `npm run bench`.
 */

const GUIDE_EMAIL_PATTERN = '^[\\w-\\.]+@([\\w-]+\\.)+[\\w-]{2,4}$';

/** `passes`: whether the hostile value passes the validation (as it does with RegExp, given time). */
const HOSTILE: Array<{ pattern: string; passes: boolean; value: (length: number) => string }> = [
	{ pattern: '^(a+)+$', passes: false, value: (length) => `${'a'.repeat(length - 1)}!` },
	{ pattern: '(a|a)*b', passes: false, value: (length) => 'a'.repeat(length) },
	// Matches the empty text at the end of any value, after trying every way to split the words.
	{ pattern: '(\\w+\\s?)*$', passes: true, value: (length) => `${'a'.repeat(length - 1)}!` },
	{
		pattern: '^(([a-z])+.)+[A-Z]([a-z])+$',
		passes: false,
		value: (length) => `${'a'.repeat(length - 1)}!`,
	},
	{
		pattern: GUIDE_EMAIL_PATTERN,
		passes: false,
		value: (length) => `a@${'a-'.repeat((length - 3) / 2)}!`.padEnd(length, 'a'),
	},
];

/** A split separator may not capture (the separator would become a part), so groups become (?: ). */
const nonCapturing = (pattern: string) => pattern.replace(/\((?!\?)/g, '(?:');

function median(values: number[]): number {
	return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}

/**
 * Milliseconds one call takes, averaged over a batch of `repeats` calls: `cpu`, the processor time of
 * this process (what the work costs, whatever else the machine runs), and `wall`, the time that passed.
 */
function batchTime(work: () => void, repeats: number): { cpu: number; wall: number } {
	const cpuStarted = process.cpuUsage();
	const started = performance.now();
	for (let repeat = 0; repeat < repeats; repeat++) work();
	const wall = (performance.now() - started) / repeats;
	const used = process.cpuUsage(cpuStarted);
	return { cpu: (used.user + used.system) / 1000 / repeats, wall };
}

/**
 * Times the short and the long value in alternating batches of about 20 ms and compares the medians
 * of the processor time (other processes on a busy machine do not count in it): twice the length may
 * take at most 4 times as long (linear time gives 2; exponential time would never finish). The time
 * that passed stays far below a second.
 */
function expectLinear(map: (value: string) => void, value: (length: number) => string): void {
	const short = value(10_000);
	const long = value(20_000);
	expect([short.length, long.length]).toEqual([10_000, 20_000]);
	map(short);
	map(long);
	const started = performance.now();
	map(short);
	const repeats = Math.max(1, Math.ceil(20 / Math.max(performance.now() - started, 0.01)));
	const shortRuns: Array<{ cpu: number; wall: number }> = [];
	const longRuns: Array<{ cpu: number; wall: number }> = [];
	for (let pair = 0; pair < 7; pair++) {
		shortRuns.push(batchTime(() => map(short), repeats));
		longRuns.push(batchTime(() => map(long), repeats));
	}
	const shortCpu = median(shortRuns.map((run) => run.cpu));
	const longCpu = median(longRuns.map((run) => run.cpu));
	expect(longCpu).toBeLessThan(Math.max(shortCpu, 0.05) * 4);
	expect(median(longRuns.map((run) => run.wall))).toBeLessThan(250);
}

describe('no user pattern can stall n8n', () => {
	for (const { pattern, passes, value } of HOSTILE) {
		it(`pattern validation ${pattern}: linear in the value's length`, () => {
			const mapping = compileMapping({
				mappings: [{ source: 'v', target: 'out', validation: { type: 'pattern', pattern } }],
			});
			const map = (text: string) => {
				const result = mapping.map({ v: text });
				expect(result.issues.map((issue) => issue.message.slice(-100))).toEqual(
					passes ? [] : [expect.stringContaining(`not matching the pattern ${pattern}`)],
				);
			};
			expectLinear(map, value);
		});

		it(`split separator ${nonCapturing(pattern)}: linear in the value's length`, () => {
			const separator = nonCapturing(pattern);
			const mapping = compileMapping({
				mappings: [{ source: 'v', target: 'out', transformation: 'split', separator, regex: true }],
			});
			const map = (text: string) => {
				const result = mapping.map({ v: text });
				expect(result.issues).toEqual([]);
				expect((result.json.out as string[]).join('').length).toBeGreaterThan(0);
			};
			expectLinear(map, value);
		});
	}

	it('stops a split whose separator would read a long value over and over, with a clear item error', () => {
		// Each search for `a\w*c|a` reads to the end of the text before settling for the one-letter
		// separator: split would be quadratic. Short values still split like JavaScript.
		const separator = 'a\\w*c|a';
		const mapping = compileMapping({
			mappings: [
				{
					source: 'v',
					target: 'out',
					transformation: 'split',
					separator,
					regex: true,
					drop_empty: false,
				},
			],
		});
		const short = 'ab'.repeat(150);
		expect(mapping.map({ v: short }).json.out).toEqual(short.split(new RegExp(separator, 'u')));
		const started = performance.now();
		const result = mapping.map({ v: 'a'.repeat(20_000) });
		expect(performance.now() - started).toBeLessThan(1000);
		expect(result.issues.map((issue) => issue.message)).toEqual([
			'Rule 1 (v → out): split: the separator pattern "a\\\\w*c|a" needs too long on this value of 20,000 characters, so it was stopped. Use a simpler separator: one without alternatives (a|b) whose first choice reads past the separator',
		]);
	});

	it('matches what RegExp matches on ordinary values of these patterns', () => {
		const values = ['aaa', 'aab', 'hello world', 'abc.Def', 'jo.doe@example.com', '-@-.--'];
		for (const { pattern } of HOSTILE) {
			const mapping = compileMapping({
				mappings: [{ source: 'v', target: 'out', validation: { type: 'pattern', pattern } }],
			});
			const flags = (() => {
				try {
					new RegExp(pattern, 'u');
					return 'u';
				} catch {
					return '';
				}
			})();
			for (const text of values) {
				const passes = mapping.map({ v: text }).issues.length === 0;
				expect({ pattern, text, passes }).toEqual({
					pattern,
					text,
					passes: new RegExp(pattern, flags).test(text),
				});
			}
		}
	});
});
