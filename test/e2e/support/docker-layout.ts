/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error */
import { execFileSync } from 'node:child_process';
import {
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	renameSync,
	rmSync,
	symlinkSync,
	writeFileSync,
} from 'node:fs';
import path from 'node:path';

import type { N8nInstallation } from './n8n-install';

/**
 * The official n8n Docker image's layout, rebuilt in a temporary folder without Docker.
 *
 * From n8n-io/n8n: scripts/build-n8n.mjs makes `./compiled` with `pnpm --filter=n8n --prod --legacy deploy`
 * (the repository's .npmrc sets `shamefully-hoist = true`: every dependency reachable at the top of
 * `compiled/node_modules`), and docker/images/n8n/Dockerfile does
 *
 *   COPY ./compiled /usr/local/lib/node_modules/n8n           n8n, its dependencies in n8n/node_modules
 *   ln -s /usr/local/lib/node_modules/n8n/bin/n8n /usr/local/bin/n8n
 *   ENV NODE_ENV=production   WORKDIR /home/node   USER node  (HOME=/home/node)
 *   mkdir -p /home/node/.n8n                                   n8n's user folder
 *
 * and n8n installs community packages into /home/node/.n8n/nodes/node_modules/<name>. So the package lives
 * in a tree that has no node_modules with n8n's dependencies above it: Node's own resolution from
 * /home/node/.n8n/nodes/node_modules/n8n-nodes-workflux/dist/... never reaches
 * /usr/local/lib/node_modules/n8n/node_modules.
 *
 * Here `<root>/usr/local/lib/node_modules/n8n` is made from the cached npm install by hard links (no copy
 * of the bytes): n8n's package folder, with every package of the install's node_modules under
 * n8n/node_modules (n8n's own nested copies win: they are the versions n8n asked for). `zod` and `luxon` are
 * direct dependencies of n8n in 1.123 and 2.41, so the image has n8n's own versions at that top level too.
 * A run's /home/node is `<root>/home/node-<random>` (a fresh user folder per run).
 */

export interface DockerLayout {
	root: string;
	/** `<root>/usr/local/lib/node_modules/n8n` */
	n8nPackageDir: string;
	/** n8n started as the image starts it: through the `/usr/local/bin/n8n` link. */
	installation: N8nInstallation;
}

const MARKER_FILE = '.workflux-docker-layout.json';

function hardLinkCopy(sources: string[], targetDir: string): void {
	if (sources.length === 0) return;
	mkdirSync(targetDir, { recursive: true });
	execFileSync('cp', ['-al', ...sources, `${targetDir}/`]);
}

/** Every package of `from` (a node_modules folder) not already in `into`, linked into `into`. */
function mergePackages(from: string, into: string): void {
	const whole: string[] = [];
	for (const entry of readdirSync(from, { withFileTypes: true })) {
		if (entry.name.startsWith('.') || entry.name === 'n8n') continue;
		const source = path.join(from, entry.name);
		const target = path.join(into, entry.name);
		if (!existsSync(target)) whole.push(source);
		else if (entry.name.startsWith('@')) mergePackages(source, target);
	}
	hardLinkCopy(whole, into);
}

function installMarker(cached: N8nInstallation): string {
	return readFileSync(path.join(cached.dir, '.workflux-e2e-install.json'), 'utf8');
}

function layoutIn(root: string, cached: N8nInstallation): DockerLayout {
	const usrLocal = path.join(root, 'usr', 'local');
	const n8nPackageDir = path.join(usrLocal, 'lib', 'node_modules', 'n8n');
	const n8nBin = path.join(usrLocal, 'bin', 'n8n');
	return {
		root,
		n8nPackageDir,
		installation: { ...cached, dir: usrLocal, packageDir: n8nPackageDir, n8nBin },
	};
}

function build(root: string, cached: N8nInstallation): void {
	const layout = layoutIn(root, cached);
	hardLinkCopy([cached.packageDir], path.dirname(layout.n8nPackageDir));
	mergePackages(
		path.join(cached.dir, 'node_modules'),
		path.join(layout.n8nPackageDir, 'node_modules'),
	);
	mkdirSync(path.dirname(layout.installation.n8nBin), { recursive: true });
	// Relative, so the link survives the rename of the finished tree into place.
	symlinkSync(
		path.join('..', 'lib', 'node_modules', 'n8n', 'bin', 'n8n'),
		layout.installation.n8nBin,
	);
	mkdirSync(path.join(root, 'home'), { recursive: true });
	writeFileSync(path.join(root, MARKER_FILE), installMarker(cached));
}

/**
 * The image's /usr/local for the cached n8n install, built once per install next to it in the cache (the
 * hard links need the same file system; building takes a while on a busy machine) and reused while the
 * install is the same. A run's /home/node is a fresh folder under `<root>/home` (`homeFolder`).
 */
export function mimicDockerImage(cached: N8nInstallation, cacheDir: string): DockerLayout {
	const root = path.join(cacheDir, `docker-image-n8n-${cached.version}`);
	const marker = path.join(root, MARKER_FILE);
	const complete =
		existsSync(marker) &&
		readFileSync(marker, 'utf8') === installMarker(cached) &&
		existsSync(layoutIn(root, cached).installation.n8nBin);
	if (!complete) {
		const tmp = `${root}.tmp-${process.pid}`;
		rmSync(tmp, { recursive: true, force: true });
		try {
			build(tmp, cached);
			rmSync(root, { recursive: true, force: true });
			renameSync(tmp, root);
		} catch (error) {
			rmSync(tmp, { recursive: true, force: true });
			throw error;
		}
	}
	return layoutIn(root, cached);
}

/** A fresh `/home/node` for one run (HOME and N8N_USER_FOLDER; n8n keeps `.n8n` inside). */
export function homeFolder(layout: DockerLayout): string {
	const home = mkdtempSync(path.join(layout.root, 'home', 'node-'));
	mkdirSync(path.join(home, '.n8n'), { recursive: true });
	return home;
}

export interface Resolution {
	request: string;
	from: string;
	resolved: string;
}

/**
 * A `--require` script for n8n's process (NODE_OPTIONS) that records where each bare import of luxon, zod
 * and n8n-workflow made by a file of `packageName` resolved, one JSON line per resolution. It only
 * watches: every call goes through Node's own resolver unchanged.
 */
export function writeResolutionTracer(
	root: string,
	packageName: string,
): { script: string; log: string } {
	const script = path.join(root, 'trace-resolution.cjs');
	const log = path.join(root, 'resolutions.jsonl');
	writeFileSync(
		script,
		`const Module = require('node:module');
const fs = require('node:fs');
const watched = new Set(['luxon', 'zod', 'n8n-workflow']);
const marker = ${JSON.stringify(`${path.sep}node_modules${path.sep}${packageName}${path.sep}`)};
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
	const resolved = resolve.call(this, request, parent, ...rest);
	if (watched.has(request) && parent && parent.filename && parent.filename.includes(marker)) {
		fs.appendFileSync(${JSON.stringify(log)}, JSON.stringify({ request, from: parent.filename, resolved }) + '\\n');
	}
	return resolved;
};
`,
	);
	return { script, log };
}

export function readResolutions(log: string): Resolution[] {
	if (!existsSync(log)) return [];
	return readFileSync(log, 'utf8')
		.split('\n')
		.filter(Boolean)
		.map((line) => JSON.parse(line) as Resolution);
}
