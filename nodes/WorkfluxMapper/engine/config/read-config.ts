import type { ZodIssue } from 'zod';

import { MappingConfigError } from '../errors';
import type { ValidationSpec, ValidationType } from '../validation/validators';
import {
	OPTION_OWNERS,
	TRANSFORMATION_NAMES,
	mappingsDocumentSchema,
	ruleSchema,
	type RuleInput,
	type StepInput,
	type TransformationName,
} from './schema';

/** One transformation of a rule's chain with its options (rule-level options already merged in). */
export interface StepSpec {
	type: TransformationName;
	options: Record<string, unknown>;
}

/** A rule in the engine's own terms, whichever JSON form it was written in. */
export interface RuleSpec {
	/** 1-based position in the configuration. */
	position: number;
	/** `Rule 2 (email → Email)` or `Rule 2 "Clean email" (email → Email)`. */
	label: string;
	sources: string[];
	/** Several sources were listed: the chain starts from the list of their values. */
	multiSource: boolean;
	target: string;
	steps: StepSpec[];
	required: boolean;
	validations: ValidationSpec[];
}

export interface MappingConfig {
	rules: RuleSpec[];
	/** Things that work but may not do what the author expects, in plain words. */
	warnings: string[];
}

const TYPE_WORDS: Record<string, string> = {
	string: 'text',
	number: 'a number',
	integer: 'a whole number',
	boolean: 'true or false',
	array: 'a list',
	object: 'an object',
	null: 'null',
	undefined: 'missing',
};

const words = (type: string) => TYPE_WORDS[type] ?? type;

function editDistance(a: string, b: string): number {
	const row = Array.from({ length: b.length + 1 }, (_, i) => i);
	for (let i = 1; i <= a.length; i++) {
		let diagonal = row[0];
		row[0] = i;
		for (let j = 1; j <= b.length; j++) {
			const above = row[j];
			row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
			diagonal = above;
		}
	}
	return row[b.length];
}

const RULE_KEYS = [
	'name',
	'description',
	'source',
	'source_field',
	'target',
	'target_field',
	'transformation',
	'transformations',
	'required',
	'validation',
	'type',
	'pattern',
	'flags',
	'message',
	'mappings',
	'version',
	...Object.keys(OPTION_OWNERS),
];

function suggestion(key: string): string {
	let best = '';
	let bestDistance = 3;
	for (const known of RULE_KEYS) {
		const distance = editDistance(key.toLowerCase(), known);
		if (distance < bestDistance) {
			best = known;
			bestDistance = distance;
		}
	}
	return best ? ` (did you mean "${best}"?)` : '';
}

/** Where in a rule an issue is: `"separator"`, `transformation 2, "type"`, `validation 1, "pattern"`. */
function location(path: ReadonlyArray<string | number>): string {
	const parts: string[] = [];
	for (let i = 0; i < path.length; i++) {
		const part = path[i];
		if (typeof path[i + 1] === 'number') {
			parts.push(`${part} ${(path[i + 1] as number) + 1}`);
			i++;
		} else if (typeof part === 'number') {
			parts.push(`entry ${part + 1}`);
		} else {
			parts.push(`"${part}"`);
		}
	}
	return parts.join(', ');
}

/** A zod issue in plain words. */
export function describeIssue(issue: ZodIssue): string {
	const where = location(issue.path);
	const subject = where ? `${where} ` : '';
	switch (issue.code) {
		case 'invalid_type':
			if (issue.received === 'undefined') return `${subject}is missing`;
			return `${subject}must be ${words(issue.expected)}, not ${words(issue.received)}`;
		case 'invalid_enum_value':
			return `${subject}must be one of ${issue.options.join(', ')}, not ${JSON.stringify(issue.received)}${typeof issue.received === 'string' ? suggestionFrom(issue.received, issue.options.map(String)) : ''}`;
		case 'unrecognized_keys':
			return issue.keys
				.map(
					(key) =>
						`${where ? `${where} has` : 'has'} the unknown setting "${key}"${suggestion(key)}`,
				)
				.join('; ');
		case 'too_small':
			if (issue.type === 'array') return `${subject}is empty: add at least ${issue.minimum}`;
			if (issue.type === 'number') return `${subject}must be ${issue.minimum} or more`;
			return `${subject}is too short`;
		case 'invalid_union':
		case 'custom':
			return `${subject}${issue.message}`;
		default:
			return `${subject}${issue.message.charAt(0).toLowerCase()}${issue.message.slice(1)}`;
	}
}

function suggestionFrom(received: string, options: string[]): string {
	let best = '';
	let bestDistance = 3;
	for (const option of options) {
		const distance = editDistance(received.toLowerCase(), option);
		if (distance < bestDistance) {
			best = option;
			bestDistance = distance;
		}
	}
	return best && best !== received ? ` (did you mean "${best}"?)` : '';
}

function fieldText(value: unknown): string | undefined {
	if (typeof value === 'string') return value;
	if (Array.isArray(value) && value.every((entry) => typeof entry === 'string'))
		return value.join(' + ');
	return undefined;
}

/** Names a rule from whatever it holds, valid or not. */
function ruleLabel(position: number, raw: unknown): string {
	if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return `Rule ${position}`;
	const record = raw as Record<string, unknown>;
	const source = fieldText(record.source ?? record.source_field);
	const target = fieldText(record.target ?? record.target_field);
	const name =
		typeof record.name === 'string' && record.name.trim() ? ` "${record.name.trim()}"` : '';
	if (source === undefined && target === undefined) return `Rule ${position}${name}`;
	return `Rule ${position}${name} (${source ?? '?'} → ${target ?? '?'})`;
}

function parseJsonText(text: string): unknown {
	let parsed: { value: unknown } | { error: unknown };
	try {
		parsed = { value: JSON.parse(text) };
	} catch (error) {
		parsed = { error };
	}
	if ('value' in parsed) return parsed.value;
	const reason = parsed.error instanceof Error ? parsed.error.message : String(parsed.error);
	const position = /position (\d+)/.exec(reason);
	const line =
		position && !/line \d+/.test(reason)
			? text.slice(0, Number(position[1])).split('\n').length
			: undefined;
	throw new MappingConfigError([
		`The mapping configuration is not valid JSON${line ? ` (line ${line})` : ''}: ${reason}. Check for a missing comma, quote or bracket near there.`,
	]);
}

function rawRules(input: unknown): unknown[] {
	if (typeof input === 'string') {
		if (input.trim() === '') {
			throw new MappingConfigError([
				'The mapping configuration is empty: add rules, such as {"mappings": [{"source": "email", "target": "Email", "transformation": "lowercase"}]}',
			]);
		}
		return rawRules(parseJsonText(input));
	}
	if (Array.isArray(input)) {
		if (input.length === 0) {
			throw new MappingConfigError([
				'The mapping configuration has no rules: add at least one rule',
			]);
		}
		return input;
	}
	if (input === null || typeof input !== 'object') {
		throw new MappingConfigError([
			`The mapping configuration must be a JSON object such as {"mappings": [...]}, not ${input === undefined ? 'nothing' : input === null ? 'null' : words(typeof input)}`,
		]);
	}
	if (Object.prototype.hasOwnProperty.call(input, 'mappings')) {
		const mappings = (input as { mappings: unknown }).mappings;
		if (Array.isArray(mappings) && mappings.length === 0) {
			throw new MappingConfigError([
				'The mapping configuration has no rules: add at least one rule to "mappings"',
			]);
		}
		const document = mappingsDocumentSchema.safeParse(input);
		if (!document.success) {
			throw new MappingConfigError(
				document.error.issues.map((issue) => `The mapping configuration ${describeIssue(issue)}`),
			);
		}
		return document.data.mappings;
	}
	// The guide's single field mapping: one rule on its own.
	return [input];
}

function stepOptionsFor(
	type: TransformationName,
	rule: Record<string, unknown>,
): Record<string, unknown> {
	const options: Record<string, unknown> = {};
	for (const key of Object.keys(OPTION_OWNERS)) {
		if (rule[key] !== undefined && OPTION_OWNERS[key].indexOf(type) >= 0) options[key] = rule[key];
	}
	return options;
}

function owners(key: string): string {
	const list = OPTION_OWNERS[key];
	return list.length === 1
		? list[0]
		: `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`;
}

function normalizeRule(
	position: number,
	label: string,
	rule: RuleInput,
	problems: string[],
	warnings: string[],
): RuleSpec {
	const record = rule as Record<string, unknown>;
	const source = (rule.source ?? rule.source_field) as string | string[];
	const chain = (rule.transformation ?? rule.transformations ?? []) as StepInput[];
	const steps: StepSpec[] = chain.map((step, stepIndex) => {
		const own: Record<string, unknown> = {};
		for (const key of Object.keys(step)) {
			const value = (step as Record<string, unknown>)[key];
			if (key === 'type' || value === undefined) continue;
			if (OPTION_OWNERS[key].indexOf(step.type) < 0) {
				problems.push(
					`${label}: transformation ${stepIndex + 1} (${step.type}) has the setting "${key}", which only ${owners(key)} use${OPTION_OWNERS[key].length === 1 ? 's' : ''}`,
				);
			}
			own[key] = value;
		}
		return { type: step.type, options: { ...stepOptionsFor(step.type, record), ...own } };
	});
	for (const key of Object.keys(OPTION_OWNERS)) {
		if (record[key] === undefined) continue;
		if (!chain.some((step) => OPTION_OWNERS[key].indexOf(step.type) >= 0)) {
			problems.push(
				`${label}: "${key}" is set, but no transformation of this rule uses it (it is for ${owners(key)})`,
			);
		}
	}
	const validations = (rule.validation ?? []).map((check): ValidationSpec => {
		const type = (check.type === 'regex' ? 'pattern' : check.type) as ValidationType;
		if (type === 'email' && check.pattern !== undefined) {
			warnings.push(
				`${label}: the pattern given with the email validation is not used. The built-in email check replaces it: it accepts + tags and long domain endings such as .museum, which that pattern rejects. To require a pattern as well, add a separate validation of type "pattern".`,
			);
			return { type, message: check.message, ascii_only: check.ascii_only };
		}
		if (type !== 'pattern' && (check.pattern !== undefined || check.flags !== undefined)) {
			problems.push(
				`${label}: the ${type} validation does not take a pattern (only type "pattern" does)`,
			);
		}
		if (type !== 'email' && check.ascii_only !== undefined) {
			problems.push(
				`${label}: the ${type} validation does not take ascii_only (only type "email" does)`,
			);
		}
		if (type !== 'phone' && check.default_country !== undefined) {
			problems.push(
				`${label}: the ${type} validation does not take a default_country (only type "phone" does)`,
			);
		}
		return { ...check, type };
	});
	return {
		position,
		label,
		sources: Array.isArray(source) ? source : [source],
		multiSource: Array.isArray(source) && source.length > 1,
		target: (rule.target ?? rule.target_field) as string,
		steps,
		required: rule.required === true,
		validations,
	};
}

/**
 * Reads a mapping configuration: a JSON text or an already parsed value in any of the accepted forms.
 * Throws MappingConfigError listing every problem, each naming the rule and the setting.
 */
export function readMappingConfig(input: unknown): MappingConfig {
	const problems: string[] = [];
	const config = collectMappingConfig(input, problems);
	if (problems.length > 0) throw new MappingConfigError(problems);
	return config;
}

/**
 * Like readMappingConfig, but rule-level problems are added to `problems` and the readable rules are
 * returned, so the compiler can report its own findings about them in the same message. A document
 * that cannot be read at all still throws.
 */
export function collectMappingConfig(input: unknown, problems: string[]): MappingConfig {
	const raws = rawRules(input);
	const warnings: string[] = [];
	const rules: RuleSpec[] = [];
	raws.forEach((raw, index) => {
		const position = index + 1;
		const label = ruleLabel(position, raw);
		if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
			problems.push(
				`${label} must be an object such as {"source": "email", "target": "Email"}, not ${raw === null ? 'null' : Array.isArray(raw) ? 'a list' : words(typeof raw)}`,
			);
			return;
		}
		const parsed = ruleSchema.safeParse(raw);
		if (!parsed.success) {
			for (const issue of parsed.error.issues) problems.push(`${label}: ${describeIssue(issue)}`);
			return;
		}
		const before = problems.length;
		const rule = normalizeRule(position, label, parsed.data, problems, warnings);
		if (problems.length === before) rules.push(rule);
	});
	return { rules, warnings };
}

export { TRANSFORMATION_NAMES };
