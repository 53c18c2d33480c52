/**
 * What the global setup hands to the test files (vitest `provide`/`inject`): addresses and accounts of the
 * n8n and the sandbox it started. Tests reach both over HTTP only.
 */
export interface E2eContext {
	n8nUrl: string;
	/** The n8n release under test (N8N_E2E_VERSION, 2.41.1 by default). */
	n8nVersion: string;
	n8nLogFile: string;
	n8nDatabaseFile: string;
	sandboxOrigin: string;
	sandboxBaseUrl: string;
	owner: { email: string; password: string; firstName: string; lastName: string };
	credential: { id: string; name: string; type: string };
	/** The `npm pack` tarball under test (the editor file starts an n8n of its own from it). */
	tarball: string;
	packageName: string;
	packageVersion: string;
	resultsDir: string;
}

declare module 'vitest' {
	export interface ProvidedContext {
		e2e: E2eContext;
	}
}
