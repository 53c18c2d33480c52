// Sample event data for POST /v1/webhooks/{id}/test and POST /_sandbox/events without `data`: realistic and valid
// against the event schemas in openapi.yaml.
import { newId } from './ids';
import type { Store } from './store';
import type { Conversation } from './types';

export function sampleEventData(type: string, store: Store): unknown {
	const now = new Date().toISOString();
	const agent = store.agents.values().next().value;
	const agentId = agent?.id ?? newId('agent');
	const conversation: Conversation = {
		id: newId('conversation'),
		agent_id: agentId,
		status: 'open',
		channel: 'web',
		subject: 'Where is my order?',
		customer: {
			name: 'Ada Lovelace',
			email: 'ada.lovelace@example.com',
			phone: '+14155550123',
			external_id: 'cus_1001',
		},
		metadata: { sample: true },
		message_count: 2,
		created_at: now,
		updated_at: now,
		completed_at: null,
		resolution: null,
		escalated_at: null,
		escalation: null,
	};
	switch (type) {
		case 'conversation.completed':
			return {
				...conversation,
				status: 'completed',
				completed_at: now,
				resolution: 'Order located and tracking shared',
			};
		case 'conversation.escalated':
			return {
				...conversation,
				status: 'escalated',
				escalated_at: now,
				escalation: { reason: 'Customer asked for a human', team: 'Support', priority: 'normal' },
			};
		case 'agent.response':
			return {
				conversation_id: conversation.id,
				agent_id: agentId,
				message: {
					id: newId('message'),
					conversation_id: conversation.id,
					role: 'agent',
					content: 'Let me look into your order. Could you send me the order number?',
					created_at: now,
				},
			};
		case 'integration.status_updated':
			return {
				integration: 'salesforce',
				status: 'degraded',
				message: 'Salesforce is answering slowly; WorkFlux retries the sync automatically.',
			};
		default:
			return conversation;
	}
}
