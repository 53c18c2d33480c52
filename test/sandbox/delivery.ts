/* eslint-disable @n8n/community-nodes/no-restricted-imports */
// Webhook deliveries per Standard Webhooks: signed POSTs, retried on the Svix schedule (times `retryTimeScale`)
// with the same webhook-id and a fresh timestamp and signature per attempt. 2xx = delivered; 410 disables the
// subscription; anything else, a timeout or a network error is retried.
import * as http from 'node:http';
import * as https from 'node:https';

import type { SandboxConfig } from './config';
import type { FaultInjector } from './faults';
import { newId } from './ids';
import { sign } from './signing';
import type { Store } from './store';
import type { Timers } from './timers';
import type { Delivery, DeliveryAttempt, EventEnvelope, WebhookSubscription } from './types';

/** Delay before each attempt, in seconds: immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h (Svix). */
export const RETRY_SCHEDULE_SECONDS = [0, 5, 300, 1800, 7200, 18000, 36000, 36000] as const;
export const USER_AGENT = 'WorkFlux-Webhooks/1';

interface SendResult {
	status: number | null;
	error: string | null;
	retryAfterSeconds: number | null;
}

export interface DeliveryDeps {
	store: Store;
	timers: Timers;
	faults: FaultInjector;
	config: () => SandboxConfig;
}

export class DeliveryService {
	private readonly inflight = new Set<http.ClientRequest>();
	private readonly scheduled = new Map<string, NodeJS.Timeout>();
	private stopped = false;

	constructor(private readonly deps: DeliveryDeps) {}

	/** Queues `event` for `subscription`; the first attempt goes out at once (or after an out-of-order delay). */
	enqueue(event: EventEnvelope, subscription: WebhookSubscription, test = false): Delivery {
		const now = new Date().toISOString();
		const delivery: Delivery = {
			id: newId('delivery'),
			created_at: now,
			webhook_id: subscription.id,
			event_id: event.id,
			event_type: event.type,
			url: subscription.url,
			status: 'pending',
			failure_reason: null,
			attempts: [],
			next_attempt_at: now,
			body: JSON.stringify(event),
			test,
		};
		this.deps.store.deliveries.set(delivery.id, delivery);
		this.schedule(delivery, 1, this.deps.faults.outOfOrderDelayMs());
		return delivery;
	}

	/** Deliveries that still have an attempt ahead (scheduled or on the wire). */
	pendingCount(): number {
		let count = 0;
		for (const delivery of this.deps.store.deliveries.values())
			if (delivery.status === 'pending') count++;
		return count;
	}

	/** Resolves true once no delivery is pending, or false after `timeoutMs`. */
	async settled(timeoutMs = 5000): Promise<boolean> {
		const deadline = Date.now() + timeoutMs;
		while (this.pendingCount() > 0) {
			if (Date.now() >= deadline || this.stopped) return false;
			await this.deps.timers.sleep(10);
		}
		return true;
	}

	/** Stops every scheduled retry and aborts requests on the wire (close / reset). */
	stop(): void {
		this.stopped = true;
		this.cancelAll();
	}

	/** Cancels everything but keeps the service usable (reset). */
	cancelAll(): void {
		for (const handle of this.scheduled.values()) this.deps.timers.cancel(handle);
		this.scheduled.clear();
		for (const request of this.inflight)
			request.destroy(new Error('The sandbox was reset or closed.'));
		this.inflight.clear();
	}

	resume(): void {
		this.stopped = false;
	}

	private schedule(delivery: Delivery, attempt: number, delayMs: number): void {
		delivery.next_attempt_at = new Date(Date.now() + delayMs).toISOString();
		const handle = this.deps.timers.after(delayMs, () => {
			this.scheduled.delete(delivery.id);
			void this.attempt(delivery, attempt);
		});
		this.scheduled.set(delivery.id, handle);
	}

	private finish(
		delivery: Delivery,
		status: Delivery['status'],
		reason: Delivery['failure_reason'] = null,
	): void {
		delivery.status = status;
		delivery.failure_reason = reason;
		delivery.next_attempt_at = null;
	}

	private async attempt(delivery: Delivery, attempt: number): Promise<void> {
		if (this.stopped || !this.deps.store.deliveries.has(delivery.id)) return;
		const subscription = this.deps.store.webhooks.get(delivery.webhook_id);
		const secret = this.deps.store.webhookSecrets.get(delivery.webhook_id);
		if (!subscription || !secret) return this.finish(delivery, 'failed', 'subscription_deleted');
		if (subscription.status !== 'active' && !delivery.test) {
			return this.finish(delivery, 'failed', 'subscription_disabled');
		}
		delivery.next_attempt_at = null;

		const result = await this.sendAttempt(delivery, subscription.url, secret, attempt, false);
		if (this.stopped) return;
		if (result.status !== 410 && this.deps.faults.duplicateDelivery()) {
			await this.sendAttempt(delivery, subscription.url, secret, attempt, true);
			if (this.stopped) return;
		}

		if (result.status !== null && result.status >= 200 && result.status < 300) {
			return this.finish(delivery, 'delivered');
		}
		if (result.status === 410) {
			subscription.status = 'disabled';
			subscription.disabled_reason = `The endpoint answered 410 Gone on ${new Date().toISOString()}, so deliveries stopped. Set status to active to resume.`;
			subscription.updated_at = new Date().toISOString();
			return this.finish(delivery, 'failed', 'endpoint_gone');
		}
		if (attempt >= RETRY_SCHEDULE_SECONDS.length) {
			return this.finish(delivery, 'failed', 'attempts_exhausted');
		}
		const scale = this.deps.config().retryTimeScale;
		let delayMs = RETRY_SCHEDULE_SECONDS[attempt] * 1000 * scale;
		// A receiver that asks for a pause (429/503 + Retry-After) gets at least that pause, on the same time scale.
		if (result.retryAfterSeconds !== null && (result.status === 429 || result.status === 503)) {
			delayMs = Math.max(delayMs, result.retryAfterSeconds * 1000 * scale);
		}
		this.schedule(delivery, attempt + 1, delayMs);
	}

	private async sendAttempt(
		delivery: Delivery,
		url: string,
		secret: string,
		attempt: number,
		duplicate: boolean,
	): Promise<SendResult> {
		const sentAt = Date.now();
		const timestamp = Math.floor(sentAt / 1000);
		const headers = {
			'content-type': 'application/json',
			'user-agent': USER_AGENT,
			'webhook-id': delivery.event_id,
			'webhook-timestamp': String(timestamp),
			'webhook-signature': sign(secret, delivery.event_id, timestamp, delivery.body),
			'webhook-attempt': String(attempt),
		};
		const result = await this.post(url, headers, delivery.body);
		const record: DeliveryAttempt = {
			attempt,
			sent_at: new Date(sentAt).toISOString(),
			timestamp,
			status_code: result.status,
			error: result.error,
			duration_ms: Date.now() - sentAt,
			duplicate,
		};
		if (!this.stopped) delivery.attempts.push(record);
		return result;
	}

	private post(url: string, headers: Record<string, string>, body: string): Promise<SendResult> {
		return new Promise((resolve) => {
			let target: URL;
			try {
				target = new URL(url);
			} catch {
				resolve({ status: null, error: 'The URL is not valid.', retryAfterSeconds: null });
				return;
			}
			const transport = target.protocol === 'https:' ? https : http;
			let settled = false;
			const done = (result: SendResult) => {
				if (settled) return;
				settled = true;
				this.deps.timers.cancel(timeout);
				this.inflight.delete(request);
				resolve(result);
			};
			const request = transport.request(
				target,
				{
					method: 'POST',
					headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
					agent: false,
				},
				(response) => {
					response.resume();
					const retryAfter = Number(response.headers['retry-after']);
					done({
						status: response.statusCode ?? null,
						error: null,
						retryAfterSeconds: Number.isFinite(retryAfter) ? retryAfter : null,
					});
				},
			);
			const timeoutMs = this.deps.config().deliveryTimeoutMs;
			const timeout = this.deps.timers.after(timeoutMs, () => {
				request.destroy(new Error(`No answer within ${timeoutMs} ms.`));
			});
			this.inflight.add(request);
			request.on('error', (error) =>
				done({ status: null, error: error.message, retryAfterSeconds: null }),
			);
			request.end(body);
		});
	}
}
