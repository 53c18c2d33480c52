import { randomUUID } from 'node:crypto';

import { Webhook } from 'standardwebhooks';

/**
 * Deliveries signed as WorkFlux signs them (Standard Webhooks), for sending at a chosen moment, address and
 * rate: the sandbox's own delivery engine cannot aim one delivery at two n8n processes at once.
 */

export interface WorkfluxEvent {
	id: string;
	type: string;
	created_at: string;
	data: Record<string, unknown>;
}

export interface SignedDelivery {
	event: WorkfluxEvent;
	headers: Record<string, string>;
	body: string;
}

export function newEventId(): string {
	return `evt_${randomUUID().replace(/-/g, '')}`;
}

/** An event whose JSON body is about `bytes` long (a note field fills it up). */
export function eventOfSize(
	type: string,
	bytes: number,
	data: Record<string, unknown> = {},
): WorkfluxEvent {
	const event: WorkfluxEvent = {
		id: newEventId(),
		type,
		created_at: new Date().toISOString(),
		data: { id: `conv_${randomUUID().slice(0, 8)}`, status: 'open', ...data, note: '' },
	};
	const missing = bytes - JSON.stringify(event).length;
	if (missing > 0) event.data.note = 'x'.repeat(missing);
	return event;
}

export function signDelivery(secret: string, event: WorkfluxEvent, attempt = 1): SignedDelivery {
	const body = JSON.stringify(event);
	const timestamp = new Date();
	return {
		event,
		body,
		headers: {
			'content-type': 'application/json',
			'webhook-id': event.id,
			'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
			'webhook-signature': new Webhook(secret).sign(event.id, timestamp, body),
			'webhook-attempt': String(attempt),
			'user-agent': 'WorkFlux-Webhooks/1',
		},
	};
}

export interface DeliveryAnswer {
	status: number;
	body: string;
	/** From sending to the end of the answer. */
	ms: number;
}

export async function send(url: string, delivery: SignedDelivery): Promise<DeliveryAnswer> {
	const started = performance.now();
	const response = await fetch(url, {
		method: 'POST',
		headers: delivery.headers,
		body: delivery.body,
	});
	const body = await response.text();
	return { status: response.status, body, ms: performance.now() - started };
}
