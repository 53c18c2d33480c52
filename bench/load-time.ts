/* eslint-disable no-console, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- a benchmark that starts Node processes */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * What n8n pays to load this package: in a fresh Node process, require every file package.json's `n8n`
 * section lists (three nodes, one credential) and create each class once, as n8n's loader does. n8n has
 * n8n-workflow loaded before it loads a community package, so that is required first; its own time is
 * the baseline reported beside ours. Wall-clock time and CPU time (what the process itself spent, less
 * disturbed by other work on a busy machine). Measured on the built `dist`, built first if missing.
 */

const REPO_ROOT = path.resolve(__dirname, '..');
const RUNS = 15;

interface Timing {
	wallMs: number;
	cpuMs: number;
}

interface LoadSample {
	/** Requiring n8n-workflow (n8n has done this before it loads any community package). */
	n8nWorkflow: Timing;
	/** Requiring and instantiating all of ours, n8n-workflow already loaded. */
	package: Timing;
	/** The same per file listed in package.json (shared modules count for the first file needing them). */
	files: Record<string, number>;
}

function packageFiles(): string[] {
	const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
		n8n: { nodes: string[]; credentials: string[] };
	};
	return [...manifest.n8n.nodes, ...manifest.n8n.credentials];
}

/** Runs in the fresh process: plain CommonJS, no tsx, as n8n requires the files. */
const PROBE = `
const path = require('node:path');
const files = JSON.parse(process.argv[1]);
function timed(work) {
	const wall = performance.now();
	const cpu = process.cpuUsage();
	work();
	const used = process.cpuUsage(cpu);
	return { wallMs: performance.now() - wall, cpuMs: (used.user + used.system) / 1000 };
}
const n8nWorkflow = timed(() => require('n8n-workflow'));
const perFile = {};
const ours = timed(() => {
	for (const file of files) {
		const start = performance.now();
		const exported = require(path.resolve(file));
		for (const value of Object.values(exported)) if (typeof value === 'function') new value();
		perFile[file] = performance.now() - start;
	}
});
console.log(JSON.stringify({ n8nWorkflow, package: ours, files: perFile }));
`;

function sample(files: string[]): LoadSample {
	const stdout = execFileSync(process.execPath, ['-e', PROBE, JSON.stringify(files)], {
		cwd: REPO_ROOT,
		encoding: 'utf8',
	});
	return JSON.parse(stdout) as LoadSample;
}

function median(values: number[]): number {
	const sorted = values.slice().sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function measureLoadTime(): { runs: number; median: LoadSample } {
	const files = packageFiles();
	if (!files.every((file) => existsSync(path.join(REPO_ROOT, file)))) {
		console.log('dist/ is missing or incomplete: building the package first (npm run build).');
		execFileSync('npm', ['run', 'build'], { cwd: REPO_ROOT, stdio: 'ignore' });
	}
	sample(files); // warms the file system cache
	const samples = Array.from({ length: RUNS }, () => sample(files));
	const pick = (read: (s: LoadSample) => number) => Number(median(samples.map(read)).toFixed(1));
	const timing = (key: 'n8nWorkflow' | 'package'): Timing => ({
		wallMs: pick((s) => s[key].wallMs),
		cpuMs: pick((s) => s[key].cpuMs),
	});
	return {
		runs: RUNS,
		median: {
			n8nWorkflow: timing('n8nWorkflow'),
			package: timing('package'),
			files: Object.fromEntries(files.map((file) => [file, pick((s) => s.files[file])])),
		},
	};
}

export async function benchLoadTime(): Promise<void> {
	const { runs, median: m } = measureLoadTime();
	console.log(
		`Package load in a fresh Node process (median of ${runs} processes, dist/ as shipped)`,
	);
	const perFile = Object.entries(m.files).map(([file, ms]) => [`  ${file}`, { 'wall ms': ms }]);
	console.table({
		'n8n-workflow (baseline; n8n has it loaded already)': {
			'wall ms': m.n8nWorkflow.wallMs,
			'CPU ms': m.n8nWorkflow.cpuMs,
		},
		...Object.fromEntries(perFile),
		'all three nodes and the credential': {
			'wall ms': m.package.wallMs,
			'CPU ms': m.package.cpuMs,
		},
	});
	const ratio = (m.package.wallMs / m.n8nWorkflow.wallMs).toFixed(2);
	console.log(`Package / n8n-workflow (wall): ${ratio}. Target: the package under 50 ms.`);
}
