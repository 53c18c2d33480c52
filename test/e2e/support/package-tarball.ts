/* eslint-disable @n8n/community-nodes/no-restricted-imports, no-console */
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

import { cleanEnvironment, runCommand } from './child-processes';
import { REPO_ROOT, RESULTS_DIR, node24Binary } from './repo-paths';

const execFileAsync = promisify(execFile);

export interface PackageTarball {
	file: string;
	name: string;
	version: string;
}

/**
 * `npm run build` then `npm pack`: the same tarball that `npm publish` would upload, so the end-to-end run
 * tests what users get (only the files listed in package.json's `files`, the built `dist`).
 */
export async function buildAndPack(
	log: (line: string) => void = console.log,
	resultsDir: string = RESULTS_DIR,
): Promise<PackageTarball> {
	const nodeBinary = node24Binary();
	const env = cleanEnvironment(nodeBinary);
	const logFile = path.join(resultsDir, 'build.log');
	mkdirSync(resultsDir, { recursive: true });
	rmSync(logFile, { force: true });

	log('Building the package (npm run build)...');
	await runCommand('npm', ['run', 'build'], {
		cwd: REPO_ROOT,
		env,
		logFile,
		timeoutMs: 10 * 60_000,
	});

	const packDir = path.join(resultsDir, 'package');
	rmSync(packDir, { recursive: true, force: true });
	mkdirSync(packDir, { recursive: true });
	const { stdout } = await execFileAsync(
		'npm',
		['pack', '--json', '--ignore-scripts', `--pack-destination=${packDir}`],
		{ cwd: REPO_ROOT, env, maxBuffer: 16 * 1024 * 1024 },
	);
	const [packed] = JSON.parse(stdout) as Array<{ filename: string; name: string; version: string }>;
	const file = path.join(packDir, path.basename(packed.filename));
	if (!readdirSync(packDir).includes(path.basename(file))) {
		throw new Error(`npm pack did not write ${file}`);
	}
	log(`Packed ${packed.name}@${packed.version} into ${path.relative(REPO_ROOT, file)}`);
	return { file, name: packed.name, version: packed.version };
}
