/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { keepDir, removeOnExit } from './support/child-processes';
import {
	homeFolder,
	mimicDockerImage,
	readResolutions,
	writeResolutionTracer,
	type DockerLayout,
} from './support/docker-layout';
import { runWorkflowManually } from './support/manual-run';
import { nodeOutput, type N8nClient, type WorkflowDefinition } from './support/n8n-client';
import { ensureN8nInstalled } from './support/n8n-install';
import { setUpOwner, startN8n, type N8nInstance } from './support/n8n-instance';
import { cacheRoot, RESULTS_DIR } from './support/repo-paths';
import { SandboxHttp } from './support/sandbox-http';
import { createWorkfluxCredential } from './support/workflux-credential';
import { MAPPER_TYPE, NODE_TYPE } from './support/workflows';

/**
 * The package in the official Docker image's layout (support/docker-layout.ts): n8n in
 * /usr/local/lib/node_modules/n8n, the package in /home/node/.n8n/nodes/node_modules, HOME=/home/node,
 * NODE_ENV=production, all under a temporary root. luxon and zod are not in the package (no runtime
 * dependencies); they must come from n8n. Node alone cannot find them from the package's folder, n8n makes
 * them resolvable (its LoadNodesAndCredentials puts its own module paths into NODE_PATH before it loads
 * nodes), and a resolution tracer in n8n's process shows which copy every import got.
 */

const RUNTIME_IMPORTS = ['luxon', 'zod', 'n8n-workflow'];

let layout: DockerLayout;
let n8n: N8nInstance | undefined;
let client: N8nClient;
let credential: { id: string; name: string };
let tracerLog: string;
let home: string;

const ctx = () => inject('e2e');

function node(name: string, type: string, x: number, parameters: Record<string, unknown>) {
	return {
		id: randomUUID(),
		name,
		type,
		typeVersion: 1,
		position: [x, 0] as [number, number],
		parameters,
	};
}

function mapperWorkflow(
	mappings: unknown[],
	items: Array<Record<string, unknown>>,
): WorkflowDefinition {
	return {
		name: 'Docker layout: Mapper',
		nodes: [
			node('Start', 'n8n-nodes-base.manualTrigger', 0, {}),
			node('Map', MAPPER_TYPE, 240, {
				mode: 'json',
				jsonConfig: JSON.stringify({ mappings }),
				onFailure: 'invalidOutput',
			}),
		],
		connections: { Start: { main: [[{ node: 'Map', type: 'main', index: 0 }]] } },
		pinData: { Start: items.map((json) => ({ json })) },
	};
}

describe("the package in the official Docker image's layout", () => {
	beforeAll(async () => {
		layout = mimicDockerImage(await ensureN8nInstalled(), cacheRoot());
		home = homeFolder(layout);
		removeOnExit(home);
		const tracer = writeResolutionTracer(home, ctx().packageName);
		tracerLog = tracer.log;
		n8n = await startN8n({
			tarball: ctx().tarball,
			installation: layout.installation,
			userFolder: home,
			logFile: path.join(RESULTS_DIR, 'n8n-docker-layout.log'),
			extraEnv: {
				HOME: home,
				NODE_ENV: 'production',
				NODE_OPTIONS: `--require ${tracer.script}`,
			},
		});
		client = await setUpOwner(n8n);
		credential = await createWorkfluxCredential(client, ctx().sandboxBaseUrl);
		// Building the layout (first run per install), installing the package and a second n8n's first start.
	}, 600_000);

	afterAll(async () => {
		await n8n?.stop();
		if (home) {
			rmSync(home, { recursive: true, force: true });
			keepDir(home);
		}
	});

	it('has n8n where the image puts it, and Node alone cannot find luxon or zod from the package', () => {
		const packageDir = path.join(home, '.n8n', 'nodes', 'node_modules', ctx().packageName);
		expect(n8n?.communityPackage?.directory).toBe(packageDir);
		const mapperDir = path.join(packageDir, 'dist', 'nodes', 'WorkfluxMapper');
		expect(existsSync(path.join(mapperDir, 'WorkfluxMapper.node.js'))).toBe(true);
		for (const name of ['luxon', 'zod']) {
			expect(
				existsSync(path.join(layout.n8nPackageDir, 'node_modules', name, 'package.json')),
			).toBe(true);
			// Plain Node, as any process without n8n's module paths would resolve: it walks up from the package.
			const probe = spawnSync(
				layout.installation.nodeBinary,
				[
					'-e',
					`require.resolve(${JSON.stringify(name)}, { paths: [${JSON.stringify(mapperDir)}] })`,
				],
				{ env: { PATH: process.env.PATH, HOME: home }, encoding: 'utf8' },
			);
			expect(probe.status, `${name} resolved without n8n`).not.toBe(0);
			expect(probe.stderr).toMatch(/Cannot find module/);
		}
	});

	it('is loaded by n8n from /home/node/.n8n/nodes: all three nodes and the credential', async () => {
		const prefix = `${ctx().packageName}.`;
		const names = (await client.nodeTypes())
			.filter((type) => type.name.startsWith(prefix))
			.map((type) => type.name.slice(prefix.length));
		expect(names).toEqual(
			expect.arrayContaining(['workflux', 'workfluxTrigger', 'workfluxMapper']),
		);
		const credentialTypes = (await client.credentialTypes()).map((type) => type.name);
		expect(credentialTypes).toContain('workfluxOAuth2Api');
		expect(readFileSync(n8n!.logFile, 'utf8')).not.toMatch(
			/Failed to load package|Skipping package|Error loading|Cannot find module/,
		);
	});

	it('runs the Mapper: dates across time zones (luxon), and a configuration mistake explained (zod)', async () => {
		const dates = await runWorkflowManually(
			client,
			mapperWorkflow(
				[
					{
						source: 'at',
						target: 'At',
						transformation: {
							type: 'format_date',
							input_formats: ['dd.MM.yyyy HH:mm'],
							input_timezone: 'Europe/Berlin',
							output_timezone: 'America/New_York',
							output_format: 'yyyy-MM-dd HH:mm ZZ',
						},
					},
					{
						source: 'day',
						target: 'Day',
						transformation: {
							type: 'format_date',
							input_formats: ['dd.MM.yyyy'],
							output_format: 'cccc d LLLL yyyy',
						},
					},
				],
				[{ at: '01.07.2026 18:30', day: '09.12.2026' }],
			),
		);
		expect(nodeOutput(dates, 'Map', 0).map((item) => item.json)).toEqual([
			{ At: '2026-07-01 12:30 -04:00', Day: 'Wednesday 9 December 2026' },
		]);

		const mistake = await runWorkflowManually(
			client,
			mapperWorkflow([{ source: 'c', target: 'D', required: 'yes' }], [{ c: 1 }]),
			{ allowError: true },
		);
		expect(mistake.status).toBe('error');
		const error = mistake.runData.Map?.[0]?.error;
		expect(`${error?.message} ${error?.description ?? ''}`).toMatch(
			/"required" must be true or false, not text/,
		);
	});

	it('sends dates in the workflow’s time zone to WorkFlux as UTC (Report > Get)', async () => {
		const sandbox = new SandboxHttp(ctx().sandboxOrigin);
		await sandbox.clearRequests();
		const execution = await runWorkflowManually(client, {
			name: 'Docker layout: report',
			nodes: [
				node('Start', 'n8n-nodes-base.manualTrigger', 0, {}),
				{
					...node('Report', NODE_TYPE, 240, {
						resource: 'report',
						operation: 'get',
						metrics: ['conversation_volume'],
						dateFrom: '2026-11-01T00:00:00',
						dateTo: '2026-11-30',
						output: 'summary',
					}),
					credentials: { workfluxOAuth2Api: credential },
				},
			],
			connections: { Start: { main: [[{ node: 'Report', type: 'main', index: 0 }]] } },
			settings: { executionOrder: 'v1', timezone: 'Europe/Berlin' },
		});
		expect(nodeOutput(execution, 'Report')).toHaveLength(1);
		const reports = (await sandbox.requests()).filter((r) => r.path === '/v1/reports');
		expect(reports.map((r) => [r.query.date_from, r.query.date_to])).toEqual([
			['2026-10-31T23:00:00.000Z', '2026-11-30'],
		]);
	});

	it("took every luxon, zod and n8n-workflow import of the package from n8n's own copy", () => {
		const resolutions = readResolutions(tracerLog);
		const requireFromN8n = createRequire(path.join(layout.n8nPackageDir, 'package.json'));
		const n8nModules = path.join(layout.n8nPackageDir, 'node_modules') + path.sep;
		for (const name of RUNTIME_IMPORTS) {
			const seen = resolutions.filter((r) => r.request === name);
			expect(seen.length, `imports of ${name} seen by the tracer`).toBeGreaterThan(0);
			const n8nCopy = requireFromN8n.resolve(name);
			expect(n8nCopy.startsWith(n8nModules), `${name} at ${n8nCopy}`).toBe(true);
			expect([...new Set(seen.map((r) => r.resolved))]).toEqual([n8nCopy]);
		}
	});
});
