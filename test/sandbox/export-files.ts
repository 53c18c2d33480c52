// What an export job selects and the file it writes (CSV or a JSON array).
import { toCsv, type CsvValue } from './csv';
import { inRange, resolveRange } from './dates';
import { sortByCreation, type Store } from './store';
import type { Agent, Conversation, ExportFileContent, ExportJob, Message } from './types';

type Row = Agent | Conversation | Message;

const json = (value: unknown): string => JSON.stringify(value);

const COLUMNS: {
	[K in ExportJob['resource']]: Array<[string, (record: never) => CsvValue]>;
} = {
	conversations: [
		['id', (c: Conversation) => c.id],
		['agent_id', (c: Conversation) => c.agent_id],
		['status', (c: Conversation) => c.status],
		['channel', (c: Conversation) => c.channel],
		['subject', (c: Conversation) => c.subject],
		['customer_name', (c: Conversation) => c.customer.name],
		['customer_email', (c: Conversation) => c.customer.email],
		['customer_phone', (c: Conversation) => c.customer.phone],
		['customer_external_id', (c: Conversation) => c.customer.external_id],
		['message_count', (c: Conversation) => c.message_count],
		['created_at', (c: Conversation) => c.created_at],
		['updated_at', (c: Conversation) => c.updated_at],
		['completed_at', (c: Conversation) => c.completed_at],
		['resolution', (c: Conversation) => c.resolution],
		['escalated_at', (c: Conversation) => c.escalated_at],
		['escalation_reason', (c: Conversation) => c.escalation?.reason],
		['escalation_team', (c: Conversation) => c.escalation?.team],
		['escalation_priority', (c: Conversation) => c.escalation?.priority],
		['metadata', (c: Conversation) => json(c.metadata)],
	],
	agents: [
		['id', (a: Agent) => a.id],
		['name', (a: Agent) => a.name],
		['description', (a: Agent) => a.description],
		['model', (a: Agent) => a.model],
		['instructions', (a: Agent) => a.instructions],
		['status', (a: Agent) => a.status],
		['channels', (a: Agent) => json(a.channels)],
		['metadata', (a: Agent) => json(a.metadata)],
		['created_at', (a: Agent) => a.created_at],
		['updated_at', (a: Agent) => a.updated_at],
	],
	messages: [
		['id', (m: Message) => m.id],
		['conversation_id', (m: Message) => m.conversation_id],
		['role', (m: Message) => m.role],
		['content', (m: Message) => m.content],
		['created_at', (m: Message) => m.created_at],
	],
};

/** The CSV header of a resource (for tests and documentation). */
export function csvHeader(resource: ExportJob['resource']): string[] {
	return COLUMNS[resource].map(([name]) => name);
}

/** The records an export selects: created in its date range and matching its filters, oldest first. */
export function selectRecords(store: Store, job: ExportJob): Row[] {
	const range = resolveRange(job.date_from ?? undefined, job.date_to ?? undefined);
	const { status, agent_id: agentId, channel } = job.filters;
	if (job.resource === 'agents') {
		return sortByCreation(store.agents.values()).filter(
			(a) =>
				inRange(a.created_at, range) &&
				(!status || a.status === status) &&
				(!agentId || a.id === agentId) &&
				(!channel || a.channels.includes(channel as Agent['channels'][number])),
		);
	}
	const conversationMatches = (c: Conversation | undefined) =>
		c !== undefined &&
		(!status || c.status === status) &&
		(!agentId || c.agent_id === agentId) &&
		(!channel || c.channel === channel);
	if (job.resource === 'conversations') {
		return sortByCreation(store.conversations.values()).filter(
			(c) => inRange(c.created_at, range) && conversationMatches(c),
		);
	}
	return sortByCreation(store.messages.values()).filter(
		(m) =>
			inRange(m.created_at, range) &&
			conversationMatches(store.conversations.get(m.conversation_id)),
	);
}

export function renderExport(job: ExportJob, records: Row[]): ExportFileContent {
	const name = `${job.resource}-${job.id}.${job.format}`;
	if (job.format === 'json') {
		return {
			name,
			contentType: 'application/json',
			bytes: Buffer.from(JSON.stringify(records, null, 2) + '\n', 'utf8'),
		};
	}
	const columns = COLUMNS[job.resource];
	const rows = records.map((record) => columns.map(([, read]) => read(record as never)));
	return {
		name,
		contentType: 'text/csv',
		bytes: Buffer.from(
			toCsv(
				columns.map(([header]) => header),
				rows,
			),
			'utf8',
		),
	};
}
