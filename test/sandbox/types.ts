// Resource shapes as the API returns them (see openapi.yaml components/schemas), plus the sandbox's own records.
import type { AnswerFault } from './answer-faults';

export const CHANNELS = ['web', 'email', 'sms', 'whatsapp', 'voice', 'api'] as const;
export type Channel = (typeof CHANNELS)[number];

export const EVENT_TYPES = [
	'conversation.started',
	'conversation.completed',
	'conversation.escalated',
	'agent.response',
	'integration.status_updated',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export type AgentStatus = 'active' | 'inactive';
export type ConversationStatus = 'open' | 'completed' | 'escalated';
export type EscalationPriority = 'low' | 'normal' | 'high' | 'urgent';
export type MessageRole = 'user' | 'agent' | 'system';
export type Metadata = Record<string, unknown>;

/** Anything the store keeps in creation order: lists sort by (created_at, id). */
export interface Ordered {
	id: string;
	created_at: string;
}

export interface Agent extends Ordered {
	name: string;
	description: string;
	model: string;
	instructions: string;
	status: AgentStatus;
	channels: Channel[];
	metadata: Metadata;
	updated_at: string;
}

export interface Customer {
	name: string | null;
	email: string | null;
	phone: string | null;
	external_id: string | null;
}

export interface Escalation {
	reason: string;
	team: string | null;
	priority: EscalationPriority;
}

export interface Conversation extends Ordered {
	agent_id: string;
	status: ConversationStatus;
	channel: Channel;
	subject: string | null;
	customer: Customer;
	metadata: Metadata;
	message_count: number;
	updated_at: string;
	completed_at: string | null;
	resolution: string | null;
	escalated_at: string | null;
	escalation: Escalation | null;
}

export interface Message extends Ordered {
	conversation_id: string;
	role: MessageRole;
	content: string;
}

export interface WebhookSubscription extends Ordered {
	url: string;
	events: string[];
	description: string;
	status: 'active' | 'disabled';
	disabled_reason: string | null;
	updated_at: string;
}

export interface Workflow extends Ordered {
	name: string;
	description: string;
	status: 'active';
}

export interface WorkflowRun extends Ordered {
	workflow_id: string;
	status: 'queued' | 'running' | 'succeeded' | 'failed';
	payload: Record<string, unknown>;
	output: Record<string, unknown> | null;
	finished_at: string | null;
}

export type ExportResource = 'conversations' | 'agents' | 'messages';
export type ExportFormat = 'csv' | 'json';

export interface ExportFilters {
	status?: string;
	agent_id?: string;
	channel?: string;
}

export interface ExportFileInfo {
	name: string;
	size: number;
	content_type: 'text/csv' | 'application/json';
}

export interface ExportJob extends Ordered {
	resource: ExportResource;
	format: ExportFormat;
	status: 'pending' | 'processing' | 'completed' | 'failed';
	date_from: string | null;
	date_to: string | null;
	filters: ExportFilters;
	record_count: number | null;
	file: ExportFileInfo | null;
	completed_at: string | null;
}

/** The bytes of a finished export, kept apart from the job so the API never serialises them by accident. */
export interface ExportFileContent {
	name: string;
	contentType: ExportFileInfo['content_type'];
	bytes: Buffer;
}

export interface EventEnvelope<T = unknown> {
	id: string;
	type: string;
	created_at: string;
	data: T;
}

export interface DeliveryAttempt {
	/** 1-based; a duplicate (fault injection) repeats the number of the attempt it copies. */
	attempt: number;
	/** When the request was sent (ISO). */
	sent_at: string;
	/** The `webhook-timestamp` header of this attempt (unix seconds). */
	timestamp: number;
	status_code: number | null;
	error: string | null;
	duration_ms: number;
	/** True for the extra copy sent by the `duplicateDeliveryRate` fault. */
	duplicate: boolean;
}

export interface Delivery extends Ordered {
	webhook_id: string;
	event_id: string;
	event_type: string;
	url: string;
	status: 'pending' | 'delivered' | 'failed';
	/** Why a failed delivery stopped: all attempts used, 410 Gone, or the subscription went away. */
	failure_reason:
		| 'attempts_exhausted'
		| 'endpoint_gone'
		| 'subscription_disabled'
		| 'subscription_deleted'
		| null;
	attempts: DeliveryAttempt[];
	next_attempt_at: string | null;
	/** The exact JSON body sent on every attempt. */
	body: string;
	/** Sent by POST /v1/webhooks/{id}/test: delivered even to a disabled subscription. */
	test: boolean;
}

export interface RequestLogEntry {
	request_id: string;
	method: string;
	path: string;
	query: Record<string, unknown>;
	status: number;
	client_id: string | null;
	time: string;
	duration_ms: number;
	idempotency_key: string | null;
	replayed: boolean;
	/** Which injected fault shaped the answer, if any (a `hang` is logged when it arrives, with status 0). */
	fault: 'error_5xx_before' | 'error_5xx_after' | 'rate_429' | 'slow' | AnswerFault | null;
}

export interface Page<T> {
	data: T[];
	has_more: boolean;
	next_cursor: string | null;
}
