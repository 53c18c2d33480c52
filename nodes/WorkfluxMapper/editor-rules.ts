import { MappingConfigError } from './engine';

/** One transformation as the editor stores it (fields the user did not touch may be missing). */
export interface EditorStep {
	type?: string;
	locale?: string;
	collapseSpaces?: boolean;
	inputFormat?: string;
	customInputFormats?: string;
	inputTimezone?: string;
	outputFormat?: string;
	customOutputFormat?: string;
	outputTimezone?: string;
	dateLocale?: string;
	phoneFormat?: string;
	defaultCountry?: string;
	countryField?: string;
	onInvalidPhone?: string;
	concatSeparator?: string;
	skipEmpty?: boolean;
	splitSeparator?: string;
	separatorIsRegex?: boolean;
	trimParts?: boolean;
	dropEmpty?: boolean;
	part?: string;
	partIndex?: number;
	tableSource?: string;
	lookupRows?: { row?: Array<{ key?: string; value?: string }> };
	lookupJson?: unknown;
	caseInsensitive?: boolean;
	trimKeys?: boolean;
	onNoMatch?: string;
	defaultValue?: string;
	emptyValue?: string;
}

/** One rule as the editor stores it. */
export interface EditorRule {
	source?: string;
	target?: string;
	transformations?: { step?: EditorStep[] };
	required?: boolean;
	validation?: string;
	validationPattern?: string;
	validationAsciiOnly?: boolean;
	validationCountry?: string;
	validationMessage?: string;
}

const filled = (text: string | undefined): text is string =>
	typeof text === 'string' && text.trim() !== '';

function parseTableJson(value: unknown, where: string): unknown {
	if (typeof value !== 'string') return value;
	let parsed: { table: unknown } | { error: string };
	try {
		parsed = { table: JSON.parse(value) };
	} catch (error) {
		parsed = { error: error instanceof Error ? error.message : String(error) };
	}
	if ('error' in parsed) {
		throw new MappingConfigError([
			`${where}: the lookup table is not valid JSON (${parsed.error}). Write it as {"key": "value", ...}.`,
		]);
	}
	return parsed.table;
}

function stepToJson(step: EditorStep, where: string): Record<string, unknown> {
	const type = step.type ?? 'trim';
	const json: Record<string, unknown> = { type };
	switch (type) {
		case 'lowercase':
		case 'uppercase':
			if (filled(step.locale)) json.locale = step.locale.trim();
			break;
		case 'trim':
			if (step.collapseSpaces) json.collapse_spaces = true;
			break;
		case 'format_date': {
			const inputFormat = step.inputFormat ?? 'automatic';
			if (inputFormat === 'custom') {
				json.input_formats = (step.customInputFormats ?? '')
					.split(/\r?\n/)
					.map((line) => line.trim())
					.filter(Boolean);
			} else if (inputFormat !== 'automatic') {
				json.input_formats = [inputFormat];
			}
			if (filled(step.inputTimezone)) json.input_timezone = step.inputTimezone.trim();
			const outputFormat = step.outputFormat ?? 'iso';
			json.output_format =
				outputFormat === 'custom' ? (step.customOutputFormat ?? '') : outputFormat;
			if (filled(step.outputTimezone)) json.output_timezone = step.outputTimezone.trim();
			if (filled(step.dateLocale)) json.locale = step.dateLocale.trim();
			break;
		}
		case 'format_phone':
			json.format = step.phoneFormat ?? 'e164';
			if (filled(step.defaultCountry)) json.default_country = step.defaultCountry;
			if (filled(step.countryField)) json.country_field = step.countryField.trim();
			json.on_invalid = step.onInvalidPhone ?? 'error';
			break;
		case 'concat':
			json.separator = step.concatSeparator ?? ' ';
			json.skip_empty = step.skipEmpty !== false;
			break;
		case 'split':
			json.separator = step.splitSeparator ?? ',';
			json.regex = step.separatorIsRegex === true;
			json.trim_parts = step.trimParts !== false;
			json.drop_empty = step.dropEmpty !== false;
			json.part = step.part ?? 'all';
			if (json.part === 'nth') json.index = step.partIndex ?? 1;
			break;
		case 'lookup': {
			json.table =
				step.tableSource === 'json'
					? parseTableJson(step.lookupJson ?? '{}', where)
					: (step.lookupRows?.row ?? []).map((row) => ({
							key: row.key ?? '',
							value: row.value ?? '',
						}));
			json.case_insensitive = step.caseInsensitive !== false;
			json.trim = step.trimKeys !== false;
			json.on_no_match = step.onNoMatch ?? 'error';
			if (json.on_no_match === 'default') json.default = step.defaultValue ?? '';
			if (filled(step.emptyValue)) json.empty_default = step.emptyValue;
			break;
		}
	}
	return json;
}

/**
 * Turns the rules entered in the editor into WorkFlux's mapping JSON, so both modes go through the
 * same checks and the same engine.
 */
export function editorRulesToConfig(rules: EditorRule[]): {
	mappings: Array<Record<string, unknown>>;
} {
	if (rules.length === 0) {
		throw new MappingConfigError([
			'No rules yet: add a rule with "Add Rule", or switch Mode to JSON',
		]);
	}
	return {
		mappings: rules.map((rule, index) => {
			const where = `Rule ${index + 1}`;
			const sources = (rule.source ?? '')
				.split(',')
				.map((source) => source.trim())
				.filter(Boolean);
			const json: Record<string, unknown> = {
				source: sources.length > 1 ? sources : (sources[0] ?? ''),
				target: (rule.target ?? '').trim(),
				transformation: (rule.transformations?.step ?? []).map((step) => stepToJson(step, where)),
				required: rule.required === true,
			};
			const validation = rule.validation ?? 'none';
			if (validation !== 'none') {
				const check: Record<string, unknown> = { type: validation };
				if (validation === 'pattern') check.pattern = rule.validationPattern ?? '';
				if (validation === 'email' && rule.validationAsciiOnly) check.ascii_only = true;
				if (validation === 'phone' && filled(rule.validationCountry)) {
					check.default_country = rule.validationCountry;
				}
				if (filled(rule.validationMessage)) check.message = rule.validationMessage.trim();
				json.validation = check;
			}
			return json;
		}),
	};
}
