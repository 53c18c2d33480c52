import { describe, expect, it } from 'vitest';

import {
	checkObjectAnswer,
	checkPageAnswer,
	excerptOf,
	explainContractBreach,
} from '../../nodes/shared/transport/contract';

const json = 'application/json; charset=utf-8';
const answer = (
	body: unknown,
	extra: Partial<{ status: number; method: string; contentType: string }> = {},
) => ({
	status: 200,
	method: 'GET',
	contentType: json,
	body,
	...extra,
});

describe('checkObjectAnswer', () => {
	it('accepts a JSON object', () =>
		expect(checkObjectAnswer(answer({ id: 'agt_1' }))).toBeUndefined());
	it('accepts 204, and an empty answer to a DELETE', () => {
		expect(checkObjectAnswer(answer(undefined, { status: 204 }))).toBeUndefined();
		expect(checkObjectAnswer(answer('', { method: 'DELETE' }))).toBeUndefined();
	});
	it.each([
		[undefined, json, 'an empty answer'],
		['', json, 'an empty answer'],
		['  \n', 'text/plain', 'an empty answer'],
		['<!DOCTYPE html><html>', 'text/html', 'a web page instead of JSON'],
		['\n  <html lang="en">', 'application/json', 'a web page instead of JSON'],
		['{"id": "agt_1", "na', json, 'JSON that cannot be read (it may be cut off)'],
		['OK', 'text/plain', 'text that is not JSON'],
		[[{ id: 'agt_1' }], json, 'a JSON list where WorkFlux sends an object'],
		[null, json, 'an empty answer'],
		[42, json, 'JSON that is not an object'],
		[true, json, 'JSON that is not an object'],
	])('refuses %j (%s)', (body, contentType, problem) =>
		expect(checkObjectAnswer(answer(body, { contentType }))).toBe(problem),
	);
	it('refuses an empty answer to anything but DELETE', () =>
		expect(checkObjectAnswer(answer('', { method: 'POST', status: 201 }))).toBe('an empty answer'));
});

describe('checkPageAnswer', () => {
	const page = { data: [{ id: 'a' }], has_more: true, next_cursor: 'c1' };
	it('accepts a page, and a last page with a null cursor', () => {
		expect(checkPageAnswer(answer(page))).toBeUndefined();
		expect(
			checkPageAnswer(answer({ data: [], has_more: false, next_cursor: null })),
		).toBeUndefined();
	});
	it.each([
		[{ items: [], has_more: false }, 'a list answer without its "data" array'],
		[{ data: {}, has_more: false }, 'a list answer without its "data" array'],
		[{ data: [1, 2], has_more: false }, 'a list whose records are not JSON objects'],
		[{ data: [] }, 'a list answer without "has_more"'],
		[
			{ data: [], has_more: true, next_cursor: null },
			'a list answer that says there is more but gives no "next_cursor"',
		],
		[
			{ data: [], has_more: true, next_cursor: '' },
			'a list answer that says there is more but gives no "next_cursor"',
		],
		[[page], 'a JSON list where WorkFlux sends an object'],
	])('refuses %j', (body, problem) => expect(checkPageAnswer(answer(body))).toBe(problem));
	it('an empty answer is no page, even to a DELETE-like method', () =>
		expect(checkPageAnswer(answer('', { method: 'DELETE' }))).toBe('an empty answer'));
});

describe('excerptOf', () => {
	it('shows the first 80 characters on one line', () => {
		const html = `<html>\n\t<head>\u0000<title>Login</title></head>${'x'.repeat(200)}`;
		const excerpt = excerptOf(html);
		expect(excerpt.startsWith('<html> <head> <title>Login</title></head>xx')).toBe(true);
		expect(excerpt).toHaveLength(81);
		expect(excerpt.endsWith('…')).toBe(true);
		expect(excerpt).not.toMatch(/\p{Cc}/u);
	});
	it('shows parsed JSON and bytes as text', () => {
		expect(excerptOf([{ id: 1 }])).toBe('[{"id":1}]');
		expect(excerptOf(new TextEncoder().encode('plain'))).toBe('plain');
	});
});

describe('explainContractBreach', () => {
	it('says what came back and that the Base URL may be wrong', () => {
		const explanation = explainContractBreach({
			problem: 'a web page instead of JSON',
			answer: answer('<html><title>Sign in</title>', { contentType: 'text/html' }),
			endpoint: 'GET /agents',
			baseUrl: 'https://proxy.example.com/v1',
		});
		expect(explanation.message).toBe(
			'WorkFlux sent an answer the node cannot use: a web page instead of JSON',
		);
		expect(explanation.description).toContain(
			'GET /agents answered HTTP 200 with content type text/html: "<html><title>Sign in</title>".',
		);
		expect(explanation.description).toContain(
			'The Base URL in the WorkFlux credential (https://proxy.example.com/v1) may point at a proxy, a login page or the wrong path',
		);
	});
	it('says when there was no body and no content type', () =>
		expect(
			explainContractBreach({
				problem: 'an empty answer',
				answer: answer(undefined, { contentType: '' }),
				endpoint: 'GET /me',
				baseUrl: 'x',
			}).description,
		).toContain('GET /me answered HTTP 200 with no content type: no body.'));
});
