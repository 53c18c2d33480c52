/**
 * What the trigger keeps in n8n's node static data about its WorkFlux subscription, and how it
 * decides whether a subscription found at WorkFlux still fits the node. Pure: no n8n imports.
 */

import { sameEventSet } from './events';

/**
 * Node static data. n8n saves it with the workflow for production, and keeps a separate,
 * in-memory copy for "Listen for test event", so each mode owns its own subscription.
 * Everyone who can read the workflow can read this, so it never holds a usable secret.
 */
export interface TriggerStaticData {
	webhookId?: string;
	/** Salt of the derived signing secret (see secret.ts). */
	secretSalt?: string;
	/** Fingerprint of the secret WorkFlux signs with, to notice a rotated client secret. */
	secretFingerprint?: string;
	/**
	 * The plain signing secret, as versions up to 0.1.0 stored it. Still honoured for deliveries
	 * until the next activation replaces it with a derived one (see lifecycle.ts).
	 */
	webhookSecret?: string;
	webhookEvents?: string[];
	webhookUrl?: string;
	/** The delivery ledger as saved (see dedupe.ts); kept across re-subscriptions, since event ids are unique. */
	deliveryLedger?: unknown;
	/** Before the ledger: the last 1000 ids as a list. Taken over into the ledger and then removed. */
	seenDeliveryIds?: unknown;
}

const SUBSCRIPTION_KEYS: Array<keyof TriggerStaticData> = [
	'webhookId',
	'secretSalt',
	'secretFingerprint',
	'webhookSecret',
	'webhookEvents',
	'webhookUrl',
	'seenDeliveryIds',
];

/** A signing key as static data may hold it: enough to derive the secret again, not to sign. */
export interface StoredSigningKey {
	salt: string;
	fingerprint: string;
}

/** Forgets the subscription (deleting keys, so n8n sees the change and saves it). */
export function forgetSubscription(data: TriggerStaticData): void {
	for (const key of SUBSCRIPTION_KEYS) {
		if (key in data) delete data[key];
	}
}

/** Records a new signing key and drops a plain secret an older version left behind. */
export function rememberSigningKey(data: TriggerStaticData, key: StoredSigningKey): void {
	data.secretSalt = key.salt;
	data.secretFingerprint = key.fingerprint;
	if ('webhookSecret' in data) delete data.webhookSecret;
}

export function rememberSubscription(
	data: TriggerStaticData,
	subscription: { id: string; key: StoredSigningKey; events: string[]; url: string },
): void {
	data.webhookId = subscription.id;
	rememberSigningKey(data, subscription.key);
	data.webhookEvents = subscription.events;
	data.webhookUrl = subscription.url;
}

/** A WorkFlux webhook subscription as `GET /webhooks/{id}` returns it. */
export interface RemoteSubscription {
	id?: unknown;
	url?: unknown;
	events?: unknown;
	status?: unknown;
}

export type SubscriptionVerdict =
	| { keep: true }
	| { keep: false; reason: 'url_changed' | 'events_changed' | 'disabled' };

/**
 * Whether a subscription this node created can be kept as it is. Anything else is replaced:
 * a different URL (n8n's address or the webhook path changed), different events (the user
 * changed the selection), or a subscription WorkFlux disabled (for example after a 410).
 */
export function judgeSubscription(
	remote: RemoteSubscription,
	expected: { url: string; events: string[] },
): SubscriptionVerdict {
	if (remote.url !== expected.url) return { keep: false, reason: 'url_changed' };
	const events = Array.isArray(remote.events)
		? remote.events.filter((event): event is string => typeof event === 'string')
		: [];
	if (!sameEventSet(events, expected.events)) return { keep: false, reason: 'events_changed' };
	if (remote.status !== 'active') return { keep: false, reason: 'disabled' };
	return { keep: true };
}
