// In-memory state of one sandbox. Plain maps keyed by id; lists are sorted on demand by (created_at, id).
import type {
	Agent,
	Conversation,
	Delivery,
	EventEnvelope,
	ExportFileContent,
	ExportJob,
	Message,
	Ordered,
	WebhookSubscription,
	Workflow,
	WorkflowRun,
} from './types';

export function compareByCreation(a: Ordered, b: Ordered): number {
	if (a.created_at !== b.created_at) return a.created_at < b.created_at ? -1 : 1;
	return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function sortByCreation<T extends Ordered>(items: Iterable<T>): T[] {
	return Array.from(items).sort(compareByCreation);
}

export class Store {
	readonly agents = new Map<string, Agent>();
	readonly conversations = new Map<string, Conversation>();
	readonly messages = new Map<string, Message>();
	readonly webhooks = new Map<string, WebhookSubscription>();
	/** Signing secrets, kept out of the subscription records so no answer can leak them. */
	readonly webhookSecrets = new Map<string, string>();
	readonly workflows = new Map<string, Workflow>();
	readonly runs = new Map<string, WorkflowRun>();
	readonly exports = new Map<string, ExportJob>();
	readonly exportFiles = new Map<string, ExportFileContent>();
	readonly deliveries = new Map<string, Delivery>();
	readonly events: EventEnvelope[] = [];
	private readonly messagesByConversation = new Map<string, Message[]>();

	clear(): void {
		for (const map of [
			this.agents,
			this.conversations,
			this.messages,
			this.webhooks,
			this.webhookSecrets,
			this.workflows,
			this.runs,
			this.exports,
			this.exportFiles,
			this.deliveries,
			this.messagesByConversation,
		] as Array<Map<string, unknown>>) {
			map.clear();
		}
		this.events.length = 0;
	}

	addMessage(message: Message): void {
		this.messages.set(message.id, message);
		const list = this.messagesByConversation.get(message.conversation_id) ?? [];
		list.push(message);
		list.sort(compareByCreation);
		this.messagesByConversation.set(message.conversation_id, list);
		const conversation = this.conversations.get(message.conversation_id);
		if (conversation) conversation.message_count = list.length;
	}

	/** Messages of one conversation, oldest first. */
	messagesOf(conversationId: string): Message[] {
		return (this.messagesByConversation.get(conversationId) ?? []).slice();
	}

	deleteConversation(id: string): void {
		for (const message of this.messagesByConversation.get(id) ?? [])
			this.messages.delete(message.id);
		this.messagesByConversation.delete(id);
		this.conversations.delete(id);
	}

	deleteWebhook(id: string): void {
		this.webhooks.delete(id);
		this.webhookSecrets.delete(id);
	}

	counts(): Record<string, number> {
		return {
			agents: this.agents.size,
			conversations: this.conversations.size,
			messages: this.messages.size,
			webhooks: this.webhooks.size,
			workflows: this.workflows.size,
			runs: this.runs.size,
			exports: this.exports.size,
			events: this.events.length,
			deliveries: this.deliveries.size,
		};
	}
}
