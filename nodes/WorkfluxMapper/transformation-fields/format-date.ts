import type { INodeProperties } from 'n8n-workflow';

import { forTypes } from './show-for';

/** Format Date: how dates come in, and how and in which time zone they go out. */
export const formatDateFields: INodeProperties[] = [
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
];
