// Reports computed from the conversations and messages in the store.
import { inRange, isoWeekStart, resolveRange, utcDay } from './dates';
import type { Store } from './store';
import type { Conversation } from './types';

export const REPORT_METRICS = [
	'conversation_volume',
	'resolution_rate',
	'escalation_rate',
	'avg_first_response_seconds',
	'messages_per_conversation',
] as const;
export type ReportMetric = (typeof REPORT_METRICS)[number];
export type GroupBy = 'day' | 'week' | 'agent';

export type MetricValues = Partial<Record<ReportMetric, number | null>>;

export interface ReportRow extends MetricValues {
	group: string;
	agent_name?: string;
}

export interface Report {
	date_from: string;
	date_to: string;
	group_by: GroupBy;
	metrics: ReportMetric[];
	rows: ReportRow[];
	totals: MetricValues;
}

export interface ReportQuery {
	date_from: string;
	date_to: string;
	group_by: GroupBy;
	metrics?: ReportMetric[];
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Seconds from the first customer message to the first agent message after it, or null. */
function firstResponseSeconds(store: Store, conversation: Conversation): number | null {
	const messages = store.messagesOf(conversation.id);
	const firstUser = messages.find((m) => m.role === 'user');
	if (!firstUser) return null;
	const firstReply = messages.find(
		(m) => m.role === 'agent' && m.created_at >= firstUser.created_at,
	);
	if (!firstReply) return null;
	return (Date.parse(firstReply.created_at) - Date.parse(firstUser.created_at)) / 1000;
}

export function metricValues(
	store: Store,
	conversations: Conversation[],
	metrics: ReportMetric[],
): MetricValues {
	const total = conversations.length;
	const values: MetricValues = {};
	for (const metric of metrics) {
		switch (metric) {
			case 'conversation_volume':
				values[metric] = total;
				break;
			case 'resolution_rate':
				values[metric] =
					total === 0
						? 0
						: round(conversations.filter((c) => c.status === 'completed').length / total, 4);
				break;
			case 'escalation_rate':
				values[metric] =
					total === 0
						? 0
						: round(conversations.filter((c) => c.escalated_at !== null).length / total, 4);
				break;
			case 'avg_first_response_seconds': {
				const times = conversations
					.map((c) => firstResponseSeconds(store, c))
					.filter((t): t is number => t !== null);
				values[metric] =
					times.length === 0 ? null : round(times.reduce((a, b) => a + b, 0) / times.length, 1);
				break;
			}
			case 'messages_per_conversation':
				values[metric] =
					total === 0
						? 0
						: round(conversations.reduce((sum, c) => sum + c.message_count, 0) / total, 2);
				break;
		}
	}
	return values;
}

export function buildReport(store: Store, query: ReportQuery): Report {
	const metrics = query.metrics && query.metrics.length > 0 ? query.metrics : [...REPORT_METRICS];
	const range = resolveRange(query.date_from, query.date_to);
	const selected = Array.from(store.conversations.values()).filter((c) =>
		inRange(c.created_at, range),
	);
	const groups = new Map<string, Conversation[]>();
	for (const conversation of selected) {
		const key =
			query.group_by === 'day'
				? utcDay(conversation.created_at)
				: query.group_by === 'week'
					? isoWeekStart(conversation.created_at)
					: conversation.agent_id;
		groups.set(key, [...(groups.get(key) ?? []), conversation]);
	}
	const rows: ReportRow[] = Array.from(groups.keys())
		.sort()
		.map((group) => {
			const row: ReportRow = { group };
			if (query.group_by === 'agent')
				row.agent_name = store.agents.get(group)?.name ?? '(deleted agent)';
			return { ...row, ...metricValues(store, groups.get(group) ?? [], metrics) };
		});
	return {
		date_from: query.date_from,
		date_to: query.date_to,
		group_by: query.group_by,
		metrics,
		rows,
		totals: metricValues(store, selected, metrics),
	};
}
