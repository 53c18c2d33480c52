import { describe, expect, it } from 'vitest';

import { compileMapping, readMappingConfig } from '../../nodes/WorkfluxMapper/engine';
import { configError, mapWith } from './helpers';

/** The two JSON examples of WorkFlux's integration guide ("Data Mapping & Transformation"), verbatim. */
const GUIDE_FIELD_MAPPING = `{

"source_field": "customer_email",

"target_field": "email",

"transformation": "lowercase",

"required": true,

"validation": {

"type": "email",

"pattern": "^[\\\\w-\\\\.]+@([\\\\w-]+\\\\.)+[\\\\w-]{2,4}$"

}

}`;

const GUIDE_MAPPING_CONFIGURATION = `{

"mappings": [

{

"source": "first_name",

"target": "FirstName",

"transformation": "trim"

},

{

"source": "email",

"target": "Email",

"transformation": "lowercase",

"validation": "email"

},

{

"source": ["first_name", "last_name"],

"target": "FullName",

"transformation": "concat",

"separator": " "

}

]

}`;

describe('the guide’s JSON examples, verbatim', () => {
	it('field mapping: copies customer_email to email in lowercase, required and checked as an email', () => {
		const mapping = compileMapping(GUIDE_FIELD_MAPPING);
		expect(mapping.rules).toEqual([
			{
				position: 1,
				label: 'Rule 1 (customer_email → email)',
				sources: ['customer_email'],
				target: 'email',
				transformations: ['lowercase'],
			},
		]);
		expect(mapping.map({ customer_email: 'Jane.Doe@Example.COM', other: 1 })).toEqual({
			json: { email: 'jane.doe@example.com' },
			issues: [],
		});
		// The guide's own pattern would refuse these; the email check accepts them (see validation tests).
		expect(mapping.map({ customer_email: 'Jane+CRM@Example.Museum' }).json).toEqual({
			email: 'jane+crm@example.museum',
		});
		expect(mapping.map({}).issues[0].message).toBe(
			'Rule 1 (customer_email → email): the field "customer_email" is missing or empty, but this rule is required',
		);
		expect(mapping.map({ customer_email: 'not-an-email' }).issues[0].message).toBe(
			'Rule 1 (customer_email → email): email check: "not-an-email" is not a valid email address: it has no @',
		);
		expect(mapping.warnings).toEqual([
			'Rule 1 (customer_email → email): the pattern given with the email validation is not used. The built-in email check replaces it: it accepts + tags and long domain endings such as .museum, which that pattern rejects. To require a pattern as well, add a separate validation of type "pattern".',
		]);
	});

	it('mapping configuration: trims FirstName, lowercases and checks Email, joins FullName with a space', () => {
		const mapping = compileMapping(GUIDE_MAPPING_CONFIGURATION);
		expect(mapping.warnings).toEqual([]);
		expect(
			mapping.map({
				first_name: ' Ada ',
				last_name: 'Lovelace',
				email: 'ADA@Analytical.Engine.org',
			}),
		).toEqual({
			json: { FirstName: 'Ada', Email: 'ada@analytical.engine.org', FullName: ' Ada  Lovelace' },
			issues: [],
		});
		expect(mapping.map({ first_name: 'Ada', last_name: 'Lovelace', email: 'Ada' })).toEqual({
			json: { FirstName: 'Ada', FullName: 'Ada Lovelace' },
			issues: [
				{
					rule: 2,
					ruleLabel: 'Rule 2 (email → Email)',
					field: 'email',
					target: 'Email',
					reason: 'email check: "ada" is not a valid email address: it has no @',
					message:
						'Rule 2 (email → Email): email check: "ada" is not a valid email address: it has no @',
				},
			],
		});
	});

	it('accepts the same configuration as a parsed object and as a bare list of rules', () => {
		const asObject = JSON.parse(GUIDE_MAPPING_CONFIGURATION) as { mappings: unknown[] };
		const item = { first_name: 'Ada', last_name: 'King', email: 'A@B.CO' };
		expect(compileMapping(asObject).map(item)).toEqual(
			compileMapping(GUIDE_MAPPING_CONFIGURATION).map(item),
		);
		expect(compileMapping(asObject.mappings).map(item)).toEqual(compileMapping(asObject).map(item));
	});
});

describe('configuration errors name the rule and the setting in plain words', () => {
	const one = (rule: Record<string, unknown>) =>
		configError({ mappings: [{ source: 'a', target: 'b', ...rule }] });

	it('suggests the transformation meant by a typo', () => {
		expect(one({ transformation: 'lowercse' })).toBe(
			'Rule 1 (a → b): transformation 1, "type" must be one of lowercase, uppercase, trim, format_date, format_phone, concat, split, lookup, not "lowercse" (did you mean "lowercase"?)',
		);
	});

	it('suggests the setting meant by a typo', () => {
		expect(one({ transformation: 'concat', seperator: ',' })).toBe(
			'Rule 1 (a → b): has the unknown setting "seperator" (did you mean "separator"?)',
		);
	});

	it('says which setting has the wrong type', () => {
		expect(one({ transformation: 'concat', separator: 5 })).toBe(
			'Rule 1 (a → b): "separator" must be text, not a number',
		);
		expect(one({ required: 'yes' })).toBe(
			'Rule 1 (a → b): "required" must be true or false, not text',
		);
		expect(one({ transformation: 'lookup', table: 'gold=VIP' })).toContain(
			'"table" must be an object of key: value pairs',
		);
		expect(configError({ mappings: [{ source: 3, target: 'b' }] })).toBe(
			'Rule 1 (? → b): "source" must be a field name or a list of field names',
		);
	});

	it('says when a setting belongs to no transformation of the rule', () => {
		expect(one({ transformation: 'lowercase', separator: ',' })).toBe(
			'Rule 1 (a → b): "separator" is set, but no transformation of this rule uses it (it is for concat and split)',
		);
		expect(one({ transformation: { type: 'trim', table: {} } })).toBe(
			'Rule 1 (a → b): transformation 1 (trim) has the setting "table", which only lookup uses',
		);
	});

	it('lists every problem of every rule at once', () => {
		const message = configError({
			mappings: [
				{ source: 'a', target: 'b', transformation: 'lowercse' },
				{ target: 'c' },
				{
					source: 'd',
					target: 'b',
					transformation: 'format_date',
					output_timezone: 'Mars/Olympus',
				},
				'email',
			],
		});
		expect(message.split('\n')).toEqual([
			'The mapping configuration has 4 problems:',
			'- Rule 1 (a → b): transformation 1, "type" must be one of lowercase, uppercase, trim, format_date, format_phone, concat, split, lookup, not "lowercse" (did you mean "lowercase"?)',
			'- Rule 2 (? → c): has no source: set "source" (or "source_field") to the field to read',
			'- Rule 3 (d → b): transformation 1 (format_date): output_timezone "Mars/Olympus" is not a time zone: use an IANA name such as Europe/Berlin or America/New_York, or UTC',
			'- Rule 4 must be an object such as {"source": "email", "target": "Email"}, not text',
		]);
	});

	it('points to broken JSON and to empty configurations', () => {
		expect(configError('{"mappings": [{"source": "a" "target": "b"}]}')).toContain(
			'The mapping configuration is not valid JSON',
		);
		expect(configError('  ')).toContain('The mapping configuration is empty');
		expect(configError({ mappings: [] })).toBe(
			'The mapping configuration has no rules: add at least one rule to "mappings"',
		);
		expect(configError(null)).toBe(
			'The mapping configuration must be a JSON object such as {"mappings": [...]}, not null',
		);
	});

	it('refuses both spellings of the same setting', () => {
		expect(configError({ source: 'a', source_field: 'a', target: 'b' })).toBe(
			'Rule 1 (a → b): has both "source" and "source_field": keep one',
		);
	});

	it('refuses two rules writing the same or overlapping targets', () => {
		expect(
			configError({
				mappings: [
					{ source: 'a', target: 'x' },
					{ source: 'b', target: 'x' },
				],
			}),
		).toContain('Rule 2 (b → x): Rule 1 (a → x) already writes "x"');
		expect(
			configError({
				mappings: [
					{ source: 'a', target: 'x' },
					{ source: 'b', target: 'x.y' },
				],
			}),
		).toContain('overlap (one is inside the other)');
	});

	it('refuses prototype names anywhere in a target path', () => {
		for (const target of [
			'__proto__',
			'constructor',
			'prototype',
			'a.__proto__',
			'a.constructor.prototype',
			'x[0].__proto__',
		]) {
			expect(configError({ source: 'a', target })).toMatch(
				/uses the name "(__proto__|constructor|prototype)", which is not allowed/,
			);
		}
		expect(
			configError({ source: 'a', target: 'ok.binding' }, { isSafeKey: (key) => key !== 'binding' }),
		).toContain('uses the name "binding"');
	});
});

describe('rules', () => {
	it('apply their transformations in the order given', () => {
		const splitThenLookup = [
			{
				source: 'v',
				target: 'o',
				transformation: ['split', 'lookup'],
				table: { a: 'A', b: 'B' },
				default: '?',
			},
		];
		expect(mapWith(splitThenLookup, { v: 'a,b' }).json.o).toEqual(['A', 'B']);
		const lookupThenSplit = [
			{
				source: 'v',
				target: 'o',
				transformation: ['lookup', 'split'],
				table: { a: 'x,y' },
				default: '?',
			},
		];
		expect(mapWith(lookupThenSplit, { v: 'a' }).json.o).toEqual(['x', 'y']);
	});

	it('read and write nested fields by dot path without changing the input', () => {
		const input = { customer: { contact: { email: 'A@B.CO' }, id: 7 }, tags: ['x'] };
		const snapshot = JSON.parse(JSON.stringify(input));
		const result = mapWith(
			[
				{
					source: 'customer.contact.email',
					target: 'customer.contact.email',
					transformation: 'lowercase',
				},
				{ source: 'tags[0]', target: 'meta.firstTag', transformation: 'uppercase' },
			],
			input,
			{ keepInputFields: true },
		);
		expect(result.json).toEqual({
			customer: { contact: { email: 'a@b.co' }, id: 7 },
			tags: ['x'],
			meta: { firstTag: 'X' },
		});
		expect(input).toEqual(snapshot);
	});

	it('output only mapped fields unless the input fields are kept', () => {
		const rules = [{ source: 'a', target: 'b', transformation: 'uppercase' }];
		expect(mapWith(rules, { a: 'x', c: 1 }).json).toEqual({ b: 'X' });
		expect(mapWith(rules, { a: 'x', c: 1 }, { keepInputFields: true }).json).toEqual({
			a: 'x',
			b: 'X',
			c: 1,
		});
	});

	it('leave a failed field out, or set it to null, as chosen', () => {
		const rules = [
			{ source: 'e', target: 'E', validation: 'email' },
			{ source: 'n', target: 'N' },
		];
		expect(mapWith(rules, { e: 'x', n: 1 }).json).toEqual({ N: 1 });
		expect(mapWith(rules, { e: 'x', n: 1 }, { onRuleFailure: 'null' }).json).toEqual({
			E: null,
			N: 1,
		});
	});

	it('report a target that cannot be written because the input holds text on the way', () => {
		const rules = [{ source: 'a', target: 'profile.name' }];
		expect(
			mapWith(rules, { a: 'Ada', profile: 'none' }, { keepInputFields: true }).issues[0].message,
		).toBe(
			'Rule 1 (a → profile.name): the target could not be written: "profile" already holds text, so nothing can be placed inside it',
		);
	});

	it('take transformation options from the rule or from the transformation object', () => {
		const config = readMappingConfig({
			source: 'd',
			target: 'D',
			transformation: ['trim', { type: 'format_date', output_format: 'iso_date' }],
			input_timezone: 'Europe/Berlin',
			output_format: 'yyyy',
		});
		expect(config.rules[0].steps).toEqual([
			{ type: 'trim', options: {} },
			{
				type: 'format_date',
				options: { input_timezone: 'Europe/Berlin', output_format: 'iso_date' },
			},
		]);
	});

	it('copy a field unchanged when no transformation is given, and collect several sources into a list', () => {
		expect(mapWith([{ source: 'a', target: 'b' }], { a: { deep: [1] } }).json).toEqual({
			b: { deep: [1] },
		});
		expect(mapWith([{ source: ['a', 'b'], target: 'c' }], { a: 1 }).json).toEqual({ c: [1, null] });
	});
});
