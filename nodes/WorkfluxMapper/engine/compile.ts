import { collectMappingConfig, type RuleSpec, type StepSpec } from './config/read-config';
import { ConfigProblem, problemMessage } from './config-problem';
import { MappingConfigError, StepError, type RuleIssue } from './errors';
import {
	assignProperty,
	compileGetter,
	isPrototypeKey,
	parsePath,
	writePath,
	type PropertyWriter,
} from './paths';
import type { StepFn } from './step';
import { compileChangeCase } from './transforms/change-case';
import { compileConcat } from './transforms/concat';
import { compileFormatDate } from './transforms/format-date';
import { compileFormatPhone } from './transforms/format-phone';
import { compileLookup, type LookupOptions } from './transforms/lookup';
import { compileSplit } from './transforms/split';
import { compileTrim } from './transforms/trim';
import { compileValidation, type Validator } from './validation/validators';
import { isEmptyValue } from './values';

export interface CompileOptions {
	/** Time zone for dates written without one, unless a rule sets input_timezone. Default: UTC. */
	defaultTimezone?: string;
	/** Start each output from a copy of the input item (true) or from an empty object (false, default). */
	keepInputFields?: boolean;
	/** What a failed rule leaves at its target: nothing (`omit`, default) or `null`. */
	onRuleFailure?: 'omit' | 'null';
	/** An extra test for every target name, such as n8n's isSafeObjectProperty. */
	isSafeKey?: (key: string) => boolean;
	/** Writes one property, such as n8n's setSafeObjectProperty. Default: plain assignment. */
	writeProperty?: PropertyWriter;
}

export interface MappingResult {
	/** The mapped item. The input item is never changed. */
	json: Record<string, unknown>;
	/** One entry per rule that failed for this item; empty when every rule succeeded. */
	issues: RuleIssue[];
}

export interface RuleSummary {
	position: number;
	label: string;
	sources: readonly string[];
	target: string;
	transformations: readonly string[];
}

export interface CompiledMapping {
	readonly rules: readonly RuleSummary[];
	readonly warnings: readonly string[];
	map(item: Readonly<Record<string, unknown>>): MappingResult;
}

interface CompiledRule {
	summary: RuleSummary;
	field: string;
	run(item: Readonly<Record<string, unknown>>): unknown;
	targetPath: readonly string[];
}

function compileStep(step: StepSpec, defaultTimezone: string): StepFn {
	const options = step.options;
	switch (step.type) {
		case 'lowercase':
		case 'uppercase':
			return compileChangeCase(step.type, options);
		case 'trim':
			return compileTrim(options);
		case 'format_date':
			return compileFormatDate(options, defaultTimezone);
		case 'format_phone':
			return compileFormatPhone(options);
		case 'concat':
			return compileConcat(options);
		case 'split':
			return compileSplit(options);
		case 'lookup':
			if (options.table === undefined) {
				throw new ConfigProblem('a lookup needs a table of keys and values ("table")');
			}
			return compileLookup(options as unknown as LookupOptions);
	}
}

/** Prefixes a step's failure with the step's name; anything else is a bug and keeps propagating. */
function withContext(error: unknown, context: string): StepError {
	if (error instanceof StepError) return new StepError(`${context}: ${error.message}`);
	throw error;
}

/** The message of a failed rule; anything else is a bug and keeps propagating. */
function failureMessage(error: unknown): string {
	if (error instanceof StepError) return error.message;
	throw error;
}

/** Arrays may hold `undefined` for missing sources; JSON has no such value, so they become null. */
function jsonSafe(value: unknown): unknown {
	if (!Array.isArray(value)) return value;
	let changed = false;
	const copy = value.map((element) => {
		if (element === undefined) {
			changed = true;
			return null;
		}
		return element;
	});
	return changed ? copy : value;
}

function compileRule(
	spec: RuleSpec,
	options: CompileOptions,
	problems: string[],
): CompiledRule | undefined {
	const label = spec.label;
	const before = problems.length;
	const getters = spec.sources.map((source) => {
		try {
			return compileGetter(parsePath(source, 'the source field'));
		} catch (error) {
			problems.push(`${label}: ${problemMessage(error)}`);
			return () => undefined;
		}
	});
	let targetPath: string[] = [];
	try {
		targetPath = parsePath(spec.target, 'the target field');
		for (const key of targetPath) {
			if (isPrototypeKey(key) || (options.isSafeKey && !options.isSafeKey(key))) {
				problems.push(
					`${label}: the target "${spec.target}" uses the name "${key}", which is not allowed because it could change how every object in the workflow behaves: choose another field name`,
				);
			}
		}
	} catch (error) {
		problems.push(`${label}: ${problemMessage(error)}`);
	}
	const steps: Array<{ fn: StepFn; name: string }> = [];
	spec.steps.forEach((step, index) => {
		try {
			steps.push({ fn: compileStep(step, options.defaultTimezone ?? 'UTC'), name: step.type });
		} catch (error) {
			problems.push(
				`${label}: transformation ${index + 1} (${step.type}): ${problemMessage(error)}`,
			);
		}
	});
	const validators: Array<{ check: Validator; name: string }> = [];
	for (const validation of spec.validations) {
		try {
			validators.push({ check: compileValidation(validation), name: `${validation.type} check` });
		} catch (error) {
			problems.push(`${label}: ${validation.type} validation: ${problemMessage(error)}`);
		}
	}
	if (problems.length > before) return undefined;

	const field = spec.sources.join(', ');
	const required = spec.required;
	const multi = spec.multiSource;
	const read = (item: Readonly<Record<string, unknown>>): unknown => {
		if (!multi) return getters[0](item);
		const values: unknown[] = [];
		for (let i = 0; i < getters.length; i++) values.push(getters[i](item));
		return values;
	};
	const run = (item: Readonly<Record<string, unknown>>): unknown => {
		let value = read(item);
		if (required) {
			const missing = multi
				? spec.sources.filter((_, i) => isEmptyValue((value as unknown[])[i]))
				: isEmptyValue(value)
					? spec.sources
					: [];
			if (missing.length > 0) {
				throw new StepError(
					`the field${missing.length > 1 ? 's' : ''} ${missing.map((name) => `"${name}"`).join(' and ')} ${missing.length > 1 ? 'are' : 'is'} missing or empty, but this rule is required`,
				);
			}
		}
		let failure: StepError | undefined;
		for (let i = 0; i < steps.length && !failure; i++) {
			try {
				value = steps[i].fn(value, item);
			} catch (error) {
				failure = withContext(error, steps[i].name);
			}
		}
		for (let i = 0; i < validators.length && !failure; i++) {
			try {
				validators[i].check(value);
			} catch (error) {
				failure = withContext(error, validators[i].name);
			}
		}
		if (failure) throw failure;
		return jsonSafe(value);
	};
	return {
		summary: {
			position: spec.position,
			label,
			sources: spec.sources,
			target: spec.target,
			transformations: spec.steps.map((step) => step.type),
		},
		field,
		run,
		targetPath,
	};
}

/** Refuses two rules writing the same field, or one writing inside the other's field. */
function checkTargets(rules: CompiledRule[], problems: string[]): void {
	const seen = new Map<string, CompiledRule>();
	for (const rule of rules) {
		const path = rule.targetPath.join('.');
		for (const [other, earlier] of seen) {
			if (other === path) {
				problems.push(
					`${rule.summary.label}: ${earlier.summary.label} already writes "${path}": give each rule its own target, or chain the transformations in one rule`,
				);
			} else if (path.indexOf(`${other}.`) === 0 || other.indexOf(`${path}.`) === 0) {
				problems.push(
					`${rule.summary.label}: its target "${path}" and the target "${other}" of ${earlier.summary.label} overlap (one is inside the other): choose separate fields`,
				);
			}
		}
		seen.set(path, rule);
	}
}

/**
 * Compiles a mapping configuration once: JSON parsed and checked, lookup tables indexed, regular
 * expressions and date formats prepared. The result maps items one by one without redoing that work.
 * Throws MappingConfigError when the configuration cannot be used.
 */
export function compileMapping(config: unknown, options: CompileOptions = {}): CompiledMapping {
	const problems: string[] = [];
	const { rules: specs, warnings } = collectMappingConfig(config, problems);
	if (options.defaultTimezone) {
		try {
			compileFormatDate({ input_timezone: options.defaultTimezone }, 'UTC');
		} catch (error) {
			problems.push(`The workflow time zone: ${problemMessage(error)}`);
		}
	}
	const rules: CompiledRule[] = [];
	for (const spec of specs) {
		const rule = compileRule(spec, options, problems);
		if (rule) rules.push(rule);
	}
	checkTargets(rules, problems);
	if (problems.length > 0) throw new MappingConfigError(inRuleOrder(problems));

	const keepInput = options.keepInputFields === true;
	const failedValue = options.onRuleFailure === 'null' ? null : undefined;
	const write = options.writeProperty ?? assignProperty;
	const nested = rules.some((rule) => rule.targetPath.length > 1);

	const place = (
		output: Record<string, unknown>,
		rule: CompiledRule,
		value: unknown,
		owned: Set<object> | undefined,
		issues: RuleIssue[],
	) => {
		if (rule.targetPath.length === 1) {
			write(output, rule.targetPath[0], value);
			return;
		}
		const conflict = writePath(output, rule.targetPath, value, owned as Set<object>, write);
		if (conflict) {
			issues.push(issueFor(rule, `the target could not be written: ${conflict}`));
		}
	};

	return {
		rules: rules.map((rule) => rule.summary),
		warnings,
		map(item) {
			const output: Record<string, unknown> = keepInput ? { ...item } : {};
			const owned = nested ? new Set<object>() : undefined;
			const issues: RuleIssue[] = [];
			for (let r = 0; r < rules.length; r++) {
				const rule = rules[r];
				let value: unknown;
				try {
					value = rule.run(item);
				} catch (error) {
					issues.push(issueFor(rule, failureMessage(error)));
					if (failedValue === null) place(output, rule, null, owned, issues);
					continue;
				}
				if (value !== undefined) place(output, rule, value, owned, issues);
			}
			return { json: output, issues };
		},
	};
}

/** Problems found while reading and while compiling, sorted by the rule they concern (stable). */
function inRuleOrder(problems: string[]): string[] {
	const ruleOf = (problem: string) => {
		const match = /^Rule (\d+)/.exec(problem);
		return match ? Number(match[1]) : 0;
	};
	return problems
		.map((problem, index) => ({ problem, index, rule: ruleOf(problem) }))
		.sort((a, b) => a.rule - b.rule || a.index - b.index)
		.map((entry) => entry.problem);
}

function issueFor(rule: CompiledRule, message: string): RuleIssue {
	return {
		rule: rule.summary.position,
		ruleLabel: rule.summary.label,
		field: rule.field,
		target: rule.summary.target,
		reason: message,
		message: `${rule.summary.label}: ${message}`,
	};
}
