import { inject } from 'vitest';

import type { E2eContext } from './e2e-context';
import { N8nClient } from './n8n-client';
import { flattedParser } from './n8n-instance';
import { n8nMajor } from './repo-paths';
import { SandboxHttp } from './sandbox-http';

export interface E2eSession {
	ctx: E2eContext;
	/** Logged in as the owner. */
	n8n: N8nClient;
	sandbox: SandboxHttp;
}

/** For a test file: the shared n8n (logged in as the owner) and sandbox started by the global setup. */
export async function openSession(): Promise<E2eSession> {
	const ctx = inject('e2e');
	const n8n = new N8nClient(ctx.n8nUrl, flattedParser(), n8nMajor(ctx.n8nVersion));
	await n8n.login(ctx.owner.email, ctx.owner.password);
	return { ctx, n8n, sandbox: new SandboxHttp(ctx.sandboxOrigin) };
}
