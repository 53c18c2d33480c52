import { describe, expect, it } from 'vitest';

import { PHONE_COUNTRY_CODES } from '../../nodes/WorkfluxMapper/engine';
import {
	PHONE_COUNTRY_NAMES,
	PHONE_COUNTRY_OPTIONS,
} from '../../nodes/WorkfluxMapper/phone-countries';

describe('the country dropdown of phone rules', () => {
	it('lists every country the phone formatter knows, once', () => {
		const listed = PHONE_COUNTRY_NAMES.map(([code]) => code);
		expect([...listed].sort()).toEqual([...PHONE_COUNTRY_CODES].sort());
	});

	it('is in alphabetical order of the English names', () => {
		const names = PHONE_COUNTRY_NAMES.map(([, name]) => name);
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en')));
	});

	it('names each country in English, as Intl names the region', () => {
		const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });
		// ICU data renames a region now and then; the written-out list keeps what users see stable.
		const renamed = PHONE_COUNTRY_NAMES.filter(([code, name]) => regionNames.of(code) !== name);
		expect(renamed).toEqual([]);
		expect(PHONE_COUNTRY_OPTIONS).toContainEqual({ name: 'Germany (DE)', value: 'DE' });
	});
});
