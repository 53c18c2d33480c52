/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code: runs the demo as a child process */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { cleanEnvironment } from '../e2e/support/child-processes';
import { REPO_ROOT } from '../e2e/support/repo-paths';
import { HarnessCredentialsHelper } from '../harness/credentials-helper';
import { USER_FOLDER_PREFIX } from '../harness/n8n-user-folder';
import { runWorkflow } from '../harness/run-workflow';
import { chainWorkflow } from './workflows';

/**
 * n8n-core writes an encryption key into `<user folder>/.n8n/config` the first time it runs a node; a real
 * n8n on the same machine reads that file. Nothing here may write to the user's own ~/.n8n.
 */

const mapperStep = {
	type: 'n8n-nodes-workflux.workfluxMapper',
	parameters: {
		mode: 'json',
		jsonConfig: JSON.stringify({ mappings: [{ source: 'name', target: 'name' }] }),
	},
};

describe('n8n user folder', () => {
	it('npm test gives n8n-core a temporary user folder, not HOME', async () => {
		const folder = process.env.N8N_USER_FOLDER ?? '';
		expect(path.basename(folder)).toMatch(new RegExp(`^${USER_FOLDER_PREFIX}`));
		expect(path.relative(homedir(), folder)).toMatch(/^\.\./);

		const run = await runWorkflow(chainWorkflow([mapperStep], [{ name: 'Ada' }]), {
			credentialsHelper: new HarnessCredentialsHelper(),
		});
		expect(run.status).toBe('success');
		// n8n-core did write its settings file: here, in the temporary folder.
		expect(existsSync(path.join(folder, '.n8n', 'config'))).toBe(true);
	});

	describe('npm run demo with HOME pointed at an empty folder', () => {
		const made: string[] = [];
		const tempDir = (name: string) => {
			const dir = mkdtempSync(path.join(tmpdir(), `workflux-${name}-`));
			made.push(dir);
			return dir;
		};
		afterEach(() => {
			for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
		});

		/**
		 * Runs the `demo` script of package.json as `npm run demo` does (a shell, node_modules/.bin first on
		 * PATH), without npm itself, which keeps its own logs in HOME. Its own HOME and temp folder.
		 */
		function startDemo(home: string, temp: string) {
			const env = cleanEnvironment(process.execPath, { HOME: home, TMPDIR: temp });
			delete env.N8N_USER_FOLDER;
			env.PATH = [path.join(REPO_ROOT, 'node_modules', '.bin'), env.PATH].join(path.delimiter);
			const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
				scripts: Record<string, string>;
			};
			// Its own process group, as a terminal's foreground job: Ctrl-C signals every process in it.
			const child = spawn('sh', ['-c', manifest.scripts.demo], {
				cwd: REPO_ROOT,
				env,
				stdio: ['ignore', 'pipe', 'pipe'],
				detached: true,
			});
			let output = '';
			child.stdout.on('data', (chunk) => (output += String(chunk)));
			child.stderr.on('data', (chunk) => (output += String(chunk)));
			const exited = new Promise<number | string | null>((resolve) =>
				child.on('exit', (code, signal) => resolve(code ?? signal)),
			);
			const groupAlive = () => {
				try {
					process.kill(-(child.pid ?? 0), 0);
					return true;
				} catch {
					return false;
				}
			};
			return { child, exited, groupAlive, output: () => output };
		}

		const leftovers = (temp: string) =>
			readdirSync(temp).filter((name) => name.startsWith(USER_FOLDER_PREFIX));

		it('leaves HOME empty and removes its user folder, and one a killed run left', async () => {
			const [home, temp] = [tempDir('home'), tempDir('tmp')];
			// What a run killed with SIGKILL leaves: a folder named after a process that is gone.
			const gonePid = spawnSync('true').pid;
			mkdirSync(path.join(temp, `${USER_FOLDER_PREFIX}${gonePid}-killed`, '.n8n'), {
				recursive: true,
			});
			const demo = startDemo(home, temp);
			expect(await demo.exited, demo.output()).toBe(0);
			expect(demo.output()).toContain('Done.');
			expect(readdirSync(home)).toEqual([]);
			expect(leftovers(temp)).toEqual([]);
		}, 120_000);

		it('removes its user folder when stopped with Ctrl-C halfway', async () => {
			const [home, temp] = [tempDir('home'), tempDir('tmp')];
			const demo = startDemo(home, temp);
			// The first ✓ comes after n8n-core ran a workflow, so its settings file exists by then.
			await expect
				.poll(() => demo.output().includes('✓') || demo.child.exitCode !== null, {
					timeout: 90_000,
					interval: 100,
				})
				.toBe(true);
			expect(leftovers(temp)).toHaveLength(1);
			process.kill(-(demo.child.pid ?? 0), 'SIGINT');
			expect([130, 'SIGINT']).toContain(await demo.exited);
			await expect.poll(demo.groupAlive, { timeout: 30_000, interval: 100 }).toBe(false);
			expect(readdirSync(home)).toEqual([]);
			expect(leftovers(temp)).toEqual([]);
		}, 120_000);
	});
});
