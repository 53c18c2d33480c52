import { createHmac } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ALL_SCOPES } from './auth';
import { extractRequestExamples, GUIDE_PATH, readGuide, type GuideRequest } from './guide-examples';
import { type RunningSandbox, startSandbox } from './server';
import { type Receiver, startReceiver, waitFor } from './test-helpers';

/**
 * Every request example of WorkFlux's integration guide, read from the guide itself at test time, sent verbatim
 * to the sandbox; the answer must be what the guide shows. Only the address changes (the guide's base URL becomes
 * the sandbox's), placeholders ({access_token}, {webhook_id}) are filled in, and requests the guide shows without
 * a token get one (the guide: "All API requests require OAuth 2.0 authentication").
 */

const guide = readGuide();
const examples = extractRequestExamples(guide);
/** "Base URL: `https://api.workflux.ai/v1`" in the guide's prose. */
const guideBaseUrl = /Base URL:\s*`([^`]+)`/.exec(guide)?.[1] ?? 'https://api.workflux.ai/v1';

const isTokenRequest = (example: GuideRequest) => /\/auth\/token$/.test(example.target);

/** The API clients the guide's token examples log in with, so their credentials work as written. */
function guideClients() {
	return examples.filter(isTokenRequest).map((example, index) => {
		const body = JSON.parse(example.body ?? '{}') as Record<string, string>;
		return {
			clientId: body.client_id,
			clientSecret: body.client_secret,
			name: `Guide client ${index + 1}`,
			scopes: [...ALL_SCOPES],
		};
	});
}

type JsonKind = 'string' | 'number' | 'boolean' | 'null' | 'array' | 'object';
const kindOf = (value: unknown): JsonKind =>
	value === null
		? 'null'
		: Array.isArray(value)
			? 'array'
			: (typeof value as 'string' | 'number' | 'boolean' | 'object');

/**
 * Where `actual` does not have the shape of the guide's sample answer: every key the guide shows, with the same
 * JSON type; the guide's array items among the answer's; values the request sent (such as `url`) echoed as sent.
 */
function shapeDifferences(
	sample: unknown,
	actual: unknown,
	sent: unknown,
	path = '$',
): string[] {
	if (kindOf(sample) !== kindOf(actual)) {
		return [`${path} is ${kindOf(actual)}, the guide shows ${kindOf(sample)}`];
	}
	if (Array.isArray(sample) && Array.isArray(actual)) {
		return sample
			.filter(
				(item) => !actual.some((candidate) => JSON.stringify(candidate) === JSON.stringify(item)),
			)
			.map((item) => `${path} lacks ${JSON.stringify(item)}, which the guide shows`);
	}
	if (kindOf(sample) === 'object') {
		const expected = sample as Record<string, unknown>;
		const got = actual as Record<string, unknown>;
		const request = (kindOf(sent) === 'object' ? sent : {}) as Record<string, unknown>;
		return Object.keys(expected).flatMap((key) => {
			if (!(key in got)) return [`${path}.${key} is missing`];
			if (
				typeof expected[key] === 'string' &&
				expected[key] === request[key] &&
				got[key] !== request[key]
			) {
				return [
					`${path}.${key} is ${JSON.stringify(got[key])}, not the ${JSON.stringify(request[key])} sent`,
				];
			}
			return shapeDifferences(expected[key], got[key], request[key], `${path}.${key}`);
		});
	}
	return [];
}

describe('the integration guide, example by example', () => {
	let sandbox: RunningSandbox;
	let endpoint: Receiver;
	/** Filled in as the examples run, the way a reader of the guide would carry them forward. */
	const carried: Record<string, string> = {};
	let webhookSecret: string | undefined;

	beforeAll(async () => {
		sandbox = await startSandbox({ clients: guideClients(), retryTimeScale: 0.001 });
		endpoint = await startReceiver();
		carried.access_token = sandbox.control.issueToken();
	});
	afterAll(async () => {
		await endpoint?.close();
		await sandbox?.close();
	});

	function fillIn(text: string, example: GuideRequest): string {
		return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
			if (carried[name] === undefined) {
				throw new Error(`${example.source}: nothing earlier in the guide gives ${whole}.`);
			}
			return carried[name];
		});
	}

	async function send(example: GuideRequest) {
		const path = example.target.startsWith(guideBaseUrl)
			? example.target.slice(guideBaseUrl.length)
			: example.target;
		expect(path, `${example.source}: a path or a URL under ${guideBaseUrl}`).toMatch(/^\//);
		const headers: Record<string, string> = {};
		for (const [name, value] of Object.entries(example.headers)) {
			headers[name] = fillIn(value, example);
		}
		const hasAuthorization = Object.keys(headers).some((name) => /^authorization$/i.test(name));
		if (!hasAuthorization && !isTokenRequest(example)) {
			headers.Authorization = `Bearer ${carried.access_token}`;
		}
		const response = await fetch(sandbox.baseUrl + fillIn(path, example), {
			method: example.method,
			headers,
			body: example.body,
		});
		const text = await response.text();
		return {
			status: response.status,
			text,
			json: text ? (JSON.parse(text) as unknown) : undefined,
		};
	}

	it('finds every request example in the guide', () => {
		// The reader fails on anything request-like it cannot read; this list is what it read from today's guide.
		expect(
			examples.map((e) => `${e.method} ${e.target}`),
			GUIDE_PATH,
		).toEqual([
			'POST https://api.workflux.ai/v1/auth/token',
			'GET https://api.workflux.ai/v1/agents',
			'POST /webhooks',
			'POST /webhooks/{webhook_id}/test',
			'POST https://api.workflux.ai/v1/auth/token',
			'GET https://api.workflux.ai/v1/agents',
		]);
	});

	it.each(examples.map((example) => [example.source, example] as const))(
		'%s answers as the guide shows',
		async (_source, example) => {
			const answer = await send(example);
			const what = `${example.source} answered ${answer.status}: ${answer.text.slice(0, 300)}`;

			if (example.expect.status !== undefined)
				expect(answer.status, what).toBe(example.expect.status);
			else expect(answer.status >= 200 && answer.status < 300, what).toBe(true);
			for (const key of example.expect.jsonKeys) {
				expect(answer.json as Record<string, unknown>, what).toHaveProperty(key);
			}
			if (example.expect.shape !== undefined) {
				const sent = example.body ? (JSON.parse(example.body) as unknown) : undefined;
				expect(shapeDifferences(example.expect.shape, answer.json, sent), what).toEqual([]);
			}

			const body = answer.json as Record<string, string> | undefined;
			if (isTokenRequest(example)) carried.access_token = body!.access_token;
			if (example.method === 'POST' && example.target === '/webhooks') {
				carried.webhook_id = body!.id;
				webhookSecret = (JSON.parse(example.body!) as { secret: string }).secret;
				// "your-app.com" stands for the reader's endpoint: the sandbox delivers to one on loopback instead.
				sandbox.control.store.webhooks.get(body!.id)!.url = endpoint.url;
			}
			if (/^\/webhooks\/\{webhook_id\}\/test$/.test(example.target)) {
				// "This sends a test event to your endpoint", signed with the secret the guide chose.
				const [delivery] = await waitFor(
					() => endpoint.requests,
					(all) => all.length > 0,
					3000,
				);
				const headers = delivery.headers as Record<string, string>;
				const signature = createHmac('sha256', Buffer.from(webhookSecret!, 'utf8'))
					.update(`${headers['webhook-id']}.${headers['webhook-timestamp']}.${delivery.body}`)
					.digest('base64');
				expect(headers['webhook-signature']).toBe(`v1,${signature}`);
			}
		},
	);
});

describe('the guide reader and the answer check can fail', () => {
	it('names the missing guide and where it should be', () => {
		expect(() => readGuide('/nowhere/000_6c115fd43b4f61df.txt')).toThrow(
			/not found at \/nowhere\/000_6c115fd43b4f61df\.txt.*"shared" folder next to the repository/,
		);
	});

	it('refuses a bash line it cannot read and a request in a notation it does not know', () => {
		expect(() =>
			extractRequestExamples('```bash\nwget https://api.workflux.ai/v1/agents\n```'),
		).toThrow(/neither a request, part of one, nor a comment/);
		expect(() =>
			extractRequestExamples('```sh\ncurl -X GET https://api.workflux.ai/v1/agents\n```'),
		).toThrow(/1 request-looking lines but 0 examples/);
		expect(() =>
			extractRequestExamples("```python\nr = requests.get('/agents')\nassert r.ok\n```"),
		).toThrow(/assertion "assert r.ok" is not understood/);
	});

	it('reports a missing key, a wrong type, an unechoed value and a missing array item', () => {
		const sample = { id: 'webhook-123', url: 'https://a.example', events: ['x'], status: 'active' };
		const sent = { url: 'https://a.example' };
		expect(shapeDifferences(sample, { ...sample, id: 'wh_1' }, sent)).toEqual([]);
		expect(
			shapeDifferences(sample, { url: 'https://b.example', events: ['y'], status: 1 }, sent),
		).toEqual([
			'$.id is missing',
			'$.url is "https://b.example", not the "https://a.example" sent',
			'$.events lacks "x", which the guide shows',
			'$.status is number, the guide shows string',
		]);
	});
});
