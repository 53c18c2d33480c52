/* eslint-disable @n8n/community-nodes/no-restricted-imports */
// Ajv (Fastify's own Ajv 8 through @fastify/ajv-compiler) set up twice: bodies are validated strictly (no type
// coercion: "5" is not a number), query strings and path params with coercion (everything arrives as text there).
// Failures become 422 `validation_error` naming the field as a dot path.
import AjvCompiler from '@fastify/ajv-compiler';

import { validationError, type ApiError } from './errors';
import type { JsonSchema } from './openapi';

export interface AjvError {
	keyword: string;
	instancePath: string;
	params: Record<string, unknown>;
	message?: string;
	parentSchema?: Record<string, unknown>;
}

export type ValidateFunction = ((data: unknown) => boolean) & { errors?: AjvError[] | null };

const SHARED_OPTIONS = {
	useDefaults: true,
	removeAdditional: false,
	allErrors: false,
	verbose: true,
	strict: true,
	strictTypes: false,
	strictRequired: false,
	allowUnionTypes: true,
} as const;

const factory = AjvCompiler();
const bodyCompiler = factory({}, { customOptions: { ...SHARED_OPTIONS, coerceTypes: false } });
const textCompiler = factory({}, { customOptions: { ...SHARED_OPTIONS, coerceTypes: 'array' } });

type HttpPart = 'body' | 'querystring' | 'params' | 'headers';

/** Compiles a schema the way the server does: `body` without coercion, other parts with it. */
export function compileSchema(schema: JsonSchema, part: HttpPart = 'body'): ValidateFunction {
	const compiler = part === 'body' ? bodyCompiler : textCompiler;
	return compiler({
		schema,
		method: 'POST',
		url: '/',
		httpPart: part,
	} as never) as unknown as ValidateFunction;
}

/** Fastify `setValidatorCompiler` hook. */
export function fastifyValidatorCompiler(route: {
	schema: unknown;
	httpPart?: string;
}): ValidateFunction {
	return compileSchema(route.schema as JsonSchema, (route.httpPart ?? 'body') as HttpPart);
}

const FORMAT_HINTS: Record<string, string> = {
	'date-time': 'a date-time such as 2026-11-27T12:00:00Z',
	date: 'a date such as 2026-11-27',
	email: 'a valid email address such as ada@example.com',
	uri: 'a full URL such as https://example.com/webhooks/workflux',
};

const COMPARISONS: Record<string, string> = {
	'>=': 'at least',
	'<=': 'at most',
	'>': 'greater than',
	'<': 'less than',
};

function withArticle(type: string): string {
	const words = type
		.split(',')
		.map((t) => (t === 'null' ? 'null' : /^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`));
	return words.join(' or ');
}

function pickError(errors: AjvError[]): AjvError {
	// For anyOf, Ajv lists each failed branch first; the anyOf error itself says what the field should be.
	return errors.find((e) => e.keyword === 'anyOf') ?? errors[0];
}

function fieldOf(error: AjvError, part: HttpPart): string | undefined {
	const segments = error.instancePath
		.split('/')
		.slice(1)
		.map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
	if (error.keyword === 'required') segments.push(String(error.params.missingProperty));
	if (error.keyword === 'additionalProperties')
		segments.push(String(error.params.additionalProperty));
	if (segments.length === 0) return undefined;
	// A query parameter is one field even when it holds a list (`metrics=a,b`).
	if (part !== 'body') return segments[0];
	return segments.join('.');
}

function describe(error: AjvError, field: string | undefined): string {
	const name = field ? `\`${field}\`` : 'The request body';
	const params = error.params;
	const description =
		typeof error.parentSchema?.description === 'string' ? ` ${error.parentSchema.description}` : '';
	switch (error.keyword) {
		case 'required':
			return `${name} is required.`;
		case 'additionalProperties':
			return `${name} is not a known field. Remove it or check its spelling.`;
		case 'type':
			return field
				? `${name} must be ${withArticle(String(params.type))}.`
				: `The request body must be a JSON ${String(params.type)}.`;
		case 'enum':
			return `${name} must be one of: ${(params.allowedValues as unknown[]).join(', ')}.`;
		case 'const':
			return `${name} must be ${JSON.stringify(params.allowedValue)}.`;
		case 'format':
			return `${name} must be ${FORMAT_HINTS[String(params.format)] ?? `a valid ${String(params.format)}`}.`;
		case 'minLength':
			return params.limit === 1
				? `${name} must not be empty.`
				: `${name} must be at least ${String(params.limit)} characters long.`;
		case 'maxLength':
			return `${name} must be at most ${String(params.limit)} characters long.`;
		case 'minimum':
		case 'exclusiveMinimum':
		case 'maximum':
		case 'exclusiveMaximum':
			return `${name} must be ${COMPARISONS[String(params.comparison)] ?? String(params.comparison)} ${String(params.limit)}.`;
		case 'minItems':
			return `${name} must contain at least ${String(params.limit)} item${params.limit === 1 ? '' : 's'}.`;
		case 'maxItems':
			return `${name} must contain at most ${String(params.limit)} items.`;
		case 'uniqueItems':
			return `${name} must not contain the same value twice.`;
		case 'maxProperties':
			return `${name} must have at most ${String(params.limit)} keys.`;
		case 'pattern':
			return `${name} is not in the expected format.${description || ` It must match ${String(params.pattern)}.`}`;
		case 'anyOf':
		case 'oneOf':
			return `${name} is not valid.${description}`;
		default:
			return `${name} ${error.message ?? 'is not valid'}.`;
	}
}

/** Turns Ajv errors into the API's 422 answer. */
export function toValidationError(errors: AjvError[], part: HttpPart): ApiError {
	const error = pickError(errors);
	const field = fieldOf(error, part);
	return validationError(field, describe(error, field));
}
