/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error, no-console */
import { execFileSync } from 'node:child_process';
import {
	existsSync,
	mkdirSync,
	readdirSync,
	readFileSync,
	realpathSync,
	renameSync,
	rmSync,
	statSync,
	writeFileSync,
} from 'node:fs';
import path from 'node:path';

import { cleanEnvironment, runCommand } from './child-processes';
import {
	cacheRoot,
	e2eN8nVersion,
	n8nInstallDir,
	n8nMajor,
	nodeBinaryFor,
	nodeHeadersDir,
} from './repo-paths';

/**
 * A real n8n from the npm registry, installed once per version into a cache folder outside the repository
 * (n8n 2.41.1 by default; the versions runner also installs the oldest supported, 1.123.x).
 *
 * `npm install n8n --ignore-scripts` (its install scripts would download prebuilt binaries, which this
 * network refuses), then the one native module n8n cannot start without, sqlite3, is compiled with node-gyp
 * against the headers of the Node that will run it (Node 24 for n8n 2.x, the machine's Node for 1.x; see
 * nodeHeadersDir). The other native modules n8n 2.x loads ship Node 24 (ABI 137) or N-API prebuilds in their
 * packages (isolated-vm, msgpackr-extract, @parcel/watcher, Sentry's profiler); cpu-features has none, and
 * ssh2 runs without it. n8n 1.x has no isolated-vm.
 *
 * The install happens in a temporary folder that is renamed into place only when complete, with a marker
 * file naming the versions; a lock folder keeps two runs from installing at once.
 */

export interface N8nInstallation {
	dir: string;
	/** n8n's own package folder (`<dir>/node_modules/n8n`; `/usr/local/lib/node_modules/n8n` in the image). */
	packageDir: string;
	/** The `n8n` start script (run it with `nodeBinary`). */
	n8nBin: string;
	nodeBinary: string;
	version: string;
	/** Set when this call installed n8n (a cold run). */
	installSeconds?: { npmInstall: number; nativeRebuild: number };
}

interface InstallMarker {
	n8nVersion: string;
	nodeVersion: string;
	nodeModuleAbi: string;
	installedAt: string;
	npmInstallSeconds: number;
	nativeRebuildSeconds: number;
}

const MARKER_FILE = '.workflux-e2e-install.json';
/** Native modules n8n needs at start that have no prebuilt binary for Node 24 in their package. */
const NATIVE_MODULES_TO_BUILD = ['sqlite3'];
/** Loaded after the install as a smoke test: n8n's database driver and (2.x) its expression sandbox. */
function nativeModulesToLoad(version: string): string[] {
	return n8nMajor(version) >= 2 ? ['sqlite3', 'isolated-vm'] : ['sqlite3'];
}

/**
 * Dependencies whose n8n release points outside the npm registry, replaced for the install (npm
 * `overrides`): n8n 1.x's n8n-nodes-base takes SheetJS (`xlsx` 0.20.2) from cdn.sheetjs.com, which this
 * network (npm registry only) refuses, so the registry's last official `xlsx`, 0.18.5, stands in. Only
 * n8n's own spreadsheet nodes use it; n8n 2.x has no such dependency.
 */
function registryOverrides(version: string): Record<string, string> | undefined {
	return n8nMajor(version) < 2 ? { xlsx: '0.18.5' } : undefined;
}

function nodeFacts(nodeBinary: string): { version: string; abi: string } {
	const out = execFileSync(nodeBinary, ['-p', 'process.version + " " + process.versions.modules'], {
		encoding: 'utf8',
	}).trim();
	const [version, abi] = out.split(' ');
	return { version, abi };
}

function readMarker(dir: string): InstallMarker | undefined {
	try {
		return JSON.parse(readFileSync(path.join(dir, MARKER_FILE), 'utf8')) as InstallMarker;
	} catch {
		return undefined;
	}
}

function installationIn(dir: string, nodeBinary: string, version: string): N8nInstallation {
	return {
		dir,
		packageDir: path.join(dir, 'node_modules', 'n8n'),
		n8nBin: path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n'),
		nodeBinary,
		version,
	};
}

function isCompleteInstall(dir: string, abi: string, version: string): boolean {
	const marker = readMarker(dir);
	return (
		marker !== undefined &&
		marker.n8nVersion === version &&
		marker.nodeModuleAbi === abi &&
		existsSync(path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n'))
	);
}

function processIsAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

/** A lock folder holding the owner's pid; a lock whose owner died is taken over. */
async function withInstallLock<T>(
	lockDir: string,
	work: () => Promise<T>,
	log: (line: string) => void,
): Promise<T> {
	const deadline = Date.now() + 45 * 60_000;
	let announced = false;
	for (;;) {
		try {
			mkdirSync(lockDir);
			writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
			break;
		} catch {
			let owner = 0;
			let age = 0;
			try {
				owner = Number(readFileSync(path.join(lockDir, 'pid'), 'utf8')) || 0;
			} catch {
				// The owner has not written its pid yet, or has just released the lock.
			}
			try {
				age = Date.now() - statSync(lockDir).mtimeMs;
			} catch {
				continue;
			}
			if ((owner > 0 && !processIsAlive(owner)) || (owner === 0 && age > 60_000)) {
				rmSync(lockDir, { recursive: true, force: true });
				continue;
			}
			if (Date.now() > deadline)
				throw new Error(`Another n8n install (pid ${owner}) holds ${lockDir}.`);
			if (!announced) log(`Waiting for another n8n install (pid ${owner}) to finish...`);
			announced = true;
			await sleep(3_000);
		}
	}
	try {
		return await work();
	} finally {
		rmSync(lockDir, { recursive: true, force: true });
	}
}

function findPackageDirs(nodeModules: string, name: string, depth = 0): string[] {
	const found: string[] = [];
	if (!existsSync(nodeModules) || depth > 6) return found;
	for (const entry of readdirSync(nodeModules, { withFileTypes: true })) {
		if (!entry.isDirectory()) continue;
		const full = path.join(nodeModules, entry.name);
		if (entry.name.startsWith('@')) {
			for (const scoped of readdirSync(full, { withFileTypes: true })) {
				if (scoped.isDirectory()) {
					found.push(
						...findPackageDirs(path.join(full, scoped.name, 'node_modules'), name, depth + 1),
					);
				}
			}
			continue;
		}
		if (entry.name === name && existsSync(path.join(full, 'binding.gyp'))) found.push(full);
		found.push(...findPackageDirs(path.join(full, 'node_modules'), name, depth + 1));
	}
	return found;
}

function nodeGypScript(installDir: string): string {
	const ownCopy = path.join(installDir, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
	if (existsSync(ownCopy)) return ownCopy;
	// npm bundles node-gyp next to itself.
	const npmCli = realpathSync(execFileSync('which', ['npm'], { encoding: 'utf8' }).trim());
	const bundled = path.resolve(
		path.dirname(npmCli),
		'..',
		'node_modules',
		'node-gyp',
		'bin',
		'node-gyp.js',
	);
	if (existsSync(bundled)) return bundled;
	throw new Error('node-gyp was not found (neither in the n8n install nor bundled with npm).');
}

async function installInto(
	dir: string,
	target: { version: string; nodeBinary: string; nodeVersion: string },
	logFile: string,
	log: (line: string) => void,
) {
	const { version, nodeBinary } = target;
	const env = cleanEnvironment(nodeBinary);
	writeFileSync(
		path.join(dir, 'package.json'),
		JSON.stringify(
			{
				name: 'workflux-e2e-n8n',
				private: true,
				description: 'n8n for the e2e tests',
				overrides: registryOverrides(version),
			},
			null,
			2,
		),
	);

	log(
		`Installing n8n@${version} from the npm registry into ${dir} (a few minutes on a cold cache)...`,
	);
	const npmStarted = Date.now();
	await runCommand(
		'npm',
		[
			'install',
			`n8n@${version}`,
			'--ignore-scripts',
			'--save-exact',
			'--no-audit',
			'--no-fund',
			'--no-update-notifier',
			'--loglevel=error',
		],
		{ cwd: dir, env, logFile, timeoutMs: 40 * 60_000 },
	);
	const npmInstall = (Date.now() - npmStarted) / 1000;

	const rebuildStarted = Date.now();
	const headers = nodeHeadersDir(nodeBinary, target.nodeVersion);
	const gyp = nodeGypScript(dir);
	for (const moduleName of NATIVE_MODULES_TO_BUILD) {
		const dirs = findPackageDirs(path.join(dir, 'node_modules'), moduleName);
		if (dirs.length === 0) throw new Error(`n8n's install has no ${moduleName} to build.`);
		for (const moduleDir of dirs) {
			log(
				`Compiling ${path.relative(dir, moduleDir)} for Node ${target.nodeVersion} with node-gyp (about a minute)...`,
			);
			await runCommand(nodeBinary, [gyp, 'rebuild', `--nodedir=${headers}`, '--jobs=max'], {
				cwd: moduleDir,
				env: { ...env, npm_config_nodedir: headers },
				logFile,
				timeoutMs: 20 * 60_000,
			});
		}
	}
	const nativeRebuild = (Date.now() - rebuildStarted) / 1000;

	const smoke = nativeModulesToLoad(version)
		.map((m) => `require(${JSON.stringify(m)});`)
		.join('');
	await runCommand(
		nodeBinary,
		['-e', `${smoke}new (require('sqlite3').Database)(':memory:').close();`],
		{
			cwd: dir,
			env,
			logFile,
			timeoutMs: 60_000,
		},
	);
	return { npmInstall, nativeRebuild };
}

export async function ensureN8nInstalled(
	log: (line: string) => void = console.log,
	version: string = e2eN8nVersion(),
): Promise<N8nInstallation> {
	const nodeBinary = nodeBinaryFor(version);
	const { version: nodeVersion, abi } = nodeFacts(nodeBinary);
	const dir = n8nInstallDir(version);
	if (isCompleteInstall(dir, abi, version)) return installationIn(dir, nodeBinary, version);

	const root = cacheRoot();
	mkdirSync(root, { recursive: true });
	return await withInstallLock(
		`${dir}.lock`,
		async () => {
			if (isCompleteInstall(dir, abi, version)) return installationIn(dir, nodeBinary, version);
			const tmp = path.join(root, `.n8n-${version}.tmp-${process.pid}`);
			const logFile = path.join(root, `n8n-${version}-install.log`);
			rmSync(tmp, { recursive: true, force: true });
			mkdirSync(tmp, { recursive: true });
			try {
				const seconds = await installInto(tmp, { version, nodeBinary, nodeVersion }, logFile, log);
				const marker: InstallMarker = {
					n8nVersion: version,
					nodeVersion,
					nodeModuleAbi: abi,
					installedAt: new Date().toISOString(),
					npmInstallSeconds: Math.round(seconds.npmInstall),
					nativeRebuildSeconds: Math.round(seconds.nativeRebuild),
				};
				writeFileSync(path.join(tmp, MARKER_FILE), JSON.stringify(marker, null, 2));
				// An incomplete or outdated install in the way is replaced whole.
				rmSync(dir, { recursive: true, force: true });
				renameSync(tmp, dir);
				log(
					`n8n@${version} installed in ${marker.npmInstallSeconds} s (npm) + ${marker.nativeRebuildSeconds} s (sqlite3 build).`,
				);
				return { ...installationIn(dir, nodeBinary, version), installSeconds: seconds };
			} catch (error) {
				rmSync(tmp, { recursive: true, force: true });
				throw error;
			}
		},
		log,
	);
}
