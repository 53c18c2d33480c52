// Standard Webhooks 1.0 signing with node:crypto: HMAC-SHA256 over "<id>.<timestamp>.<body>", keyed with the
// base64-decoded secret (without "whsec_"), sent as "v1,<base64>".
import { createHmac, randomBytes } from 'node:crypto';

export const SECRET_PREFIX = 'whsec_';
export const MIN_SECRET_BYTES = 24;
export const MAX_SECRET_BYTES = 64;

export function generateSecret(): string {
	return SECRET_PREFIX + randomBytes(32).toString('base64');
}

/** Decoded key bytes of a `whsec_` secret, or null when it is not valid base64. */
export function secretKey(secret: string): Buffer | null {
	const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
	if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded) || encoded.length % 4 !== 0) return null;
	return Buffer.from(encoded, 'base64');
}

export function isValidSecret(secret: string): boolean {
	const key = secret.startsWith(SECRET_PREFIX) ? secretKey(secret) : null;
	return key !== null && key.length >= MIN_SECRET_BYTES && key.length <= MAX_SECRET_BYTES;
}

export function sign(
	secret: string,
	messageId: string,
	timestampSeconds: number,
	body: string,
): string {
	const key = secretKey(secret);
	if (!key) throw new Error('The webhook secret is not valid base64.');
	const digest = createHmac('sha256', key)
		.update(`${messageId}.${timestampSeconds}.${body}`)
		.digest('base64');
	return `v1,${digest}`;
}
