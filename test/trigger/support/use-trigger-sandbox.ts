import { beforeEach } from 'vitest';

import type { TestEnvironment } from '../../support/environment';
import { useSandbox } from '../../support/use-sandbox';
import { SandboxClient } from './sandbox-client';

/**
 * The set-up every trigger test file shares: one sandbox environment for the file (useSandbox), a client for
 * its WorkFlux side, and before each test an empty sandbox whose delivery retries come 1,000 times sooner
 * than WorkFlux's (so a retry after 5 s takes 5 ms). Call it at the top of the file.
 */
export function useTriggerSandbox(): { env: TestEnvironment; workflux: SandboxClient } {
	const env = useSandbox();
	const workflux = new SandboxClient(() => env.sandbox.origin);
	beforeEach(async () => {
		// Over HTTP as well, so the client forgets its access token with the sandbox's tokens.
		await workflux.reset();
		await workflux.configure({ retryTimeScale: 0.001 });
	});
	return { env, workflux };
}
