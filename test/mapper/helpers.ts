/* eslint-disable @n8n/community-nodes/require-node-api-error */
import {
	compileMapping,
	MappingConfigError,
	type CompileOptions,
	type MappingResult,
} from '../../nodes/WorkfluxMapper/engine';

/** Maps one item through a list of rules (the `{ "mappings": [...] }` form). */
export function mapWith(
	rules: unknown[],
	item: Record<string, unknown>,
	options?: CompileOptions,
): MappingResult {
	return compileMapping({ mappings: rules }, options).map(item);
}

/**
 * Runs one rule reading field `v` and writing field `out`: returns what was written (undefined when
 * nothing was) and the messages of any failures.
 */
export function apply(
	rule: Record<string, unknown>,
	value: unknown,
	extraFields: Record<string, unknown> = {},
	options?: CompileOptions,
): { out: unknown; issues: string[] } {
	const item: Record<string, unknown> = { ...extraFields };
	if (value !== undefined) item.v = value;
	const result = mapWith([{ source: 'v', target: 'out', ...rule }], item, options);
	return { out: result.json.out, issues: result.issues.map((issue) => issue.message) };
}

/** The value one rule produces, failing the test when the rule reports a problem instead. */
export function output(
	rule: Record<string, unknown>,
	value: unknown,
	extra?: Record<string, unknown>,
) {
	const { out, issues } = apply(rule, value, extra);
	if (issues.length > 0) throw new Error(`unexpected rule failure: ${issues.join('; ')}`);
	return out;
}

/** The single failure message one rule produces for a value. */
export function failure(
	rule: Record<string, unknown>,
	value: unknown,
	extra?: Record<string, unknown>,
) {
	const { out, issues } = apply(rule, value, extra);
	if (issues.length !== 1) {
		throw new Error(`expected one failure, got ${issues.length} (output ${JSON.stringify(out)})`);
	}
	return issues[0];
}

/** The message of the MappingConfigError a configuration raises. */
export function configError(config: unknown, options?: CompileOptions): string {
	try {
		compileMapping(config, options);
	} catch (error) {
		if (error instanceof MappingConfigError) return error.message;
		throw error;
	}
	throw new Error('expected the configuration to be refused');
}
