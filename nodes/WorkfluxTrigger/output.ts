import type { HeaderBag } from './signature';
import type { WorkfluxEventEnvelope } from './events';

/**
 * Shapes one verified delivery into the trigger's output item. Pure: no n8n imports.
 */

export interface DeliveryMetadata {
	/** `webhook-id`: the same on every retry of one event. */
	webhook_id: string;
	/** `webhook-attempt`: 1 for the first try; null when the header is missing or not a number. */
	attempt: number | null;
	/** When this n8n instance received the request (ISO 8601, UTC). */
	received_at: string;
}

export interface TriggerOutput {
	id: string;
	type: string;
	created_at: string;
	data: Record<string, unknown>;
	delivery: DeliveryMetadata;
	headers?: Record<string, string>;
}

function headerText(value: string | string[] | undefined): string | undefined {
	if (Array.isArray(value)) return value.join(', ');
	return value;
}

export function parseAttempt(value: string | string[] | undefined): number | null {
	const text = headerText(value);
	if (text === undefined || !/^[0-9]{1,6}$/.test(text)) return null;
	return Number(text);
}

/** Lower-cased header names with string values, for "Include Headers". */
export function normaliseHeaders(headers: HeaderBag): Record<string, string> {
	const result: Record<string, string> = {};
	for (const name of Object.keys(headers).sort()) {
		const value = headerText(headers[name]);
		if (value !== undefined) result[name.toLowerCase()] = value;
	}
	return result;
}

export function buildTriggerOutput(
	event: WorkfluxEventEnvelope,
	delivery: { webhookId: string; headers: HeaderBag; receivedAt: Date; includeHeaders: boolean },
): TriggerOutput {
	const headers = normaliseHeaders(delivery.headers);
	const output: TriggerOutput = {
		id: event.id,
		type: event.type,
		created_at: event.created_at,
		data: event.data,
		delivery: {
			webhook_id: delivery.webhookId,
			attempt: parseAttempt(headers['webhook-attempt']),
			received_at: delivery.receivedAt.toISOString(),
		},
	};
	if (delivery.includeHeaders) output.headers = headers;
	return output;
}
