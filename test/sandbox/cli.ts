/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, no-console */
// `npm run sandbox -- --port 4010`: runs the WorkFlux API sandbox until Ctrl+C (SIGINT) or SIGTERM.
import { parseArgs } from 'node:util';

import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET } from './core';
import { startSandbox } from './server';

const HELP = `WorkFlux API sandbox

Usage: npm run sandbox -- [options]

  --port <n>               Port to listen on (default 4010; 0 picks a free port)
  --host <address>         Address to bind (default 127.0.0.1)
  --client-id <id>         Demo client id (default ${DEMO_CLIENT_ID})
  --client-secret <secret> Demo client secret (default ${DEMO_CLIENT_SECRET})
  --token-ttl <seconds>    Access token lifetime (default 3600)
  --retry-time-scale <x>   Multiplies the webhook retry schedule (default 1; 0.001 turns 5 min into 0.3 s)
  --empty                  Start without the demo data set
  --seed <n>               Seed of the demo data generator (default 42)
  --log                    Log every request
  --help                   Show this help
`;

function numberOption(name: string, value: string | undefined, fallback: number): number {
	if (value === undefined) return fallback;
	const parsed = Number(value);
	if (!Number.isFinite(parsed) || parsed < 0) {
		console.error(
			`--${name} must be a number of 0 or more (got "${value}"). Run with --help for the options.`,
		);
		process.exit(2);
	}
	return parsed;
}

async function main(): Promise<void> {
	let values: Record<string, string | boolean | undefined>;
	try {
		values = parseArgs({
			options: {
				port: { type: 'string' },
				host: { type: 'string' },
				'client-id': { type: 'string' },
				'client-secret': { type: 'string' },
				'token-ttl': { type: 'string' },
				'retry-time-scale': { type: 'string' },
				empty: { type: 'boolean' },
				seed: { type: 'string' },
				log: { type: 'boolean' },
				help: { type: 'boolean' },
			},
		}).values;
	} catch (error) {
		console.error(`${(error as Error).message}. Run with --help for the options.`);
		process.exit(2);
	}
	if (values.help) {
		console.log(HELP);
		return;
	}
	const clientId = (values['client-id'] as string | undefined) ?? DEMO_CLIENT_ID;
	const clientSecret = (values['client-secret'] as string | undefined) ?? DEMO_CLIENT_SECRET;
	const sandbox = await startSandbox({
		port: numberOption('port', values.port as string | undefined, 4010),
		host: (values.host as string | undefined) ?? '127.0.0.1',
		clientId,
		clientSecret,
		tokenTtlSeconds: numberOption('token-ttl', values['token-ttl'] as string | undefined, 3600),
		retryTimeScale: numberOption(
			'retry-time-scale',
			values['retry-time-scale'] as string | undefined,
			1,
		),
		empty: values.empty === true,
		seed: numberOption('seed', values.seed as string | undefined, 42),
		logger: values.log === true,
	});
	console.log(
		[
			'WorkFlux API sandbox is running.',
			`  Base URL:      ${sandbox.baseUrl}`,
			`  Client ID:     ${clientId}`,
			`  Client secret: ${clientSecret}`,
			`  Token URL:     ${sandbox.baseUrl}/auth/token`,
			`  Inspect:       ${sandbox.origin}/_sandbox/state  (OpenAPI: ${sandbox.origin}/_sandbox/openapi.yaml)`,
			'Press Ctrl+C to stop.',
		].join('\n'),
	);

	let stopping = false;
	const stop = (signal: string) => {
		if (stopping) return;
		stopping = true;
		console.log(`\n${signal} received, stopping the sandbox.`);
		sandbox.close().then(
			() => process.exit(0),
			(error: unknown) => {
				console.error(error);
				process.exit(1);
			},
		);
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
	const code = (error as { code?: string }).code;
	if (code === 'EADDRINUSE') {
		console.error(
			'That port is already in use. Pick another one with --port, or --port 0 for any free port.',
		);
	} else {
		console.error(error);
	}
	process.exit(1);
});
