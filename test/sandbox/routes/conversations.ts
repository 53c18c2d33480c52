import type { SandboxCore } from '../core';
import { conflict, validationError } from '../errors';
import { newId } from '../ids';
import { paginate } from '../pagination';
import { agentReply } from '../replies';
import type {
	Channel,
	Conversation,
	Customer,
	EscalationPriority,
	Message,
	MessageRole,
} from '../types';
import { found, nowIso, type Handlers, type ListQuery } from './common';

interface ConversationInput {
	agent_id: string;
	channel: Channel;
	subject?: string | null;
	customer?: Partial<Customer>;
	metadata?: Record<string, unknown>;
	message?: string;
}

function customerOf(input: Partial<Customer> | undefined): Customer {
	return {
		name: input?.name ?? null,
		email: input?.email ?? null,
		phone: input?.phone ?? null,
		external_id: input?.external_id ?? null,
	};
}

export function conversationRoutes(core: SandboxCore): Handlers {
	const { store, events } = core;
	const conversationOf = (params: unknown) =>
		found(
			store.conversations,
			(params as { conversation_id: string }).conversation_id,
			'Conversation',
		);

	/** Stores a message and the agent's answer, and emits agent.response. */
	const converse = (conversation: Conversation, content: string, role: MessageRole) => {
		const message: Message = {
			id: newId('message'),
			conversation_id: conversation.id,
			role,
			content,
			created_at: nowIso(),
		};
		store.addMessage(message);
		const reply: Message = {
			id: newId('message'),
			conversation_id: conversation.id,
			role: 'agent',
			content: agentReply(store.agents.get(conversation.agent_id), content),
			created_at: nowIso(),
		};
		store.addMessage(reply);
		conversation.updated_at = reply.created_at;
		return { message, reply };
	};

	const emitResponse = (conversation: Conversation, reply: Message) =>
		events.emit('agent.response', {
			conversation_id: conversation.id,
			agent_id: conversation.agent_id,
			message: reply,
		});

	return {
		listConversations: (request) => {
			const q = request.query as ListQuery & {
				status?: string;
				agent_id?: string;
				channel?: string;
				created_after?: string;
				created_before?: string;
			};
			const after = q.created_after ? new Date(q.created_after).toISOString() : null;
			const before = q.created_before ? new Date(q.created_before).toISOString() : null;
			const list = Array.from(store.conversations.values()).filter(
				(c) =>
					(!q.status || c.status === q.status) &&
					(!q.agent_id || c.agent_id === q.agent_id) &&
					(!q.channel || c.channel === q.channel) &&
					(!after || c.created_at >= after) &&
					(!before || c.created_at < before),
			);
			return paginate(list, q.limit, q.cursor);
		},
		createConversation: (request, reply) => {
			const body = request.body as ConversationInput;
			if (!store.agents.has(body.agent_id)) {
				throw validationError(
					'agent_id',
					`Agent ${body.agent_id} was not found. Use the ID of an existing agent (see GET /v1/agents).`,
				);
			}
			const now = nowIso();
			const conversation: Conversation = {
				id: newId('conversation'),
				agent_id: body.agent_id,
				status: 'open',
				channel: body.channel,
				subject: body.subject ?? null,
				customer: customerOf(body.customer),
				metadata: body.metadata ?? {},
				message_count: 0,
				created_at: now,
				updated_at: now,
				completed_at: null,
				resolution: null,
				escalated_at: null,
				escalation: null,
			};
			store.conversations.set(conversation.id, conversation);
			const exchange = body.message ? converse(conversation, body.message, 'user') : null;
			events.emit('conversation.started', conversation);
			if (exchange) emitResponse(conversation, exchange.reply);
			reply.code(201);
			return conversation;
		},
		getConversation: (request) => conversationOf(request.params),
		updateConversation: (request) => {
			const conversation = conversationOf(request.params);
			const body = request.body as Partial<ConversationInput>;
			if (body.subject !== undefined) conversation.subject = body.subject;
			if (body.channel !== undefined) conversation.channel = body.channel;
			if (body.customer !== undefined) conversation.customer = customerOf(body.customer);
			if (body.metadata !== undefined) conversation.metadata = body.metadata;
			conversation.updated_at = nowIso();
			return conversation;
		},
		deleteConversation: (request, reply) => {
			store.deleteConversation(conversationOf(request.params).id);
			reply.code(204);
			return reply.send();
		},
		listMessages: (request) => {
			const conversation = conversationOf(request.params);
			const q = request.query as ListQuery;
			return paginate(store.messagesOf(conversation.id), q.limit, q.cursor);
		},
		createMessage: (request, reply) => {
			const conversation = conversationOf(request.params);
			if (conversation.status === 'completed') {
				throw conflict(
					`Conversation ${conversation.id} is completed, so it cannot take new messages. Start a new conversation instead.`,
				);
			}
			const body = request.body as { content: string; role: 'user' | 'system' };
			const exchange = converse(conversation, body.content, body.role);
			emitResponse(conversation, exchange.reply);
			reply.code(201);
			return exchange;
		},
		getTranscript: (request) => {
			const conversation = conversationOf(request.params);
			return { conversation_id: conversation.id, messages: store.messagesOf(conversation.id) };
		},
		completeConversation: (request) => {
			const conversation = conversationOf(request.params);
			if (conversation.status === 'completed') {
				throw conflict(
					`Conversation ${conversation.id} is already completed. There is nothing more to do.`,
				);
			}
			const body = request.body as { resolution?: string };
			const now = nowIso();
			conversation.status = 'completed';
			conversation.completed_at = now;
			conversation.resolution = body.resolution ?? null;
			conversation.updated_at = now;
			events.emit('conversation.completed', conversation);
			return conversation;
		},
		escalateConversation: (request) => {
			const conversation = conversationOf(request.params);
			if (conversation.status === 'completed') {
				throw conflict(
					`Conversation ${conversation.id} is completed, so it cannot be escalated. Start a new conversation instead.`,
				);
			}
			const body = request.body as { reason: string; team?: string; priority: EscalationPriority };
			const now = nowIso();
			conversation.status = 'escalated';
			conversation.escalated_at = now;
			conversation.escalation = {
				reason: body.reason,
				team: body.team ?? null,
				priority: body.priority,
			};
			conversation.updated_at = now;
			events.emit('conversation.escalated', conversation);
			return conversation;
		},
	};
}
