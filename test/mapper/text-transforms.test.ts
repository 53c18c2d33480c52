import { describe, expect, it } from 'vitest';

import { apply, configError, failure, output } from './helpers';

describe('uppercase', () => {
	it('maps ß to SS (full Unicode case mapping, not one character for one)', () => {
		expect(output({ transformation: 'uppercase' }, 'Straße')).toBe('STRASSE');
		expect(output({ transformation: 'uppercase' }, 'ß')).toBe('SS');
	});

	it('writes Turkish dotted and dotless i only with the tr locale', () => {
		expect(output({ transformation: 'uppercase' }, 'istanbul ısparta')).toBe('ISTANBUL ISPARTA');
		expect(
			output({ transformation: { type: 'uppercase', locale: 'tr' } }, 'istanbul ısparta'),
		).toBe('İSTANBUL ISPARTA');
	});

	it('turns numbers and booleans into text and maps lists element by element', () => {
		expect(output({ transformation: 'uppercase' }, 42)).toBe('42');
		expect(output({ transformation: 'uppercase' }, true)).toBe('TRUE');
		expect(output({ transformation: 'uppercase' }, ['a', 'ß', null])).toEqual(['A', 'SS', null]);
	});

	it('refuses an object with a message that says what to do', () => {
		expect(failure({ transformation: 'uppercase' }, { name: 'x' })).toBe(
			'Rule 1 (v → out): uppercase: uppercase needs text, but the value is an object: pick a text field inside it with a dot path (for example customer.name)',
		);
	});

	it('refuses a locale that is not a language tag when the configuration is read', () => {
		expect(
			configError({
				mappings: [
					{
						source: 'a',
						target: 'b',
						transformation: { type: 'uppercase', locale: 'not a locale!' },
					},
				],
			}),
		).toContain('locale "not a locale!" is not a language tag');
	});
});

describe('lowercase', () => {
	it('lowercases Greek capital sigma to final sigma at a word end (ΟΔΟΣ → οδος)', () => {
		// Unicode's Final_Sigma rule: Σ becomes ς (U+03C2) at the end of a word, σ (U+03C3) elsewhere.
		expect(output({ transformation: 'lowercase' }, 'ΟΔΟΣ')).toBe('οδο\u03C2');
		expect(output({ transformation: 'lowercase' }, 'ΟΔΟΣ ΣΟΦΙΑ')).toBe('οδο\u03C2 \u03C3οφια');
	});

	it('keeps the dot of İ without a locale and drops it with tr', () => {
		expect(output({ transformation: 'lowercase' }, 'İSTANBUL')).toBe('i\u0307stanbul');
		expect(output({ transformation: { type: 'lowercase', locale: 'tr' } }, 'İSTANBUL')).toBe(
			'istanbul',
		);
		expect(output({ transformation: { type: 'lowercase', locale: 'tr' } }, 'ISPARTA')).toBe(
			'ısparta',
		);
	});

	it('passes missing and empty values through and writes nothing for a missing field', () => {
		expect(apply({ transformation: 'lowercase' }, undefined)).toEqual({
			out: undefined,
			issues: [],
		});
		expect(output({ transformation: 'lowercase' }, null)).toBeNull();
		expect(output({ transformation: 'lowercase' }, '')).toBe('');
	});
});

describe('trim', () => {
	it('removes no-break spaces (U+00A0, U+202F) and zero-width characters (U+200B, U+FEFF) at both ends', () => {
		expect(output({ transformation: 'trim' }, '\u00A0\u202F Ada \u200B\uFEFF')).toBe('Ada');
		expect(output({ transformation: 'trim' }, '\u200BAda')).toBe('Ada');
		expect(output({ transformation: 'trim' }, '\u3000\u2003Ada\u0085\u2028')).toBe('Ada');
	});

	it('leaves inner white space alone unless collapsing is asked for', () => {
		const messy = ' Ada \u00A0\u202F  Lovelace ';
		expect(output({ transformation: 'trim' }, messy)).toBe('Ada \u00A0\u202F  Lovelace');
		expect(output({ transformation: { type: 'trim', collapse_spaces: true } }, messy)).toBe(
			'Ada Lovelace',
		);
	});

	it('removes a zero-width space inside a word when collapsing but keeps emoji joiners', () => {
		const options = { transformation: { type: 'trim', collapse_spaces: true } };
		expect(output(options, 'Jo\u200Bhn')).toBe('John');
		expect(output(options, '\u200D👩\u200D💻\u200D')).toBe('👩\u200D💻');
		expect(output(options, 'a\u200B \u200Bb')).toBe('a b');
	});

	it('turns text made only of white space into empty text', () => {
		expect(output({ transformation: 'trim' }, '\u00A0 \u200B\t\n')).toBe('');
	});

	it('stays linear on hostile input (a regular expression trim would take seconds)', () => {
		const hostile = `a${' '.repeat(300_000)}\u00A0a${'\u200B'.repeat(300_000)}`;
		const started = performance.now();
		expect(output({ transformation: { type: 'trim', collapse_spaces: true } }, hostile)).toBe(
			'a a',
		);
		expect(performance.now() - started).toBeLessThan(1000);
	});
});
