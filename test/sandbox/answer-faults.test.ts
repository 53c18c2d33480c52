import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { type RunningSandbox, startSandbox } from './server';
import { Api } from './test-helpers';

// The sandbox's answer faults over real HTTP: what a broken deployment sends instead of the API's answer.
describe('answer faults', () => {
	let sandbox: RunningSandbox;
	let api: Api;

	beforeAll(async () => {
		sandbox = await startSandbox({ empty: true });
		api = new Api(sandbox.baseUrl);
		await api.login();
	});
	afterAll(() => sandbox.close());
	beforeEach(() => {
		sandbox.control.reset();
		sandbox.control.clearRequests();
		sandbox.control.seed({ agents: 2 });
	});

	const fault = (answer: string, match: { method?: string; path?: string } | null = null) =>
		fetch(`${sandbox.origin}/_sandbox/config`, {
			method: 'PATCH',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ faults: { answer, match } }),
		});

	/** The body as text: Api.call would choke on the broken JSON these faults send. */
	const rawText = async (path: string) =>
		await (
			await fetch(`${sandbox.baseUrl}${path}`, {
				headers: { authorization: `Bearer ${api.token}` },
			})
		).text();

	it('html_page answers 200 with a login page', async () => {
		await fault('html_page');
		const answer = await api.call('GET', '/agents');
		expect(answer.status).toBe(200);
		expect(answer.headers.get('content-type')).toBe('text/html; charset=utf-8');
		expect(answer.text).toMatch(/^<!DOCTYPE html>/);
	});

	it('truncated_json, empty_body, array_body and list_without_data reshape the real answer', async () => {
		const real = await rawText('/agents');
		await fault('truncated_json');
		const truncated = await rawText('/agents');
		expect(real.startsWith(truncated) && truncated.length < real.length).toBe(true);
		await fault('empty_body');
		expect(await rawText('/agents')).toBe('');
		await fault('array_body');
		expect(JSON.parse(await rawText('/agents'))).toEqual([JSON.parse(real)]);
		await fault('list_without_data');
		const withoutData = JSON.parse(await rawText('/agents'));
		expect(withoutData.data).toBeUndefined();
		expect(withoutData.items).toEqual(JSON.parse(real).data);
	});

	it('leaves errors and unmatched requests alone', async () => {
		await fault('html_page', { path: '/v1/agents' });
		expect((await api.call('GET', '/agents/agt_nope')).status).toBe(404);
		expect((await api.call('GET', '/workflows')).headers.get('content-type')).toMatch(/json/);
	});

	it('endless_cursor gives a fresh cursor on every page, whatever cursor was sent', async () => {
		await fault('endless_cursor', { method: 'GET', path: '/v1/agents' });
		const first = (await api.call('GET', '/agents')).body;
		const second = (await api.call('GET', `/agents?cursor=${first.next_cursor}`)).body;
		expect(first.has_more && second.has_more).toBe(true);
		expect(second.next_cursor).not.toBe(first.next_cursor);
	});

	it('redirect answers the configured status and Location, after checking the token', async () => {
		sandbox.control.configure({
			faults: { answer: 'redirect', redirectTo: 'http://127.0.0.1:9/files/x', redirectStatus: 307 },
		});
		const answer = await fetch(`${sandbox.baseUrl}/agents`, {
			headers: { authorization: `Bearer ${api.token}` },
			redirect: 'manual',
		});
		expect(answer.status).toBe(307);
		expect(answer.headers.get('location')).toBe('http://127.0.0.1:9/files/x');
		expect((await fetch(`${sandbox.baseUrl}/agents`, { redirect: 'manual' })).status).toBe(401);
	});

	it('hang never answers, and logs the request when it arrives', async () => {
		await fault('hang');
		const outcome = await fetch(`${sandbox.baseUrl}/agents`, {
			headers: { authorization: `Bearer ${api.token}` },
			signal: AbortSignal.timeout(300),
		}).then(
			() => 'answered',
			(error: Error) => error.name,
		);
		expect(outcome).toBe('TimeoutError');
		expect(sandbox.control.requests().map((r) => [r.path, r.status, r.fault])).toEqual([
			['/v1/agents', 0, 'hang'],
		]);
	});

	it('PATCH /_sandbox/config refuses an unknown answer fault', async () => {
		expect((await fault('teapot')).status).toBe(422);
	});
});
