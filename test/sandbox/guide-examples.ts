/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test code reads the guide from disk */
// Reads every request example out of WorkFlux's integration guide (the text as published, code blocks fenced with
// ```), so a test can send each one verbatim to the sandbox. Three notations occur in the guide:
//   - curl commands (bash blocks): -X, -H, -d and the URL;
//   - raw HTTP (bash blocks): "POST /webhooks", header lines, a JSON body, then "# Response:" and the JSON answer;
//   - Python requests calls: requests.post(f'{BASE_URL}/auth/token', json={...}), then `assert` lines on the answer.
// The reader is strict on purpose: a line in a bash block it does not understand, a Python assertion it cannot
// read, or a request-looking line that no example took fails loudly, so no example is skipped silently.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** The guide sits in shared/ beside the repository: /work/shared next to /work/wt-*, and beside the clone in CI. */
const GUIDE_RELATIVE_TO_REPO = '../shared/seed/000_6c115fd43b4f61df.txt';
const REPO_ROOT = resolve(__dirname, '..', '..');
export const GUIDE_PATH = resolve(REPO_ROOT, GUIDE_RELATIVE_TO_REPO);

export function readGuide(path = GUIDE_PATH): string {
	if (!existsSync(path)) {
		throw new Error(
			`The WorkFlux integration guide was not found at ${path}. The guide-examples test needs the "shared" folder next to the repository (it holds seed/000_6c115fd43b4f61df.txt); check out or copy it there.`,
		);
	}
	return readFileSync(path, 'utf8');
}

/** What the guide shows about the answer. Anything not shown is not checked beyond "2xx". */
export interface GuideExpectation {
	/** `assert response.status_code == 200`. */
	status?: number;
	/** `assert 'data' in response.json()`. */
	jsonKeys: string[];
	/** The JSON under "# Response:". Its keys and value types are checked, not its sample values. */
	shape?: unknown;
	/** A comment right after the request, such as "This sends a test event to your endpoint". */
	notes: string[];
}

export interface GuideRequest {
	/** Where it is in the guide, for failure messages: "bash block 1, line 3: curl". */
	source: string;
	method: string;
	/** As written: an absolute URL or a path, placeholders such as {access_token} included. */
	target: string;
	headers: Record<string, string>;
	/** The body text exactly as the example sends it. */
	body?: string;
	expect: GuideExpectation;
}

interface CodeBlock {
	language: string;
	/** Non-empty lines (the published text puts a blank line after every line). */
	lines: string[];
	startLine: number;
}

export function codeBlocks(text: string): CodeBlock[] {
	const blocks: CodeBlock[] = [];
	let open: CodeBlock | undefined;
	text.split(/\r?\n/).forEach((raw, index) => {
		const line = raw.trimEnd();
		const fence = /^```(\w*)$/.exec(line.trim());
		if (fence && !open) open = { language: fence[1], lines: [], startLine: index + 1 };
		else if (fence && open) {
			blocks.push(open);
			open = undefined;
		} else if (open && line.trim() !== '') open.lines.push(line);
	});
	if (open) throw new Error(`The code block starting on line ${open.startLine} is never closed.`);
	return blocks;
}

/** Lines that start a request in any of the three notations; each must become exactly one example. */
const REQUEST_MARKERS = [/^\s*curl\s/, /^\s*(GET|POST|PUT|PATCH|DELETE)\s+\//, /requests\.\w+\(/];

export function countRequestMarkers(blocks: CodeBlock[]): number {
	let count = 0;
	for (const block of blocks) {
		for (const line of block.lines) {
			count += REQUEST_MARKERS.some((marker) => marker.test(line)) ? 1 : 0;
		}
	}
	return count;
}

// ----- bash blocks: curl and raw HTTP -----

/** Splits a shell command line into words, honouring '...' and "..." quoting. */
export function shellWords(command: string): string[] {
	const words: string[] = [];
	let word: string | undefined;
	let quote: string | undefined;
	for (const ch of command) {
		if (quote) {
			if (ch === quote) quote = undefined;
			else word += ch;
		} else if (ch === "'" || ch === '"') {
			quote = ch;
			word ??= '';
		} else if (/\s/.test(ch)) {
			if (word !== undefined) words.push(word);
			word = undefined;
		} else {
			word = (word ?? '') + ch;
		}
	}
	if (quote) throw new Error(`Unclosed ${quote} in: ${command}`);
	if (word !== undefined) words.push(word);
	return words;
}

function unbalancedQuotes(text: string): boolean {
	return (text.match(/'/g) ?? []).length % 2 === 1;
}

function parseCurl(command: string, source: string): GuideRequest {
	const words = shellWords(command);
	let method: string | undefined;
	let target: string | undefined;
	let body: string | undefined;
	const headers: Record<string, string> = {};
	for (let i = 1; i < words.length; i++) {
		const word = words[i];
		if (word === '-X' || word === '--request') method = words[++i];
		else if (word === '-H' || word === '--header') {
			const header = words[++i];
			const colon = header.indexOf(':');
			headers[header.slice(0, colon).trim()] = header.slice(colon + 1).trim();
		} else if (word === '-d' || word === '--data' || word === '--data-raw') body = words[++i];
		else if (!word.startsWith('-') && target === undefined) target = word;
		else throw new Error(`${source}: curl option ${word} is not understood by this reader.`);
	}
	if (!target) throw new Error(`${source}: curl without a URL.`);
	return {
		source,
		method: method ?? (body === undefined ? 'GET' : 'POST'),
		target,
		headers,
		body,
		expect: { jsonKeys: [], notes: [] },
	};
}

/** Collects lines from `start` until they form one JSON value; returns it and the next index. */
function readJson(lines: string[], start: number, source: string): { text: string; next: number } {
	for (let end = start + 1; end <= lines.length; end++) {
		const text = lines.slice(start, end).join('\n');
		try {
			JSON.parse(text);
			return { text, next: end };
		} catch {
			// not complete yet
		}
	}
	throw new Error(`${source}: the JSON starting with "${lines[start]}" never becomes valid JSON.`);
}

const RAW_REQUEST_LINE = /^(GET|POST|PUT|PATCH|DELETE)\s+(\/\S*)$/;
const HEADER_LINE = /^([A-Za-z][A-Za-z0-9-]*):\s*(.*)$/;
const RESPONSE_COMMENT = /^#\s*Response:?\s*$/i;

function parseBashBlock(block: CodeBlock, blockNumber: number): GuideRequest[] {
	const requests: GuideRequest[] = [];
	const { lines } = block;
	let i = 0;
	while (i < lines.length) {
		const line = lines[i].trim();
		const source = `bash block ${blockNumber} (guide line ${block.startLine}), "${line.replace(/\s*\\$/, '')}"`;
		if (line.startsWith('curl ')) {
			let command = line;
			while ((command.endsWith('\\') || unbalancedQuotes(command)) && i + 1 < lines.length) {
				command = command.replace(/\\$/, '') + '\n' + lines[++i].trim();
			}
			requests.push(parseCurl(command.replace(/\\$/, ''), source));
			i++;
		} else if (RAW_REQUEST_LINE.test(line)) {
			const [, method, target] = RAW_REQUEST_LINE.exec(line)!;
			const request: GuideRequest = {
				source,
				method,
				target,
				headers: {},
				expect: { jsonKeys: [], notes: [] },
			};
			i++;
			for (let header = HEADER_LINE.exec(lines[i]?.trim() ?? ''); header; ) {
				request.headers[header[1]] = header[2];
				header = HEADER_LINE.exec(lines[++i]?.trim() ?? '');
			}
			if (/^[{[]/.test(lines[i]?.trim() ?? '')) {
				const json = readJson(lines, i, source);
				request.body = json.text;
				i = json.next;
			}
			if (RESPONSE_COMMENT.test(lines[i]?.trim() ?? '')) {
				const json = readJson(lines, i + 1, source);
				request.expect.shape = JSON.parse(json.text);
				i = json.next;
			}
			while (lines[i]?.trim().startsWith('#'))
				request.expect.notes.push(lines[i++].trim().slice(1).trim());
			requests.push(request);
		} else if (line.startsWith('#')) {
			i++; // a heading comment such as "# 1. Get access token"
		} else {
			throw new Error(`${source}: this line is neither a request, part of one, nor a comment.`);
		}
	}
	return requests;
}

// ----- Python blocks: requests calls -----

type PythonValue =
	| string
	| number
	| boolean
	| null
	| PythonValue[]
	| { [key: string]: PythonValue };

/** A reader for the Python literals the guide uses: dicts, lists, (f-)strings, numbers, names. */
class PythonReader {
	private at = 0;

	constructor(
		private readonly text: string,
		private readonly names: Record<string, string>,
	) {}

	get done(): boolean {
		this.skipSpace();
		return this.at >= this.text.length;
	}

	peek(): string {
		this.skipSpace();
		return this.text[this.at];
	}

	expect(ch: string): void {
		if (this.peek() !== ch) throw new Error(`Expected "${ch}" at ${this.at} in: ${this.text}`);
		this.at++;
	}

	/** `name=` of a keyword argument, or undefined for a positional one. */
	keyword(): string | undefined {
		this.skipSpace();
		const match = /^([A-Za-z_]\w*)\s*=(?!=)/.exec(this.text.slice(this.at));
		if (!match) return undefined;
		this.at += match[0].length;
		return match[1];
	}

	value(): PythonValue {
		const ch = this.peek();
		if (ch === '{') return this.dict();
		if (ch === '[') return this.list();
		const rest = this.text.slice(this.at);
		const string = /^(f?)(['"])((?:\\.|(?!\2).)*)\2/s.exec(rest);
		if (string) {
			this.at += string[0].length;
			const content = string[3].replace(/\\(.)/g, '$1');
			return string[1] ? this.format(content) : content;
		}
		const number = /^-?\d+(\.\d+)?/.exec(rest);
		if (number) {
			this.at += number[0].length;
			return Number(number[0]);
		}
		const name = /^[A-Za-z_]\w*/.exec(rest);
		if (name) {
			this.at += name[0].length;
			const constants: Record<string, PythonValue> = { True: true, False: false, None: null };
			if (name[0] in constants) return constants[name[0]];
			if (name[0] in this.names) return this.names[name[0]];
			return `{${name[0]}}`; // an unknown variable stays a placeholder, like {access_token}
		}
		throw new Error(`Cannot read a Python value at: ${rest.slice(0, 40)}`);
	}

	private format(content: string): string {
		return content.replace(/\{(\w+)\}/g, (whole, name: string) => this.names[name] ?? whole);
	}

	private dict(): PythonValue {
		const result: Record<string, PythonValue> = {};
		this.expect('{');
		while (this.peek() !== '}') {
			const key = this.value();
			this.expect(':');
			result[String(key)] = this.value();
			if (this.peek() === ',') this.at++;
		}
		this.at++;
		return result;
	}

	private list(): PythonValue {
		const result: PythonValue[] = [];
		this.expect('[');
		while (this.peek() !== ']') {
			result.push(this.value());
			if (this.peek() === ',') this.at++;
		}
		this.at++;
		return result;
	}

	private skipSpace(): void {
		while (this.at < this.text.length && /\s/.test(this.text[this.at])) this.at++;
	}
}

/** The text between the "(" at `open` and its matching ")", ignoring brackets inside strings. */
function balancedArguments(text: string, open: number): string {
	let depth = 0;
	let quote: string | undefined;
	for (let i = open; i < text.length; i++) {
		const ch = text[i];
		if (quote) {
			if (ch === '\\') i++;
			else if (ch === quote) quote = undefined;
		} else if (ch === "'" || ch === '"') quote = ch;
		else if ('([{'.includes(ch)) depth++;
		else if (')]}'.includes(ch) && --depth === 0) return text.slice(open + 1, i);
	}
	throw new Error(`Unbalanced call starting: ${text.slice(open, open + 40)}`);
}

const STATUS_ASSERT = /^assert\s+response\.status_code\s*==\s*(\d{3})$/;
const KEY_ASSERT = /^assert\s+(['"])(\w+)\1\s+in\s+response\.json\(\)$/;

function readAssertions(following: string, source: string): GuideExpectation {
	const expectation: GuideExpectation = { jsonKeys: [], notes: [] };
	for (const raw of following.split('\n')) {
		const line = raw.trim();
		if (!line.startsWith('assert')) continue;
		const status = STATUS_ASSERT.exec(line);
		const key = KEY_ASSERT.exec(line);
		if (status) expectation.status = Number(status[1]);
		else if (key) expectation.jsonKeys.push(key[2]);
		else throw new Error(`${source}: the assertion "${line}" is not understood by this reader.`);
	}
	return expectation;
}

function parsePythonBlock(block: CodeBlock, blockNumber: number): GuideRequest[] {
	const text = block.lines.join('\n');
	const names: Record<string, string> = {};
	for (const match of text.matchAll(/^([A-Z_][A-Z0-9_]*)\s*=\s*(['"])(.*)\2\s*$/gm)) {
		names[match[1]] = match[3];
	}
	const calls = [...text.matchAll(/requests\.(\w+)\(/g)];
	return calls.map((call, index) => {
		const source = `python block ${blockNumber} (guide line ${block.startLine}), requests.${call[1]}`;
		const open = call.index + call[0].length - 1;
		const reader = new PythonReader(balancedArguments(text, open), names);
		const request: GuideRequest = {
			source,
			method: call[1].toUpperCase(),
			target: '',
			headers: {},
			expect: { jsonKeys: [], notes: [] },
		};
		while (!reader.done) {
			const keyword = reader.keyword();
			const value = reader.value();
			if (keyword === undefined) request.target = String(value);
			else if (keyword === 'json') {
				request.body = JSON.stringify(value);
				request.headers['Content-Type'] = 'application/json';
			} else if (keyword === 'headers') Object.assign(request.headers, value);
			else throw new Error(`${source}: the argument ${keyword}= is not understood by this reader.`);
			if (!reader.done) reader.expect(',');
		}
		const end = calls[index + 1]?.index ?? text.length;
		request.expect = readAssertions(text.slice(open, end).split(/^def\s/m)[0], source);
		return request;
	});
}

/** Every request example in the guide, in the order they appear. */
export function extractRequestExamples(text: string): GuideRequest[] {
	const blocks = codeBlocks(text);
	const requests = blocks.flatMap((block, index) => {
		if (block.language === 'bash') return parseBashBlock(block, index + 1);
		if (block.language === 'python') return parsePythonBlock(block, index + 1);
		return [];
	});
	const markers = countRequestMarkers(blocks);
	if (markers !== requests.length) {
		throw new Error(
			`The guide has ${markers} request-looking lines but ${requests.length} examples were read: a block in a notation this reader does not know (only bash and python are read) holds a request.`,
		);
	}
	return requests;
}
