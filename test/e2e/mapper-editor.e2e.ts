/* eslint-disable @n8n/community-nodes/no-restricted-imports */
import { mkdirSync } from 'node:fs';
import path from 'node:path';

import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { launchBrowser, type EditorBrowser } from './support/browser';
import { openSession, type E2eSession } from './support/session';
import { chainWorkflow } from './support/workflows';

/**
 * The WorkFlux Mapper's editor as a new user meets it, in Chromium: a rule built by clicking and typing (no
 * JSON): source and target field, two chained transformations with options (Trim, then Format Phone with
 * a default country), a validation with its own message; then the step run on two input items, one for
 * each output. Screenshots of every step go to .test-results/e2e/screenshots/mapper-*.png.
 */

const INPUT = [
	{ name: 'Ada Lovelace', phone: '  030 1234567 ' },
	{ name: 'Grace Hopper', phone: '+1 202-555-0143' },
];

let session: E2eSession;
let browser: EditorBrowser;
let page: Page;
let shots: string;

function eventually<T>(read: () => Promise<T>, message?: string) {
	return expect.poll(read, { timeout: 60_000, interval: 200, message });
}

async function shot(name: string): Promise<void> {
	await page.screenshot({ path: path.join(shots, `mapper-${name}.png`), animations: 'disabled' });
}

const ndv = () => page.getByTestId('ndv');

/** The last field with this parameter name (a new rule or step adds its fields at the end). */
const field = (name: string): Locator => ndv().getByTestId(`parameter-input-${name}`).last();

async function typeInto(name: string, text: string): Promise<void> {
	const input = field(name).locator('input, textarea').first();
	await input.click();
	await input.fill(text);
	await input.blur();
}

/** Opens a dropdown and picks the option, typing part of it first where the list is long. */
async function choose(name: string, option: string, filter?: string): Promise<void> {
	const input = field(name).locator('input').first();
	await input.click();
	if (filter) await input.fill(filter);
	await page
		.locator('.el-select-dropdown:visible .el-select-dropdown__item')
		.filter({ hasText: new RegExp(`^\\s*${option.replace(/[()+.]/g, '\\$&')}`) })
		.first()
		.click();
	await eventually(async () => await input.inputValue(), name).toBe(option);
}

describe('the WorkFlux Mapper’s rule editor, used by hand (Chromium)', () => {
	beforeAll(async () => {
		session = await openSession();
		shots = path.join(session.ctx.resultsDir, 'screenshots');
		mkdirSync(shots, { recursive: true });
		browser = await launchBrowser();
		page = await browser.context.newPage();
		// The editor's first load (a few MB of scripts) is slow on a busy CI machine.
		page.setDefaultTimeout(60_000);
		page.setDefaultNavigationTimeout(120_000);
		await page.goto(`${session.ctx.n8nUrl}/signin`);
		await page.locator('input[name=emailOrLdapLoginId]').fill(session.ctx.owner.email);
		await page.locator('input[name=password]').fill(session.ctx.owner.password);
		await page.getByTestId('form-submit-button').click();
		await page.waitForURL((url) => !url.pathname.includes('/signin'));
	});

	afterEach(async (context) => {
		if (context.task.result?.state === 'fail' && page) {
			const name = context.task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 50);
			await shot(`failed-${name}`).catch(() => undefined);
		}
	});

	afterAll(async () => {
		await browser?.close();
	});

	it('adds the Mapper after a trigger holding two leads', async () => {
		const workflow = await session.n8n.createWorkflow(
			chainWorkflow(session.ctx.credential, {
				name: 'Mapper built by hand',
				steps: [],
				input: INPUT,
			}),
		);
		await page.goto(`${session.ctx.n8nUrl}/workflow/${workflow.id}`);
		await page.getByTestId('canvas-node').first().waitFor();
		await page.getByTestId('canvas-node').first().click();
		await page.getByTestId('node-creator-plus-button').click();
		await page.getByTestId('node-creator-search-bar').fill('WorkFlux Mapper');
		await page
			.getByTestId('node-creator-item-name')
			.filter({ hasText: /^WorkFlux Mapper$/ })
			.click();
		await page.getByText('Add to workflow', { exact: true }).click();
		await ndv().waitFor();
		await eventually(async () => await ndv().getByTestId('node-parameters').count()).toBe(1);
		await shot('01-empty');
	});

	it('builds a rule: source, target, Trim, then Format Phone with a default country', async () => {
		await ndv().getByRole('button', { name: 'Add Rule' }).click();
		await eventually(async () => await field('source').count()).toBe(1);
		await shot('02-new-rule');

		await typeInto('source', 'phone');
		await typeInto('target', 'Phone');
		await shot('03-fields');

		const addStep = () => ndv().getByRole('button', { name: 'Add Transformation' }).first().click();
		await addStep();
		await eventually(async () => await ndv().getByTestId('parameter-input-type').count()).toBe(1);
		expect(await field('type').locator('input').first().inputValue()).toBe('Trim');
		await shot('04-first-transformation');

		await addStep();
		await eventually(async () => await ndv().getByTestId('parameter-input-type').count()).toBe(2);
		await choose('type', 'Format Phone');
		await choose('defaultCountry', 'Germany (DE)', 'Germ');
		await shot('05-format-phone');
	});

	it('adds a validation with its own message and sends failures to the Invalid output', async () => {
		await choose('validation', 'Pattern (Regular Expression)', 'Pattern');
		await typeInto('validationPattern', '^\\+49');
		await typeInto('validationMessage', 'must be a German number');
		await shot('06-validation');

		await choose('onFailure', 'Send to the Invalid Output');
		await shot('07-on-failure');
	});

	it('runs the step: the German number in Valid, the other in Invalid with the message', async () => {
		await ndv().getByTestId('node-execute-button').first().click();
		// The output pane: one tab per output, "Valid Branch (1 item)" and "Invalid Branch (1 item)".
		await eventually(
			async () =>
				await ndv()
					.getByText(/^Valid Branch \(1 item\)/)
					.count(),
		).toBe(1);
		await eventually(async () => await ndv().getByText('+49301234567').count()).toBeGreaterThan(0);
		await shot('08-valid-output');

		await ndv()
			.getByText(/^Invalid Branch \(1 item\)/)
			.click();
		// Parameter inputs hold the message as a value, not as text: this finds the output's table cell.
		await eventually(
			async () =>
				await ndv()
					.getByText(/must be a German number/)
					.count(),
		).toBeGreaterThan(0);
		await shot('09-invalid-output');
	});

	it('in n8n’s new collection editor, a collapsed rule and its steps say what they do', async () => {
		await page.getByTestId('ndv-close-button').click();
		await page.keyboard.press('Control+s');
		const workflowId = new URL(page.url()).pathname.split('/').pop() ?? '';
		await eventually(async () => {
			const saved = await session.n8n.getWorkflow(workflowId);
			return saved.nodes.some((node) => node.type.endsWith('.workfluxMapper'));
		}).toBe(true);

		// n8n 2.41 shows its reworked collection editor to the users of an experiment; this opts in.
		await page.evaluate(() =>
			localStorage.setItem(
				'N8N_EXPERIMENT_OVERRIDES',
				JSON.stringify({ '048_collection_overhaul': 'variant' }),
			),
		);
		await page.reload();
		await page.getByTestId('canvas-node').filter({ hasText: 'WorkFlux Mapper' }).dblclick();
		await ndv().waitFor();
		await eventually(async () => await ndv().getByText('phone → Phone').count()).toBeGreaterThan(0);
		await shot('10-rule-title');
		// Collapsed, the rule still says what it maps; opened again, its steps are named by transformation.
		await ndv().getByText('phone → Phone').first().click();
		await eventually(async () => await ndv().getByText('Source Field').isVisible()).toBe(false);
		await shot('11-rule-collapsed');
		await ndv().getByText('phone → Phone').first().click();
		await ndv().getByText('Transformations', { exact: true }).click();
		for (const step of ['Trim', 'Format Phone']) {
			await eventually(
				async () => await ndv().getByText(step, { exact: true }).first().isVisible(),
				step,
			).toBe(true);
		}
		await shot('12-steps-named');
	});
});
