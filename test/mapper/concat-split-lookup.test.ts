import { describe, expect, it } from 'vitest';

import { configError, failure, mapWith, output } from './helpers';

describe('concat', () => {
	const fullName = (options: Record<string, unknown> = {}) => [
		{ source: ['first', 'middle', 'last'], target: 'name', transformation: 'concat', ...options },
	];

	it('joins several sources with the separator and skips empty ones by default', () => {
		expect(mapWith(fullName(), { first: 'Ada', middle: '', last: 'Lovelace' }).json.name).toBe(
			'Ada Lovelace',
		);
		expect(mapWith(fullName(), { first: 'Ada', last: 'Lovelace' }).json.name).toBe('Ada Lovelace');
		expect(
			mapWith(fullName({ separator: ', ' }), { first: 'Ada', middle: 'A.', last: 'King' }).json
				.name,
		).toBe('Ada, A., King');
	});

	it('keeps empty places when skipping is turned off', () => {
		expect(
			mapWith(fullName({ separator: '|', skip_empty: false }), {
				first: 'Ada',
				middle: null,
				last: 'King',
			}).json.name,
		).toBe('Ada||King');
	});

	it('treats white-space-only values as empty, joins numbers and flattens lists', () => {
		expect(mapWith(fullName(), { first: 'Ada', middle: '\u00A0 ', last: 42 }).json.name).toBe(
			'Ada 42',
		);
		expect(output({ transformation: 'concat', separator: '-' }, ['a', ['b', 'c']])).toBe('a-b-c');
	});

	it('gives empty text when every source is empty', () => {
		expect(mapWith(fullName(), {}).json.name).toBe('');
	});

	it('trims each source first when trim comes before concat in the chain', () => {
		const rules = [
			{
				source: ['first', 'last'],
				target: 'name',
				transformation: ['trim', 'concat', 'uppercase'],
			},
		];
		expect(mapWith(rules, { first: ' Ada\u00A0', last: '\u200BLovelace ' }).json.name).toBe(
			'ADA LOVELACE',
		);
	});

	it('refuses to join an object, naming the rule', () => {
		expect(mapWith(fullName(), { first: 'Ada', last: { family: 'King' } }).issues[0].message).toBe(
			'Rule 1 (first + middle + last → name): concat: concat can only join text and numbers, but one value is an object: pick a field inside it with a dot path',
		);
	});
});

describe('split', () => {
	const split = (options: Record<string, unknown>) => ({
		transformation: { type: 'split', ...options },
	});

	it('splits on text, trims the parts and drops empty ones by default', () => {
		expect(output(split({}), ' a , b,,\u00A0c\u200B ')).toEqual(['a', 'b', 'c']);
		expect(output(split({ trim_parts: false, drop_empty: false }), 'a, b,,c')).toEqual([
			'a',
			' b',
			'',
			'c',
		]);
	});

	it('splits on a regular expression', () => {
		expect(
			output(split({ separator: '\\s*[;|/]\\s*', regex: true }), 'red ; green|blue /  white'),
		).toEqual(['red', 'green', 'blue', 'white']);
		expect(output(split({ separator: '\\p{Zs}+', regex: true }), 'a\u00A0b\u3000c')).toEqual([
			'a',
			'b',
			'c',
		]);
	});

	it('returns the first, the last or the nth part, and null for a part that does not exist', () => {
		expect(output(split({ separator: ' ', part: 'first' }), 'Ada King Lovelace')).toBe('Ada');
		expect(output(split({ separator: ' ', part: 'last' }), 'Ada King Lovelace')).toBe('Lovelace');
		expect(output(split({ separator: ' ', part: 'nth', index: 2 }), 'Ada King Lovelace')).toBe(
			'King',
		);
		expect(
			output(split({ separator: ' ', part: 'nth', index: 5 }), 'Ada King Lovelace'),
		).toBeNull();
		expect(output(split({ part: 'last' }), ' , ')).toBeNull();
	});

	it('refuses a capturing group, which would put the separators among the parts', () => {
		expect(
			configError({
				mappings: [
					{ source: 'a', target: 'b', transformation: 'split', separator: '(,|;)', regex: true },
				],
			}),
		).toContain('write (?: ... ) instead');
	});

	it('refuses nth without a position and an empty separator', () => {
		expect(
			configError({
				mappings: [{ source: 'a', target: 'b', transformation: 'split', part: 'nth' }],
			}),
		).toContain('index must be a whole number from 1 (the first part) when part is "nth"');
		expect(
			configError({
				mappings: [{ source: 'a', target: 'b', transformation: 'split', separator: '' }],
			}),
		).toContain('separator is empty');
	});
});

describe('lookup', () => {
	const tiers = { Retail: 'RTL', Wholesale: 'WHS', 'Key Account': 'KAM' };
	const lookup = (options: Record<string, unknown> = {}) => ({
		transformation: { type: 'lookup', table: tiers, ...options },
	});

	it('matches whatever the case and white space, where an exact match would miss', () => {
		for (const input of [
			'Retail',
			'retail',
			'RETAIL',
			'  Retail ',
			'Retail\u00A0',
			'\u200BrEtAiL',
		]) {
			expect(output(lookup(), input)).toBe('RTL');
		}
		expect(output(lookup(), 'key   account')).toBe('KAM');
		expect(output(lookup(), 'KEY\u00A0ACCOUNT')).toBe('KAM');
	});

	it('matches exactly when case and white space are to be respected', () => {
		const strict = lookup({ case_insensitive: false, trim: false, default: 'none' });
		expect(output(strict, 'Retail')).toBe('RTL');
		expect(output(strict, 'retail')).toBe('none');
		expect(output(strict, 'Retail ')).toBe('none');
	});

	it('folds ß and composed accents', () => {
		const table = { Straße: 'street', Café: 'cafe' };
		expect(output({ transformation: { type: 'lookup', table } }, 'STRASSE')).toBe('street');
		expect(output({ transformation: { type: 'lookup', table } }, 'Cafe\u0301')).toBe('cafe');
	});

	it('uses the default for no match and a separate default for empty input', () => {
		const rule = lookup({ default: 'Other', empty_default: 'Unknown' });
		expect(output(rule, 'Partner')).toBe('Other');
		expect(output(rule, '')).toBe('Unknown');
		expect(output(rule, ' \u00A0')).toBe('Unknown');
		expect(output(rule, null)).toBe('Unknown');
		expect(mapWith([{ source: 'v', target: 'out', ...rule }], {}).json.out).toBe('Unknown');
	});

	it('keeps the value or fails when asked to, and fails by default without a default', () => {
		expect(output(lookup({ on_no_match: 'keep' }), 'Partner')).toBe('Partner');
		expect(failure(lookup(), 'Partner')).toBe(
			'Rule 1 (v → out): lookup: "Partner" is not in the lookup table (3 entries, case ignored, spaces trimmed): add it to the table or set a default value',
		);
		expect(output(lookup(), null)).toBeNull();
	});

	it('accepts the table as a list of pairs and looks up numbers and list elements', () => {
		const table = [
			{ key: '1', value: 'Male' },
			{ key: '2', value: 'Female' },
		];
		expect(output({ transformation: { type: 'lookup', table } }, 2)).toBe('Female');
		expect(
			output(
				{
					transformation: [
						'split',
						{
							type: 'lookup',
							table: [
								['a', 1],
								['b', 2],
							],
						},
					],
				},
				'a, B',
			),
		).toEqual([1, 2]);
	});

	it('refuses keys that collide once case and spaces are ignored', () => {
		const message = configError({
			mappings: [
				{
					source: 'a',
					target: 'b',
					transformation: 'lookup',
					table: { Retail: 'R', ' retail': 'X' },
				},
			],
		});
		expect(message).toContain(
			'the lookup table has the keys "Retail" and " retail", which count as the same key',
		);
	});

	it('hands out copies of object values, so changing one result cannot change the next', () => {
		const rules = [
			{ source: 'v', target: 'out', transformation: 'lookup', table: { a: { tags: ['x'] } } },
		];
		const first = mapWith(rules, { v: 'a' }).json.out as { tags: string[] };
		first.tags.push('changed');
		expect(mapWith(rules, { v: 'a' }).json.out).toEqual({ tags: ['x'] });
	});
});
