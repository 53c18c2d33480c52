/**
 * How the node follows an HTTP redirect without ever handing the access token to another host. n8n's own
 * redirect following copies `Authorization` to any host by default, so the transport turns it off and asks
 * this module what the next request is. Pure, so every case is tested without HTTP.
 *
 * - Same origin as the WorkFlux Base URL (scheme, host and port): followed with the credential.
 * - Another origin (an export file on a storage host): followed with a plain request that carries no
 *   credential, and every later hop stays plain, even one that leads back to WorkFlux.
 * - Only GET (and HEAD) go to another origin: a change (307/308 keep the method) is never sent there.
 */

export const MAX_REDIRECTS = 5;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export function isRedirect(status: number | undefined): boolean {
	return status !== undefined && REDIRECT_STATUSES.has(status);
}

export interface Hop {
	url: string;
	method: string;
	/** Whether the request body is sent again (307/308 keep method and body). */
	keepsBody: boolean;
	/** Whether n8n signs this hop with the WorkFlux credential. */
	authenticated: boolean;
}

export type NextHop = { follow: true; hop: Hop } | { follow: false; reason: string };

function originOf(url: string): string | undefined {
	try {
		return new URL(url).origin;
	} catch {
		return undefined;
	}
}

/** The request a redirect leads to, or why it is not followed. `apiOrigin` is the Base URL's origin. */
export function nextHop(options: {
	current: Hop;
	status: number;
	location: string | undefined;
	apiOrigin: string;
	hopsSoFar: number;
}): NextHop {
	const { current, status, location } = options;
	if (!location) return { follow: false, reason: `it answered ${status} without a Location` };
	if (options.hopsSoFar >= MAX_REDIRECTS) {
		return { follow: false, reason: `it redirected more than ${MAX_REDIRECTS} times` };
	}
	let target: URL;
	try {
		target = new URL(location, current.url);
	} catch {
		return { follow: false, reason: 'it redirected to an address that is not a URL' };
	}
	if (target.protocol !== 'https:' && target.protocol !== 'http:') {
		return { follow: false, reason: `it redirected to a ${target.protocol} address` };
	}
	const method = current.method.toUpperCase();
	// 303 always, and 301/302 after a POST, turn into a GET without a body (RFC 9110 §15.4, as browsers do).
	const becomesGet = status === 303 || ((status === 301 || status === 302) && method === 'POST');
	const nextMethod = becomesGet ? 'GET' : method;
	const keepsBody = !becomesGet && current.keepsBody;
	const sameOrigin = target.origin === options.apiOrigin;
	if (!sameOrigin && nextMethod !== 'GET' && nextMethod !== 'HEAD') {
		return {
			follow: false,
			reason: `it redirected a ${nextMethod} request to another host (${target.origin})`,
		};
	}
	return {
		follow: true,
		hop: {
			url: target.href,
			method: nextMethod,
			keepsBody,
			authenticated: current.authenticated && sameOrigin,
		},
	};
}

/** The origin (scheme, host and port) of a URL, for comparing hops; the URL itself when it cannot be read. */
export function apiOriginOf(baseUrl: string): string {
	return originOf(baseUrl) ?? baseUrl;
}
