import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';

import {
	compileMapping,
	MappingConfigError,
	PHONE_OUTPUT_FORMATS,
	TRANSFORMATION_NAMES,
	VALIDATION_TYPES,
	type CompiledMapping,
} from '../../nodes/WorkfluxMapper/engine';

/**
 * Property-based checks of the engine: whatever the rules and the items, compiling either works or
 * raises a MappingConfigError with a message, mapping never throws, and nothing reaches a prototype.
 */

const PROTOTYPE_SNAPSHOTS = [
	Object.prototype,
	Array.prototype,
	Function.prototype,
	String.prototype,
].map((prototype) => ({ prototype, names: Object.getOwnPropertyNames(prototype).sort() }));

function expectPrototypesUntouched() {
	expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	expect(([] as unknown as Record<string, unknown>).polluted).toBeUndefined();
	for (const { prototype, names } of PROTOTYPE_SNAPSHOTS) {
		expect(Object.getOwnPropertyNames(prototype).sort()).toEqual(names);
	}
}

afterEach(expectPrototypesUntouched);

const hostileNames = [
	'__proto__',
	'constructor',
	'prototype',
	'polluted',
	'toString',
	'valueOf',
	'hasOwnProperty',
];
const fieldName = fc.oneof(
	fc.constantFrom('a', 'b', 'email', 'name', 'phone', 'date', 'country', 'tags', ...hostileNames),
	fc.string({ maxLength: 6 }),
);
const fieldPath = fc.oneof(
	{ weight: 4, arbitrary: fieldName },
	{
		weight: 2,
		arbitrary: fc.array(fieldName, { minLength: 2, maxLength: 3 }).map((parts) => parts.join('.')),
	},
	{
		weight: 1,
		arbitrary: fc.constantFrom(
			'__proto__.polluted',
			'constructor.prototype.polluted',
			'a.__proto__.polluted',
			'tags[0]',
			'a..b',
			'',
			' ',
			'a.',
		),
	},
);

const anyJson = fc.jsonValue({ maxDepth: 2 });
const optionValues: Record<string, fc.Arbitrary<unknown>> = {
	locale: fc.constantFrom('tr', 'de-DE', 'en', 'ar-EG', 'x-private', 'not a locale', ''),
	collapse_spaces: fc.boolean(),
	input_formats: fc.array(
		fc.oneof(
			fc.constantFrom(
				'iso',
				'unix',
				'unix_ms',
				'sql',
				'dd.MM.yyyy',
				'kkkk-yyyy',
				'MMMM',
				'YYYY',
				"'",
				'z',
			),
			fc.string({ maxLength: 8 }),
		),
		{ maxLength: 3 },
	),
	input_timezone: fc.constantFrom('UTC', 'Europe/Berlin', 'Mars/Base', 'UTC+5:30', ''),
	output_format: fc.oneof(
		fc.constantFrom('iso', 'iso_date', 'unix_ms', 'http', 'dd.MM.yyyy HH:mm', 'DDD', 'Y', "''"),
		fc.string({ maxLength: 8 }),
	),
	output_timezone: fc.constantFrom('UTC', 'America/New_York', 'Asia/Kathmandu', 'nowhere'),
	format: fc.constantFrom(...PHONE_OUTPUT_FORMATS, 'fancy'),
	default_country: fc.constantFrom('DE', 'US', 'gb', 'XX', '', 'ZW'),
	country_field: fc.oneof(fc.constant('country'), fieldPath),
	on_invalid: fc.constantFrom('error', 'keep', 'explode'),
	separator: fc.oneof(
		fc.constantFrom(',', ' ', '', '(', '[;|]', '(x)', '\\s+', '\\p{Zs}'),
		fc.string({ maxLength: 3 }),
	),
	skip_empty: fc.boolean(),
	regex: fc.boolean(),
	trim_parts: fc.boolean(),
	drop_empty: fc.boolean(),
	part: fc.constantFrom('all', 'first', 'last', 'nth', 'middle'),
	index: fc.oneof(fc.integer({ min: -2, max: 5 }), fc.double()),
	table: fc.oneof(
		fc.dictionary(fc.oneof(fieldName, fc.string({ maxLength: 4 })), anyJson, { maxKeys: 5 }),
		fc.array(fc.record({ key: fc.string({ maxLength: 4 }), value: anyJson }), { maxLength: 4 }),
		fc.constant(
			JSON.parse('{"__proto__": {"polluted": "yes"}, "x": {"__proto__": {"polluted": 1}}}'),
		),
		anyJson,
	),
	case_insensitive: fc.boolean(),
	trim: fc.boolean(),
	default: anyJson,
	empty_default: anyJson,
	on_no_match: fc.constantFrom('default', 'keep', 'error', 'ignore'),
};

const stepOptions = fc
	.uniqueArray(fc.constantFrom(...Object.keys(optionValues)), { maxLength: 3 })
	.chain((keys) =>
		fc.tuple(...keys.map((key) => optionValues[key].map((value) => [key, value] as const))),
	)
	.map((entries) => Object.fromEntries(entries));

const transformationName = fc.constantFrom(...TRANSFORMATION_NAMES, 'reverse');
const step = fc.oneof(
	transformationName,
	fc.tuple(transformationName, stepOptions).map(([type, options]) => ({ type, ...options })),
);
const validation = fc.oneof(
	fc.constantFrom(...VALIDATION_TYPES, 'regex', 'postcode'),
	fc.record(
		{
			type: fc.constantFrom(...VALIDATION_TYPES, 'regex'),
			pattern: fc.oneof(
				fc.constantFrom('^a', '([', '^[\\w-\\.]+@', '(a+)+$', '\\p{L}'),
				fc.string({ maxLength: 5 }),
			),
			flags: fc.constantFrom('', 'i', 'g', 'msu'),
			default_country: fc.constantFrom('DE', 'US', 'XX'),
			message: fc.string({ maxLength: 10 }),
		},
		{ requiredKeys: ['type'] },
	),
);

const rule = fc
	.tuple(
		fc.record(
			{
				source: fc.oneof(fieldPath, fc.array(fieldPath, { minLength: 1, maxLength: 3 })),
				source_field: fieldPath,
				target: fieldPath,
				target_field: fieldPath,
				transformation: fc.oneof(step, fc.array(step, { maxLength: 3 })),
				required: fc.oneof(fc.boolean(), fc.constant('yes')),
				validation: fc.oneof(validation, fc.array(validation, { maxLength: 2 })),
				name: fc.string({ maxLength: 6 }),
			},
			{ requiredKeys: [] },
		),
		stepOptions,
	)
	.map(([fields, ruleOptions]) => ({ ...ruleOptions, ...fields }));

const config = fc.oneof(
	{
		weight: 6,
		arbitrary: fc.array(rule, { minLength: 1, maxLength: 4 }).map((mappings) => ({ mappings })),
	},
	{ weight: 2, arbitrary: rule },
	{ weight: 1, arbitrary: fc.array(rule, { maxLength: 3 }) },
	{
		weight: 1,
		arbitrary: fc.array(rule, { maxLength: 3 }).map((mappings) => JSON.stringify({ mappings })),
	},
	{ weight: 1, arbitrary: anyJson },
	{ weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
);

const fieldValue = fc.oneof(
	fc.constantFrom(
		'Ada@Example.COM',
		' 030 12345678 ',
		'+1 (212) 736-5000',
		'2026-03-29',
		'2026-11-01T01:30:00',
		'29.03.2026',
		1774747800,
		1774747800000,
		'DE',
		'gb',
		'a, b,,c',
		'\u00A0\u200B',
		'ΟΔΟΣ',
		'İstanbul',
		'Straße',
		'2026 2026',
		'13 2026',
		'100 2026 03',
	),
	anyJson,
);
const hostileItem = fc.constant(
	JSON.parse(
		'{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}, "a": {"__proto__": {"polluted": 1}}, "toString": "x", "country": {"toString": "DE"}}',
	) as Record<string, unknown>,
);
const item = fc.oneof(
	{ weight: 4, arbitrary: fc.dictionary(fieldName, fieldValue, { maxKeys: 8 }) },
	{
		weight: 1,
		arbitrary: fc
			.tuple(hostileItem, fc.dictionary(fieldName, fieldValue, { maxKeys: 4 }))
			.map(([hostile, extra]) => Object.assign(JSON.parse(JSON.stringify(hostile)), extra)),
	},
	{ weight: 1, arbitrary: hostileItem },
);

/** Rules that are valid by construction, so the mapping paths (not the configuration checks) are exercised. */
const validStep = fc.oneof(
	fc.record(
		{ type: fc.constantFrom('lowercase', 'uppercase'), locale: fc.constantFrom('tr', 'de', 'el') },
		{ requiredKeys: ['type'] },
	),
	fc.record(
		{ type: fc.constant('trim'), collapse_spaces: fc.boolean() },
		{ requiredKeys: ['type'] },
	),
	fc.record(
		{
			type: fc.constant('format_date'),
			input_formats: fc.subarray([
				'iso',
				'unix',
				'dd.MM.yyyy',
				'MM/dd/yyyy HH:mm',
				'sql',
				'd MMMM yyyy',
			]),
			input_timezone: fc.constantFrom('UTC', 'Europe/Berlin', 'America/New_York'),
			output_format: fc.constantFrom(
				'iso',
				'iso_date',
				'dd.MM.yyyy HH:mm ZZ',
				'unix_ms',
				'DDD',
				'http',
			),
			output_timezone: fc.constantFrom('Asia/Kathmandu', 'UTC', 'Europe/Berlin'),
		},
		{ requiredKeys: ['type'] },
	),
	fc.record(
		{
			type: fc.constant('format_phone'),
			format: fc.constantFrom(...PHONE_OUTPUT_FORMATS),
			default_country: fc.constantFrom('DE', 'US', 'GB'),
			country_field: fc.constantFrom('country', 'a.b'),
			on_invalid: fc.constantFrom('error', 'keep'),
		},
		{ requiredKeys: ['type'] },
	),
	fc.record(
		{
			type: fc.constant('concat'),
			separator: fc.constantFrom(' ', ', ', ''),
			skip_empty: fc.boolean(),
		},
		{ requiredKeys: ['type'] },
	),
	fc.oneof(
		fc.record(
			{
				type: fc.constant('split'),
				separator: fc.constantFrom(',', ' ', ';'),
				part: fc.constantFrom('all', 'first', 'last'),
			},
			{ requiredKeys: ['type'] },
		),
		fc.record({
			type: fc.constant('split'),
			separator: fc.constantFrom('\\s*[;|,]\\s*', '\\p{Zs}+'),
			regex: fc.constant(true),
			part: fc.constant('nth'),
			index: fc.integer({ min: 1, max: 3 }),
		}),
	),
	fc.record(
		{
			type: fc.constant('lookup'),
			table: fc.dictionary(fc.constantFrom('a', 'B', 'DE', 'gold', ' x ', 'Straße'), anyJson, {
				minKeys: 1,
			}),
			case_insensitive: fc.constant(false),
			trim: fc.constant(false),
			default: anyJson,
			empty_default: anyJson,
			on_no_match: fc.constantFrom('default', 'keep', 'error'),
		},
		{ requiredKeys: ['type', 'table', 'default', 'on_no_match'] },
	),
);
const validRules = fc
	.array(
		fc.record(
			{
				source: fc.oneof(
					fc.constantFrom('a', 'b', 'country', 'a.b', 'tags[0]'),
					fc.uniqueArray(fc.constantFrom('a', 'b', 'country'), { minLength: 2, maxLength: 3 }),
				),
				transformation: fc.array(validStep, { minLength: 1, maxLength: 3 }),
				required: fc.boolean(),
				validation: fc.array(
					fc.oneof(
						fc.constantFrom(...VALIDATION_TYPES.filter((type) => type !== 'pattern')),
						fc.record({
							type: fc.constant('pattern'),
							pattern: fc.constantFrom('^a', '\\d{3}', '^[\\w-\\.]+@'),
						}),
					),
					{ maxLength: 2 },
				),
			},
			{ requiredKeys: ['source', 'transformation'] },
		),
		{ minLength: 1, maxLength: 4 },
	)
	.map((rules) => ({
		mappings: rules.map((rule, index) => ({
			...rule,
			target: index % 2 ? `out${index}` : `nested.out${index}`,
		})),
	}));
const oddValue = fc.oneof(
	fieldValue,
	fc.constant(JSON.parse('{"toString": "x", "valueOf": 1}')),
	fc.constant(JSON.parse('["a", {"toString": "DE"}, null, ["b"]]')),
	fc.constantFrom('DE', 'us', '', ' ', null),
);
const matchingItem = fc.record(
	{
		a: fc.oneof(oddValue, fc.record({ b: oddValue })),
		b: oddValue,
		country: oddValue,
		tags: fc.array(oddValue, { maxLength: 2 }),
	},
	{ requiredKeys: [] },
);

function compileOrConfigError(
	input: unknown,
	keepInputFields: boolean,
	onRuleFailure: 'omit' | 'null',
) {
	try {
		return compileMapping(input, { keepInputFields, onRuleFailure });
	} catch (error) {
		expect(error).toBeInstanceOf(MappingConfigError);
		const message = (error as MappingConfigError).message;
		expect(typeof message).toBe('string');
		expect(message.length).toBeGreaterThan(10);
		expect(message).not.toMatch(/undefined|\[object Object\]/);
		return undefined;
	}
}

function expectReadableResult(mapping: CompiledMapping, input: Record<string, unknown>) {
	const snapshot = JSON.stringify(input);
	const result = mapping.map(input);
	expect(JSON.stringify(input)).toBe(snapshot);
	expect(Object.getPrototypeOf(result.json)).toBe(Object.prototype);
	for (const issue of result.issues) {
		expect(issue.message).toMatch(/^Rule \d+/);
		expect(issue.message).not.toMatch(/\[object Object\]/);
	}
	expectPrototypesUntouched();
}

describe('engine properties', () => {
	it('any rule set and any item give a result or a readable configuration error, never a crash', () => {
		fc.assert(
			fc.property(
				config,
				fc.array(item, { maxLength: 4 }),
				fc.boolean(),
				fc.constantFrom('omit' as const, 'null' as const),
				(input, items, keep, onFailure) => {
					const mapping = compileOrConfigError(input, keep, onFailure);
					if (!mapping) return;
					for (const entry of items) expectReadableResult(mapping, entry);
				},
			),
			{ numRuns: 1500 },
		);
	});

	it('rules valid by construction compile, and map any item without a crash', () => {
		fc.assert(
			fc.property(
				validRules,
				fc.array(matchingItem, { minLength: 1, maxLength: 4 }),
				fc.boolean(),
				(input, items, keep) => {
					const mapping = compileMapping(input, { keepInputFields: keep });
					for (const entry of items) expectReadableResult(mapping, entry);
				},
			),
			{ numRuns: 1500 },
		);
	});

	it('valid rule sets over hostile items never touch a prototype', () => {
		const safeRule = fc.record({
			source: fc.constantFrom(
				'__proto__',
				'constructor',
				'a',
				'a.__proto__',
				'toString',
				'country',
			),
			target: fc.constantFrom('out', 'deep.out', 'x.y.z'),
			transformation: fc.constantFrom('trim', 'lowercase', 'concat', 'split', 'format_phone'),
		});
		fc.assert(
			fc.property(
				fc.uniqueArray(safeRule, { minLength: 1, maxLength: 3, selector: (r) => r.target }),
				item,
				fc.boolean(),
				(rules, input, keep) => {
					const mapping = compileMapping({ mappings: rules }, { keepInputFields: keep });
					expectReadableResult(mapping, input);
				},
			),
			{ numRuns: 500 },
		);
	});

	it('a target naming a prototype anywhere in its path is always refused, by name', () => {
		const hostileTarget = fc
			.tuple(
				fc.array(fc.constantFrom('a', 'b', 'c'), { maxLength: 2 }),
				fc.constantFrom('__proto__', 'constructor', 'prototype'),
				fc.array(fc.constantFrom('polluted', 'x', '0'), { maxLength: 2 }),
			)
			.map(([before, key, after]) => ({ path: [...before, key, ...after].join('.'), key }));
		fc.assert(
			fc.property(hostileTarget, ({ path, key }) => {
				let message = '';
				try {
					compileMapping({ source: 'a', target: path, transformation: 'trim' });
				} catch (error) {
					message = (error as Error).message;
				}
				expect(message).toContain(`uses the name "${key}", which is not allowed`);
			}),
			{ numRuns: 300 },
		);
	});
});
