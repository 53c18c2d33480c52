/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @typescript-eslint/no-explicit-any -- test code reads JSON answers loosely */
// Shared by the sandbox tests: an HTTP client for the API, a webhook receiver on 127.0.0.1, and schema checks
// against openapi.yaml. Everything goes over real HTTP on loopback.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import { componentSchema, loadOpenApi } from './openapi';
import { compileSchema } from './validation';

export const DEMO = { clientId: 'demo-client', clientSecret: 'demo-secret' };

export interface ApiAnswer<T = any> {
	status: number;
	headers: Headers;
	body: T;
	text: string;
}

export interface CallOptions {
	body?: unknown;
	/** Send `body` as is (a string) instead of JSON. */
	raw?: string;
	headers?: Record<string, string>;
	token?: string | null;
}

/** A minimal WorkFlux API client over fetch. */
export class Api {
	token: string | null = null;

	constructor(readonly baseUrl: string) {}

	async login(clientId = DEMO.clientId, clientSecret = DEMO.clientSecret): Promise<string> {
		const answer = await this.call('POST', '/auth/token', {
			body: { client_id: clientId, client_secret: clientSecret, grant_type: 'client_credentials' },
			token: null,
		});
		if (answer.status !== 200) throw new Error(`Login failed: ${answer.status} ${answer.text}`);
		this.token = answer.body.access_token as string;
		return this.token;
	}

	async call<T = any>(
		method: string,
		path: string,
		options: CallOptions = {},
	): Promise<ApiAnswer<T>> {
		const headers: Record<string, string> = { ...options.headers };
		const token = options.token === undefined ? this.token : options.token;
		if (token) headers.authorization = `Bearer ${token}`;
		let body: string | undefined;
		if (options.raw !== undefined) body = options.raw;
		else if (options.body !== undefined) {
			body = JSON.stringify(options.body);
			headers['content-type'] ??= 'application/json';
		}
		const response = await fetch(this.baseUrl + path, { method, headers, body });
		const text = await response.text();
		let parsed: unknown = text;
		if ((response.headers.get('content-type') ?? '').includes('application/json') && text !== '') {
			parsed = JSON.parse(text);
		}
		return { status: response.status, headers: response.headers, body: parsed as T, text };
	}

	get<T = any>(path: string, options?: CallOptions) {
		return this.call<T>('GET', path, options);
	}

	post<T = any>(path: string, body?: unknown, options: CallOptions = {}) {
		return this.call<T>('POST', path, { ...options, body });
	}

	patch<T = any>(path: string, body?: unknown, options: CallOptions = {}) {
		return this.call<T>('PATCH', path, { ...options, body });
	}

	delete<T = any>(path: string, options?: CallOptions) {
		return this.call<T>('DELETE', path, options);
	}
}

export interface ReceivedRequest {
	at: number;
	headers: http.IncomingHttpHeaders;
	body: string;
}

export interface Receiver {
	url: string;
	requests: ReceivedRequest[];
	close(): Promise<void>;
}

/**
 * A webhook endpoint on 127.0.0.1. `answer(n)` gives the status for the n-th request (0-based); it may return
 * 'hang' to never answer (timeout tests).
 */
export async function startReceiver(
	answer: (n: number) => number | 'hang' = () => 200,
): Promise<Receiver> {
	const requests: ReceivedRequest[] = [];
	const hanging: http.ServerResponse[] = [];
	const server = http.createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			const n = requests.length;
			requests.push({
				at: Date.now(),
				headers: request.headers,
				body: Buffer.concat(chunks).toString('utf8'),
			});
			const status = answer(n);
			if (status === 'hang') {
				hanging.push(response);
				return;
			}
			response.writeHead(status, { 'content-type': 'text/plain' }).end(String(status));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/hook`,
		requests,
		close: () =>
			new Promise<void>((resolve) => {
				for (const response of hanging) response.destroy();
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

export async function waitFor<T>(
	read: () => T | Promise<T>,
	done: (value: T) => boolean,
	timeoutMs = 5000,
	what = 'condition',
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await read();
		if (done(value)) return value;
		if (Date.now() > deadline)
			throw new Error(`Timed out waiting for ${what}: ${JSON.stringify(value)}`);
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

export function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

const doc = loadOpenApi();
const validators = new Map<string, ReturnType<typeof compileSchema>>();

/** Errors (empty when valid) of `value` against a component schema of openapi.yaml. */
export function schemaErrors(schemaName: string, value: unknown): string[] {
	let validate = validators.get(schemaName);
	if (!validate) {
		validate = compileSchema(componentSchema(doc, schemaName));
		validators.set(schemaName, validate);
	}
	// Validate a copy: Ajv's useDefaults would otherwise fill in the caller's object.
	if (validate(structuredClone(value))) return [];
	return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`);
}

/**
 * A small RFC 4180 parser, written independently of the sandbox's CSV writer so tests do not check the writer
 * with itself. Returns the records (the header is the first one).
 */
export function parseCsv(text: string): string[][] {
	const records: string[][] = [];
	let record: string[] = [];
	let field = '';
	let i = 0;
	let quoted = false;
	while (i < text.length) {
		const ch = text[i];
		if (quoted) {
			if (ch === '"' && text[i + 1] === '"') {
				field += '"';
				i += 2;
			} else if (ch === '"') {
				quoted = false;
				i++;
			} else {
				field += ch;
				i++;
			}
		} else if (ch === '"' && field === '') {
			quoted = true;
			i++;
		} else if (ch === ',') {
			record.push(field);
			field = '';
			i++;
		} else if (ch === '\r' && text[i + 1] === '\n') {
			record.push(field);
			records.push(record);
			record = [];
			field = '';
			i += 2;
		} else if (ch === '\n' || ch === '\r') {
			throw new Error(`Bare line break at ${i}: RFC 4180 needs CRLF`);
		} else {
			field += ch;
			i++;
		}
	}
	if (field !== '' || record.length > 0) {
		record.push(field);
		records.push(record);
	}
	return records;
}
