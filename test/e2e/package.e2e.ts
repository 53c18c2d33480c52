/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions -- test code: lists the tarball with tar */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import { REPO_ROOT } from './support/repo-paths';
import { openSession, type E2eSession } from './support/session';
import { createWorkfluxCredential } from './support/workflux-credential';

const NODE_NAMES = ['workflux', 'workfluxTrigger', 'workfluxMapper'];

/**
 * What the tarball may hold: what n8n loads (compiled nodes and credentials, codex .node.json files,
 * icons) and what a user reads. No source maps, type declarations, TypeScript build info, sources or tests.
 */
const SHIPPED = [
	/^package\.json$/,
	/^(README|LICENSE|CHANGELOG)\.md$/,
	/^dist\/(nodes|credentials)\/.+\.js$/,
	/^dist\/nodes\/\w+\/\w+\.node\.json$/,
	/^dist\/icons\/[\w.-]+\.svg$/,
];

describe('the packed package, installed as n8n installs a community package', () => {
	let session: E2eSession;
	beforeAll(async () => {
		session = await openSession();
	});

	it('ships only what n8n loads and what a user reads, under 150 KB', () => {
		const files = execFileSync('tar', ['-tzf', session.ctx.tarball], { encoding: 'utf8' })
			.split('\n')
			.filter(Boolean)
			.map((entry) => entry.replace(/^package\//, ''));
		expect(files.filter((file) => !SHIPPED.some((allowed) => allowed.test(file)))).toEqual([]);
		expect(files.filter((file) => /\.test\.|\/test\/|\.ts$|\.map$/.test(file))).toEqual([]);
		const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
			n8n: { nodes: string[]; credentials: string[] };
		};
		for (const entry of [...manifest.n8n.nodes, ...manifest.n8n.credentials]) {
			expect(files).toContain(entry);
		}
		for (const name of ['README.md', 'LICENSE.md', 'CHANGELOG.md']) expect(files).toContain(name);
		expect(statSync(session.ctx.tarball).size).toBeLessThan(150 * 1024);
	});

	it('lives in the community package folder with only what a user install keeps', () => {
		const userFolder = path.dirname(path.dirname(session.ctx.n8nDatabaseFile));
		const packageDir = path.join(
			userFolder,
			'.n8n',
			'nodes',
			'node_modules',
			session.ctx.packageName,
		);
		const packageJson = JSON.parse(
			readFileSync(path.join(packageDir, 'package.json'), 'utf8'),
		) as Record<string, unknown>;
		expect(packageJson.devDependencies).toBeUndefined();
		expect(packageJson.peerDependencies).toBeUndefined();
		// n8n-workflow is a peer dependency: a user's install has no copy of its own, n8n provides it.
		expect(existsSync(path.join(packageDir, 'node_modules', 'n8n-workflow'))).toBe(false);
		const ledger = JSON.parse(
			readFileSync(path.join(userFolder, '.n8n', 'nodes', 'package.json'), 'utf8'),
		) as { dependencies: Record<string, string> };
		expect(ledger.dependencies[session.ctx.packageName]).toBe(session.ctx.packageVersion);
	});

	it('is loaded by n8n: every node, its AI-tool variant and the credential type are known', async () => {
		const types = await session.n8n.nodeTypes();
		const ours = types.filter((type) => type.name.startsWith(`${session.ctx.packageName}.`));
		// `usableAsTool` makes n8n derive "WorkFlux Tool" and "WorkFlux Mapper Tool" for AI agents.
		expect(ours.map((type) => type.name.split('.')[1]).sort()).toEqual(
			[...NODE_NAMES, 'workfluxTool', 'workfluxMapperTool'].sort(),
		);
		const credentials = await session.n8n.credentialTypes();
		const credential = credentials.find((type) => type.name === 'workfluxOAuth2Api');
		expect(credential?.displayName).toBe('WorkFlux OAuth2 API');
		expect(credential?.extends).toContain('oAuth2Api');
		expect(readFileSync(session.ctx.n8nLogFile, 'utf8')).not.toMatch(
			/Failed to load package|Skipping package|Error loading/,
		);
	});

	it("serves each node's light and dark icon from the installed package", async () => {
		const types = await session.n8n.nodeTypes();
		const ours = types.filter((type) => type.name.startsWith(`${session.ctx.packageName}.`));
		const expected = {
			light: readFileSync(path.join(REPO_ROOT, 'icons', 'workflux.svg'), 'utf8'),
			dark: readFileSync(path.join(REPO_ROOT, 'icons', 'workflux.dark.svg'), 'utf8'),
		};
		for (const type of ours) {
			const iconUrl = type.iconUrl as { light: string; dark: string };
			for (const theme of ['light', 'dark'] as const) {
				expect(iconUrl?.[theme], `${type.name} ${theme} icon`).toMatch(/\.svg$/);
				const response = await fetch(`${session.ctx.n8nUrl}/${iconUrl[theme]}`);
				expect(response.status, `${type.name} ${theme} icon at ${iconUrl[theme]}`).toBe(200);
				expect(await response.text()).toBe(expected[theme]);
			}
		}
	});

	it('is listed in Settings > Community nodes, loaded, with its three nodes', async () => {
		const packages = await session.n8n.communityPackages();
		const ours = packages.find((p) => p.packageName === session.ctx.packageName);
		expect(ours).toBeDefined();
		expect(ours?.installedVersion).toBe(session.ctx.packageVersion);
		// n8n 2.x reports failedLoading: false; n8n 1.x adds the field only when loading failed.
		expect(ours?.failedLoading).toBe(session.n8n.n8nMajor >= 2 ? false : undefined);
		expect(ours?.installedNodes.map((node) => node.type).sort()).toEqual(
			NODE_NAMES.map((name) => `${session.ctx.packageName}.${name}`).sort(),
		);
	});

	it("passes the credential's Test button against the sandbox", async () => {
		// A new credential, as a user tests it: no token stored yet (the shared one has one once a run used it).
		const fresh = await createWorkfluxCredential(session.n8n, session.ctx.sandboxBaseUrl, {
			name: 'WorkFlux account (Test button)',
		});
		await session.sandbox.clearRequests();
		const result = await session.n8n.testCredential(fresh.id);
		expect(result, result.message).toMatchObject({ status: 'OK' });
		const calls = (await session.sandbox.requests()).map(
			(r) => `${r.method} ${r.path} ${r.status}`,
		);
		expect(calls).toContain('POST /v1/auth/token 200');
		expect(calls).toContain('GET /v1/me 200');
	});
});
