/* eslint-disable @n8n/community-nodes/no-restricted-imports, no-console */
import { appendFileSync } from 'node:fs';
import path from 'node:path';

/** A measured figure: printed for CI's log and collected in `<results>/figures.txt` (run.ts prints them all). */
export function reportFigure(resultsDir: string, line: string): void {
	console.log(`[queue figures] ${line}`);
	appendFileSync(path.join(resultsDir, 'figures.txt'), `${line}\n`);
}
