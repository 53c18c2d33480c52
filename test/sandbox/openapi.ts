/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals */
// Loads openapi.yaml and turns it into what the server needs: one entry per operation with its Fastify path and the
// JSON schemas (params, query string, body) taken from the document. The server registers routes from this list,
// so a route the document does not describe cannot exist, and every described operation must have a handler.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export type JsonSchema = Record<string, unknown>;

export interface OpenApiDocument {
	openapi: string;
	paths: Record<string, Record<string, unknown>>;
	components: { schemas: Record<string, JsonSchema> } & Record<string, unknown>;
	webhooks?: Record<string, unknown>;
	[key: string]: unknown;
}

export interface OpenApiParameter {
	name: string;
	in: 'query' | 'path' | 'header' | 'cookie';
	required?: boolean;
	style?: string;
	explode?: boolean;
	schema: JsonSchema;
}

export interface OpenApiOperation {
	operationId: string;
	method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT';
	/** Path in the document, relative to the /v1 server: `/agents/{agent_id}`. */
	path: string;
	/** Fastify route: `/v1/agents/:agent_id`. */
	route: string;
	deprecated: boolean;
	parameters: OpenApiParameter[];
	requestBody: { required: boolean; content: Record<string, JsonSchema> } | null;
}

export const API_PREFIX = '/v1';
export const DEFAULT_OPENAPI_PATH = join(__dirname, 'openapi.yaml');

const METHODS = ['get', 'post', 'patch', 'delete', 'put'] as const;

/** Parses the document (fresh each call; use `cachedOpenApi` for the server's shared copy). */
export function loadOpenApi(file = DEFAULT_OPENAPI_PATH): OpenApiDocument {
	return parse(readFileSync(file, 'utf8')) as OpenApiDocument;
}

const parsed = new Map<
	string,
	{ mtimeMs: number; doc: OpenApiDocument; operations: OpenApiOperation[] }
>();

/**
 * The document and its operations, parsed once per file (and again when the file changes). Sharing the schema
 * objects lets Ajv reuse compiled validators when one process starts many sandboxes (tests).
 */
export function cachedOpenApi(file = DEFAULT_OPENAPI_PATH): {
	doc: OpenApiDocument;
	operations: OpenApiOperation[];
} {
	const { mtimeMs } = statSync(file);
	const hit = parsed.get(file);
	if (hit && hit.mtimeMs === mtimeMs) return hit;
	const doc = loadOpenApi(file);
	const entry = { mtimeMs, doc, operations: listOperations(doc) };
	parsed.set(file, entry);
	return entry;
}

function resolvePointer(doc: unknown, ref: string): unknown {
	if (!ref.startsWith('#/')) throw new Error(`Only local $ref values are supported: ${ref}`);
	let node: unknown = doc;
	for (const raw of ref.slice(2).split('/')) {
		const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
		if (node === null || typeof node !== 'object' || !(key in (node as object))) {
			throw new Error(`Unresolvable $ref ${ref}`);
		}
		node = (node as Record<string, unknown>)[key];
	}
	return node;
}

/**
 * Inlines every `$ref` (our schemas are not recursive). Keywords next to a `$ref` (OpenAPI 3.1 allows them, e.g.
 * `default` or `description`) override the referenced schema's, which is what the document means by them.
 */
export function deref<T>(doc: unknown, node: T, seen: string[] = []): T {
	if (Array.isArray(node)) return node.map((item) => deref(doc, item, seen)) as T;
	if (node === null || typeof node !== 'object') return node;
	const record = node as Record<string, unknown>;
	if (typeof record.$ref === 'string') {
		const ref = record.$ref;
		if (seen.includes(ref)) throw new Error(`Recursive $ref ${ref} is not supported`);
		const siblings = { ...record };
		delete siblings.$ref;
		const target = deref(doc, resolvePointer(doc, ref), [...seen, ref]) as Record<string, unknown>;
		return { ...target, ...deref(doc, siblings, seen) } as T;
	}
	const out: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(record)) out[key] = deref(doc, value, seen);
	return out as T;
}

/** A component schema with every reference inlined (for validation in tests and in the server). */
export function componentSchema(doc: OpenApiDocument, name: string): JsonSchema {
	const schema = doc.components.schemas[name];
	if (!schema) throw new Error(`No component schema named ${name}`);
	return deref(doc, schema);
}

export function listOperations(doc: OpenApiDocument): OpenApiOperation[] {
	const operations: OpenApiOperation[] = [];
	for (const [path, item] of Object.entries(doc.paths)) {
		const shared = deref(doc, (item.parameters ?? []) as OpenApiParameter[]);
		for (const method of METHODS) {
			const op = item[method] as Record<string, unknown> | undefined;
			if (!op) continue;
			const own = deref(doc, (op.parameters ?? []) as OpenApiParameter[]);
			// Operation parameters override path-item parameters with the same name and location.
			const parameters = [
				...shared.filter((p) => !own.some((o) => o.name === p.name && o.in === p.in)),
				...own,
			];
			const body = op.requestBody ? deref(doc, op.requestBody as Record<string, unknown>) : null;
			operations.push({
				operationId: String(op.operationId),
				method: method.toUpperCase() as OpenApiOperation['method'],
				path,
				route: API_PREFIX + path.replace(/\{([^}]+)\}/g, ':$1'),
				deprecated: op.deprecated === true,
				parameters,
				requestBody: body
					? {
							required: body.required === true,
							content: Object.fromEntries(
								Object.entries(body.content as Record<string, { schema: JsonSchema }>).map(
									([type, media]) => [type, media.schema],
								),
							),
						}
					: null,
			});
		}
	}
	return operations;
}

function objectSchemaFor(
	parameters: OpenApiParameter[],
	location: 'query' | 'path',
): JsonSchema | undefined {
	const selected = parameters.filter((p) => p.in === location);
	if (selected.length === 0) return undefined;
	return {
		type: 'object',
		properties: Object.fromEntries(selected.map((p) => [p.name, p.schema])),
		required: selected.filter((p) => p.required || location === 'path').map((p) => p.name),
	};
}

const routeSchemas = new WeakMap<OpenApiOperation, Record<string, JsonSchema>>();

/** The Fastify `schema` option of an operation: params, querystring and the JSON body, straight from the document. */
export function routeSchema(op: OpenApiOperation): Record<string, JsonSchema> {
	const cached = routeSchemas.get(op);
	if (cached) return cached;
	const schema: Record<string, JsonSchema> = {};
	const params = objectSchemaFor(op.parameters, 'path');
	const querystring = objectSchemaFor(op.parameters, 'query');
	if (params) schema.params = params;
	if (querystring) schema.querystring = querystring;
	const json = op.requestBody?.content['application/json'];
	if (json) schema.body = json;
	routeSchemas.set(op, schema);
	return schema;
}

/** Query parameters sent comma-separated (`style: form, explode: false` arrays), e.g. `metrics=a,b`. */
export function commaSeparatedQueryParams(op: OpenApiOperation): string[] {
	return op.parameters
		.filter((p) => p.in === 'query' && p.explode === false && p.schema.type === 'array')
		.map((p) => p.name);
}
