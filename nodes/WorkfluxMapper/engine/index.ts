/**
 * WorkFlux Mapper engine: WorkFlux's field mapping and transformation functions as pure TypeScript,
 * with no n8n imports (luxon and zod are supplied by n8n at run time). Compile a configuration once
 * with compileMapping, then map each item with the result's map().
 */
export { compileMapping } from './compile';
export type { CompileOptions, CompiledMapping, MappingResult, RuleSummary } from './compile';
export { readMappingConfig } from './config/read-config';
export type { MappingConfig, RuleSpec, StepSpec } from './config/read-config';
export { TRANSFORMATION_NAMES } from './config/schema';
export type { TransformationName } from './config/schema';
export { MappingConfigError, StepError } from './errors';
export type { RuleIssue } from './errors';
export { isPrototypeKey } from './paths';
export {
	PHONE_COUNTRY_CODES,
	PHONE_OUTPUT_FORMATS,
	formatPhone,
	parsePhone,
} from './phone/phone-number';
export type { ParsedPhone, PhoneOutputFormat } from './phone/phone-number';
export { emailProblem } from './validation/email';
export { VALIDATION_TYPES } from './validation/validators';
export type { ValidationSpec, ValidationType } from './validation/validators';
