import { afterAll, beforeAll, beforeEach } from 'vitest';

import { createEnvironment, type TestEnvironment } from './environment';

type SandboxOptions = Parameters<typeof createEnvironment>[0];

// Apart from environment.ts, which the demo imports too: vitest may only be imported inside a test run.
/**
 * One sandbox environment for a test file: started before its tests, back to its initial data and
 * configuration with an empty request log before each test, closed after them. Call it at the top of
 * the file (or of a describe block); the returned object reads the environment of the running test.
 */
export function useSandbox(
	options: SandboxOptions = {},
	credential?: { clientId?: string; clientSecret?: string },
): TestEnvironment {
	let env: TestEnvironment | undefined;
	const current = (): TestEnvironment => {
		if (!env) throw new Error('useSandbox(): the environment is only there inside tests');
		return env;
	};
	beforeAll(async () => {
		env = await createEnvironment(options, credential);
	});
	afterAll(async () => await env?.close());
	beforeEach(() => {
		current().sandbox.control.reset();
		current().sandbox.control.clearRequests();
	});
	return {
		get sandbox() {
			return current().sandbox;
		},
		get credentialsHelper() {
			return current().credentialsHelper;
		},
		run: async (workflow, runOptions) => await current().run(workflow, runOptions),
		close: async () => await current().close(),
	};
}
