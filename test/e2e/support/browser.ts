/* eslint-disable @n8n/community-nodes/no-restricted-imports */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';

import { chromium, selectors, type BrowserContext } from 'playwright-core';

import { keepDir, removeOnExit } from './child-processes';
import { RESULTS_DIR } from './repo-paths';

/**
 * Fresh profiles live here, inside the results folder, so that run.ts can sweep any a killed run left
 * (Chromium is started by Playwright, outside our process groups, and may outlive a worker for a moment).
 */
export const BROWSER_PROFILES_DIR = path.join(RESULTS_DIR, '.chromium-profiles');

/** Debian's Chromium (`.ci/install-system-deps.sh`); Playwright downloads no browser of its own. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Flags for a closed network and a root user: no sandbox (root), no GPU, and none of Chromium's own calls
 * home (background networking, component updates, sync), which this machine would refuse.
 */
const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

export interface EditorBrowser {
	context: BrowserContext;
	close(): Promise<void>;
}

/** A fresh Chromium profile (its own user-data dir, removed on close). */
export async function launchBrowser(
	options: { colorScheme?: 'light' | 'dark'; viewport?: { width: number; height: number } } = {},
): Promise<EditorBrowser> {
	// n8n's editor marks its elements with data-test-id (Playwright's default is data-testid).
	selectors.setTestIdAttribute('data-test-id');
	mkdirSync(BROWSER_PROFILES_DIR, { recursive: true });
	const userDataDir = mkdtempSync(path.join(BROWSER_PROFILES_DIR, 'profile-'));
	removeOnExit(userDataDir);
	const context = await chromium.launchPersistentContext(userDataDir, {
		executablePath: CHROMIUM_PATH,
		headless: true,
		args: CHROMIUM_ARGS,
		colorScheme: options.colorScheme ?? 'light',
		viewport: options.viewport ?? { width: 1440, height: 900 },
		timeout: 60_000,
	});
	return {
		context,
		async close() {
			await context.close().catch(() => undefined);
			rmSync(userDataDir, { recursive: true, force: true });
			keepDir(userDataDir);
		},
	};
}
