import { z } from 'zod';

import { PHONE_OUTPUT_FORMATS } from '../phone/phone-number';
import { VALIDATION_TYPES } from '../validation/validators';

/**
 * The accepted JSON, checked with zod. It is WorkFlux's own mapping format from the integration guide
 * (both the single mapping with `source_field`/`target_field` and `{ "mappings": [...] }` with
 * `source`/`target`/`separator`), extended the same way the guide writes `separator` at the rule level:
 * every transformation option may sit on the rule, or on the transformation written as an object.
 */

export const TRANSFORMATION_NAMES = [
	'lowercase',
	'uppercase',
	'trim',
	'format_date',
	'format_phone',
	'concat',
	'split',
	'lookup',
] as const;

export type TransformationName = (typeof TRANSFORMATION_NAMES)[number];

/** Which transformations each option belongs to. */
export const OPTION_OWNERS: Readonly<Record<string, readonly TransformationName[]>> = {
	locale: ['lowercase', 'uppercase', 'format_date'],
	collapse_spaces: ['trim'],
	input_formats: ['format_date'],
	input_timezone: ['format_date'],
	output_format: ['format_date'],
	output_timezone: ['format_date'],
	format: ['format_phone'],
	default_country: ['format_phone'],
	country_field: ['format_phone'],
	on_invalid: ['format_phone'],
	separator: ['concat', 'split'],
	skip_empty: ['concat'],
	regex: ['split'],
	trim_parts: ['split'],
	drop_empty: ['split'],
	part: ['split'],
	index: ['split'],
	table: ['lookup'],
	case_insensitive: ['lookup'],
	trim: ['lookup'],
	default: ['lookup'],
	empty_default: ['lookup'],
	on_no_match: ['lookup'],
};

const tableKey = z.union([z.string(), z.number(), z.boolean()], {
	errorMap: () => ({ message: 'a lookup key must be text or a number' }),
});

const lookupTable = z.union(
	[
		z.record(z.unknown()),
		z.array(z.object({ key: tableKey, value: z.unknown() }).strict()),
		z.array(z.tuple([tableKey, z.unknown()])),
	],
	{
		errorMap: () => ({
			message:
				'must be an object of key: value pairs (such as {"gold": "VIP"}) or a list of {"key": ..., "value": ...}',
		}),
	},
);

const stepOptions = {
	locale: z.string().optional(),
	collapse_spaces: z.boolean().optional(),
	input_formats: z
		.preprocess((value) => (typeof value === 'string' ? [value] : value), z.array(z.string()))
		.optional(),
	input_timezone: z.string().optional(),
	output_format: z.string().optional(),
	output_timezone: z.string().optional(),
	format: z.enum(PHONE_OUTPUT_FORMATS as [string, ...string[]]).optional(),
	default_country: z.string().optional(),
	country_field: z.string().optional(),
	on_invalid: z.enum(['error', 'keep']).optional(),
	separator: z.string().optional(),
	skip_empty: z.boolean().optional(),
	regex: z.boolean().optional(),
	trim_parts: z.boolean().optional(),
	drop_empty: z.boolean().optional(),
	part: z.enum(['all', 'first', 'last', 'nth']).optional(),
	index: z.number().int().min(1).optional(),
	table: lookupTable.optional(),
	case_insensitive: z.boolean().optional(),
	trim: z.boolean().optional(),
	default: z.unknown(),
	empty_default: z.unknown(),
	on_no_match: z.enum(['default', 'keep', 'error']).optional(),
};

const asList = (value: unknown) => (Array.isArray(value) ? value : [value]);

export const stepSchema = z.object({ type: z.enum(TRANSFORMATION_NAMES), ...stepOptions }).strict();

export type StepInput = z.infer<typeof stepSchema>;

/** `"trim"`, `{ "type": "trim", ... }`, or a list of either (the chain, applied in order). */
const stepsSchema = z.preprocess(
	(value) =>
		value === undefined
			? value
			: asList(value).map((step) => (typeof step === 'string' ? { type: step } : step)),
	z.array(stepSchema),
);

const validationSchema = z
	.object({
		type: z.enum(['regex', ...VALIDATION_TYPES] as [string, ...string[]]),
		pattern: z.string().optional(),
		flags: z.string().optional(),
		ascii_only: z.boolean().optional(),
		default_country: z.string().optional(),
		message: z.string().optional(),
	})
	.strict();

export type ValidationInput = z.infer<typeof validationSchema>;

/** `"email"`, `{ "type": "email", "pattern": ... }`, or a list of either. */
const validationsSchema = z.preprocess(
	(value) =>
		value === undefined || value === null
			? undefined
			: asList(value).map((check) => (typeof check === 'string' ? { type: check } : check)),
	z.array(validationSchema).optional(),
);

const fieldList = z.union([z.string(), z.array(z.string()).min(1)], {
	errorMap: () => ({ message: 'must be a field name or a list of field names' }),
});

export const ruleSchema = z
	.object({
		name: z.string().optional(),
		description: z.string().optional(),
		source: fieldList.optional(),
		source_field: fieldList.optional(),
		target: z.string().optional(),
		target_field: z.string().optional(),
		transformation: stepsSchema.optional(),
		transformations: stepsSchema.optional(),
		required: z.boolean().optional(),
		validation: validationsSchema,
		...stepOptions,
	})
	.strict()
	.superRefine((rule, context) => {
		const pair = (a: 'source' | 'target' | 'transformation', b: string, required: boolean) => {
			const record = rule as Record<string, unknown>;
			if (record[a] !== undefined && record[b] !== undefined) {
				context.addIssue({
					code: 'custom',
					path: [],
					message: `has both "${a}" and "${b}": keep one`,
				});
			} else if (required && record[a] === undefined && record[b] === undefined) {
				context.addIssue({
					code: 'custom',
					path: [],
					message:
						a === 'source'
							? 'has no source: set "source" (or "source_field") to the field to read'
							: 'has no target: set "target" (or "target_field") to the field to write',
				});
			}
		};
		pair('source', 'source_field', true);
		pair('target', 'target_field', true);
		pair('transformation', 'transformations', false);
	});

export type RuleInput = z.infer<typeof ruleSchema>;

export const mappingsDocumentSchema = z
	.object({
		mappings: z.array(z.unknown()).min(1, 'has no rules: add at least one rule to "mappings"'),
		name: z.string().optional(),
		description: z.string().optional(),
		version: z.union([z.string(), z.number()]).optional(),
	})
	.strict();
