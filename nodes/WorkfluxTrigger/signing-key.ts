import { NodeOperationError, type IHookFunctions, type IWebhookFunctions } from 'n8n-workflow';

import {
	deriveWebhookSecret,
	newSecretSalt,
	secretFingerprint,
	type SubscriptionIdentity,
} from './secret';
import type { StoredSigningKey, TriggerStaticData } from './subscription';

/**
 * The n8n side of the derived signing secrets (secret.ts): reading the client secret from the
 * credential, in the activation hooks and in the webhook alike.
 */

type TriggerContext = IHookFunctions | IWebhookFunctions;

export interface SigningKey extends StoredSigningKey {
	/** The secret WorkFlux signs with. Sent to WorkFlux, never stored in n8n. */
	secret: string;
}

/** Why the stored key needs replacing; undefined when it matches the credential. */
export type StaleKeyReason = 'plain_secret_stored' | 'client_secret_changed' | 'no_key_stored';

const STALE_KEY_WORDS: Record<StaleKeyReason, string> = {
	plain_secret_stored: 'an older version stored the secret in plain text',
	client_secret_changed: "the credential's client secret changed",
	no_key_stored: 'no signing key was stored',
};

export function describeStaleKey(reason: StaleKeyReason): string {
	return STALE_KEY_WORDS[reason];
}

async function clientSecretOf(context: TriggerContext): Promise<string> {
	const credentials = await context.getCredentials<{ clientSecret?: unknown }>('workfluxOAuth2Api');
	const clientSecret = credentials.clientSecret;
	if (typeof clientSecret !== 'string' || clientSecret === '') {
		throw new NodeOperationError(
			context.getNode(),
			'The WorkFlux credential has no client secret',
			{
				description:
					'Open the WorkFlux credential, enter the client secret from WorkFlux, save it, and activate the workflow again.',
			},
		);
	}
	return clientSecret;
}

function identityOf(context: TriggerContext, salt: string): SubscriptionIdentity {
	return { workflowId: context.getWorkflow().id ?? '', nodeId: context.getNode().id, salt };
}

async function secretFor(context: TriggerContext, salt: string): Promise<string> {
	return deriveWebhookSecret(await clientSecretOf(context), identityOf(context, salt));
}

/** A fresh key for a new subscription or a re-key: new salt, secret derived from the credential. */
export async function newSigningKey(this: IHookFunctions): Promise<SigningKey> {
	const salt = newSecretSalt();
	const secret = await secretFor(this, salt);
	return { salt, secret, fingerprint: secretFingerprint(secret) };
}

/** Whether the stored key still gives the secret WorkFlux signs with. */
export async function staleSigningKey(
	this: IHookFunctions,
	data: TriggerStaticData,
): Promise<StaleKeyReason | undefined> {
	if (data.webhookSecret !== undefined) return 'plain_secret_stored';
	if (!data.secretSalt || !data.secretFingerprint) return 'no_key_stored';
	const secret = await secretFor(this, data.secretSalt);
	return secretFingerprint(secret) === data.secretFingerprint ? undefined : 'client_secret_changed';
}

/**
 * Secrets already derived in this process for deliveries, by subscription (workflow, node, salt).
 * Verifying a delivery then costs no credential read, so a flood of forged requests stays cheap.
 * A re-key changes the salt, so a cached secret never outlives the key it belongs to.
 */
const deliverySecrets = new Map<string, string>();
const DELIVERY_SECRET_CACHE_LIMIT = 1000;

function rememberDeliverySecret(cacheKey: string, secret: string): void {
	deliverySecrets.set(cacheKey, secret);
	if (deliverySecrets.size > DELIVERY_SECRET_CACHE_LIMIT) {
		deliverySecrets.delete(deliverySecrets.keys().next().value as string);
	}
}

/**
 * The secret a delivery must be signed with, derived again from the credential; undefined when
 * nothing is stored. A plain secret left by an older version still verifies until the next
 * activation replaces it, so upgrading never drops deliveries.
 */
export async function resolveSigningSecret(
	this: IWebhookFunctions,
	data: TriggerStaticData,
): Promise<string | undefined> {
	if (!data.secretSalt) return data.webhookSecret;
	const cacheKey = JSON.stringify(identityOf(this, data.secretSalt));
	const cached = deliverySecrets.get(cacheKey);
	if (cached !== undefined) return cached;

	const secret = await secretFor(this, data.secretSalt);
	if (secretFingerprint(secret) === data.secretFingerprint) {
		rememberDeliverySecret(cacheKey, secret);
	} else {
		this.logger.warn(
			"WorkFlux Trigger: the credential's client secret changed since this workflow was activated, so deliveries cannot be verified and are refused. Deactivate and activate the workflow to give WorkFlux the new signing secret; WorkFlux then retries the refused deliveries.",
		);
	}
	return secret;
}
