/**
 * WorkFlux event types and the trigger's per-delivery filter. Pure: no n8n imports.
 */

export const WORKFLUX_EVENTS = [
	{
		value: 'conversation.started',
		name: 'Conversation Started',
		description: 'A customer or an API call opened a new conversation',
	},
	{
		value: 'conversation.completed',
		name: 'Conversation Completed',
		description: 'A conversation was marked as completed',
	},
	{
		value: 'conversation.escalated',
		name: 'Conversation Escalated',
		description: 'A conversation was handed over to a human team',
	},
	{
		value: 'agent.response',
		name: 'Agent Response',
		description: 'An agent replied in a conversation',
	},
	{
		value: 'integration.status_updated',
		name: 'Integration Status Updated',
		description: 'A connected integration changed status (connected, degraded, disconnected)',
	},
] as const;

export type WorkfluxEventType = (typeof WORKFLUX_EVENTS)[number]['value'];

/** The option value that stands for every event type. */
export const ALL_EVENTS = '*';

const KNOWN_EVENTS: readonly string[] = WORKFLUX_EVENTS.map((event) => event.value);

/**
 * The event types to subscribe to, as WorkFlux expects them: a sorted, duplicate-free list of
 * known types. "All events" expands to the full list, since the API has no wildcard.
 */
export function resolveSubscribedEvents(selected: readonly string[]): string[] {
	if (selected.includes(ALL_EVENTS)) return KNOWN_EVENTS.slice().sort();
	const known = selected.filter((event) => KNOWN_EVENTS.includes(event));
	return Array.from(new Set(known)).sort();
}

/** True when both lists hold the same event types, in any order. */
export function sameEventSet(a: readonly string[], b: readonly string[]): boolean {
	const left = Array.from(new Set(a)).sort();
	const right = Array.from(new Set(b)).sort();
	return left.length === right.length && left.every((event, i) => event === right[i]);
}

export interface WorkfluxEventEnvelope {
	id: string;
	type: string;
	created_at: string;
	data: Record<string, unknown>;
}

/** Reads a parsed body as an event envelope; undefined when it is not one. */
export function readEventEnvelope(body: unknown): WorkfluxEventEnvelope | undefined {
	if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
	const record = body as Record<string, unknown>;
	if (typeof record.type !== 'string' || record.type === '') return undefined;
	const data = record.data;
	return {
		id: typeof record.id === 'string' ? record.id : '',
		type: record.type,
		created_at: typeof record.created_at === 'string' ? record.created_at : '',
		data:
			typeof data === 'object' && data !== null && !Array.isArray(data)
				? (data as Record<string, unknown>)
				: {},
	};
}

export type EventFilterOutcome =
	| { run: true }
	| { run: false; reason: 'event_not_selected' | 'other_agent' };

export interface EventFilter {
	/** Subscribed event types (already resolved, so never the "all" marker). */
	events: readonly string[];
	/** Only run for this agent; empty means every agent. */
	agentId?: string;
}

/**
 * Decides whether a verified event should run the workflow. Events whose data carries no
 * `agent_id` (integration status updates) are not about one agent, so the agent filter lets
 * them through.
 */
export function filterEvent(event: WorkfluxEventEnvelope, filter: EventFilter): EventFilterOutcome {
	if (!filter.events.includes(event.type)) return { run: false, reason: 'event_not_selected' };
	const agentId = (filter.agentId ?? '').trim();
	const eventAgentId = event.data.agent_id;
	if (agentId !== '' && typeof eventAgentId === 'string' && eventAgentId !== agentId) {
		return { run: false, reason: 'other_agent' };
	}
	return { run: true };
}
