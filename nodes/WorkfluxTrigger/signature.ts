import { createHmac, timingSafeEqual } from 'crypto';

/**
 * Standard Webhooks (v1, symmetric) verification for WorkFlux deliveries.
 *
 * Pure: no n8n imports, no clock, no I/O. The caller passes the current time, so the same
 * function serves the trigger, the tests and the benchmark.
 *
 * Signed content is `${webhook-id}.${webhook-timestamp}.${rawBody}`, HMAC-SHA256 with the
 * base64-decoded secret (the part after `whsec_`), base64-encoded, sent as `v1,<sig>`.
 * The header may carry several space-separated signatures (secret rotation); any `v1` match wins.
 */

export const SECRET_PREFIX = 'whsec_';
export const DEFAULT_TOLERANCE_SECONDS = 5 * 60;

const HEADER_ID = 'webhook-id';
const HEADER_TIMESTAMP = 'webhook-timestamp';
const HEADER_SIGNATURE = 'webhook-signature';

// Unix seconds, digits only. parseInt would accept '123abc', which the sender never signs.
const TIMESTAMP_PATTERN = /^[0-9]{1,12}$/;
const BASE64_PATTERN = /^[A-Za-z0-9+/]+={0,2}$/;

export type HeaderValue = string | string[] | undefined;
export type HeaderBag = Record<string, HeaderValue>;

export type VerificationFailureReason =
	| 'missing_secret'
	| 'invalid_secret'
	| 'missing_body'
	| 'empty_body'
	| 'missing_webhook_id'
	| 'missing_webhook_timestamp'
	| 'missing_webhook_signature'
	| 'invalid_webhook_timestamp'
	| 'timestamp_too_old'
	| 'timestamp_too_new'
	| 'no_v1_signature'
	| 'signature_mismatch';

export interface VerifyStandardWebhookInput {
	/** `whsec_<base64>`, as the trigger derives it for its subscription (see secret.ts). */
	secret: string | undefined;
	/** Request headers; names are matched case-insensitively. */
	headers: HeaderBag;
	/** The exact bytes received. Never a re-serialised body. */
	rawBody: Buffer | string | undefined;
	/** Current time in milliseconds since the epoch. */
	now: number;
	/** Allowed clock difference in both directions, in seconds. */
	toleranceSeconds?: number;
}

export type VerifyStandardWebhookResult =
	| { ok: true; webhookId: string; timestamp: number }
	| { ok: false; reason: VerificationFailureReason };

/** Why a delivery was refused, in words a workflow builder can act on. */
export const VERIFICATION_FAILURE_MESSAGES: Record<VerificationFailureReason, string> = {
	missing_secret:
		'No signing secret is stored for this trigger. Deactivate and activate the workflow again to create a new subscription.',
	invalid_secret:
		'The stored signing secret is not valid. Deactivate and activate the workflow again to create a new subscription.',
	missing_body: 'The request has no raw body to check the signature against.',
	empty_body: 'The request body is empty. WorkFlux always sends an event.',
	missing_webhook_id: 'The webhook-id header is missing.',
	missing_webhook_timestamp: 'The webhook-timestamp header is missing.',
	missing_webhook_signature: 'The webhook-signature header is missing.',
	invalid_webhook_timestamp: 'The webhook-timestamp header is not a Unix time in seconds.',
	timestamp_too_old:
		'The delivery is older than the allowed tolerance. Check that the clock of this n8n server is correct.',
	timestamp_too_new:
		'The delivery is dated too far in the future. Check that the clock of this n8n server is correct.',
	no_v1_signature: 'The webhook-signature header has no v1 signature.',
	signature_mismatch:
		"The signature does not match. The request was not sent by WorkFlux for this subscription, its body was changed on the way, or the WorkFlux credential's client secret changed since the workflow was activated (then deactivate and activate it again).",
};

/** Decodes `whsec_<base64>` (the prefix is optional) into key bytes; undefined if unusable. */
export function decodeWebhookSecret(secret: string): Buffer | undefined {
	const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
	if (encoded.length === 0 || encoded.length % 4 !== 0 || !BASE64_PATTERN.test(encoded)) {
		return undefined;
	}
	const key = Buffer.from(encoded, 'base64');
	return key.length > 0 ? key : undefined;
}

function readHeader(headers: HeaderBag, name: string): string | undefined {
	let value: HeaderValue = headers[name];
	if (value === undefined) {
		for (const key of Object.keys(headers)) {
			if (key.toLowerCase() === name) {
				value = headers[key];
				break;
			}
		}
	}
	// A repeated header is ambiguous; Node joins unknown duplicates itself, so an array is unusual.
	if (Array.isArray(value)) return value.length === 1 ? value[0] : undefined;
	return value === undefined || value === '' ? undefined : value;
}

/** HMAC-SHA256 over `id.timestamp.body`, base64. The body is fed as is, never copied or parsed. */
export function computeSignature(
	key: Buffer,
	webhookId: string,
	timestamp: string,
	rawBody: Buffer | string,
): string {
	return createHmac('sha256', key)
		.update(`${webhookId}.${timestamp}.`)
		.update(rawBody)
		.digest('base64');
}

function constantTimeEquals(expected: Buffer, candidate: string): boolean {
	const candidateBytes = Buffer.from(candidate, 'utf8');
	// timingSafeEqual throws on different lengths; a length difference reveals nothing secret.
	if (candidateBytes.length !== expected.length) return false;
	return timingSafeEqual(candidateBytes, expected);
}

export function verifyStandardWebhook(
	input: VerifyStandardWebhookInput,
): VerifyStandardWebhookResult {
	const { secret, headers, rawBody, now } = input;
	const toleranceSeconds = input.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;

	if (secret === undefined || secret === '') return { ok: false, reason: 'missing_secret' };
	const key = decodeWebhookSecret(secret);
	if (key === undefined) return { ok: false, reason: 'invalid_secret' };

	if (rawBody === undefined || rawBody === null) return { ok: false, reason: 'missing_body' };
	if (rawBody.length === 0) return { ok: false, reason: 'empty_body' };

	const webhookId = readHeader(headers, HEADER_ID);
	if (webhookId === undefined) return { ok: false, reason: 'missing_webhook_id' };
	const timestampHeader = readHeader(headers, HEADER_TIMESTAMP);
	if (timestampHeader === undefined) return { ok: false, reason: 'missing_webhook_timestamp' };
	const signatureHeader = readHeader(headers, HEADER_SIGNATURE);
	if (signatureHeader === undefined) return { ok: false, reason: 'missing_webhook_signature' };

	if (!TIMESTAMP_PATTERN.test(timestampHeader)) {
		return { ok: false, reason: 'invalid_webhook_timestamp' };
	}
	const timestamp = Number(timestampHeader);
	const nowSeconds = Math.floor(now / 1000);
	if (nowSeconds - timestamp > toleranceSeconds) return { ok: false, reason: 'timestamp_too_old' };
	if (timestamp - nowSeconds > toleranceSeconds) return { ok: false, reason: 'timestamp_too_new' };

	const candidates: string[] = [];
	for (const entry of signatureHeader.split(' ')) {
		const comma = entry.indexOf(',');
		if (comma > 0 && entry.slice(0, comma) === 'v1') candidates.push(entry.slice(comma + 1));
	}
	if (candidates.length === 0) return { ok: false, reason: 'no_v1_signature' };

	const expected = Buffer.from(computeSignature(key, webhookId, timestampHeader, rawBody), 'utf8');
	let matched = false;
	// Check every candidate, so the time taken does not depend on which one matched.
	for (const candidate of candidates) {
		if (constantTimeEquals(expected, candidate)) matched = true;
	}
	if (!matched) return { ok: false, reason: 'signature_mismatch' };

	return { ok: true, webhookId, timestamp };
}
