/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';

import { cleanEnvironment, runCommand } from './child-processes';

/**
 * Installs our tarball the way n8n installs a community package from Settings > Community nodes
 * (`CommunityPackagesService.downloadPackage` in n8n's dist/modules/community-packages; the same steps in
 * n8n 1.123 and 2.41), minus the registry download, since the package is not published:
 *
 *   <N8N_USER_FOLDER>/.n8n/nodes/package.json                      the ledger {"dependencies": {name: version}}
 *   <N8N_USER_FOLDER>/.n8n/nodes/node_modules/<name>/              `tar -xzf <tarball> --strip-components=1`
 *   then its package.json loses devDependencies, peerDependencies and optionalDependencies, and
 *   `npm install --audit=false --fund=false --bin-links=false --install-strategy=shallow
 *    --ignore-scripts=true --package-lock=false --registry=https://registry.npmjs.org` runs in that folder.
 *
 * At start n8n scans `.n8n/nodes/node_modules/n8n-nodes-*` (the community-packages module's `nodeLoaders`)
 * and loads what it finds; its node processes resolve bare imports from the package's own node_modules,
 * then through NODE_PATH (n8n adds its own module paths), exactly as for a user's install. So an import that
 * only resolves in our dev tree fails here too.
 *
 * The database record (`installed_packages`/`installed_nodes`) is what Settings > Community nodes lists;
 * n8n writes it after loading the package, and `recordInstalledPackage` writes the same rows.
 */

const NPM_REGISTRY = 'https://registry.npmjs.org';
const execFileAsync = promisify(execFile);

export interface InstalledCommunityPackage {
	name: string;
	version: string;
	directory: string;
	author?: { name?: string; email?: string };
}

function nodesDownloadDir(userFolder: string): string {
	return path.join(userFolder, '.n8n', 'nodes');
}

export async function installCommunityPackageTarball(
	tarball: string,
	userFolder: string,
	options: { nodeBinary: string; logFile: string },
): Promise<InstalledCommunityPackage> {
	const env = cleanEnvironment(options.nodeBinary);
	const downloadFolder = nodesDownloadDir(userFolder);
	mkdirSync(downloadFolder, { recursive: true });

	const ledgerPath = path.join(downloadFolder, 'package.json');
	let ledger: { name: string; private: boolean; dependencies: Record<string, string> };
	try {
		ledger = JSON.parse(readFileSync(ledgerPath, 'utf8')) as typeof ledger;
	} catch {
		ledger = { name: 'installed-nodes', private: true, dependencies: {} };
	}

	// n8n knows the name before it downloads; here it comes from the tarball's package.json.
	const { stdout: packedJson } = await execFileAsync(
		'tar',
		['-xzOf', tarball, 'package/package.json'],
		{
			maxBuffer: 4 * 1024 * 1024,
		},
	);
	const { name } = JSON.parse(packedJson) as { name: string };

	// `npm pack <name>@<version>` leaves the tarball in the download folder; n8n unpacks it from there.
	const tarballName = path.basename(tarball);
	copyFileSync(tarball, path.join(downloadFolder, tarballName));
	try {
		const packageDirectory = path.join(downloadFolder, 'node_modules', name);
		rmSync(packageDirectory, { recursive: true, force: true });
		mkdirSync(packageDirectory, { recursive: true });
		await runCommand('tar', ['-xzf', tarballName, '-C', packageDirectory, '--strip-components=1'], {
			cwd: downloadFolder,
			env,
			logFile: options.logFile,
		});

		const packageJsonPath = path.join(packageDirectory, 'package.json');
		const { devDependencies, peerDependencies, optionalDependencies, ...packageJson } = JSON.parse(
			readFileSync(packageJsonPath, 'utf8'),
		) as Record<string, unknown> & { version: string; author?: { name?: string; email?: string } };
		void devDependencies;
		void peerDependencies;
		void optionalDependencies;
		writeFileSync(packageJsonPath, JSON.stringify(packageJson, null, 2), 'utf-8');

		await runCommand(
			'npm',
			[
				'install',
				'--audit=false',
				'--fund=false',
				'--bin-links=false',
				'--install-strategy=shallow',
				'--ignore-scripts=true',
				'--package-lock=false',
				`--registry=${NPM_REGISTRY}`,
			],
			{ cwd: packageDirectory, env, logFile: options.logFile, timeoutMs: 10 * 60_000 },
		);

		ledger.dependencies[name] = packageJson.version;
		writeFileSync(ledgerPath, JSON.stringify(ledger, null, 2), 'utf-8');
		return {
			name,
			version: packageJson.version,
			directory: packageDirectory,
			author: packageJson.author,
		};
	} finally {
		rmSync(path.join(downloadFolder, tarballName), { force: true });
	}
}

export interface LoadedNodeSummary {
	/** The node's display name (n8n's `installed_nodes.name`). */
	displayName: string;
	/** `<package>.<node name>`. */
	type: string;
	latestVersion: number;
}

interface Sqlite3Database {
	serialize(callback: () => void): void;
	run(sql: string, params: unknown[], callback: (error: Error | null) => void): void;
	close(callback: (error: Error | null) => void): void;
}

/**
 * Writes the rows n8n's `InstalledPackagesRepository.persistPackageWithNodes` writes after a UI install,
 * into n8n's SQLite database with n8n's own sqlite3 driver (n8n runs in WAL mode, so a second writer is fine
 * while it runs).
 */
export async function recordInstalledPackage(
	n8nPackageDir: string,
	databaseFile: string,
	installed: InstalledCommunityPackage,
	nodes: LoadedNodeSummary[],
): Promise<void> {
	const requireFromN8n = createRequire(path.join(n8nPackageDir, 'package.json'));
	const sqlite3 = requireFromN8n('sqlite3') as {
		Database: new (file: string, callback: (error: Error | null) => void) => Sqlite3Database;
	};
	const db = await new Promise<Sqlite3Database>((resolve, reject) => {
		const opened: Sqlite3Database = new sqlite3.Database(databaseFile, (error) =>
			error ? reject(error) : resolve(opened),
		);
	});
	const run = async (sql: string, params: unknown[] = []) =>
		await new Promise<void>((resolve, reject) => {
			db.run(sql, params, (error) => (error ? reject(error) : resolve()));
		});
	try {
		await run('PRAGMA busy_timeout = 10000');
		await run('BEGIN IMMEDIATE');
		try {
			await run('DELETE FROM installed_nodes WHERE package = ?', [installed.name]);
			await run('DELETE FROM installed_packages WHERE packageName = ?', [installed.name]);
			await run(
				`INSERT INTO installed_packages (packageName, installedVersion, authorName, authorEmail, createdAt, updatedAt)
				 VALUES (?, ?, ?, ?, STRFTIME('%Y-%m-%d %H:%M:%f', 'NOW'), STRFTIME('%Y-%m-%d %H:%M:%f', 'NOW'))`,
				[
					installed.name,
					installed.version,
					installed.author?.name ?? null,
					installed.author?.email ?? null,
				],
			);
			for (const node of nodes) {
				await run(
					'INSERT INTO installed_nodes (name, type, latestVersion, package) VALUES (?, ?, ?, ?)',
					[node.displayName, node.type, node.latestVersion, installed.name],
				);
			}
			await run('COMMIT');
		} catch (error) {
			await run('ROLLBACK');
			throw error;
		}
	} finally {
		await new Promise<void>((resolve) => db.close(() => resolve()));
	}
}
