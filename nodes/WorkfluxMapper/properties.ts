import type { INodeProperties } from 'n8n-workflow';

import { PHONE_COUNTRY_OPTIONS } from './phone-countries';

/** The guide's "Example Mapping Configuration", offered as the starting point of JSON mode. */
export const GUIDE_EXAMPLE_CONFIG = `{
  "mappings": [
    {
      "source": "first_name",
      "target": "FirstName",
      "transformation": "trim"
    },
    {
      "source": "email",
      "target": "Email",
      "transformation": "lowercase",
      "validation": "email"
    },
    {
      "source": ["first_name", "last_name"],
      "target": "FullName",
      "transformation": "concat",
      "separator": " "
    }
  ]
}`;

const forTypes = (...types: string[]) => ({ displayOptions: { show: { type: types } } });

const NO_COUNTRY = { name: 'None (Numbers Must Start With +)', value: '' };

/** One step of a rule's transformation chain, with each option shown only for its transformation. */
const transformationFields: INodeProperties[] = [
	{
		displayName: 'Transformation',
		name: 'type',
		type: 'options',
		default: 'trim',
		options: [
			{
				name: 'Concat',
				value: 'concat',
				description: 'Join several fields (or a list) into one text',
			},
			{
				name: 'Format Date',
				value: 'format_date',
				description: 'Read a date and write it in another format or time zone',
			},
			{
				name: 'Format Phone',
				value: 'format_phone',
				description: 'Write a phone number as E.164, international, national, tel: or digits',
			},
			{ name: 'Lookup', value: 'lookup', description: 'Replace a value using a table of pairs' },
			{ name: 'Lowercase', value: 'lowercase', description: 'Convert to lowercase' },
			{
				name: 'Split',
				value: 'split',
				description: 'Split text into a list, or keep one part of it',
			},
			{
				name: 'Trim',
				value: 'trim',
				description: 'Remove white space (including invisible spaces) at both ends',
			},
			{ name: 'Uppercase', value: 'uppercase', description: 'Convert to uppercase' },
		],
	},
	{
		displayName: 'Language',
		name: 'locale',
		type: 'string',
		default: '',
		placeholder: 'tr',
		description:
			'Language-specific case rules, such as tr for Turkish (i ↔ İ, ı ↔ I). Leave empty for the standard rules.',
		...forTypes('lowercase', 'uppercase'),
	},
	{
		displayName: 'Collapse Inner Spaces',
		name: 'collapseSpaces',
		type: 'boolean',
		default: false,
		description: 'Whether to also turn every run of spaces inside the text into one space',
		...forTypes('trim'),
	},
	{
		displayName: 'Input Format',
		name: 'inputFormat',
		type: 'options',
		default: 'automatic',
		options: [
			{ name: 'Automatic (ISO 8601, Unix, RFC 2822, HTTP, SQL)', value: 'automatic' },
			{ name: 'Custom Format(s)', value: 'custom' },
			{ name: 'HTTP Date', value: 'http' },
			{ name: 'ISO 8601', value: 'iso' },
			{ name: 'RFC 2822', value: 'rfc2822' },
			{ name: 'SQL', value: 'sql' },
			{ name: 'Unix Milliseconds', value: 'unix_ms' },
			{ name: 'Unix Seconds', value: 'unix_seconds' },
			{ name: 'Unix Seconds or Milliseconds (Detected)', value: 'unix' },
		],
		description: 'How the incoming dates are written',
		...forTypes('format_date'),
	},
	{
		displayName: 'Custom Input Formats',
		name: 'customInputFormats',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		placeholder: 'dd.MM.yyyy\nMM/dd/yyyy HH:mm',
		description:
			'One format per line, in Luxon tokens (yyyy year, MM month, dd day, HH hour, mm minute). They are tried in order.',
		displayOptions: { show: { type: ['format_date'], inputFormat: ['custom'] } },
	},
	{
		displayName: 'Input Time Zone',
		name: 'inputTimezone',
		type: 'string',
		default: '',
		placeholder: 'Europe/Berlin',
		description:
			"Time zone of dates written without one (such as 2026-03-29 10:00). Leave empty to use the workflow's time zone. Dates without a time keep their day.",
		...forTypes('format_date'),
	},
	{
		displayName: 'Output Format',
		name: 'outputFormat',
		type: 'options',
		default: 'iso',
		options: [
			{ name: 'Custom Format', value: 'custom' },
			{ name: 'Date Only (2026-03-29)', value: 'iso_date' },
			{ name: 'HTTP Date', value: 'http' },
			{ name: 'ISO 8601 (2026-03-29T10:00:00+02:00)', value: 'iso' },
			{ name: 'RFC 2822', value: 'rfc2822' },
			{ name: 'SQL (2026-03-29 10:00:00.000)', value: 'sql' },
			{ name: 'Unix Milliseconds (Number)', value: 'unix_ms' },
			{ name: 'Unix Seconds (Number)', value: 'unix_seconds' },
		],
		...forTypes('format_date'),
	},
	{
		displayName: 'Custom Output Format',
		name: 'customOutputFormat',
		type: 'string',
		default: 'dd.MM.yyyy HH:mm',
		description: 'Luxon tokens, such as dd.MM.yyyy HH:mm or EEEE, d MMMM yyyy',
		displayOptions: { show: { type: ['format_date'], outputFormat: ['custom'] } },
	},
	{
		displayName: 'Output Time Zone',
		name: 'outputTimezone',
		type: 'string',
		default: '',
		placeholder: 'America/New_York',
		description: 'Convert to this time zone. Leave empty to keep the time zone the date has.',
		...forTypes('format_date'),
	},
	{
		displayName: 'Language of Month and Day Names',
		name: 'dateLocale',
		type: 'string',
		default: 'en-US',
		description: 'For formats with names, such as MMMM (March) or EEEE (Sunday)',
		...forTypes('format_date'),
	},
	{
		displayName: 'Phone Format',
		name: 'phoneFormat',
		type: 'options',
		default: 'e164',
		options: [
			{ name: 'Digits Only (4930123456)', value: 'digits' },
			{ name: 'E.164 (+4930123456)', value: 'e164' },
			{ name: 'International (+49 30 123456)', value: 'international' },
			{ name: 'National (030 123456)', value: 'national' },
			{ name: 'National Digits Only (030123456)', value: 'national_digits' },
			{ name: 'RFC 3966 (tel:+4930123456)', value: 'rfc3966' },
		],
		...forTypes('format_phone'),
	},
	{
		displayName: 'Default Country',
		name: 'defaultCountry',
		type: 'options',
		default: '',
		options: [NO_COUNTRY, ...PHONE_COUNTRY_OPTIONS],
		description: 'The country of numbers written without +, such as 030 123456',
		...forTypes('format_phone'),
	},
	{
		displayName: 'Country Field',
		name: 'countryField',
		type: 'string',
		default: '',
		placeholder: 'customer.country',
		description:
			'A field of the item holding a two-letter country code (DE, US). When it is filled it wins over the default country.',
		...forTypes('format_phone'),
	},
	{
		displayName: 'If the Number Is Invalid',
		name: 'onInvalidPhone',
		type: 'options',
		default: 'error',
		options: [
			{ name: 'Fail the Rule', value: 'error' },
			{ name: 'Keep the Original Value', value: 'keep' },
		],
		...forTypes('format_phone'),
	},
	{
		displayName: 'Separator',
		name: 'concatSeparator',
		type: 'string',
		default: ' ',
		description: 'Put between the values (a space by default)',
		...forTypes('concat'),
	},
	{
		displayName: 'Skip Empty Values',
		name: 'skipEmpty',
		type: 'boolean',
		default: true,
		description: 'Whether to leave out missing and empty values, so no double separators appear',
		...forTypes('concat'),
	},
	{
		displayName: 'Separator',
		name: 'splitSeparator',
		type: 'string',
		default: ',',
		description: 'The text between the parts',
		...forTypes('split'),
	},
	{
		displayName: 'Separator Is a Regular Expression',
		name: 'separatorIsRegex',
		type: 'boolean',
		default: false,
		description: 'Whether the separator is a regular expression, such as \\s*[;,]\\s*',
		...forTypes('split'),
	},
	{
		displayName: 'Trim Parts',
		name: 'trimParts',
		type: 'boolean',
		default: true,
		description: 'Whether to remove white space around each part',
		...forTypes('split'),
	},
	{
		displayName: 'Drop Empty Parts',
		name: 'dropEmpty',
		type: 'boolean',
		default: true,
		description: 'Whether to leave out empty parts',
		...forTypes('split'),
	},
	{
		displayName: 'Keep',
		name: 'part',
		type: 'options',
		default: 'all',
		options: [
			{ name: 'All Parts (as a List)', value: 'all' },
			{ name: 'First Part', value: 'first' },
			{ name: 'Last Part', value: 'last' },
			{ name: 'Part Number…', value: 'nth' },
		],
		...forTypes('split'),
	},
	{
		displayName: 'Part Number',
		name: 'partIndex',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 1,
		description: 'Which part to keep, counting from 1. A part that does not exist gives null.',
		displayOptions: { show: { type: ['split'], part: ['nth'] } },
	},
	{
		displayName: 'Table Entered As',
		name: 'tableSource',
		type: 'options',
		default: 'rows',
		options: [
			{ name: 'Rows', value: 'rows' },
			{ name: 'JSON', value: 'json' },
		],
		...forTypes('lookup'),
	},
	{
		displayName: 'Lookup Table',
		name: 'lookupRows',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Row',
		default: {},
		displayOptions: { show: { type: ['lookup'], tableSource: ['rows'] } },
		options: [
			{
				displayName: 'Row',
				name: 'row',
				values: [
					{ displayName: 'Key', name: 'key', type: 'string', default: '', placeholder: 'gold' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '', placeholder: 'VIP' },
				],
			},
		],
	},
	{
		displayName: 'Lookup Table (JSON)',
		name: 'lookupJson',
		type: 'json',
		default: '{\n  "gold": "VIP",\n  "silver": "Regular"\n}',
		description: 'An object of key: value pairs',
		displayOptions: { show: { type: ['lookup'], tableSource: ['json'] } },
	},
	{
		displayName: 'Ignore Case',
		name: 'caseInsensitive',
		type: 'boolean',
		default: true,
		description: 'Whether RETAIL, Retail and retail count as the same key',
		...forTypes('lookup'),
	},
	{
		displayName: 'Ignore Spaces Around Keys',
		name: 'trimKeys',
		type: 'boolean',
		default: true,
		description:
			'Whether to ignore white space at the ends of keys and repeated spaces inside them',
		...forTypes('lookup'),
	},
	{
		displayName: 'If No Key Matches',
		name: 'onNoMatch',
		type: 'options',
		default: 'error',
		options: [
			{ name: 'Fail the Rule', value: 'error' },
			{ name: 'Keep the Original Value', value: 'keep' },
			{ name: 'Use a Default Value', value: 'default' },
		],
		...forTypes('lookup'),
	},
	{
		displayName: 'Default Value',
		name: 'defaultValue',
		type: 'string',
		default: '',
		description: 'The result when the value is not in the table',
		displayOptions: { show: { type: ['lookup'], onNoMatch: ['default'] } },
	},
	{
		displayName: 'Value for Empty Input',
		name: 'emptyValue',
		type: 'string',
		default: '',
		description:
			'The result when the field is missing or empty. Leave blank to keep empty values as they are.',
		...forTypes('lookup'),
	},
];

const ruleFields: INodeProperties[] = [
	{
		displayName: 'Source Field',
		name: 'source',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'customer.email',
		description:
			'The input field to read; use dots for nested fields (customer.address.city). For Concat, list several fields separated by commas (first_name, last_name).',
	},
	{
		displayName: 'Target Field',
		name: 'target',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'Email',
		description: 'The output field to write; dots create nested fields',
	},
	{
		displayName: 'Transformations',
		name: 'transformations',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Transformation',
		default: {},
		description: 'Applied one after the other, top to bottom',
		options: [{ displayName: 'Transformation', name: 'step', values: transformationFields }],
	},
	{
		displayName: 'Required',
		name: 'required',
		type: 'boolean',
		default: false,
		description: 'Whether the rule fails when the source field is missing or empty',
	},
	{
		displayName: 'Validation',
		name: 'validation',
		type: 'options',
		default: 'none',
		options: [
			{ name: 'Email Address', value: 'email' },
			{ name: 'None', value: 'none' },
			{ name: 'Not Empty', value: 'not_empty' },
			{ name: 'Number', value: 'number' },
			{ name: 'Pattern (Regular Expression)', value: 'pattern' },
			{ name: 'Phone Number', value: 'phone' },
			{ name: 'Web Address (URL)', value: 'url' },
		],
		description: 'Checks the value after the transformations',
	},
	{
		displayName: 'Pattern',
		name: 'validationPattern',
		type: 'string',
		default: '',
		placeholder: '^\\d{5}$',
		description:
			'The regular expression the value must match. Back-references (\\1) and look-arounds ((?= ... ), (?! ... )) are not supported.',
		displayOptions: { show: { validation: ['pattern'] } },
	},
	{
		displayName: 'ASCII Only',
		name: 'validationAsciiOnly',
		type: 'boolean',
		default: false,
		description:
			'Whether to refuse addresses with letters other than English ones before the @ (such as åsa@example.se), for mail systems that cannot deliver to them. Domains such as müller.de are accepted either way.',
		displayOptions: { show: { validation: ['email'] } },
	},
	{
		displayName: 'Country for Numbers Without +',
		name: 'validationCountry',
		type: 'options',
		default: '',
		options: [NO_COUNTRY, ...PHONE_COUNTRY_OPTIONS],
		displayOptions: { show: { validation: ['phone'] } },
	},
	{
		displayName: 'Error Message',
		name: 'validationMessage',
		type: 'string',
		default: '',
		placeholder: 'must be a 5-digit ZIP code',
		description:
			'Shown instead of the standard explanation when the check fails. Leave empty for the standard one.',
		displayOptions: { hide: { validation: ['none'] } },
	},
];

export const mapperProperties: INodeProperties[] = [
	{
		// A tool gets its data from the model's call, not from an input item: this is where it goes in.
		displayName: 'Record to Map',
		name: 'toolRecord',
		type: 'json',
		// Typed "string" (JSON text): n8n's "json" type reaches the model as a parameter with no type at all.
		default:
			"={{ $fromAI('record', 'The record to map: a JSON object, written as text, whose keys are the fields the mapping rules read', 'string') }}",
		description:
			'The data the AI model gives this tool; the rules read their source fields from it. To tell the model each field, write an object such as {{ { "email": $fromAI("email", "The e-mail address", "string") } }}.',
		displayOptions: { show: { '@tool': [true] } },
	},
	{
		displayName: 'Mode',
		name: 'mode',
		type: 'options',
		noDataExpression: true,
		default: 'rules',
		options: [
			{
				name: 'Rules in the Editor',
				value: 'rules',
				description: 'Add the rules one by one below',
			},
			{
				name: 'JSON',
				value: 'json',
				description: "Paste a WorkFlux mapping configuration, as in WorkFlux's integration guide",
			},
		],
	},
	{
		displayName: 'Rules',
		name: 'rules',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Rule',
		default: {},
		displayOptions: { show: { mode: ['rules'] } },
		options: [{ displayName: 'Rule', name: 'rule', values: ruleFields }],
	},
	{
		displayName: 'Mapping Configuration (JSON)',
		name: 'jsonConfig',
		type: 'json',
		default: GUIDE_EXAMPLE_CONFIG,
		description:
			'{"mappings": [...]} with source, target, transformation, separator, required and validation, or a single field mapping with source_field and target_field',
		displayOptions: { show: { mode: ['json'] } },
	},
	{
		displayName: 'When a Rule Fails',
		name: 'onFailure',
		type: 'options',
		noDataExpression: true,
		default: 'stop',
		options: [
			{
				name: 'Leave the Field Out',
				value: 'skipField',
				description: 'The item continues without the failed field',
			},
			{
				name: 'Send to the Invalid Output',
				value: 'invalidOutput',
				description: 'The item goes, unchanged and with its errors listed, to a second output',
			},
			{
				name: 'Set the Field to Null',
				value: 'setNull',
				description: 'The item continues with null in the failed field',
			},
			{
				name: 'Stop the Workflow',
				value: 'stop',
				description: 'The workflow stops with an error naming the item, the rule and the field',
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Add Error List',
				name: 'addErrorList',
				type: 'boolean',
				default: false,
				description:
					'Whether items whose rules failed get a mappingErrors field listing them (when the field is left out or set to null)',
			},
			{
				displayName: 'Keep Other Input Fields',
				name: 'keepInputFields',
				type: 'boolean',
				default: false,
				description:
					'Whether to keep the input fields next to the mapped ones, or output only the mapped fields',
			},
		],
	},
];
