import type { INodePropertyOptions } from 'n8n-workflow';

import { PHONE_COUNTRY_CODES } from './engine';

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

/** The countries the phone formatter knows, by English name, for dropdowns. */
export const PHONE_COUNTRY_OPTIONS: INodePropertyOptions[] = PHONE_COUNTRY_CODES.map((code) => ({
	name: `${regionNames.of(code) ?? code} (${code})`,
	value: code,
})).sort((a, b) => a.name.localeCompare(b.name, 'en'));
