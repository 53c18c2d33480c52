// Events: every state change (and POST /_sandbox/events) becomes an envelope, is logged, and is delivered to each
// active subscription that listens for its type.
import type { DeliveryService } from './delivery';
import { newId } from './ids';
import type { Store } from './store';
import type { EventEnvelope } from './types';

export class EventBus {
	constructor(
		private readonly store: Store,
		private readonly deliveries: DeliveryService,
	) {}

	/**
	 * Emits an event. `onlyWebhookId` sends it to that one subscription whatever its events and status
	 * (the test endpoint); otherwise to every active subscription listening for `type`.
	 */
	emit<T>(type: string, data: T, onlyWebhookId?: string): EventEnvelope<T> {
		const envelope: EventEnvelope<T> = {
			id: newId('event'),
			type,
			created_at: new Date().toISOString(),
			// A snapshot: later changes to the record must not change what was sent.
			data: JSON.parse(JSON.stringify(data ?? null)) as T,
		};
		this.store.events.push(envelope);
		if (onlyWebhookId) {
			const subscription = this.store.webhooks.get(onlyWebhookId);
			if (subscription) this.deliveries.enqueue(envelope, subscription, true);
			return envelope;
		}
		for (const subscription of this.store.webhooks.values()) {
			if (subscription.status === 'active' && subscription.events.includes(type)) {
				this.deliveries.enqueue(envelope, subscription);
			}
		}
		return envelope;
	}
}
