import type { SandboxConfigPatch } from '../../sandbox/config';
import type {
	Agent,
	Conversation,
	Delivery,
	EventEnvelope,
	Message,
	RequestLogEntry,
	WebhookSubscription,
} from '../../sandbox/types';

/**
 * The sandbox's `/_sandbox` inspection surface and its `/v1` API over HTTP, for test files (they run in
 * worker processes, the sandbox in the global setup's process).
 */
export class SandboxHttp {
	private token: string | undefined;

	constructor(readonly origin: string) {}

	private async call<T>(
		method: string,
		path: string,
		body?: unknown,
		headers: Record<string, string> = {},
	) {
		const response = await fetch(`${this.origin}${path}`, {
			method,
			headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		if (!response.ok)
			throw new Error(`Sandbox ${method} ${path} answered ${response.status}: ${text}`);
		return (text ? JSON.parse(text) : undefined) as T;
	}

	async reset(options: { empty?: boolean } = {}): Promise<void> {
		await this.call('POST', '/_sandbox/reset', options);
	}

	async configure(patch: SandboxConfigPatch): Promise<void> {
		await this.call('PATCH', '/_sandbox/config', patch);
	}

	async seed(counts: {
		agents?: number;
		conversations?: number;
		messages_per_conversation?: number;
		workflows?: number;
	}): Promise<{
		agents: string[];
		conversations: string[];
		messages: string[];
		workflows: string[];
	}> {
		return await this.call('POST', '/_sandbox/seed', counts);
	}

	/** Every subscription, disabled ones included. */
	async webhooks(): Promise<WebhookSubscription[]> {
		return (await this.call<{ data: WebhookSubscription[] }>('GET', '/_sandbox/webhooks')).data;
	}

	async deliveries(filter: { webhookId?: string; eventId?: string } = {}): Promise<Delivery[]> {
		const query = new URLSearchParams();
		if (filter.webhookId) query.set('webhook_id', filter.webhookId);
		if (filter.eventId) query.set('event_id', filter.eventId);
		return (await this.call<{ data: Delivery[] }>('GET', `/_sandbox/deliveries?${query}`)).data;
	}

	/** Waits until no delivery is pending (or the timeout passes); true when all settled. */
	async waitForDeliveries(timeoutMs = 20_000): Promise<boolean> {
		return (
			await this.call<{ settled: boolean }>('POST', '/_sandbox/deliveries/wait', {
				timeout_ms: timeoutMs,
			})
		).settled;
	}

	/** Emits an event to every matching active subscription (sample data when `data` is left out). */
	async emitEvent(type: string, data?: unknown): Promise<EventEnvelope> {
		return (await this.call<{ event: EventEnvelope }>('POST', '/_sandbox/events', { type, data }))
			.event;
	}

	async requests(): Promise<RequestLogEntry[]> {
		return (await this.call<{ data: RequestLogEntry[] }>('GET', '/_sandbox/requests')).data;
	}

	async clearRequests(): Promise<void> {
		await this.call('DELETE', '/_sandbox/requests');
	}

	/** A /v1 call as the demo client (a token from the inspection surface), for checking what the nodes did. */
	async api<T>(method: string, path: string, body?: unknown): Promise<T> {
		this.token ??= (
			await this.call<{ access_token: string }>('POST', '/_sandbox/tokens', {})
		).access_token;
		return await this.call<T>(method, `/v1${path}`, body, {
			authorization: `Bearer ${this.token}`,
		});
	}

	async agent(id: string): Promise<Agent> {
		return await this.api('GET', `/agents/${id}`);
	}

	async conversation(id: string): Promise<Conversation> {
		return await this.api('GET', `/conversations/${id}`);
	}

	async messages(conversationId: string): Promise<Message[]> {
		return (
			await this.api<{ data: Message[] }>(
				'GET',
				`/conversations/${conversationId}/messages?limit=100`,
			)
		).data;
	}
}
