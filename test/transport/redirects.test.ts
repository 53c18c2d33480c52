import { describe, expect, it } from 'vitest';

import {
	apiOriginOf,
	isRedirect,
	MAX_REDIRECTS,
	nextHop,
	type Hop,
} from '../../nodes/shared/transport/redirects';

const apiOrigin = 'https://api.workflux.ai';
const start = (method: string, keepsBody = method !== 'GET'): Hop => ({
	url: 'https://api.workflux.ai/v1/exports/exp_1/download',
	method,
	keepsBody,
	authenticated: true,
});
const follow = (current: Hop, status: number, location: string | undefined, hopsSoFar = 0) =>
	nextHop({ current, status, location, apiOrigin, hopsSoFar });

describe('nextHop', () => {
	it('keeps the credential within the same origin, resolving a relative Location', () =>
		expect(follow(start('GET'), 302, '/v1/files/exp_1.csv')).toEqual({
			follow: true,
			hop: {
				url: 'https://api.workflux.ai/v1/files/exp_1.csv',
				method: 'GET',
				keepsBody: false,
				authenticated: true,
			},
		}));

	it.each([
		'https://storage.example.com/exp_1.csv',
		'http://api.workflux.ai/v1/files/exp_1.csv', // another scheme
		'https://api.workflux.ai:8443/v1/files/exp_1.csv', // another port
		'https://eu.api.workflux.ai/v1/files/exp_1.csv', // a subdomain is another origin too
		'//storage.example.com/exp_1.csv',
	])('drops the credential for %s', (location) => {
		const next = follow(start('GET'), 302, location);
		expect(next.follow && next.hop.authenticated).toBe(false);
	});

	it('never signs a hop again once one left the origin, even back at WorkFlux', () => {
		const away = { ...start('GET'), url: 'https://storage.example.com/x', authenticated: false };
		const next = follow(away, 302, 'https://api.workflux.ai/v1/files/x');
		expect(next.follow && next.hop.authenticated).toBe(false);
	});

	it('turns 303, and 301/302 after a POST, into a GET without body', () => {
		for (const status of [301, 302, 303]) {
			const next = follow(start('POST'), status, '/v1/exports/exp_1');
			expect(next).toMatchObject({ follow: true, hop: { method: 'GET', keepsBody: false } });
		}
	});

	it('keeps method and body for 307/308 within the origin', () =>
		expect(follow(start('PATCH'), 307, '/v1/agents/agt_2')).toMatchObject({
			follow: true,
			hop: { method: 'PATCH', keepsBody: true, authenticated: true },
		}));

	it.each([
		['POST', 307],
		['PATCH', 308],
		['DELETE', 307],
		['PATCH', 302],
	])('refuses to send a %s (after %i) to another origin', (method, status) =>
		expect(follow(start(method), status, 'https://storage.example.com/x')).toEqual({
			follow: false,
			reason: `it redirected a ${method} request to another host (https://storage.example.com)`,
		}),
	);

	it('a POST that a 303 turns into a GET may go to another origin, without credential or body', () =>
		expect(follow(start('POST'), 303, 'https://storage.example.com/result')).toMatchObject({
			follow: true,
			hop: { method: 'GET', keepsBody: false, authenticated: false },
		}));

	it('stops after the hop limit, without a Location, and at addresses that are not http(s)', () => {
		expect(follow(start('GET'), 302, '/v1/x', MAX_REDIRECTS)).toEqual({
			follow: false,
			reason: `it redirected more than ${MAX_REDIRECTS} times`,
		});
		expect(follow(start('GET'), 302, undefined)).toEqual({
			follow: false,
			reason: 'it answered 302 without a Location',
		});
		expect(follow(start('GET'), 302, 'file:///etc/passwd')).toEqual({
			follow: false,
			reason: 'it redirected to a file: address',
		});
		expect(follow(start('GET'), 302, 'http://[::1')).toEqual({
			follow: false,
			reason: 'it redirected to an address that is not a URL',
		});
	});
});

describe('isRedirect and apiOriginOf', () => {
	it('knows the redirect statuses that carry a Location', () => {
		expect([301, 302, 303, 307, 308].every(isRedirect)).toBe(true);
		expect([200, 300, 304, 400, undefined].some(isRedirect)).toBe(false);
	});
	it('reads the origin of a Base URL', () =>
		expect(apiOriginOf('https://api.workflux.ai/v1/')).toBe('https://api.workflux.ai'));
});
