/* eslint-disable no-console, @n8n/community-nodes/no-restricted-globals */
// `npm run bench`: every benchmark of the package, each reported as ratios against a baseline measured in
// the same run, so the figures compare across machines. Nothing here is a pass/fail test.
import { benchLoadTime } from './load-time';
import { benchPatterns } from './patterns';
import { benchSignature } from './signature';

// mapper.ts is a CommonJS module on purpose (see its header), so it is required, not imported.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { benchMapper } = require('./mapper') as { benchMapper(): Promise<void> };

async function main() {
	console.log(`n8n-nodes-workflux benchmarks on Node ${process.version}\n`);
	await benchSignature();
	console.log('');
	await benchMapper();
	console.log('');
	await benchPatterns();
	console.log('');
	await benchLoadTime();
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
