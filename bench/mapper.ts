/* eslint-disable no-console, @typescript-eslint/no-require-imports */
/**
 * WorkFlux Mapper throughput: 100,000 items through 8 rules (each transformation once), against
 * - a hand-written plain JavaScript loop doing the same work (the baseline; it calls Luxon and the
 *   engine's own phone functions directly, as nothing else formats phone numbers without a library),
 * - n8n's expression engine evaluating the equivalent expressions per item, as an Edit Fields node
 *   does (one getParameterValue over the item's 8 assignments; run on fewer items and scaled).
 * Each measurement is repeated and the median is reported.
 *
 * Run: npx tsx -e "import('./bench/mapper.ts').then(m=>m.benchMapper())"
 *
 * Written as a CommonJS module on purpose: tsx wraps a .ts file of this (CommonJS) package in a
 * function, which hides ES `export`s from Node's export detection, so `import()` would only offer
 * `default`. With require() and `exports.benchMapper`, the command above finds benchMapper by name.
 */
const { DateTime } = require('luxon') as typeof import('luxon');
const { Workflow } = require('n8n-workflow') as typeof import('n8n-workflow');
const { compileMapping, formatPhone, parsePhone } =
	require('../nodes/WorkfluxMapper/engine') as typeof import('../nodes/WorkfluxMapper/engine');

type IDataObject = import('n8n-workflow').IDataObject;
type INodeType = import('n8n-workflow').INodeType;
type INodeTypes = import('n8n-workflow').INodeTypes;
type Workflow = import('n8n-workflow').Workflow;

const ITEMS = 100_000;
const EXPRESSION_ITEMS = 5_000;
const RUNS = 5;
const EXPRESSION_RUNS = 3;

const TIERS: Record<string, string> = { gold: 'GLD', silver: 'SLV', bronze: 'BRZ' };

const RULES = {
	mappings: [
		{ source: 'email', target: 'email', transformation: 'lowercase' },
		{ source: 'country_code', target: 'country', transformation: 'uppercase' },
		{ source: 'note', target: 'note', transformation: 'trim' },
		{
			source: 'signup',
			target: 'signed_up',
			transformation: 'format_date',
			input_formats: ['iso'],
			input_timezone: 'Europe/Berlin',
			output_timezone: 'America/New_York',
			output_format: 'dd.MM.yyyy HH:mm',
		},
		{ source: 'phone', target: 'phone', transformation: 'format_phone', default_country: 'DE' },
		{ source: ['first_name', 'last_name'], target: 'full_name', transformation: 'concat' },
		{ source: 'tags', target: 'tags', transformation: 'split' },
		{ source: 'tier', target: 'tier', transformation: 'lookup', table: TIERS, default: 'Other' },
	],
};

const FIRST_NAMES = ['Ada', 'Grace', 'Alan', 'Edsger', 'Barbara', 'Donald', 'Frances', 'Ken'];
const LAST_NAMES = [
	'Lovelace',
	'Hopper',
	'Turing',
	'Dijkstra',
	'Liskov',
	'Knuth',
	'Allen',
	'Thompson',
];
const TIER_INPUTS = [' Gold ', 'silver', 'BRONZE', 'Platinum', 'gold'];

/** Realistic, varied items: a year of sign-ups, different numbers, names and tiers. */
function makeItems(count: number): IDataObject[] {
	const start = DateTime.fromISO('2025-06-01T08:00:00', { zone: 'UTC' });
	return Array.from({ length: count }, (_, i) => ({
		email: ` ${FIRST_NAMES[i % 8]}.${LAST_NAMES[(i >> 3) % 8]}+${i}@Example.COM`,
		country_code: i % 3 === 0 ? 'de' : 'at',
		note: `\u00A0 order ${i} \u200B`,
		signup: start.plus({ minutes: i * 5 }).toFormat("yyyy-MM-dd'T'HH:mm:ss"),
		phone: `030 ${String(1_000_000 + ((i * 7919) % 8_999_999))}`,
		first_name: FIRST_NAMES[i % 8],
		last_name: i % 10 === 0 ? '' : LAST_NAMES[(i >> 3) % 8],
		tags: i % 2 ? 'new, newsletter,, vip' : 'returning',
		tier: TIER_INPUTS[i % 5],
	}));
}

const EDGE_SPACE = /^[\s\u200B\u2060\uFEFF]+|[\s\u200B\u2060\uFEFF]+$/g;
const TIER_TABLE = new Map(Object.entries(TIERS));

/** What a developer would write by hand for the same 8 fields (7 without the date). */
function handMap(item: IDataObject, withDate = true): IDataObject {
	const phone = parsePhone(item.phone as string, 'DE');
	const out: IDataObject = {
		email: (item.email as string).toLowerCase(),
		country: (item.country_code as string).toUpperCase(),
		note: (item.note as string).replace(EDGE_SPACE, ''),
	};
	if (withDate) {
		out.signed_up = DateTime.fromISO(item.signup as string, { zone: 'Europe/Berlin' })
			.setZone('America/New_York')
			.toFormat('dd.MM.yyyy HH:mm');
	}
	return Object.assign(out, {
		phone: phone.ok ? formatPhone(phone.phone, 'e164') : item.phone,
		full_name: [item.first_name, item.last_name].filter(Boolean).join(' '),
		tags: (item.tags as string)
			.split(',')
			.map((part) => part.trim())
			.filter(Boolean),
		tier: TIER_TABLE.get((item.tier as string).trim().toLowerCase()) ?? 'Other',
	});
}

/** The Edit Fields equivalent: one expression per field (no phone helper exists, so digits only). */
const EXPRESSIONS = {
	email: '={{ $json.email.toLowerCase() }}',
	country: '={{ $json.country_code.toUpperCase() }}',
	note: '={{ $json.note.replace(/^[\\s\\u200B\\u2060\\uFEFF]+|[\\s\\u200B\\u2060\\uFEFF]+$/g, "") }}',
	signed_up:
		'={{ DateTime.fromISO($json.signup, { zone: "Europe/Berlin" }).setZone("America/New_York").toFormat("dd.MM.yyyy HH:mm") }}',
	phone: '={{ "+49" + $json.phone.replace(/\\D/g, "").replace(/^0/, "") }}',
	full_name: '={{ [$json.first_name, $json.last_name].filter(Boolean).join(" ") }}',
	tags: '={{ $json.tags.split(",").map(part => part.trim()).filter(Boolean) }}',
	tier: '={{ ({ gold: "GLD", silver: "SLV", bronze: "BRZ" })[$json.tier.trim().toLowerCase()] ?? "Other" }}',
};

function expressionWorkflow(): Workflow {
	const editFields = {
		description: {
			displayName: 'Edit Fields',
			name: 'bench.editFields',
			group: ['transform'],
			version: 1,
			description: '',
			defaults: {},
			inputs: ['main'],
			outputs: ['main'],
			properties: [],
		},
	} as unknown as INodeType;
	const nodeTypes = {
		getByName: () => editFields,
		getByNameAndVersion: () => editFields,
		getKnownTypes: () => ({}),
	} as unknown as INodeTypes;
	return new Workflow({
		nodes: [
			{
				id: 'edit',
				name: 'Edit Fields',
				type: 'bench.editFields',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
		],
		connections: {},
		active: false,
		nodeTypes,
		settings: {},
	});
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Median items per second over `runs` timed runs (after one untimed warm-up run). */
function measure(runs: number, count: number, body: () => void): number {
	body();
	const rates: number[] = [];
	for (let run = 0; run < runs; run++) {
		const started = performance.now();
		body();
		rates.push(count / ((performance.now() - started) / 1000));
	}
	return median(rates);
}

const format = (rate: number) => `${Math.round(rate).toLocaleString('en-US')} items/s`;

async function benchMapper(): Promise<void> {
	const items = makeItems(ITEMS);
	const compileStarted = performance.now();
	const mapping = compileMapping(RULES);
	const compileMs = performance.now() - compileStarted;

	// The three contestants must produce the same fields, or the comparison means nothing.
	const sample = items.slice(0, 2000);
	const mismatches = sample.filter(
		(item) => JSON.stringify(mapping.map(item).json) !== JSON.stringify(handMap(item)),
	).length;
	const workflow = expressionWorkflow();
	const inputs = items.slice(0, EXPRESSION_ITEMS).map((json) => ({ json }));
	const evaluate = (index: number) =>
		workflow.expression.getParameterValue(
			EXPRESSIONS,
			null,
			0,
			index,
			'Edit Fields',
			inputs,
			'manual',
			{},
		) as IDataObject;
	const expressionMismatches = sample.slice(0, 500).filter((item, index) => {
		const viaExpressions = { ...evaluate(index), phone: undefined };
		const viaEngine = { ...mapping.map(item).json, phone: undefined };
		return JSON.stringify(viaExpressions) !== JSON.stringify(viaEngine);
	}).length;

	let sink = 0;
	const engineRate = measure(RUNS, ITEMS, () => {
		for (let i = 0; i < ITEMS; i++) sink += mapping.map(items[i]).issues.length;
	});
	const handRate = measure(RUNS, ITEMS, () => {
		for (let i = 0; i < ITEMS; i++) sink += handMap(items[i]).tags ? 1 : 0;
	});
	// Without format_date, Luxon's cost is out of the picture and the rule machinery shows most.
	const withoutDate = compileMapping({
		mappings: RULES.mappings.filter((rule) => rule.transformation !== 'format_date'),
	});
	const engineNoDateRate = measure(RUNS, ITEMS, () => {
		for (let i = 0; i < ITEMS; i++) sink += withoutDate.map(items[i]).issues.length;
	});
	const handNoDateRate = measure(RUNS, ITEMS, () => {
		for (let i = 0; i < ITEMS; i++) sink += handMap(items[i], false).tags ? 1 : 0;
	});
	const expressionRate = measure(EXPRESSION_RUNS, EXPRESSION_ITEMS, () => {
		for (let i = 0; i < EXPRESSION_ITEMS; i++) sink += evaluate(i).tier ? 1 : 0;
	});

	const engineVsHand = handRate / engineRate;
	const engineVsExpressions = engineRate / expressionRate;
	console.log(
		'WorkFlux Mapper benchmark: 8 rules (lowercase, uppercase, trim, format_date, format_phone, concat, split, lookup)',
	);
	console.log(`  compile once:                 ${compileMs.toFixed(1)} ms`);
	console.log(
		`  outputs differing from the hand loop: ${mismatches}/${sample.length}; from the expressions (phone aside): ${expressionMismatches}/500`,
	);
	console.log(
		`  engine (${ITEMS.toLocaleString('en-US')} items, median of ${RUNS}):     ${format(engineRate)}`,
	);
	console.log(`  hand-written loop (same work):      ${format(handRate)}`);
	console.log(
		`  n8n expressions (${EXPRESSION_ITEMS.toLocaleString('en-US')} items, median of ${EXPRESSION_RUNS}, scaled): ${format(expressionRate)}`,
	);
	console.log(
		`  engine vs hand loop: ${engineVsHand.toFixed(2)}x the hand loop's time (target: within 2x) -> ${engineVsHand <= 2 ? 'met' : 'NOT met'}`,
	);
	console.log(
		`  without format_date (7 rules): engine ${format(engineNoDateRate)}, hand loop ${format(handNoDateRate)}: ${(handNoDateRate / engineNoDateRate).toFixed(2)}x the hand loop's time`,
	);
	console.log(
		`  engine vs expressions: ${engineVsExpressions.toFixed(1)}x faster (target: at least 10x) -> ${engineVsExpressions >= 10 ? 'met' : 'NOT met'}`,
	);
	if (sink < 0) console.log(sink);
}

exports.benchMapper = benchMapper;
