import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';

import {
	deriveWebhookSecret,
	newSecretSalt,
	secretFingerprint,
} from '../../nodes/WorkfluxTrigger/secret';
import { decodeWebhookSecret, verifyStandardWebhook } from '../../nodes/WorkfluxTrigger/signature';

const IDENTITY = { workflowId: 'wf_1', nodeId: 'node-1', salt: 'c2FsdA' };
const BODY = JSON.stringify({ id: 'evt_1', type: 'agent.response', data: {} });

describe('derived signing secrets', () => {
	it('are whsec_ secrets of 32 bytes that the reference library signs with and the trigger verifies', () => {
		const secret = deriveWebhookSecret('client-secret', IDENTITY);
		expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
		expect(decodeWebhookSecret(secret)?.length).toBe(32);
		const now = Date.now();
		const signature = new Webhook(secret).sign('evt_1', new Date(now), BODY);
		const headers = {
			'webhook-id': 'evt_1',
			'webhook-timestamp': String(Math.floor(now / 1000)),
			'webhook-signature': signature,
		};
		expect(verifyStandardWebhook({ secret, headers, rawBody: BODY, now }).ok).toBe(true);
	});

	it('come out the same for the same inputs, and differ when any input differs', () => {
		const secret = deriveWebhookSecret('client-secret', IDENTITY);
		expect(deriveWebhookSecret('client-secret', { ...IDENTITY })).toBe(secret);
		const others = [
			deriveWebhookSecret('client-secret-2', IDENTITY),
			deriveWebhookSecret('client-secret', { ...IDENTITY, workflowId: 'wf_2' }),
			deriveWebhookSecret('client-secret', { ...IDENTITY, nodeId: 'node-2' }),
			deriveWebhookSecret('client-secret', { ...IDENTITY, salt: newSecretSalt() }),
			// Parts are kept apart: moving a character from one part to the next changes the secret.
			deriveWebhookSecret('client-secret', { ...IDENTITY, workflowId: 'wf_1n', nodeId: 'ode-1' }),
		];
		expect(new Set([secret, ...others]).size).toBe(6);
	});

	it('get a fresh random salt each time', () => {
		const salts = new Set(Array.from({ length: 100 }, () => newSecretSalt()));
		expect(salts.size).toBe(100);
		for (const salt of salts) expect(salt).toMatch(/^[A-Za-z0-9_-]{22}$/);
	});
});

describe('secret fingerprints', () => {
	it('tell secrets apart without being the secret or a signature key for it', () => {
		const secret = deriveWebhookSecret('client-secret', IDENTITY);
		const fingerprint = secretFingerprint(secret);
		expect(fingerprint).toMatch(/^[A-Za-z0-9_-]{22}$/);
		expect(secretFingerprint(secret)).toBe(fingerprint);
		expect(secretFingerprint(deriveWebhookSecret('rotated', IDENTITY))).not.toBe(fingerprint);
		expect(secret).not.toContain(fingerprint);
	});
});
