import type { Role } from './topology';

/**
 * What the queue suite's global setup hands to its test files (vitest `provide`/`inject`): the addresses,
 * log files and database of the running topology, the sandbox, and the owner and credential it created.
 */
export interface QueueContext {
	/** main's own address (editor, REST API). */
	mainUrl: string;
	/** nginx: the public address and N8N_WEBHOOK_URL. */
	publicOrigin: string;
	/** A second nginx over the same webhook processes that routes by the `webhook-id` header. */
	stickyOrigin: string;
	/** Each n8n process's own address (the webhook processes' are what nginx balances over). */
	origins: Record<Role, string>;
	logFiles: Record<Role, string>;
	/** nginx access log: `<upstream address> <status> <webhook-id> <seconds>` per request. */
	nginxAccessLog: string;
	database: { host: string; port: number; name: string; user: string; password: string };
	n8nInstallDir: string;
	sandboxOrigin: string;
	sandboxBaseUrl: string;
	owner: { email: string; password: string };
	credential: { id: string; name: string; type: string };
	resultsDir: string;
}

declare module 'vitest' {
	export interface ProvidedContext {
		queue: QueueContext;
	}
}
