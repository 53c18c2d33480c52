/**
 * What the Mapper does when it runs. Kept apart from the node's description (WorkfluxMapper.node.ts) and loaded on
 * the first run: n8n loads every installed node when it starts, and the mapping engine is most of the Mapper's code.
 */
import {
	isSafeObjectProperty,
	NodeOperationError,
	setSafeObjectProperty,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import { editorRulesToConfig, type EditorRule } from './editor-rules';
import { compileMapping, MappingConfigError, type CompiledMapping, type RuleIssue } from './engine';
import { isToolRun } from './tool-run';

type OnFailure = 'stop' | 'invalidOutput' | 'skipField' | 'setNull';

interface MapperOptions {
	keepInputFields?: boolean;
	addErrorList?: boolean;
}

/** Whether any rule setting is an expression, which may give each item different rules. */
function usesExpressions(value: unknown): boolean {
	if (typeof value === 'string') return value.charAt(0) === '=';
	if (Array.isArray(value)) return value.some(usesExpressions);
	if (value !== null && typeof value === 'object')
		return Object.values(value).some(usesExpressions);
	return false;
}

function errorList(issues: RuleIssue[]): IDataObject[] {
	return issues.map((issue) => ({
		rule: issue.ruleLabel,
		field: issue.field,
		target: issue.target,
		message: issue.reason,
	}));
}

/** Stops the workflow naming the item, the rule and the field, with every failure listed. */
function ruleFailure(context: IExecuteFunctions, issues: RuleIssue[], itemIndex: number) {
	const first = issues[0];
	const others =
		issues.length > 1
			? `\n\nOther rules that failed for this item:\n${issues
					.slice(1)
					.map((issue) => `- ${issue.message}`)
					.join('\n')}`
			: '';
	return new NodeOperationError(
		context.getNode(),
		`Item ${itemIndex + 1}, ${first.ruleLabel}, field "${first.field}": ${first.reason}`,
		{
			itemIndex,
			description: `Fix the value in the input, or the rule. To let the workflow go on, set "When a Rule Fails" to send such items to the Invalid output, leave the field out or set it to null.${others}`,
		},
	);
}

function asNodeError(
	context: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
): NodeOperationError {
	if (error instanceof NodeOperationError) return error;
	if (error instanceof MappingConfigError) {
		return new NodeOperationError(
			context.getNode(),
			error.problems.length === 1
				? error.problems[0]
				: `The mapping rules have ${error.problems.length} problems`,
			{
				itemIndex,
				description:
					error.problems.length === 1
						? 'Correct the rule and run the node again.'
						: `${error.problems.map((problem) => `- ${problem}`).join('\n')}\n\nCorrect the rules and run the node again.`,
			},
		);
	}
	return new NodeOperationError(context.getNode(), error as Error, { itemIndex });
}

/**
 * What the model sent a Mapper tool ("Record to Map"): an object, given as one or as JSON text. A tool saved
 * without the parameter maps its input item, as before.
 */
function recordFromModel(
	context: IExecuteFunctions,
	itemIndex: number,
	input: IDataObject,
): IDataObject {
	const value = context.getNodeParameter('toolRecord', itemIndex, input) as unknown;
	let record = value;
	if (typeof value === 'string') {
		try {
			record = JSON.parse(value);
		} catch {
			record = undefined;
		}
	}
	if (typeof record !== 'object' || record === null || Array.isArray(record)) {
		// The whole next step is in the message: an AI Agent passes the model the message only.
		throw new NodeOperationError(
			context.getNode(),
			'The record to map must be a JSON object with the fields the rules read, for example {"email": "ada@example.com"}',
			{ itemIndex, description: `Received: ${String(value).slice(0, 100)}` },
		);
	}
	return record as IDataObject;
}

/**
 * Compiles the rules for an item: once per distinct configuration, which is the same for every item unless a
 * setting is an expression. What compiling warns about becomes a hint on the output pane, each hint once.
 */
function mappingCompiler(
	context: IExecuteFunctions,
	onFailure: OnFailure,
): (itemIndex: number) => CompiledMapping {
	const compiled = new Map<string, CompiledMapping>();
	const hinted = new Set<string>();
	return (itemIndex) => {
		const mode = context.getNodeParameter('mode', itemIndex, 'rules') as string;
		const options = context.getNodeParameter('options', itemIndex, {}) as MapperOptions;
		const config =
			mode === 'json'
				? context.getNodeParameter('jsonConfig', itemIndex, '')
				: editorRulesToConfig(
						context.getNodeParameter('rules.rule', itemIndex, []) as EditorRule[],
					);
		const key = JSON.stringify([mode, options.keepInputFields === true, config]);
		let mapping = compiled.get(key);
		if (!mapping) {
			mapping = compileMapping(config, {
				defaultTimezone: context.getTimezone(),
				keepInputFields: options.keepInputFields === true,
				onRuleFailure: onFailure === 'setNull' ? 'null' : 'omit',
				isSafeKey: isSafeObjectProperty,
				writeProperty: setSafeObjectProperty,
			});
			compiled.set(key, mapping);
			for (const warning of mapping.warnings) {
				if (hinted.has(warning)) continue;
				hinted.add(warning);
				context.addExecutionHints({ message: warning, location: 'outputPane' });
			}
		}
		return mapping;
	};
}

/**
 * The output item for one mapped record, and whether it failed a rule (it then belongs on the Invalid output,
 * when the node has one). With "When a Rule Fails" set to stop, a failure throws instead.
 */
function outputItem(
	context: IExecuteFunctions,
	mapped: {
		input: INodeExecutionData;
		source: IDataObject;
		result: ReturnType<CompiledMapping['map']>;
	},
	settings: { onFailure: OnFailure; options: MapperOptions; itemIndex: number },
): { item: INodeExecutionData; invalid: boolean } {
	const { input, source, result } = mapped;
	const { onFailure, options, itemIndex } = settings;
	const pairedItem = { item: itemIndex };
	// Like Edit Fields, binary data travels on only with the other input fields.
	const binary = options.keepInputFields ? input.binary : undefined;
	const json = result.json as IDataObject;
	if (result.issues.length === 0) {
		return { item: { json, ...(binary ? { binary } : {}), pairedItem }, invalid: false };
	}
	if (onFailure === 'stop') throw ruleFailure(context, result.issues, itemIndex);
	const mappingErrors = errorList(result.issues);
	if (onFailure === 'invalidOutput') {
		// The record as it came, so it can be fixed and sent again.
		const failed = { json: { ...source, mappingErrors }, pairedItem };
		return { item: input.binary ? { ...failed, binary: input.binary } : failed, invalid: true };
	}
	return {
		item: {
			json: options.addErrorList ? { ...json, mappingErrors } : json,
			...(binary ? { binary } : {}),
			pairedItem,
		},
		invalid: false,
	};
}

export async function executeMapper(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const node = this.getNode();
	const onFailure = this.getNodeParameter('onFailure', 0, 'stop') as OnFailure;
	// As an AI Agent tool the node has a single output, so failing items stay in it with their errors.
	const toolRun = isToolRun(this);
	const splitOutputs = onFailure === 'invalidOutput' && !toolRun;
	const perItem = usesExpressions({
		rules: node.parameters.rules,
		jsonConfig: node.parameters.jsonConfig,
		options: node.parameters.options,
	});
	const mappingFor = mappingCompiler(this, onFailure);

	const valid: INodeExecutionData[] = [];
	const invalid: INodeExecutionData[] = [];
	let shared: CompiledMapping | undefined;
	let sharedOptions: MapperOptions | undefined;
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const mapping = perItem ? mappingFor(itemIndex) : (shared ??= mappingFor(0));
			const options = perItem
				? (this.getNodeParameter('options', itemIndex, {}) as MapperOptions)
				: (sharedOptions ??= this.getNodeParameter('options', 0, {}) as MapperOptions);
			const input = items[itemIndex];
			const source = toolRun ? recordFromModel(this, itemIndex, input.json) : input.json;
			const placed = outputItem(
				this,
				{ input, source, result: mapping.map(source) },
				{ onFailure, options, itemIndex },
			);
			(placed.invalid && splitOutputs ? invalid : valid).push(placed.item);
		} catch (error) {
			const failure = asNodeError(this, error, itemIndex);
			if (!this.continueOnFail()) throw failure;
			valid.push({
				json: { error: failure.message, description: failure.description ?? '' },
				pairedItem: { item: itemIndex },
			});
		}
	}
	return splitOutputs ? [valid, invalid] : [valid];
}
