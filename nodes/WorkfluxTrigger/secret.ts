import { createHmac, randomBytes } from 'crypto';

import { SECRET_PREFIX, decodeWebhookSecret } from './signature';

/**
 * The trigger's signing secrets, derived instead of stored. Pure: no n8n imports.
 *
 * n8n shows a workflow's static data to everyone who can read the workflow (the editor and
 * `GET /api/v1/workflows/{id}`), so a secret kept there lets any reader forge deliveries. The
 * credential's client secret is kept encrypted by n8n and never shown to workflow readers, so each
 * subscription's secret is computed from it:
 *
 *   secret = "whsec_" + base64(HMAC-SHA256(key = client secret, [label, workflow id, node id, salt]))
 *
 * Static data keeps only the random salt and a fingerprint of the secret. Neither signs anything:
 * the fingerprint is an HMAC of a fixed label under the secret, which cannot be turned back into
 * the secret. When the client secret is rotated, the derived secret changes, the fingerprint no
 * longer matches, and the trigger gives the subscription the new secret on its next activation.
 */

const DERIVATION_LABEL = 'workflux-trigger-v1';
const FINGERPRINT_LABEL = 'workflux-trigger-fingerprint-v1';
/** Bytes of randomness in a salt; a fresh one for every new subscription and every re-key. */
export const SALT_BYTES = 16;
/** Bytes of the fingerprint kept (16 bytes tell secrets apart; the rest adds nothing). */
const FINGERPRINT_BYTES = 16;

/** What makes one subscription's secret different from every other one of the same client. */
export interface SubscriptionIdentity {
	workflowId: string;
	nodeId: string;
	salt: string;
}

export function newSecretSalt(): string {
	return randomBytes(SALT_BYTES).toString('base64url');
}

/** The subscription's signing secret: `whsec_` + base64 of 32 bytes, as strong as a random one. */
export function deriveWebhookSecret(clientSecret: string, identity: SubscriptionIdentity): string {
	// JSON keeps the parts apart unambiguously, whatever characters the ids contain.
	const message = JSON.stringify([
		DERIVATION_LABEL,
		identity.workflowId,
		identity.nodeId,
		identity.salt,
	]);
	const key = createHmac('sha256', clientSecret).update(message).digest();
	return `${SECRET_PREFIX}${key.toString('base64')}`;
}

/** A one-way fingerprint of a signing secret: tells whether two secrets are the same, signs nothing. */
export function secretFingerprint(secret: string): string {
	const key = decodeWebhookSecret(secret) ?? Buffer.from(secret, 'utf8');
	return createHmac('sha256', key)
		.update(FINGERPRINT_LABEL)
		.digest()
		.subarray(0, FINGERPRINT_BYTES)
		.toString('base64url');
}
