import { describe, expect, it } from 'vitest';

import { EVENT_TYPES } from './types';
import { componentSchema, deref, listOperations, loadOpenApi, routeSchema } from './openapi';
import { buildSandbox } from './server';
import { compileSchema } from './validation';

const doc = loadOpenApi();
const operations = listOperations(doc);

function walk(node: unknown, visit: (value: unknown, path: string) => void, path = ''): void {
	visit(node, path);
	if (node !== null && typeof node === 'object') {
		for (const [key, value] of Object.entries(node)) walk(value, visit, `${path}/${key}`);
	}
}

describe('openapi.yaml', () => {
	it('is OpenAPI 3.1 with a /v1 server and resolvable references', () => {
		expect(doc.openapi).toBe('3.1.0');
		expect((doc.servers as Array<{ url: string }>)[0].url).toMatch(/\/v1$/);
		expect(() => deref(doc, doc)).not.toThrow();
		// A comma inside an unquoted YAML flow mapping silently splits a sentence into a key with a null value.
		const nulls: string[] = [];
		walk(doc, (value, path) => {
			if (value === null) nulls.push(path);
		});
		expect(nulls).toEqual([]);
	});

	it('describes every route of the contract, each with a unique operationId', () => {
		const routes = operations.map((op) => `${op.method} ${op.path}`).sort();
		expect(routes).toEqual(
			[
				'POST /auth/token',
				'GET /me',
				'GET /agents',
				'POST /agents',
				'GET /agents/{agent_id}',
				'PATCH /agents/{agent_id}',
				'DELETE /agents/{agent_id}',
				'GET /conversations',
				'POST /conversations',
				'GET /conversations/{conversation_id}',
				'PATCH /conversations/{conversation_id}',
				'DELETE /conversations/{conversation_id}',
				'GET /conversations/{conversation_id}/messages',
				'POST /conversations/{conversation_id}/messages',
				'GET /conversations/{conversation_id}/transcript',
				'POST /conversations/{conversation_id}/complete',
				'POST /conversations/{conversation_id}/escalate',
				'GET /webhooks',
				'POST /webhooks',
				'GET /webhooks/{webhook_id}',
				'PATCH /webhooks/{webhook_id}',
				'DELETE /webhooks/{webhook_id}',
				'POST /webhooks/{webhook_id}/test',
				'GET /workflows',
				'GET /workflows/{workflow_id}',
				'POST /workflows/{workflow_id}/runs',
				'GET /workflows/{workflow_id}/runs/{run_id}',
				'POST /exports',
				'GET /exports/{export_id}',
				'GET /exports/{export_id}/download',
				'GET /reports',
			].sort(),
		);
		const ids = operations.map((op) => op.operationId);
		expect(new Set(ids).size).toBe(ids.length);
	});

	it('marks only the transcript as deprecated', () => {
		expect(operations.filter((op) => op.deprecated).map((op) => op.operationId)).toEqual([
			'getTranscript',
		]);
	});

	it('gives every list limit (1..100) and cursor, and every POST an Idempotency-Key', () => {
		for (const op of operations) {
			const names = op.parameters.map((p) => `${p.in}:${p.name}`);
			if (op.operationId.startsWith('list')) {
				expect(names, op.operationId).toEqual(
					expect.arrayContaining(['query:limit', 'query:cursor']),
				);
				const limit = op.parameters.find((p) => p.name === 'limit');
				expect(limit?.schema).toMatchObject({ minimum: 1, maximum: 100, default: 20 });
			}
			if (op.method === 'POST' && op.operationId !== 'createToken') {
				expect(names, op.operationId).toContain('header:Idempotency-Key');
			}
		}
	});

	it('documents 401, 429 (Retry-After, rate-limit headers) and 5xx with the error envelope', () => {
		for (const [path, item] of Object.entries(doc.paths)) {
			for (const [method, raw] of Object.entries(item)) {
				if (method === 'parameters') continue;
				const responses = deref(
					doc,
					(raw as { responses: Record<string, unknown> }).responses,
				) as Record<
					string,
					{ headers?: Record<string, unknown>; content?: Record<string, { schema: unknown }> }
				>;
				const where = `${method} ${path}`;
				expect(Object.keys(responses), where).toEqual(expect.arrayContaining(['429', '500']));
				expect(Object.keys(responses['429'].headers ?? {}), where).toEqual(
					expect.arrayContaining([
						'Retry-After',
						'X-RateLimit-Limit',
						'X-RateLimit-Remaining',
						'X-RateLimit-Reset',
					]),
				);
				expect(responses['500'].content?.['application/json'].schema).toEqual(
					componentSchema(doc, 'ErrorEnvelope'),
				);
				if (path !== '/auth/token') expect(Object.keys(responses), where).toContain('401');
				const success = Object.keys(responses).find((code) => code.startsWith('2'));
				expect(Object.keys(responses[success!].headers ?? {}), where).toContain(
					'X-RateLimit-Limit',
				);
			}
		}
	});

	it('compiles every component schema and route schema with strict Ajv', () => {
		for (const name of Object.keys(doc.components.schemas)) {
			expect(() => compileSchema(componentSchema(doc, name)), name).not.toThrow();
		}
		for (const op of operations) {
			for (const [part, schema] of Object.entries(routeSchema(op))) {
				expect(
					() => compileSchema(schema, part as 'body'),
					`${op.operationId} ${part}`,
				).not.toThrow();
			}
		}
	});

	it('lists every event in the webhooks section with the Standard Webhooks headers', () => {
		const webhooks = deref(doc, doc.webhooks) as Record<
			string,
			{
				post: {
					parameters: Array<{ name: string; in: string; required: boolean }>;
					requestBody: {
						content: {
							'application/json': { schema: { properties: { type: { const: string } } } };
						};
					};
				};
			}
		>;
		expect(Object.keys(webhooks).sort()).toEqual([...EVENT_TYPES].sort());
		for (const [type, item] of Object.entries(webhooks)) {
			const headers = item.post.parameters
				.filter((p) => p.in === 'header' && p.required)
				.map((p) => p.name);
			expect(headers).toEqual(
				expect.arrayContaining([
					'webhook-id',
					'webhook-timestamp',
					'webhook-signature',
					'webhook-attempt',
				]),
			);
			expect(item.post.requestBody.content['application/json'].schema.properties.type.const).toBe(
				type,
			);
		}
	});

	it('is what the server is built from: every operation has a handler and becomes a route', () => {
		const { app } = buildSandbox({ empty: true });
		for (const op of operations) {
			expect(app.hasRoute({ method: op.method, url: op.route }), op.operationId).toBe(true);
		}
	});
});
