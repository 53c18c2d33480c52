import { randomBytes } from 'crypto';

import { SECRET_PREFIX } from './signature';

/** Bytes of randomness in a new signing secret (Standard Webhooks allows 24 to 64). */
export const SECRET_BYTES = 32;

/** A fresh per-subscription signing secret: `whsec_` + base64 of 32 random bytes. */
export function generateWebhookSecret(): string {
	return `${SECRET_PREFIX}${randomBytes(SECRET_BYTES).toString('base64')}`;
}
