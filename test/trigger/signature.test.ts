/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- public Standard Webhooks test vectors, not real secrets */
import fc from 'fast-check';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';

import { verifyStandardWebhook, type HeaderBag } from '../../nodes/WorkfluxTrigger/signature';

// Signing is done by the official Standard Webhooks library; only verification is ours.
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const OTHER_SECRET = 'whsec_' + Buffer.alloc(32, 7).toString('base64');
const NOW = Date.UTC(2026, 10, 27, 12, 0, 0);
const MSG_ID = 'evt_2KWPBgLlAfxdpx2AI54pPJ85f4W';
const BODY = JSON.stringify({
	id: MSG_ID,
	type: 'conversation.started',
	created_at: '2026-11-27T12:00:00.000Z',
	data: { id: 'conv_1', agent_id: 'agt_1', subject: 'Café ☕ refund' },
});

function signedHeaders(options: {
	secret?: string;
	id?: string;
	at?: number;
	body?: string | Buffer;
}): Record<string, string> {
	const at = options.at ?? NOW;
	const id = options.id ?? MSG_ID;
	const wh = new Webhook(options.secret ?? SECRET);
	return {
		'webhook-id': id,
		'webhook-timestamp': String(Math.floor(at / 1000)),
		'webhook-signature': wh.sign(id, new Date(at), options.body ?? BODY),
	};
}

function verify(headers: HeaderBag, rawBody: Buffer | string | undefined, extra = {}) {
	return verifyStandardWebhook({ secret: SECRET, headers, rawBody, now: NOW, ...extra });
}

describe('verifyStandardWebhook against the standardwebhooks reference signer', () => {
	it('accepts what the reference library signs, as a Buffer', () => {
		const result = verify(signedHeaders({}), Buffer.from(BODY, 'utf8'));
		expect(result).toEqual({ ok: true, webhookId: MSG_ID, timestamp: Math.floor(NOW / 1000) });
	});

	it('accepts the same delivery with the raw body as a string', () => {
		expect(verify(signedHeaders({}), BODY).ok).toBe(true);
	});

	it('matches the published Standard Webhooks / Svix test vector', () => {
		const headers = {
			'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek',
			'webhook-timestamp': '1614265330',
			'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
		};
		const result = verifyStandardWebhook({
			secret: SECRET,
			headers,
			rawBody: '{"test": 2432232314}',
			now: 1614265330 * 1000,
		});
		expect(result.ok).toBe(true);
	});

	it('reads header names case-insensitively', () => {
		const headers = signedHeaders({});
		const mixedCase = {
			'Webhook-Id': headers['webhook-id'],
			'WEBHOOK-TIMESTAMP': headers['webhook-timestamp'],
			'Webhook-Signature': headers['webhook-signature'],
		};
		expect(verify(mixedCase, BODY).ok).toBe(true);
	});

	it('rejects a body with one byte changed', () => {
		const tampered = Buffer.from(BODY, 'utf8');
		tampered[10] = tampered[10] ^ 0x01;
		expect(verify(signedHeaders({}), tampered)).toEqual({
			ok: false,
			reason: 'signature_mismatch',
		});
	});

	it('rejects the same JSON re-serialised with other whitespace', () => {
		const reserialised = JSON.stringify(JSON.parse(BODY), null, 2);
		expect(JSON.parse(reserialised)).toEqual(JSON.parse(BODY));
		expect(verify(signedHeaders({}), reserialised)).toEqual({
			ok: false,
			reason: 'signature_mismatch',
		});
	});

	it('accepts exactly 300 s old and 300 s ahead, rejects 301 s either way', () => {
		expect(verify(signedHeaders({ at: NOW - 300_000 }), BODY).ok).toBe(true);
		expect(verify(signedHeaders({ at: NOW + 300_000 }), BODY).ok).toBe(true);
		expect(verify(signedHeaders({ at: NOW - 301_000 }), BODY)).toEqual({
			ok: false,
			reason: 'timestamp_too_old',
		});
		expect(verify(signedHeaders({ at: NOW + 301_000 }), BODY)).toEqual({
			ok: false,
			reason: 'timestamp_too_new',
		});
	});

	it('honours a custom tolerance', () => {
		const headers = signedHeaders({ at: NOW - 90_000 });
		expect(verify(headers, BODY, { toleranceSeconds: 60 })).toEqual({
			ok: false,
			reason: 'timestamp_too_old',
		});
		expect(verify(headers, BODY, { toleranceSeconds: 120 }).ok).toBe(true);
	});

	it('rejects a delivery signed with another secret', () => {
		expect(verify(signedHeaders({ secret: OTHER_SECRET }), BODY)).toEqual({
			ok: false,
			reason: 'signature_mismatch',
		});
	});

	it.each([
		['webhook-id', 'missing_webhook_id'],
		['webhook-timestamp', 'missing_webhook_timestamp'],
		['webhook-signature', 'missing_webhook_signature'],
	])('rejects a delivery without the %s header', (header, reason) => {
		const headers: HeaderBag = signedHeaders({});
		delete headers[header];
		expect(verify(headers, BODY)).toEqual({ ok: false, reason });
		// An empty value is as good as missing.
		expect(verify({ ...signedHeaders({}), [header]: '' }, BODY)).toEqual({ ok: false, reason });
	});

	it('rejects a signature with an unknown version prefix', () => {
		const headers = signedHeaders({});
		headers['webhook-signature'] = headers['webhook-signature'].replace(/^v1,/, 'v2,');
		expect(verify(headers, BODY)).toEqual({ ok: false, reason: 'no_v1_signature' });
	});

	it('ignores asymmetric v1a entries and still needs a valid v1', () => {
		const headers = signedHeaders({});
		const valid = headers['webhook-signature'];
		headers['webhook-signature'] = `v1a,${valid.slice(3)}`;
		expect(verify(headers, BODY)).toEqual({ ok: false, reason: 'no_v1_signature' });
		headers['webhook-signature'] = `v1a,${valid.slice(3)} ${valid}`;
		expect(verify(headers, BODY).ok).toBe(true);
	});

	it('rejects an empty body, even when the reference library would accept it', () => {
		const realNow = Date.now();
		const headers = signedHeaders({ body: '', at: realNow });
		expect(() => new Webhook(SECRET).verify('', headers)).not.toThrow();
		expect(verifyStandardWebhook({ secret: SECRET, headers, rawBody: '', now: realNow })).toEqual({
			ok: false,
			reason: 'empty_body',
		});
		expect(
			verifyStandardWebhook({ secret: SECRET, headers, rawBody: Buffer.alloc(0), now: realNow }),
		).toEqual({ ok: false, reason: 'empty_body' });
	});

	it('rejects a request without a raw body instead of re-serialising anything', () => {
		expect(verify(signedHeaders({}), undefined)).toEqual({ ok: false, reason: 'missing_body' });
	});

	it('accepts two signatures where only the second is valid (secret rotation)', () => {
		const current = signedHeaders({})['webhook-signature'];
		const old = signedHeaders({ secret: OTHER_SECRET })['webhook-signature'];
		const headers = { ...signedHeaders({}), 'webhook-signature': `${old} ${current}` };
		expect(verify(headers, BODY).ok).toBe(true);
		const bothWrong = { ...headers, 'webhook-signature': `${old} ${old}` };
		expect(verify(bothWrong, BODY)).toEqual({ ok: false, reason: 'signature_mismatch' });
	});

	it('rejects a timestamp that is not plain Unix seconds', () => {
		for (const bad of ['1764244800abc', '-1', '1.5', '0x10', ' 1764244800']) {
			const headers = { ...signedHeaders({}), 'webhook-timestamp': bad };
			expect(verify(headers, BODY)).toEqual({ ok: false, reason: 'invalid_webhook_timestamp' });
		}
	});

	it('rejects when the timestamp header differs from the signed one', () => {
		const headers = signedHeaders({});
		headers['webhook-timestamp'] = String(Number(headers['webhook-timestamp']) + 1);
		expect(verify(headers, BODY)).toEqual({ ok: false, reason: 'signature_mismatch' });
	});

	it('rejects when the id header differs from the signed one', () => {
		const headers = { ...signedHeaders({}), 'webhook-id': 'evt_other' };
		expect(verify(headers, BODY)).toEqual({ ok: false, reason: 'signature_mismatch' });
	});

	it('fails closed without a usable secret', () => {
		const headers = signedHeaders({});
		expect(verifyStandardWebhook({ secret: undefined, headers, rawBody: BODY, now: NOW })).toEqual({
			ok: false,
			reason: 'missing_secret',
		});
		expect(verifyStandardWebhook({ secret: 'whsec_', headers, rawBody: BODY, now: NOW })).toEqual({
			ok: false,
			reason: 'invalid_secret',
		});
		expect(
			verifyStandardWebhook({ secret: 'whsec_not base64!', headers, rawBody: BODY, now: NOW }),
		).toEqual({ ok: false, reason: 'invalid_secret' });
	});

	it('property: whatever the reference library signs is accepted, any flipped byte is not', () => {
		fc.assert(
			fc.property(
				fc.uint8Array({ minLength: 24, maxLength: 64 }),
				fc.string({ minLength: 1, maxLength: 40 }).filter((id) => !/[\s.]/.test(id)),
				fc.uint8Array({ minLength: 1, maxLength: 2048 }),
				fc.nat(),
				(keyBytes, id, bodyBytes, flipAt) => {
					const secret = 'whsec_' + Buffer.from(keyBytes).toString('base64');
					// The reference signer treats Buffers as UTF-8 text, so sign valid UTF-8.
					const body = Buffer.from(Buffer.from(bodyBytes).toString('utf8'), 'utf8');
					const headers = signedHeaders({ secret, id, body });
					const ok = verifyStandardWebhook({ secret, headers, rawBody: body, now: NOW });
					expect(ok.ok).toBe(true);
					const flipped = Buffer.from(body);
					flipped[flipAt % flipped.length] ^= 0x80;
					const bad = verifyStandardWebhook({ secret, headers, rawBody: flipped, now: NOW });
					expect(bad).toEqual({ ok: false, reason: 'signature_mismatch' });
				},
			),
			{ numRuns: 300 },
		);
	});
});
