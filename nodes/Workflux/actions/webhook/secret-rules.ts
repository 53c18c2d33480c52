/**
 * What WorkFlux accepts as a webhook signing secret (WebhookSecret in the API contract), checked before
 * the request so the user gets the reason in plain words. Pure: no n8n imports.
 *
 * Two forms:
 * - `whsec_` + the base64 of 24 to 64 random bytes (Standard Webhooks; the key is the decoded bytes);
 * - any other text of 16 to 256 characters without control characters, such as `your_webhook_secret`
 *   from WorkFlux's integration guide (the key is its UTF-8 bytes).
 */

const STANDARD_PREFIX = 'whsec_';
const MIN_KEY_BYTES = 24;
const MAX_KEY_BYTES = 64;
export const MIN_TEXT_SECRET_LENGTH = 16;
export const MAX_TEXT_SECRET_LENGTH = 256;

const BASE64_TEXT = /^[A-Za-z0-9+/]+={0,2}$/;
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

function standardKeyLength(encoded: string): number | undefined {
	if (encoded.length % 4 !== 0 || !BASE64_TEXT.test(encoded)) return undefined;
	return Buffer.from(encoded, 'base64').length;
}

/** Why WorkFlux would refuse `secret`, or undefined when it is acceptable. */
export function webhookSecretProblem(secret: string): string | undefined {
	if (secret.startsWith(STANDARD_PREFIX)) {
		const bytes = standardKeyLength(secret.slice(STANDARD_PREFIX.length));
		if (bytes !== undefined && bytes >= MIN_KEY_BYTES && bytes <= MAX_KEY_BYTES) return undefined;
		return `A secret that starts with "whsec_" must continue with the base64 of ${MIN_KEY_BYTES} to ${MAX_KEY_BYTES} random bytes`;
	}
	const length = Array.from(secret).length;
	if (length < MIN_TEXT_SECRET_LENGTH) {
		return `The secret is ${length} characters long; it needs at least ${MIN_TEXT_SECRET_LENGTH}`;
	}
	if (length > MAX_TEXT_SECRET_LENGTH) {
		return `The secret is ${length} characters long; it can have at most ${MAX_TEXT_SECRET_LENGTH}`;
	}
	if (CONTROL_CHARACTERS.test(secret)) {
		return 'The secret contains a line break, tab or other control character';
	}
	return undefined;
}
