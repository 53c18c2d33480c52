/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import {
	NodeHelpers,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
} from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { HarnessCredentialsHelper } from '../harness/credentials-helper';
import { runWorkflow, type WorkflowJson, type WorkflowRun } from '../harness/run-workflow';
import { WorkfluxMapper } from '../../nodes/WorkfluxMapper/WorkfluxMapper.node';
import { GUIDE_EXAMPLE_CONFIG } from '../../nodes/WorkfluxMapper/properties';

/**
 * The WorkFlux Mapper node run for real: workflows go through n8n-core's WorkflowExecute (test/harness),
 * with a Manual Trigger whose pinned output stands for the incoming items.
 */

const MAPPER = 'WorkFlux Mapper';

function mapperWorkflow(
	parameters: INodeParameters,
	items: Array<IDataObject | INodeExecutionData>,
	settings: Partial<INode> = {},
): WorkflowJson {
	const node = (name: string, type: string, x: number, extra: Partial<INode> = {}): INode => ({
		id: name,
		name,
		type,
		typeVersion: 1,
		position: [x, 0],
		parameters: {},
		...extra,
	});
	return {
		nodes: [
			node('Start', 'n8n-nodes-base.manualTrigger', 0),
			node(MAPPER, 'n8n-nodes-workflux.workfluxMapper', 220, { parameters, ...settings }),
			node('Valid', 'n8n-nodes-base.noOp', 440),
			node('Invalid', 'n8n-nodes-base.noOp', 440),
		],
		connections: {
			Start: { main: [[{ node: MAPPER, type: 'main', index: 0 }]] },
			[MAPPER]: {
				main: [
					[{ node: 'Valid', type: 'main', index: 0 }],
					[{ node: 'Invalid', type: 'main', index: 0 }],
				],
			},
		},
		pinData: {
			Start: items.map((item) =>
				'json' in item && typeof item.json === 'object'
					? (item as INodeExecutionData)
					: { json: item as IDataObject },
			),
		},
	};
}

const run = (
	parameters: INodeParameters,
	items: Array<IDataObject | INodeExecutionData>,
	settings?: Partial<INode>,
) =>
	runWorkflow(mapperWorkflow(parameters, items, settings), {
		credentialsHelper: new HarnessCredentialsHelper(),
	});

const json = (config: unknown) => ({ mode: 'json', jsonConfig: JSON.stringify(config) });

function outputsOf(result: WorkflowRun) {
	const node = result.workflow.getNode(MAPPER) as INode;
	return NodeHelpers.getNodeOutputs(result.workflow, node, new WorkfluxMapper().description);
}

describe('WorkFlux Mapper node in a workflow', () => {
	it('maps items with the guide’s example configuration, the default of JSON mode', async () => {
		const result = await run({ mode: 'json', jsonConfig: GUIDE_EXAMPLE_CONFIG }, [
			{ first_name: ' Ada ', last_name: 'Lovelace', email: 'ADA@Example.org' },
			{ first_name: 'Grace', last_name: 'Hopper', email: 'Grace.Hopper@Navy.MIL' },
		]);
		expect(result.status).toBe('success');
		expect(result.json(MAPPER)).toEqual([
			{ FirstName: 'Ada', Email: 'ada@example.org', FullName: ' Ada  Lovelace' },
			{ FirstName: 'Grace', Email: 'grace.hopper@navy.mil', FullName: 'Grace Hopper' },
		]);
		expect(result.items(MAPPER).map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(outputsOf(result)).toEqual([{ type: 'main' }]);
	});

	it('maps the guide’s single field mapping and shows that its email pattern is not used', async () => {
		const result = await run(
			{
				mode: 'json',
				jsonConfig:
					'{"source_field": "customer_email", "target_field": "email", "transformation": "lowercase", "required": true, "validation": {"type": "email", "pattern": "^[\\\\w-\\\\.]+@([\\\\w-]+\\\\.)+[\\\\w-]{2,4}$"}}',
			},
			[{ customer_email: 'Jane+Orders@Example.Museum' }],
		);
		expect(result.status).toBe('success');
		expect(result.json(MAPPER)).toEqual([{ email: 'jane+orders@example.museum' }]);
		expect(result.hints(MAPPER).map((hint) => hint.message)).toEqual([
			expect.stringContaining('the pattern given with the email validation is not used'),
		]);
	});

	it('builds rules from the editor, with defaults for the fields the user left alone', async () => {
		const rules = {
			rule: [
				{
					source: 'first, last',
					target: 'contact.name',
					transformations: {
						step: [
							{ type: 'trim', collapseSpaces: true },
							{ type: 'concat' },
							{ type: 'uppercase' },
						],
					},
				},
				{
					source: 'signed_up',
					target: 'contact.signedUp',
					transformations: {
						step: [
							{
								type: 'format_date',
								inputFormat: 'custom',
								customInputFormats: 'dd.MM.yyyy HH:mm\nyyyy-MM-dd',
								inputTimezone: 'Europe/Berlin',
								outputTimezone: 'UTC',
							},
						],
					},
				},
				{
					source: 'phone',
					target: 'contact.phone',
					transformations: {
						step: [
							{
								type: 'format_phone',
								phoneFormat: 'international',
								countryField: 'country',
								defaultCountry: 'US',
							},
						],
					},
					validation: 'phone',
				},
				{
					source: 'tiers',
					target: 'contact.tiers',
					transformations: {
						step: [
							{ type: 'split', splitSeparator: ';' },
							{
								type: 'lookup',
								lookupRows: {
									row: [
										{ key: 'gold', value: 'VIP' },
										{ key: 'silver', value: 'Regular' },
									],
								},
								onNoMatch: 'default',
								defaultValue: 'Other',
							},
						],
					},
				},
				{ source: 'email', target: 'contact.email', required: true, validation: 'email' },
			],
		};
		const result = await run({ mode: 'rules', rules }, [
			{
				first: ' Ada\u00A0 ',
				last: 'Lovelace',
				signed_up: '29.03.2026 02:30',
				phone: '020 7946 0018',
				country: 'GB',
				tiers: 'GOLD ; bronze;Silver ',
				email: 'ada@example.org',
			},
		]);
		expect(result.status).toBe('success');
		expect(result.json(MAPPER)).toEqual([
			{
				contact: {
					name: 'ADA LOVELACE',
					signedUp: '2026-03-29T01:30:00Z',
					phone: '+44 20 7946 0018',
					tiers: ['VIP', 'Other', 'Regular'],
					email: 'ada@example.org',
				},
			},
		]);
	});

	it('accepts international addresses unless ASCII Only is set, and checks a hostile pattern on a long value at once', async () => {
		const rules = {
			rule: [
				{ source: 'email', target: 'email', validation: 'email' },
				{ source: 'email', target: 'asciiEmail', validation: 'email', validationAsciiOnly: true },
				{ source: 'code', target: 'code', validation: 'pattern', validationPattern: '^(a+)+$' },
			],
		};
		const hostile = `${'a'.repeat(20_000)}!`;
		const result = await run({ mode: 'rules', rules, onFailure: 'invalidOutput' }, [
			{ email: 'jo@müller.de', code: 'aaa' },
			{ email: 'ÅSA@EXAMPLE.SE', code: 'aaaa' },
			{ email: 'jo@müller.de', code: hostile },
		]);
		expect(result.status).toBe('success');
		expect(result.json(MAPPER, 0)).toEqual([
			{ email: 'jo@müller.de', asciiEmail: 'jo@müller.de', code: 'aaa' },
		]);
		const invalid = result.json(MAPPER, 1) as Array<{ mappingErrors: Array<{ message: string }> }>;
		expect(invalid.map((item) => item.mappingErrors.map((error) => error.message))).toEqual([
			[
				'email check: "ÅSA@EXAMPLE.SE" is not a valid email address: the part before the @ has characters other than English letters, digits and . ! # $ % & \' * + / = ? ^ _ ` { | } ~ - (this check is set to ASCII only)',
			],
			[
				expect.stringMatching(
					/^pattern check: "a{20}.*" is not matching the pattern \^\(a\+\)\+\$$/,
				),
			],
		]);
	});

	it('sends failing items, unchanged and with their errors, to a second output named Invalid', async () => {
		const config = {
			mappings: [
				{
					source: 'email',
					target: 'Email',
					transformation: 'lowercase',
					validation: 'email',
					required: true,
				},
				{ source: 'phone', target: 'Phone', transformation: 'format_phone', default_country: 'DE' },
			],
		};
		const result = await run({ ...json(config), onFailure: 'invalidOutput' }, [
			{ email: 'A@B.CO', phone: '030 1234567' },
			{ email: 'not-an-email', phone: '12' },
			{ phone: '+49 89 1234567' },
		]);
		expect(result.status).toBe('success');
		expect(outputsOf(result)).toEqual([
			{ type: 'main', displayName: 'Valid' },
			{ type: 'main', displayName: 'Invalid' },
		]);
		expect(result.json(MAPPER, 0)).toEqual([{ Email: 'a@b.co', Phone: '+49301234567' }]);
		expect(result.items(MAPPER, 0).map((item) => item.pairedItem)).toEqual([{ item: 0 }]);
		expect(result.json(MAPPER, 1)).toEqual([
			{
				email: 'not-an-email',
				phone: '12',
				mappingErrors: [
					{
						rule: 'Rule 1 (email → Email)',
						field: 'email',
						target: 'Email',
						message: 'email check: "not-an-email" is not a valid email address: it has no @',
					},
					{
						rule: 'Rule 2 (phone → Phone)',
						field: 'phone',
						target: 'Phone',
						message:
							'format_phone: "12" is not a valid phone number: it is too short (2 digits): numbers in DE (+49) have 4 to 15 digits, not counting the country code or the leading 0',
					},
				],
			},
			{
				phone: '+49 89 1234567',
				mappingErrors: [
					{
						rule: 'Rule 1 (email → Email)',
						field: 'email',
						target: 'Email',
						message: 'the field "email" is missing or empty, but this rule is required',
					},
				],
			},
		]);
		expect(result.items(MAPPER, 1).map((item) => item.pairedItem)).toEqual([
			{ item: 1 },
			{ item: 2 },
		]);
		expect(result.json('Invalid')).toHaveLength(2);
	});

	it('stops the workflow with an error naming the item, the rule and the field', async () => {
		const config = {
			mappings: [
				{
					source: 'signup',
					target: 'SignupDate',
					transformation: 'format_date',
					input_formats: ['dd.MM.yyyy'],
				},
			],
		};
		const result = await run(json(config), [{ signup: '01.02.2026' }, { signup: '31.02.2026' }]);
		expect(result.status).toBe('error');
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe(
			'Item 2, Rule 1 (signup → SignupDate), field "signup": format_date: "31.02.2026" could not be read as a date (tried dd.MM.yyyy: day 31 is out of range). Add its format to the input formats, in Luxon tokens such as dd.MM.yyyy or MM/dd/yyyy HH:mm',
		);
		expect((result.error as { description?: string }).description).toContain(
			'set "When a Rule Fails"',
		);
	});

	it('continues on fail with an error item in place of each failing one', async () => {
		const config = { mappings: [{ source: 'v', target: 'out', validation: 'number' }] };
		const result = await run(json(config), [{ v: '12' }, { v: 'twelve' }], {
			onError: 'continueRegularOutput',
		});
		expect(result.status).toBe('success');
		expect(result.json(MAPPER)).toEqual([
			{ out: '12' },
			{
				error:
					'Item 2, Rule 1 (v → out), field "v": number check: "twelve" is not a number (write digits with an optional - and a dot for decimals, such as -12.5)',
				description: expect.stringContaining('Fix the value in the input, or the rule.'),
			},
		]);
		expect(result.items(MAPPER).map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('leaves a failed field out or sets it to null, optionally listing the errors, and keeps input fields', async () => {
		const config = { mappings: [{ source: 'e', target: 'E', validation: 'email' }] };
		const skipped = await run(
			{ ...json(config), onFailure: 'skipField', options: { keepInputFields: true } },
			[{ e: 'x', id: 1 }],
		);
		expect(skipped.json(MAPPER)).toEqual([{ e: 'x', id: 1 }]);
		const nulled = await run(
			{ ...json(config), onFailure: 'setNull', options: { addErrorList: true } },
			[{ e: 'x' }],
		);
		expect(nulled.json(MAPPER)).toEqual([
			{
				E: null,
				mappingErrors: [
					{
						rule: 'Rule 1 (e → E)',
						field: 'e',
						target: 'E',
						message: 'email check: "x" is not a valid email address: it has no @',
					},
				],
			},
		]);
	});

	it('passes binary data on with the other input fields only', async () => {
		const config = { source: 'name', target: 'name', transformation: 'uppercase' };
		const item = {
			json: { name: 'report' },
			binary: { data: { data: 'aGVsbG8=', mimeType: 'text/plain', fileName: 'report.txt' } },
		};
		const kept = await run({ ...json(config), options: { keepInputFields: true } }, [item]);
		expect(kept.items(MAPPER)[0].json).toEqual({ name: 'REPORT' });
		expect(kept.items(MAPPER)[0].binary?.data).toMatchObject({
			mimeType: 'text/plain',
			fileName: 'report.txt',
		});
		const mappedOnly = await run(json(config), [item]);
		expect(mappedOnly.items(MAPPER)[0].binary).toBeUndefined();
	});

	it('fails a lookup rule built in the editor when no key matches, unless told otherwise', async () => {
		const lookupRule = (step: IDataObject) => ({
			rule: [
				{
					source: 'tier',
					target: 'tier',
					transformations: {
						step: [
							{ type: 'lookup', lookupRows: { row: [{ key: 'gold', value: 'VIP' }] }, ...step },
						],
					},
				},
			],
		});
		const strict = await run({ mode: 'rules', rules: lookupRule({}), onFailure: 'setNull' }, [
			{ tier: 'Gold' },
			{ tier: 'tin' },
		]);
		expect(strict.json(MAPPER)).toEqual([{ tier: 'VIP' }, { tier: null }]);
		const lenient = await run({ mode: 'rules', rules: lookupRule({ onNoMatch: 'keep' }) }, [
			{ tier: 'tin' },
		]);
		expect(lenient.json(MAPPER)).toEqual([{ tier: 'tin' }]);
	});

	it('refuses prototype targets and the names n8n blocks, before any item is mapped', async () => {
		const polluting = await run(json({ source: 'a', target: 'settings.__proto__.polluted' }), [
			{ a: 'yes' },
		]);
		expect(polluting.status).toBe('error');
		expect(polluting.error?.message).toContain('uses the name "__proto__", which is not allowed');
		expect(({} as IDataObject).polluted).toBeUndefined();
		// n8n's isSafeObjectProperty blocks more names than the engine's own three.
		const blocked = await run(json({ source: 'a', target: 'meta.__defineGetter__' }), [{ a: 'x' }]);
		expect(blocked.error?.message).toContain('uses the name "__defineGetter__"');
	});

	it('lists every configuration problem in the error, and gives each item the error on continue', async () => {
		const config = {
			mappings: [{ source: 'a', target: 'b', transformation: 'lowercse' }, { target: 'c' }],
		};
		const stopped = await run(json(config), [{ a: 1 }]);
		expect(stopped.error?.message).toBe('The mapping rules have 2 problems');
		expect((stopped.error as { description?: string }).description).toContain(
			'(did you mean "lowercase"?)',
		);
		const continued = await run(json(config), [{ a: 1 }, { a: 2 }], {
			onError: 'continueRegularOutput',
		});
		expect(continued.json(MAPPER).map((item) => item.error)).toEqual([
			'The mapping rules have 2 problems',
			'The mapping rules have 2 problems',
		]);
	});

	it('resolves expressions in the rules for each item', async () => {
		const rules = {
			rule: [
				{
					source: 'value',
					target: '={{ $json.field }}',
					transformations: { step: [{ type: 'uppercase' }] },
				},
			],
		};
		const result = await run({ mode: 'rules', rules }, [
			{ field: 'first', value: 'a' },
			{ field: 'second', value: 'b' },
		]);
		expect(result.json(MAPPER)).toEqual([{ first: 'A' }, { second: 'B' }]);
	});

	it('uses the workflow’s time zone for dates written without one', async () => {
		const config = {
			source: 'd',
			target: 'd',
			transformation: 'format_date',
			input_formats: ['yyyy-MM-dd HH:mm'],
			output_timezone: 'UTC',
		};
		const result = await runWorkflow(
			{
				...mapperWorkflow(json(config), [{ d: '2026-07-01 09:00' }]),
				settings: { timezone: 'America/New_York' },
			},
			{ credentialsHelper: new HarnessCredentialsHelper() },
		);
		expect(result.json(MAPPER)).toEqual([{ d: '2026-07-01T13:00:00Z' }]);
	});
});

describe('WorkFlux Mapper node description', () => {
	const description = new WorkfluxMapper().description;

	it('can be attached to an AI Agent as a tool and needs no credentials', () => {
		expect(description.name).toBe('workfluxMapper');
		expect(description.displayName).toBe('WorkFlux Mapper');
		expect(description.usableAsTool).toBe(true);
		expect(description.credentials).toBeUndefined();
		expect(description.description.length).toBeGreaterThan(80);
	});

	it('is filed under Data & Storage and Productivity, never Logic or Flow', () => {
		const codex = JSON.parse(
			readFileSync(join(__dirname, '../../nodes/WorkfluxMapper/WorkfluxMapper.node.json'), 'utf8'),
		) as { node: string; categories: string[] };
		expect(codex.node).toBe('n8n-nodes-workflux.workfluxMapper');
		expect(codex.categories).toEqual(['Data & Storage', 'Productivity']);
	});
});
