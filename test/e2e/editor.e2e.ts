/* eslint-disable @n8n/community-nodes/no-restricted-imports */
import { mkdirSync } from 'node:fs';
import path from 'node:path';

import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';

import { launchBrowser, type EditorBrowser } from './support/browser';
import type { NodeTypeDescription } from './support/n8n-client';
import {
	DEFAULT_OWNER,
	recordCommunityPackage,
	startN8n,
	type N8nInstance,
} from './support/n8n-instance';
import { createWorkfluxCredential } from './support/workflux-credential';

/**
 * What a user sees in n8n's editor, in Debian's Chromium: a fresh n8n (its own, so the owner account is set up
 * through the first-run form), the nodes panel searched for "WorkFlux", each node added and its parameters
 * opened, the icons in the light and the dark theme, and Settings > Community nodes. Screenshots go to
 * .test-results/e2e/screenshots/.
 */

const ctx = inject('e2e');
const SHOTS = path.join(ctx.resultsDir, 'screenshots');
const PACKAGE = ctx.packageName;

let n8n: N8nInstance;
let light: EditorBrowser;
let page: Page;
let nodeTypes: NodeTypeDescription[];

/** The editor renders asynchronously: poll for up to 20 s. */
function eventually<T>(read: () => Promise<T>, message?: string) {
	return expect.poll(read, { timeout: 20_000, interval: 200, message });
}

async function shot(target: Page, name: string): Promise<void> {
	// Panels slide in; a picture mid-animation shows half a panel.
	await target.screenshot({ path: path.join(SHOTS, `${name}.png`), animations: 'disabled' });
}

/** The `action` labels of the WorkFlux node's operations, as the nodes panel lists them. */
function actionLabels(types: NodeTypeDescription[]): string[] {
	const node = types.find((type) => type.name === `${PACKAGE}.workflux`);
	const operations = (node?.properties ?? []).filter((p) => p.name === 'operation');
	return operations.flatMap((p) =>
		((p.options ?? []) as Array<{ action?: string; name: string; value: string }>)
			// n8n adds a "Custom API Call" operation to nodes with credentials; the panel does not list it.
			.filter((o) => o.value !== '__CUSTOM_API_CALL__')
			.map((o) => o.action ?? o.name),
	);
}

async function openNodesPanel(target: Page, how: 'first-step' | 'plus'): Promise<void> {
	await target
		.getByTestId(how === 'first-step' ? 'canvas-add-button' : 'node-creator-plus-button')
		.click();
	await target.getByTestId('node-creator-search-bar').fill('WorkFlux');
}

async function closeNodeDetails(target: Page): Promise<void> {
	await target.getByTestId('ndv-close-button').click();
	await eventually(async () => await target.getByTestId('ndv').isVisible()).toBe(false);
}

async function iconSources(
	target: Page,
	scope: string,
): Promise<Array<{ src: string; loaded: boolean }>> {
	return await target.locator(`${scope} img`).evaluateAll((images) =>
		images.map((image) => {
			const img = image as HTMLImageElement;
			return { src: img.src, loaded: img.complete && img.naturalWidth > 0 };
		}),
	);
}

describe('the WorkFlux nodes in n8n’s editor (Chromium)', () => {
	beforeAll(async () => {
		mkdirSync(SHOTS, { recursive: true });
		n8n = await startN8n({
			tarball: ctx.tarball,
			logFile: path.join(ctx.resultsDir, 'editor-n8n.log'),
			log: () => undefined,
		});
		light = await launchBrowser({ colorScheme: 'light' });
		page = await light.context.newPage();
		// The editor's first load (a few MB of scripts) is slow on a busy CI machine.
		page.setDefaultTimeout(60_000);
		page.setDefaultNavigationTimeout(120_000);
	});

	// A failed step leaves a picture of the screen it failed on.
	afterEach(async (context) => {
		if (context.task.result?.state === 'fail' && page) {
			const name = context.task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
			await shot(page, `failed-${name}`).catch(() => undefined);
		}
	});

	afterAll(async () => {
		await light?.close();
		await n8n?.stop();
	});

	it('sets up the owner account on the first visit', async () => {
		await page.goto(n8n.baseUrl);
		await page.waitForURL(/\/setup/);
		await page.locator('input[name=email]').fill(DEFAULT_OWNER.email);
		await page.locator('input[name=firstName]').fill(DEFAULT_OWNER.firstName);
		await page.locator('input[name=lastName]').fill(DEFAULT_OWNER.lastName);
		await page.locator('input[name=password]').fill(DEFAULT_OWNER.password);
		await shot(page, '01-owner-setup');
		await page.getByTestId('form-submit-button').click();
		await page.waitForURL((url) => !url.pathname.includes('/setup'), { timeout: 30_000 });

		// The same account over REST: a credential for the nodes to pick, and the package's database record.
		const client = n8n.client();
		await client.login(DEFAULT_OWNER.email, DEFAULT_OWNER.password);
		await createWorkfluxCredential(client, ctx.sandboxBaseUrl);
		await recordCommunityPackage(n8n, client);
		nodeTypes = await client.nodeTypes();
		await shot(page, '02-after-owner-setup');
	});

	it('finds the WorkFlux trigger as a first step, with its light icon and its events', async () => {
		await page.goto(`${n8n.baseUrl}/workflow/new`);
		await openNodesPanel(page, 'first-step');
		const item = page.getByTestId('node-creator-item-name').filter({ hasText: /^WorkFlux$/ });
		await eventually(async () => await item.count()).toBe(1);
		const icons = await iconSources(page, '[data-test-id="node-creator"]');
		expect(icons.length).toBeGreaterThan(0);
		for (const icon of icons) {
			expect(icon.src).toMatch(new RegExp(`/icons/${PACKAGE}/dist/icons/workflux\\.svg$`));
			expect(icon.loaded, icon.src).toBe(true);
		}
		await shot(page, '03-trigger-search');

		await item.click();
		for (const event of [
			'On all events',
			'On conversation started',
			'On conversation completed',
			'On conversation escalated',
			'On agent response',
			'On integration status updated',
		]) {
			await eventually(
				async () => await page.getByText(event, { exact: true }).count(),
				event,
			).toBe(1);
		}
		await shot(page, '04-trigger-events');

		await page.getByText('On all events', { exact: true }).click();
		const ndv = page.getByTestId('ndv');
		await ndv.waitFor();
		await eventually(async () => await ndv.getByTestId('node-credentials-select').count()).toBe(1);
		expect(await ndv.getByTestId('parameter-input-events').count()).toBe(1);
		expect(await ndv.getByTestId('node-credentials-select').locator('input').inputValue()).toBe(
			'WorkFlux account',
		);
		await shot(page, '05-trigger-parameters');
		await closeNodeDetails(page);
	});

	it('adds the WorkFlux node: every operation of every resource is an action in the panel', async () => {
		await openNodesPanel(page, 'plus');
		const names = page.getByTestId('node-creator-item-name');
		await eventually(async () => await names.filter({ hasText: /^WorkFlux$/ }).count()).toBe(1);
		await shot(page, '06-node-search');

		// n8n merges the node and its trigger into one "WorkFlux" entry and shows the trigger's description:
		// it has to say what both do. The Mapper is the other entry.
		// Each entry shows a name and a description, in the same order.
		const describedAs = async (name: string) => {
			const shown = await names.allInnerTexts();
			const descriptions = await page.getByTestId('node-creator-item-description').allInnerTexts();
			return descriptions[shown.findIndex((text) => text.trim() === name)]?.trim();
		};
		const entry = (name: string) => names.filter({ hasText: new RegExp(`^${name}$`) });
		expect(await describedAs('WorkFlux')).toBe(
			nodeTypes.find((type) => type.name === `${PACKAGE}.workfluxTrigger`)?.description,
		);
		expect(await describedAs('WorkFlux')).toMatch(/agents.*conversations.*start a workflow/i);
		expect(await describedAs('WorkFlux Mapper')).toMatch(/clean up and check fields/i);
		await shot(page, '06-node-search-descriptions');

		// The codex aliases: people who do not know the name yet find it by what it does.
		await page.getByTestId('node-creator-search-bar').fill('customer support');
		await eventually(async () => await entry('WorkFlux').count()).toBe(1);
		await page.getByTestId('node-creator-search-bar').fill('phone number');
		await eventually(async () => await entry('WorkFlux Mapper').count()).toBe(1);
		await shot(page, '06-node-search-by-alias');
		await page.getByTestId('node-creator-search-bar').fill('WorkFlux');

		await names.filter({ hasText: /^WorkFlux$/ }).click();
		const labels = actionLabels(nodeTypes);
		expect(labels.length).toBeGreaterThan(20);
		for (const label of labels) {
			await eventually(
				async () =>
					await page.getByTestId('node-creator').getByText(label, { exact: true }).count(),
				label,
			).toBeGreaterThan(0);
		}
		await page.screenshot({
			path: path.join(SHOTS, '07-node-actions.png'),
			fullPage: true,
			animations: 'disabled',
		});

		await page.getByTestId('node-creator').getByText('Create an agent', { exact: true }).click();
		const ndv = page.getByTestId('ndv');
		await ndv.waitFor();
		await eventually(async () => await ndv.getByTestId('parameter-input-resource').count()).toBe(1);
		expect(await ndv.getByTestId('parameter-input-resource').locator('input').inputValue()).toBe(
			'Agent',
		);
		expect(await ndv.getByTestId('parameter-input-operation').locator('input').inputValue()).toBe(
			'Create',
		);
		expect(await ndv.getByTestId('node-credentials-select').locator('input').inputValue()).toBe(
			'WorkFlux account',
		);
		await shot(page, '08-node-parameters');
		await closeNodeDetails(page);
	});

	it('adds the WorkFlux Mapper and opens its parameters', async () => {
		await openNodesPanel(page, 'plus');
		const mapper = page
			.getByTestId('node-creator-item-name')
			.filter({ hasText: /^WorkFlux Mapper$/ });
		await eventually(async () => await mapper.count()).toBe(1);
		await mapper.click();
		// A community node without actions opens its details page first.
		await page.getByText('Add to workflow', { exact: true }).click();
		const ndv = page.getByTestId('ndv');
		await ndv.waitFor();
		await eventually(async () => await ndv.getByTestId('node-parameters').count()).toBe(1);
		await shot(page, '09-mapper-parameters');
		await closeNodeDetails(page);
		await page.getByTestId('zoom-to-fit').click();
		await eventually(async () => await page.getByTestId('canvas-node').count()).toBe(3);
		for (const icon of await iconSources(page, '[data-test-id="canvas-node"]')) {
			expect(icon.src).toMatch(/workflux\.svg$/);
			expect(icon.loaded, icon.src).toBe(true);
		}
		await shot(page, '10-canvas-light');
	});

	it('shows the dark icons in the dark theme', async () => {
		const dark = await launchBrowser({ colorScheme: 'dark' });
		try {
			const darkPage = await dark.context.newPage();
			await darkPage.goto(`${n8n.baseUrl}/signin`);
			await darkPage.locator('input[name=emailOrLdapLoginId]').fill(DEFAULT_OWNER.email);
			await darkPage.locator('input[name=password]').fill(DEFAULT_OWNER.password);
			await darkPage.getByTestId('form-submit-button').click();
			await darkPage.waitForURL((url) => !url.pathname.includes('/signin'), { timeout: 30_000 });
			await darkPage.goto(`${n8n.baseUrl}/workflow/new`);
			await openNodesPanel(darkPage, 'first-step');
			const item = darkPage.getByTestId('node-creator-item-name').filter({ hasText: /^WorkFlux$/ });
			await eventually(async () => await item.count()).toBe(1);
			await shot(darkPage, '11-trigger-search-dark');
			const icons = await iconSources(darkPage, '[data-test-id="node-creator"]');
			expect(icons.length).toBeGreaterThan(0);
			for (const icon of icons) {
				expect(icon.src).toMatch(new RegExp(`/icons/${PACKAGE}/dist/icons/workflux\\.dark\\.svg$`));
				expect(icon.loaded, icon.src).toBe(true);
			}
			await darkPage
				.getByTestId('node-creator-item-name')
				.filter({ hasText: /^WorkFlux$/ })
				.click();
			await darkPage.getByText('On all events', { exact: true }).waitFor();
			await shot(darkPage, '12-trigger-events-dark');

			await darkPage.getByText('On all events', { exact: true }).click();
			await darkPage.getByTestId('ndv').waitFor();
			await shot(darkPage, '13-trigger-parameters-dark');
			await closeNodeDetails(darkPage);
			const onCanvas = await iconSources(darkPage, '[data-test-id="canvas-node"]');
			expect(onCanvas.length).toBe(1);
			expect(onCanvas[0].src).toMatch(/workflux\.dark\.svg$/);
			expect(onCanvas[0].loaded).toBe(true);
			await shot(darkPage, '14-canvas-dark');
		} finally {
			await dark.close();
		}
	});

	it('lists the package under Settings > Community nodes', async () => {
		await page.goto(`${n8n.baseUrl}/settings/community-nodes`);
		await page.getByText(PACKAGE, { exact: true }).first().waitFor({ timeout: 30_000 });
		await shot(page, '15-settings-community-nodes');
	});
});
