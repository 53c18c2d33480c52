// `control`: typed, in-process access to a running sandbox for tests. The HTTP surface under /_sandbox
// (routes/sandbox.ts) calls these same methods, so both stay equivalent.
import type { SandboxConfig, SandboxConfigPatch } from './config';
import type { SandboxCore } from './core';
import { notFound } from './errors';
import { seed, type SeedCounts, type SeedResult } from './seed';
import { sampleEventData } from './samples';
import { sortByCreation, type Store } from './store';
import type {
	Agent,
	Conversation,
	Delivery,
	EventEnvelope,
	ExportFileContent,
	ExportJob,
	Message,
	RequestLogEntry,
	WebhookSubscription,
	Workflow,
	WorkflowRun,
} from './types';

const copy = <T>(value: T): T => structuredClone(value);

export class SandboxControl {
	constructor(private readonly core: SandboxCore) {}

	/** The live store (maps of records). Change records directly to set up odd states; prefer the API otherwise. */
	get store(): Store {
		return this.core.store;
	}

	/** A copy of the current configuration. */
	get config(): SandboxConfig {
		return copy(this.core.config);
	}

	/** Merges `patch` into the configuration (nested objects merge; `deprecations` is replaced). Setting `faults`
	 *  restarts the fault PRNG from `faults.seed`; setting `rateLimit` clears the counters. */
	configure(patch: SandboxConfigPatch): SandboxConfig {
		return copy(this.core.configure(patch));
	}

	/** Back to the initial config and data (default data set, or empty). Access tokens stay valid. */
	reset(options: { empty?: boolean } = {}): void {
		this.core.reset(options);
	}

	/** Creates records in bulk; returns their ids. Conversations use existing agents (one is created if none). */
	seed(counts: SeedCounts): SeedResult {
		return seed(this.core.store, this.core.dataPrng, counts);
	}

	/** Record counts per collection. */
	state(): Record<string, number> {
		return this.core.store.counts();
	}

	agents(): Agent[] {
		return copy(sortByCreation(this.core.store.agents.values()));
	}

	conversations(): Conversation[] {
		return copy(sortByCreation(this.core.store.conversations.values()));
	}

	/** Messages of one conversation, or all messages. Oldest first. */
	messages(conversationId?: string): Message[] {
		const list = conversationId
			? this.core.store.messagesOf(conversationId)
			: sortByCreation(this.core.store.messages.values());
		return copy(list);
	}

	/** All subscriptions, disabled ones included. */
	webhooks(): WebhookSubscription[] {
		return copy(sortByCreation(this.core.store.webhooks.values()));
	}

	/** The signing secret of a subscription (never shown by the API after creation). */
	webhookSecret(webhookId: string): string | undefined {
		return this.core.store.webhookSecrets.get(webhookId);
	}

	/** Disables a subscription as if WorkFlux had given up on it (to test re-enabling and drift). */
	disableWebhook(
		webhookId: string,
		reason = 'Disabled by the sandbox control surface.',
	): WebhookSubscription {
		const subscription = this.core.store.webhooks.get(webhookId);
		if (!subscription) throw notFound('Webhook subscription', webhookId);
		subscription.status = 'disabled';
		subscription.disabled_reason = reason;
		subscription.updated_at = new Date().toISOString();
		return copy(subscription);
	}

	/** Removes a subscription behind the client's back (simulates drift: the stored id now answers 404). */
	forgetWebhook(webhookId: string): boolean {
		const existed = this.core.store.webhooks.has(webhookId);
		this.core.store.deleteWebhook(webhookId);
		return existed;
	}

	workflows(): Workflow[] {
		return copy(sortByCreation(this.core.store.workflows.values()));
	}

	runs(): WorkflowRun[] {
		return copy(sortByCreation(this.core.store.runs.values()));
	}

	exports(): ExportJob[] {
		return copy(sortByCreation(this.core.store.exports.values()));
	}

	/** The file of a completed export (exact bytes), or undefined. */
	exportFile(exportId: string): ExportFileContent | undefined {
		return this.core.store.exportFiles.get(exportId);
	}

	/** Every delivery with every attempt, oldest first; optionally of one subscription or event. */
	deliveries(filter: { webhookId?: string; eventId?: string } = {}): Delivery[] {
		return copy(
			sortByCreation(this.core.store.deliveries.values()).filter(
				(d) =>
					(!filter.webhookId || d.webhook_id === filter.webhookId) &&
					(!filter.eventId || d.event_id === filter.eventId),
			),
		);
	}

	/** Resolves true when no delivery has an attempt ahead, false after `timeoutMs`. */
	waitForDeliveries(timeoutMs = 5000): Promise<boolean> {
		return this.core.deliveries.settled(timeoutMs);
	}

	/** Every event emitted so far, oldest first; optionally of one type. */
	events(filter: { type?: string } = {}): EventEnvelope[] {
		return copy(this.core.store.events.filter((e) => !filter.type || e.type === filter.type));
	}

	/** Emits an event of any type to the active subscriptions listening for it; `data` defaults to a sample. */
	emitEvent(type: string, data?: unknown): EventEnvelope {
		return copy(
			this.core.events.emit(
				type,
				data === undefined ? sampleEventData(type, this.core.store) : data,
			),
		);
	}

	/** The /v1 request log, oldest first. */
	requests(): RequestLogEntry[] {
		return copy(this.core.requestLog);
	}

	clearRequests(): void {
		this.core.requestLog.length = 0;
	}

	/** Issues an access token without the token endpoint (default: the demo client, the configured TTL). */
	issueToken(options: { clientId?: string; ttlSeconds?: number } = {}): string {
		const clientId = options.clientId ?? this.core.demoClientId;
		if (!this.core.auth.clients.has(clientId)) throw notFound('Client', clientId);
		const now = Date.now();
		const token = this.core.auth.issue(clientId, undefined, now);
		if (options.ttlSeconds !== undefined) token.expiresAt = now + options.ttlSeconds * 1000;
		return token.token;
	}

	/** Gives a client a new secret, as rotating it in WorkFlux's console would; tokens already issued stay valid. */
	setClientSecret(clientId: string, clientSecret: string): void {
		const client = this.core.auth.clients.get(clientId);
		if (!client) throw notFound('Client', clientId);
		client.clientSecret = clientSecret;
	}

	/** Revokes every token; they answer 401 `invalid_token` from now on. Returns how many were live. */
	revokeTokens(): number {
		return this.core.auth.revokeAll();
	}

	/** Expires every token now; they answer 401 `token_expired`. Returns how many were live. */
	expireTokens(): number {
		return this.core.auth.expireAll();
	}
}
