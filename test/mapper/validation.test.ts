import { describe, expect, it } from 'vitest';

import { emailProblem } from '../../nodes/WorkfluxMapper/engine';
import { apply, configError, failure, mapWith, output } from './helpers';

/** The WorkFlux guide's sample email pattern, as written in its JSON. */
const GUIDE_EMAIL_PATTERN = '^[\\w-\\.]+@([\\w-]+\\.)+[\\w-]{2,4}$';

describe('email validation', () => {
	const valid = [
		'john.doe@example.com',
		'user+tag@example.com',
		'a@b.museum',
		'a@example.technology',
		'first.last@sub.example.photography',
		"o'brien@example.ie",
		'a@b.co',
		'x@xn--80ak6aa92e.xn--p1ai',
	];
	const invalid = [
		'a..b@example.com',
		'.a@example.com',
		'a.@example.com',
		'a@b_c.com',
		'a@-b.com',
		'-@-.--',
		'a@b.123',
		'a@b.c-d',
		'ü@example.de',
		'a@b.com ',
		' a@b.com',
		'xx<a@b.com>',
		'Name <a@b.com>',
		'user@localhost',
		'a@b.com.',
		'a@[1.2.3.4]',
		'a@b..com',
		'plainaddress',
		`${'a'.repeat(65)}@example.com`,
	];

	it('accepts + tags, long top-level domains and apostrophes', () => {
		for (const address of valid)
			expect([address, emailProblem(address)]).toEqual([address, undefined]);
	});

	it('rejects what mail systems reject', () => {
		for (const address of invalid)
			expect([address, emailProblem(address)]).not.toEqual([address, undefined]);
	});

	it('is better than the guide’s sample pattern, which rejects + tags and .museum and accepts -@-.--', () => {
		const guide = new RegExp(GUIDE_EMAIL_PATTERN);
		expect(guide.test('user+tag@example.com')).toBe(false);
		expect(guide.test('a@b.museum')).toBe(false);
		expect(guide.test('-@-.--')).toBe(true);
		expect(() => new RegExp(GUIDE_EMAIL_PATTERN, 'u')).toThrow(/Invalid/);
	});

	it('explains what is wrong', () => {
		expect(failure({ validation: 'email' }, 'john@')).toBe(
			'Rule 1 (v → out): email check: "john@" is not a valid email address: nothing comes after the @',
		);
		expect(failure({ validation: 'email' }, ' john@example.com')).toContain(
			'it has spaces at the start or end (add the trim transformation before this check)',
		);
	});

	it('passes the guide’s object verbatim: the built-in check applies and the pattern is reported as unused', () => {
		const rules = [
			{ source: 'v', target: 'out', validation: { type: 'email', pattern: GUIDE_EMAIL_PATTERN } },
		];
		expect(mapWith(rules, { v: 'user+tag@example.museum' }).issues).toEqual([]);
		expect(mapWith(rules, { v: '-@-.--' }).issues).toHaveLength(1);
	});
});

describe('pattern validation', () => {
	it('checks a regular expression, with flags', () => {
		const zip = {
			validation: { type: 'pattern', pattern: '^\\d{5}$', message: 'must be a 5-digit ZIP code' },
		};
		expect(output(zip, '10115')).toBe('10115');
		expect(failure(zip, '1011')).toBe(
			'Rule 1 (v → out): pattern check: "1011": must be a 5-digit ZIP code',
		);
		expect(output({ validation: { type: 'pattern', pattern: '^ab$', flags: 'i' } }, 'AB')).toBe(
			'AB',
		);
	});

	it('reads patterns only valid without Unicode mode the way JavaScript does (the guide’s email pattern)', () => {
		const rule = { validation: { type: 'pattern', pattern: GUIDE_EMAIL_PATTERN } };
		expect(output(rule, 'john.doe@example.com')).toBe('john.doe@example.com');
		expect(failure(rule, 'user+tag@example.com')).toContain('not matching the pattern');
	});

	it('uses Unicode mode when the pattern allows it', () => {
		expect(output({ validation: { type: 'regex', pattern: '^\\p{Lu}' } }, 'Ölfeld')).toBe('Ölfeld');
	});

	it('refuses an invalid expression and unsupported flags when the configuration is read', () => {
		expect(
			configError({
				mappings: [{ source: 'a', target: 'b', validation: { type: 'pattern', pattern: '([a-z' } }],
			}),
		).toContain(
			'Rule 1 (a → b): pattern validation: pattern "([a-z" is not a valid regular expression',
		);
		expect(
			configError({
				mappings: [
					{ source: 'a', target: 'b', validation: { type: 'pattern', pattern: 'a', flags: 'g' } },
				],
			}),
		).toContain('flags "g" are not supported');
		expect(
			configError({ mappings: [{ source: 'a', target: 'b', validation: 'pattern' }] }),
		).toContain('a pattern validation needs a pattern');
	});
});

describe('url, number, phone and not_empty validations', () => {
	it('checks web addresses', () => {
		expect(output({ validation: 'url' }, 'https://workflux.ai/docs?x=1')).toBe(
			'https://workflux.ai/docs?x=1',
		);
		expect(output({ validation: 'url' }, 'http://localhost:5678/webhook')).toBe(
			'http://localhost:5678/webhook',
		);
		expect(failure({ validation: 'url' }, 'workflux.ai')).toContain(
			'write it in full, starting with https://',
		);
		expect(failure({ validation: 'url' }, 'ftp://files.example.com')).toContain(
			'must start with http:// or https://',
		);
		expect(failure({ validation: 'url' }, 'https://intranet/page')).toContain(
			'has no domain ending',
		);
		expect(failure({ validation: 'url' }, 'https://exa mple.com')).toContain('contains spaces');
	});

	it('checks numbers given as numbers or as text', () => {
		for (const value of [42, -1.5, '42', '-12.5', '1e3', '.5'])
			expect(output({ validation: 'number' }, value)).toBe(value);
		for (const value of ['12,5', '1 000', 'NaN', 'twelve', '0x1F']) {
			expect(failure({ validation: 'number' }, value)).toContain('is not a number');
		}
	});

	it('checks phone numbers, with a default country for numbers without +', () => {
		expect(output({ validation: 'phone' }, '+49 30 12345678')).toBe('+49 30 12345678');
		expect(output({ validation: { type: 'phone', default_country: 'GB' } }, '020 7946 0018')).toBe(
			'020 7946 0018',
		);
		expect(failure({ validation: 'phone' }, '020 7946 0018')).toContain(
			'no default country is set',
		);
	});

	it('checks that a value is not empty, and skips other checks for empty values', () => {
		expect(failure({ validation: 'not_empty' }, ' \u00A0')).toContain(
			'is empty, but this field must have a value',
		);
		expect(failure({ validation: 'not_empty' }, [])).toContain('must have a value');
		expect(apply({ validation: 'email' }, '')).toEqual({ out: '', issues: [] });
	});

	it('checks each element of a list and says which one failed', () => {
		expect(failure({ transformation: 'split', validation: 'email' }, 'a@b.com, nope')).toBe(
			'Rule 1 (v → out): email check: "nope" is not a valid email address: it has no @ (list element 2)',
		);
	});

	it('runs several validations in order and stops at the first failure', () => {
		const rule = { validation: ['not_empty', { type: 'pattern', pattern: '^a' }, 'email'] };
		expect(failure(rule, 'bob@example.com')).toContain('pattern check');
		expect(output(rule, 'ann@example.com')).toBe('ann@example.com');
	});
});

describe('required', () => {
	it('fails a rule whose source is missing, null, empty or white space', () => {
		const rules = [{ source: 'email', target: 'Email', required: true }];
		for (const item of [{}, { email: null }, { email: '' }, { email: '\u00A0' }]) {
			expect(mapWith(rules, item).issues.map((issue) => issue.message)).toEqual([
				'Rule 1 (email → Email): the field "email" is missing or empty, but this rule is required',
			]);
		}
	});

	it('names each missing source of a multi-source rule', () => {
		const rules = [
			{ source: ['first', 'last'], target: 'name', transformation: 'concat', required: true },
		];
		expect(mapWith(rules, { first: 'Ada' }).issues[0].message).toBe(
			'Rule 1 (first + last → name): the field "last" is missing or empty, but this rule is required',
		);
		expect(mapWith(rules, {}).issues[0].message).toContain(
			'the fields "first" and "last" are missing or empty',
		);
	});
});
