/* eslint-disable @n8n/community-nodes/no-restricted-imports */
import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { buildPhoneDataSource, PHONE_DATA_PATH } from './tools/build-phone-data';

describe('phone-data.ts', () => {
	it('is exactly what the generator builds from the libphonenumber-js metadata in node_modules', async () => {
		// Fails after a libphonenumber-js update or a hand edit: run npx tsx test/mapper/tools/build-phone-data.ts
		expect(readFileSync(PHONE_DATA_PATH, 'utf8')).toBe(await buildPhoneDataSource());
	});
});
