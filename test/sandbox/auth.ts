/* eslint-disable @n8n/community-nodes/require-node-api-error */
// OAuth 2.0 client credentials (RFC 6749 section 4.4) and Bearer tokens (RFC 6750). Tokens are random opaque
// strings; expiry is checked on every request.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

import { OAuthError, unauthorized } from './errors';

export const ALL_SCOPES = [
	'agents:read',
	'agents:write',
	'conversations:read',
	'conversations:write',
	'webhooks:manage',
	'workflows:run',
	'exports:manage',
	'reports:read',
] as const;

export interface SandboxClient {
	clientId: string;
	clientSecret: string;
	/** Shown by GET /v1/me. */
	name: string;
	scopes: string[];
}

export interface AccessToken {
	token: string;
	clientId: string;
	scopes: string[];
	issuedAt: number;
	expiresAt: number;
	revoked: boolean;
}

export interface TokenResponse {
	access_token: string;
	token_type: 'Bearer';
	expires_in: number;
	scope: string;
}

const BASIC_CHALLENGE = { 'WWW-Authenticate': 'Basic realm="WorkFlux"' };

function sameSecret(a: string, b: string): boolean {
	// Hash first so the comparison is constant-time whatever the lengths.
	const digest = (value: string) => createHash('sha256').update(value).digest();
	return timingSafeEqual(digest(a), digest(b));
}

function formDecode(value: string): string {
	return decodeURIComponent(value.replace(/\+/g, ' '));
}

/** `Authorization: Basic base64(urlencode(id):urlencode(secret))`, or null when the header is not Basic. */
export function parseBasic(
	header: string | undefined,
): { clientId: string; clientSecret: string } | null {
	const match = /^Basic\s+(\S+)\s*$/i.exec(header ?? '');
	if (!match) return null;
	const decoded = Buffer.from(match[1], 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	if (colon < 0) {
		throw new OAuthError(
			401,
			'invalid_client',
			'The Basic credentials must be client_id:client_secret in base64.',
			BASIC_CHALLENGE,
		);
	}
	try {
		return {
			clientId: formDecode(decoded.slice(0, colon)),
			clientSecret: formDecode(decoded.slice(colon + 1)),
		};
	} catch {
		throw new OAuthError(
			401,
			'invalid_client',
			'The Basic credentials are not correctly encoded.',
			BASIC_CHALLENGE,
		);
	}
}

function stringField(body: Record<string, unknown>, name: string): string | undefined {
	const value = body[name];
	if (value === undefined) return undefined;
	if (typeof value !== 'string') {
		throw new OAuthError(400, 'invalid_request', `${name} must be a single text value.`);
	}
	return value;
}

export class Auth {
	readonly tokens = new Map<string, AccessToken>();
	readonly clients = new Map<string, SandboxClient>();

	constructor(
		clients: SandboxClient[],
		private readonly ttlSeconds: () => number,
	) {
		for (const client of clients) this.clients.set(client.clientId, client);
	}

	issue(clientId: string, scopes?: string[], now = Date.now()): AccessToken {
		const client = this.clients.get(clientId);
		if (!client) throw new Error(`Unknown sandbox client ${clientId}`);
		const token: AccessToken = {
			token: `wfx_at_${randomBytes(24).toString('base64url')}`,
			clientId,
			scopes: scopes ?? client.scopes.slice(),
			issuedAt: now,
			expiresAt: now + this.ttlSeconds() * 1000,
			revoked: false,
		};
		this.tokens.set(token.token, token);
		return token;
	}

	/** POST /v1/auth/token: credentials in a JSON or form body, or with HTTP Basic. */
	exchange(authorization: string | undefined, rawBody: unknown, now = Date.now()): TokenResponse {
		if (
			rawBody !== undefined &&
			(rawBody === null || typeof rawBody !== 'object' || Array.isArray(rawBody))
		) {
			throw new OAuthError(
				400,
				'invalid_request',
				'Send the token request as a JSON object or a form.',
			);
		}
		const body = (rawBody ?? {}) as Record<string, unknown>;
		const grantType = stringField(body, 'grant_type');
		const bodyId = stringField(body, 'client_id');
		const bodySecret = stringField(body, 'client_secret');
		const scope = stringField(body, 'scope');
		const basic = parseBasic(authorization);

		if (!grantType) {
			throw new OAuthError(
				400,
				'invalid_request',
				'grant_type is missing. Send grant_type=client_credentials.',
			);
		}
		if (basic && bodySecret !== undefined) {
			throw new OAuthError(
				400,
				'invalid_request',
				'Send the client credentials once: either with HTTP Basic or in the body, not both.',
			);
		}
		if (basic && bodyId !== undefined && bodyId !== basic.clientId) {
			throw new OAuthError(
				400,
				'invalid_request',
				'client_id in the body differs from the one in HTTP Basic.',
			);
		}
		const clientId = basic?.clientId ?? bodyId;
		const clientSecret = basic?.clientSecret ?? bodySecret;
		const challenge = basic ? BASIC_CHALLENGE : {};
		if (!clientId || clientSecret === undefined) {
			throw new OAuthError(
				401,
				'invalid_client',
				'Client credentials are missing. Send client_id and client_secret, or use HTTP Basic.',
				challenge,
			);
		}
		const client = this.clients.get(clientId);
		if (!client || !sameSecret(client.clientSecret, clientSecret)) {
			throw new OAuthError(
				401,
				'invalid_client',
				'The client ID or client secret is wrong. Copy both again from your WorkFlux settings.',
				challenge,
			);
		}
		if (grantType !== 'client_credentials') {
			throw new OAuthError(
				400,
				'unsupported_grant_type',
				`grant_type ${grantType} is not supported. Use client_credentials.`,
			);
		}
		let scopes = client.scopes.slice();
		if (scope !== undefined && scope.trim() !== '') {
			const requested = scope.trim().split(/\s+/);
			const unknown = requested.filter((s) => !client.scopes.includes(s));
			if (unknown.length > 0) {
				throw new OAuthError(
					400,
					'invalid_scope',
					`This client cannot get the scope ${unknown.join(' ')}. Leave scope empty to get every scope the client has.`,
				);
			}
			scopes = Array.from(new Set(requested));
		}
		const token = this.issue(client.clientId, scopes, now);
		return {
			access_token: token.token,
			token_type: 'Bearer',
			expires_in: Math.max(0, Math.round((token.expiresAt - now) / 1000)),
			scope: scopes.join(' '),
		};
	}

	/** Checks `Authorization: Bearer <token>` and returns the token, or throws the 401 to answer. */
	authenticate(authorization: string | undefined, now = Date.now()): AccessToken {
		if (!authorization || authorization.trim() === '') {
			throw unauthorized(
				'missing_token',
				'No access token was sent. Add the header Authorization: Bearer <access token>; get a token from POST /v1/auth/token.',
			);
		}
		const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
		if (!match) {
			throw unauthorized(
				'invalid_token',
				'The Authorization header must be "Bearer <access token>".',
			);
		}
		const token = this.tokens.get(match[1]);
		if (!token) {
			throw unauthorized(
				'invalid_token',
				'The access token is not valid. Get a new one from POST /v1/auth/token.',
			);
		}
		if (token.revoked) {
			throw unauthorized(
				'invalid_token',
				'The access token was revoked. Get a new one from POST /v1/auth/token.',
			);
		}
		if (now >= token.expiresAt) {
			throw unauthorized(
				'token_expired',
				'The access token has expired. Get a new one from POST /v1/auth/token.',
			);
		}
		return token;
	}

	revokeAll(): number {
		let count = 0;
		for (const token of this.tokens.values()) {
			if (!token.revoked) count++;
			token.revoked = true;
		}
		return count;
	}

	expireAll(now = Date.now()): number {
		let count = 0;
		for (const token of this.tokens.values()) {
			if (token.expiresAt > now) count++;
			token.expiresAt = Math.min(token.expiresAt, now);
		}
		return count;
	}
}
