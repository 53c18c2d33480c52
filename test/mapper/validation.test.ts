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
		// Internationalised domains (checked in their punycode form) and local parts (RFC 6531).
		'jo@müller.de',
		'jo@MÜLLER.DE',
		'ÅSA@EXAMPLE.SE',
		'ü@example.de',
		'björn.öberg@företag.se',
		'用户@例子.广告',
		'иван@пример.рф',
		'a@ü.de',
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
		// Malformed, with or without international characters.
		'jo müller@example.de',
		'jo@mül ler.de',
		'jo\u00A0m@example.de',
		'a@b@example.com',
		'jö@bö@example.com',
		'a@example..com',
		'a@müller..de',
		'a@.müller.de',
		'a@müller.de.',
		'.jö@example.com',
		'jö.@example.com',
		'j..ö@example.com',
		`a@${'ü'.repeat(64)}.de`,
		`a@${'x'.repeat(64)}.com`,
		`${'ö'.repeat(33)}@example.com`,
		'a\u0000b@example.com',
		'a@exa\u0007mple.com',
		'a\u200B@example.com',
		'a@exa\u200Bmple.com',
		'a@a\u202Eb.de',
		'a@-müller.de',
		'a@müller-.de',
		'a@müller.de/x',
		'a@müller.de:25',
		'a@müller.xn--zz',
		'a@müller',
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

	it('refuses international characters before the @ when set to ASCII only, and still accepts international domains', () => {
		const asciiOnly = { validation: { type: 'email', ascii_only: true } };
		expect(failure(asciiOnly, 'ÅSA@EXAMPLE.SE')).toBe(
			'Rule 1 (v → out): email check: "ÅSA@EXAMPLE.SE" is not a valid email address: the part before the @ has characters other than English letters, digits and . ! # $ % & \' * + / = ? ^ _ ` { | } ~ - (this check is set to ASCII only)',
		);
		expect(output(asciiOnly, 'jo@müller.de')).toBe('jo@müller.de');
		expect(output(asciiOnly, 'asa@example.se')).toBe('asa@example.se');
		expect(emailProblem('ÅSA@EXAMPLE.SE', { asciiOnly: false })).toBeUndefined();
		expect(
			configError({
				mappings: [{ source: 'a', target: 'b', validation: { type: 'url', ascii_only: true } }],
			}),
		).toContain('the url validation does not take ascii_only (only type "email" does)');
	});

	it('says what is wrong with malformed international addresses', () => {
		expect(emailProblem('jo müller@example.de')).toBe('it contains spaces');
		expect(emailProblem('a\u200B@example.com')).toBe('it contains invisible or control characters');
		expect(emailProblem('jö@bö@example.com')).toBe('it has more than one @');
		expect(emailProblem('a@müller..de')).toBe(
			'the domain "müller..de" starts or ends with a dot, or has two dots in a row',
		);
		expect(emailProblem(`a@${'ü'.repeat(64)}.de`)).toBe(
			`the domain "${'ü'.repeat(64)}.de" has a part longer than 63 characters`,
		);
		expect(emailProblem('a@-müller.de')).toBe(
			'the domain "-müller.de" has a part that starts or ends with a hyphen',
		);
		expect(emailProblem('a@müller.de/x')).toBe(
			'the domain "müller.de/x" has characters a domain cannot have',
		);
		expect(emailProblem(`${'ö'.repeat(33)}@example.com`)).toBe(
			'the part before the @ is longer than 64 characters',
		);
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

	it('refuses back-references and look-arounds when the configuration is read, saying how to do without', () => {
		expect(
			configError({
				mappings: [
					{ source: 'a', target: 'b', validation: { type: 'pattern', pattern: '^(\\w+) \\1$' } },
					{
						source: 'c',
						target: 'd',
						validation: { type: 'pattern', pattern: '^(?=.*\\d).{8,}$' },
					},
					{
						source: 'e',
						target: 'f',
						transformation: 'split',
						separator: ',(?!\\s)',
						regex: true,
					},
				],
			}),
		).toBe(
			[
				'The mapping configuration has 3 problems:',
				'- Rule 1 (a → b): pattern validation: pattern "^(\\\\w+) \\\\1$" uses \\1, which means "the same text as group 1 again" (a back-reference), which the safe pattern engine does not run (it could make checks take minutes). Describe the text the second time as well, for example ([a-z]+)-[a-z]+ instead of ([a-z]+)-\\1',
				'- Rule 2 (c → d): pattern validation: pattern "^(?=.*\\\\d).{8,}$" uses (?= ... ), a look-ahead ("followed by ..."), which the safe pattern engine does not run (it could make checks take minutes). Match the following text as part of the pattern, or add the condition as a second pattern validation on the same rule: a value must pass every validation',
				'- Rule 3 (e → f): transformation 1 (split): separator ",(?!\\\\s)" uses (?! ... ), a negative look-ahead ("not followed by ..."), which the safe pattern engine does not run (it could make checks take minutes). Say which characters may come instead, for example [^x] for "any character but x", or check the rule with separate validations',
			].join('\n'),
		);
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
