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
 * Milliseconds one call of `work` takes: the median of 5 timed batches, each repeating the call
 * often enough (decided on the shorter value) to last long enough to be measured.
 */
function timeOf(work: () => void, repeats: number): number {
	work();
	const batches: number[] = [];
	for (let batch = 0; batch < 5; batch++) {
		const started = performance.now();
		for (let repeat = 0; repeat < repeats; repeat++) work();
		batches.push((performance.now() - started) / repeats);
	}
	return median(batches);
}

/** How many calls make a batch of about 20 ms. */
function repeatsFor(work: () => void): number {
	const started = performance.now();
	work();
	return Math.max(1, Math.ceil(20 / Math.max(performance.now() - started, 0.01)));
}

function expectLinear(map: (value: string) => void, value: (length: number) => string): void {
	const short = value(10_000);
	const long = value(20_000);
	expect([short.length, long.length]).toEqual([10_000, 20_000]);
	const repeats = repeatsFor(() => map(short));
	const shortMs = timeOf(() => map(short), repeats);
	const longMs = timeOf(() => map(long), repeats);
	expect(longMs).toBeLessThan(Math.max(shortMs, 0.05) * 4);
	expect(longMs).toBeLessThan(250);
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
