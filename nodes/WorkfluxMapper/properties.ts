import type { INodeProperties } from 'n8n-workflow';

import { PHONE_COUNTRY_OPTIONS } from './phone-countries';
import { TRANSFORMATION_STEP_TITLE, transformationFields } from './transformation-fields';
import { NO_COUNTRY } from './transformation-fields/show-for';

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

/**
 * The title of a rule in the editor, shown also when it is collapsed: "phone → Phone" once both fields are
 * filled; until then (or in an n8n without item titles) n8n's own "Rule 1".
 */
const RULE_TITLE =
	'={{ $collection.item.value.source && $collection.item.value.target ? $collection.item.value.source + " → " + $collection.item.value.target : "" }}';

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
	// Next to the field it is about: whether the source may be missing or empty.
	{
		displayName: 'Required',
		name: 'required',
		type: 'boolean',
		default: false,
		description:
			'Whether the rule fails when the source field is missing or empty. When off, an empty value is copied as it is and a missing one is left out.',
	},
	{
		displayName: 'Transformations',
		name: 'transformations',
		type: 'fixedCollection',
		typeOptions: {
			multipleValues: true,
			sortable: true,
			fixedCollection: { itemTitle: TRANSFORMATION_STEP_TITLE },
		},
		placeholder: 'Add Transformation',
		default: {},
		description: 'Applied one after the other, top to bottom',
		options: [{ displayName: 'Transformation', name: 'step', values: transformationFields }],
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
		typeOptions: {
			multipleValues: true,
			sortable: true,
			fixedCollection: { itemTitle: RULE_TITLE },
		},
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
