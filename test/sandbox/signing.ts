// Standard Webhooks 1.0 signing with node:crypto: HMAC-SHA256 over "<id>.<timestamp>.<body>", sent as "v1,<base64>".
// The HMAC key depends on the secret's form (see WebhookSecret in openapi.yaml):
// - "whsec_<base64>": the base64-decoded bytes after the prefix (Standard Webhooks), 24 to 64 bytes;
// - any other secret (for example "your_webhook_secret", as the integration guide writes it): its UTF-8 bytes.
import { createHmac, randomBytes } from 'node:crypto';

export const SECRET_PREFIX = 'whsec_';
export const MIN_SECRET_BYTES = 24;
export const MAX_SECRET_BYTES = 64;
/** Length bounds, in characters, for a secret without the `whsec_` prefix. */
export const MIN_PLAIN_SECRET_LENGTH = 16;
export const MAX_PLAIN_SECRET_LENGTH = 256;

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

export function generateSecret(): string {
	return SECRET_PREFIX + randomBytes(32).toString('base64');
}

/** The HMAC key of a secret, or null when a `whsec_` secret is not valid base64. */
export function secretKey(secret: string): Buffer | null {
	if (!secret.startsWith(SECRET_PREFIX)) return Buffer.from(secret, 'utf8');
	const encoded = secret.slice(SECRET_PREFIX.length);
	if (!BASE64.test(encoded) || encoded.length % 4 !== 0) return null;
	return Buffer.from(encoded, 'base64');
}

/** Why a secret is refused, in the words of the 422 answer; null when it is fine. */
export function secretProblem(secret: string): string | null {
	if (secret.startsWith(SECRET_PREFIX)) {
		const key = secretKey(secret);
		if (key !== null && key.length >= MIN_SECRET_BYTES && key.length <= MAX_SECRET_BYTES)
			return null;
		return `A secret that starts with "whsec_" must continue with the base64 of ${MIN_SECRET_BYTES} to ${MAX_SECRET_BYTES} random bytes.`;
	}
	const length = Array.from(secret).length;
	if (length < MIN_PLAIN_SECRET_LENGTH || length > MAX_PLAIN_SECRET_LENGTH) {
		return `\`secret\` must be ${MIN_PLAIN_SECRET_LENGTH} to ${MAX_PLAIN_SECRET_LENGTH} characters long (or "whsec_" followed by the base64 of ${MIN_SECRET_BYTES} to ${MAX_SECRET_BYTES} random bytes).`;
	}
	if (CONTROL_CHARACTER.test(secret)) return '`secret` must not contain control characters.';
	return null;
}

export function isValidSecret(secret: string): boolean {
	return secretProblem(secret) === null;
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
