/* eslint-disable @n8n/community-nodes/no-restricted-globals */
import type { IDataObject } from 'n8n-workflow';

/**
 * What a test needs to see and do on the WorkFlux side, over the sandbox's HTTP surface only
 * (the contract's `/_sandbox` inspection routes and the public `/v1` API), so the assertions do
 * not depend on how the sandbox keeps its state.
 */

export interface SandboxSubscription {
	id: string;
	url: string;
	events: string[];
	status: string;
	description: string;
	/** The signing secret WorkFlux holds (the inspection route shows it; the public API never does). */
	secret: string;
}

export interface SandboxDelivery {
	id: string;
	webhook_id: string;
	event_id: string;
	event_type: string;
	status: string;
	body: string;
	attempts: Array<{ attempt: number; status_code: number | null; duplicate?: boolean }>;
}

async function call<T>(
	origin: string,
	method: string,
	path: string,
	body?: unknown,
	token?: string,
) {
	const response = await fetch(`${origin}${path}`, {
		method,
		headers: {
			...(body === undefined ? {} : { 'content-type': 'application/json' }),
			...(token ? { authorization: `Bearer ${token}` } : {}),
		},
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
	return (text ? JSON.parse(text) : undefined) as T;
}

/** The `data` array whether a route answers with a list page or a bare array. */
function listOf<T>(answer: unknown): T[] {
	if (Array.isArray(answer)) return answer as T[];
	return ((answer as { data?: T[] })?.data ?? []) as T[];
}

export class SandboxClient {
	private token: string | undefined;

	/** `origin` may be a function, for a client made before the sandbox has started (see useTriggerSandbox). */
	constructor(private readonly originOf: string | (() => string)) {}

	get origin(): string {
		return typeof this.originOf === 'function' ? this.originOf() : this.originOf;
	}

	/** Empties the sandbox (subscriptions, deliveries, tokens, faults) between tests. */
	async reset(): Promise<void> {
		await call(this.origin, 'POST', '/_sandbox/reset', {});
		this.token = undefined;
	}

	async subscriptions(): Promise<SandboxSubscription[]> {
		return listOf<SandboxSubscription>(await call(this.origin, 'GET', '/_sandbox/webhooks'));
	}

	async deliveries(webhookId?: string): Promise<SandboxDelivery[]> {
		const query = webhookId ? `?webhook_id=${encodeURIComponent(webhookId)}` : '';
		return listOf<SandboxDelivery>(await call(this.origin, 'GET', `/_sandbox/deliveries${query}`));
	}

	/** Emits an event to every matching active subscription; returns the envelope. */
	async emit(type: string, data?: IDataObject): Promise<IDataObject> {
		const answer = await call<IDataObject>(this.origin, 'POST', '/_sandbox/events', { type, data });
		return (answer.event as IDataObject | undefined) ?? answer;
	}

	async configure(patch: IDataObject): Promise<void> {
		await call(this.origin, 'PATCH', '/_sandbox/config', patch);
	}

	/** As another WorkFlux API client would: a token of the demo client. */
	async api<T = IDataObject>(method: string, path: string, body?: unknown): Promise<T> {
		this.token ??= (
			await call<{ access_token: string }>(this.origin, 'POST', '/v1/auth/token', {
				client_id: 'demo-client',
				client_secret: 'demo-secret',
				grant_type: 'client_credentials',
			})
		).access_token;
		return await call<T>(this.origin, method, `/v1${path}`, body, this.token);
	}

	/** Waits until no delivery is pending (every attempt answered or given up). */
	async waitForDeliveries(predicate: (all: SandboxDelivery[]) => boolean, timeoutMs = 5000) {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const all = await this.deliveries();
			if (predicate(all)) return all;
			if (Date.now() > deadline) {
				throw new Error(`Deliveries did not reach the expected state: ${JSON.stringify(all)}`);
			}
			await new Promise((resolve) => setTimeout(resolve, 20));
		}
	}
}
