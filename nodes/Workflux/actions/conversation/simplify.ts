import type { IDataObject } from 'n8n-workflow';

/**
 * The compact conversation "Simplify" returns: the ten fields people filter and route on, flat, so they
 * can be mapped without digging into nested objects (n8n's guideline: at most ten fields).
 */
export function simplifyConversation(conversation: IDataObject): IDataObject {
	const customer = (conversation.customer ?? {}) as IDataObject;
	return {
		id: conversation.id,
		status: conversation.status,
		channel: conversation.channel,
		agent_id: conversation.agent_id,
		subject: conversation.subject ?? null,
		customer_name: customer.name ?? null,
		customer_email: customer.email ?? null,
		message_count: conversation.message_count,
		created_at: conversation.created_at,
		updated_at: conversation.updated_at,
	};
}
