// Seed data: the default demo data set, and bulk data for tests (`seed`), spread over dates, statuses and
// channels. Generated from a seeded PRNG, so the same seed gives the same data (apart from ids).
import { newId } from './ids';
import type { Prng } from './prng';
import { agentReply } from './replies';
import type { Store } from './store';
import type {
	Agent,
	Channel,
	Conversation,
	ConversationStatus,
	EscalationPriority,
	Message,
	Workflow,
} from './types';
import { CHANNELS } from './types';

const DAY_MS = 86_400_000;

const AGENT_FIXTURES: Array<
	Pick<Agent, 'name' | 'description' | 'instructions' | 'model' | 'channels'>
> = [
	{
		name: 'Support Assistant',
		description: 'Answers product questions and solves common problems around the clock.',
		instructions: 'Be friendly and brief. Solve the problem or hand over to the support team.',
		model: 'workflux-standard',
		channels: ['web', 'email', 'whatsapp'],
	},
	{
		name: 'Sales Concierge',
		description: 'Qualifies leads, explains plans and books demos.',
		instructions: 'Ask about team size and goals. Offer a demo when the lead is qualified.',
		model: 'workflux-advanced',
		channels: ['web', 'sms'],
	},
	{
		name: 'Billing Helper',
		description: 'Handles invoices, refunds and plan changes.',
		instructions: 'Never promise a refund; check eligibility first. Escalate disputes to Billing.',
		model: 'workflux-standard',
		channels: ['email', 'web', 'voice'],
	},
	{
		name: 'Onboarding Guide',
		description: 'Walks new customers through setup.',
		instructions: 'Go step by step and confirm each step worked.',
		model: 'workflux-standard',
		channels: ['web', 'api'],
	},
	{
		name: 'Returns Specialist',
		description: 'Creates return labels and tracks returned parcels.',
		instructions: 'Check the order date against the 30-day return window.',
		model: 'workflux-standard',
		channels: ['email', 'whatsapp'],
	},
];

const WORKFLOW_FIXTURES: Array<Pick<Workflow, 'name' | 'description'>> = [
	{
		name: 'Create support ticket',
		description: 'Opens a ticket in the help desk with the conversation summary.',
	},
	{
		name: 'Sync contact to CRM',
		description: 'Creates or updates the customer as a contact in the CRM.',
	},
	{
		name: 'Send follow-up email',
		description: 'Emails the customer a summary and a satisfaction survey.',
	},
	{
		name: 'Notify on-call team',
		description: 'Posts an alert to the on-call channel for urgent escalations.',
	},
	{
		name: 'Update order status',
		description: 'Writes the latest order status back to the shop system.',
	},
];

const CUSTOMERS = [
	['Ada Lovelace', 'ada.lovelace@example.com'],
	['Grace Hopper', 'grace.hopper@example.com'],
	['Alan Turing', 'alan.turing@example.org'],
	['Katherine Johnson', 'katherine.johnson@example.net'],
	['Linus Pauling', 'linus.pauling@example.com'],
	['Marie Curie', 'marie.curie@example.org'],
	['Tim Berners-Lee', 'tim.bl@example.com'],
	['Hedy Lamarr', 'hedy.lamarr@example.net'],
	['Margaret Hamilton', 'margaret.hamilton@example.com'],
	['Claude Shannon', 'claude.shannon@example.org'],
] as const;

const OPENERS: Array<{ subject: string; message: string }> = [
	{
		subject: 'Where is my order?',
		message: 'Hi, my order #4821 has not arrived yet. Can you check the delivery status?',
	},
	{
		subject: 'Refund request',
		message: 'I would like a refund for my last purchase, the size is wrong.',
	},
	{
		subject: 'Cannot log in',
		message: 'I forgot my password and my account is locked. Please help.',
	},
	{
		subject: 'Question about plans',
		message: 'What is the price difference between the Team and Business plans?',
	},
	{
		subject: 'Invoice address',
		message: 'Can you change the address on my invoice? It should say "Acme, Inc., 1 Main St".',
	},
	{ subject: 'Talk to a person', message: 'I would like to talk to a human, please.' },
	{ subject: 'Setup help', message: 'Hello, how do I connect my shop to WorkFlux?' },
	{
		subject: 'Damaged item',
		message: 'The package arrived damaged. What are my options for a return?',
	},
];

const FOLLOW_UPS = [
	'The order number is 4821.',
	'Thanks, that helps a lot!',
	'It still does not work, unfortunately.',
	'Can I get that in writing by email?',
	'Great, thank you for the quick answer.',
];

const RESOLUTIONS = [
	'Answered the question',
	'Refund issued',
	'Password reset link sent',
	'Order located and tracking shared',
	'Plan upgraded',
];

const ESCALATIONS: Array<{ reason: string; team: string; priority: EscalationPriority }> = [
	{ reason: 'Customer asked for a human', team: 'Support', priority: 'normal' },
	{ reason: 'Refund above the automatic limit', team: 'Billing', priority: 'high' },
	{ reason: 'Possible fraud', team: 'Risk', priority: 'urgent' },
	{ reason: 'Bug report', team: 'Engineering', priority: 'low' },
];

export interface SeedCounts {
	agents?: number;
	conversations?: number;
	/** Messages per conversation (alternating customer and agent, starting with the customer). Default 2. */
	messages_per_conversation?: number;
	workflows?: number;
	/** Conversations are spread over this many days before now. Default 30. */
	days?: number;
}

export interface SeedResult {
	agents: string[];
	conversations: string[];
	messages: string[];
	workflows: string[];
}

function iso(ms: number): string {
	return new Date(ms).toISOString();
}

/** `Sales Concierge` → `sales_concierge`: the readable ids of the default data set. */
function slug(name: string): string {
	return name.toLowerCase().replace(/[^a-z0-9]+/g, '_');
}

/**
 * `stableIds`: the default data set's fixture records get readable ids that never change
 * (`agt_sales_concierge`), so example workflows that name an agent run against any fresh sandbox.
 */
export function seedAgents(
	store: Store,
	prng: Prng,
	count: number,
	now: number,
	stableIds = false,
): string[] {
	const ids: string[] = [];
	const start = store.agents.size;
	for (let i = 0; i < count; i++) {
		const n = start + i;
		const fixture = AGENT_FIXTURES[n % AGENT_FIXTURES.length];
		const round = Math.floor(n / AGENT_FIXTURES.length);
		const createdAt = iso(now - 90 * DAY_MS + n * 3_600_000 + prng.int(0, 3_599_999));
		const agent: Agent = {
			id: stableIds && round === 0 ? `agt_${slug(fixture.name)}` : newId('agent'),
			name: round === 0 ? fixture.name : `${fixture.name} ${round + 1}`,
			description: fixture.description,
			model: fixture.model,
			instructions: fixture.instructions,
			status: n % 7 === 6 ? 'inactive' : 'active',
			channels: fixture.channels.slice(),
			metadata: { team: fixture.name.split(' ')[0].toLowerCase() },
			created_at: createdAt,
			updated_at: createdAt,
		};
		store.agents.set(agent.id, agent);
		ids.push(agent.id);
	}
	return ids;
}

export function seedWorkflows(
	store: Store,
	prng: Prng,
	count: number,
	now: number,
	stableIds = false,
): string[] {
	const ids: string[] = [];
	const start = store.workflows.size;
	for (let i = 0; i < count; i++) {
		const n = start + i;
		const fixture = WORKFLOW_FIXTURES[n % WORKFLOW_FIXTURES.length];
		const round = Math.floor(n / WORKFLOW_FIXTURES.length);
		const workflow: Workflow = {
			id: stableIds && round === 0 ? `wf_${slug(fixture.name)}` : newId('workflow'),
			name: round === 0 ? fixture.name : `${fixture.name} ${round + 1}`,
			description: fixture.description,
			status: 'active',
			created_at: iso(now - 60 * DAY_MS + n * 3_600_000 + prng.int(0, 3_599_999)),
		};
		store.workflows.set(workflow.id, workflow);
		ids.push(workflow.id);
	}
	return ids;
}

function pickStatus(prng: Prng): ConversationStatus {
	const roll = prng.next();
	return roll < 0.5 ? 'completed' : roll < 0.7 ? 'escalated' : 'open';
}

export function seedConversations(
	store: Store,
	prng: Prng,
	count: number,
	messagesPerConversation: number,
	days: number,
	now: number,
): { conversations: string[]; messages: string[]; agents: string[] } {
	const createdAgents: string[] = [];
	if (count > 0 && store.agents.size === 0) createdAgents.push(...seedAgents(store, prng, 1, now));
	const agents = Array.from(store.agents.values());
	const conversations: string[] = [];
	const messages: string[] = [];
	// Spread evenly over the window (distinct milliseconds), ending an hour before now.
	const end = now - 3_600_000;
	const span = Math.max(1, days) * DAY_MS;
	const step = Math.max(1, Math.floor(span / Math.max(1, count)));
	for (let i = 0; i < count; i++) {
		const agent = agents[prng.int(0, agents.length - 1)];
		const [name, email] = CUSTOMERS[prng.int(0, CUSTOMERS.length - 1)];
		const opener = OPENERS[prng.int(0, OPENERS.length - 1)];
		const channel: Channel = prng.pick(CHANNELS);
		const status = pickStatus(prng);
		const createdMs = end - span + i * step + prng.int(0, step - 1);
		let clock = createdMs;
		const conversation: Conversation = {
			id: newId('conversation'),
			agent_id: agent.id,
			status: 'open',
			channel,
			subject: opener.subject,
			customer: {
				name,
				email,
				phone: `+1415555${String(prng.int(0, 9999)).padStart(4, '0')}`,
				external_id: `cus_${prng.int(1000, 9999)}`,
			},
			metadata: { source: 'seed' },
			message_count: 0,
			created_at: iso(createdMs),
			updated_at: iso(createdMs),
			completed_at: null,
			resolution: null,
			escalated_at: null,
			escalation: null,
		};
		store.conversations.set(conversation.id, conversation);
		let lastUserContent = opener.message;
		for (let m = 0; m < messagesPerConversation; m++) {
			const fromCustomer = m % 2 === 0;
			// The first agent answer comes 5 s to 3 min after the customer; later turns take longer.
			clock +=
				m === 0
					? prng.int(0, 60_000)
					: m === 1
						? prng.int(5_000, 180_000)
						: prng.int(20_000, 600_000);
			if (fromCustomer && m > 0) lastUserContent = FOLLOW_UPS[prng.int(0, FOLLOW_UPS.length - 1)];
			const message: Message = {
				id: newId('message'),
				conversation_id: conversation.id,
				role: fromCustomer ? 'user' : 'agent',
				content: fromCustomer ? lastUserContent : agentReply(agent, lastUserContent),
				created_at: iso(Math.min(clock, now)),
			};
			store.addMessage(message);
			messages.push(message.id);
		}
		const closedMs = Math.min(now, clock + prng.int(60_000, 3_600_000));
		if (status === 'completed') {
			conversation.status = 'completed';
			conversation.completed_at = iso(closedMs);
			conversation.resolution = prng.pick(RESOLUTIONS);
		} else if (status === 'escalated') {
			const escalation = prng.pick(ESCALATIONS);
			conversation.status = 'escalated';
			conversation.escalated_at = iso(closedMs);
			conversation.escalation = { ...escalation };
		}
		conversation.updated_at = iso(Math.max(clock, status === 'open' ? clock : closedMs));
		if (conversation.updated_at > iso(now)) conversation.updated_at = iso(now);
		conversations.push(conversation.id);
	}
	return { conversations, messages, agents: createdAgents };
}

export function seed(
	store: Store,
	prng: Prng,
	counts: SeedCounts,
	now = Date.now(),
	options: { stableIds?: boolean } = {},
): SeedResult {
	const agents = seedAgents(store, prng, counts.agents ?? 0, now, options.stableIds);
	const workflows = seedWorkflows(store, prng, counts.workflows ?? 0, now, options.stableIds);
	const result = seedConversations(
		store,
		prng,
		counts.conversations ?? 0,
		counts.messages_per_conversation ?? 2,
		counts.days ?? 30,
		now,
	);
	return {
		agents: [...agents, ...result.agents],
		conversations: result.conversations,
		messages: result.messages,
		workflows,
	};
}

/** The data set a fresh sandbox starts with: enough for the demo to show something real. */
export const DEFAULT_DATA: Required<SeedCounts> = {
	agents: 3,
	workflows: 3,
	conversations: 12,
	messages_per_conversation: 4,
	days: 14,
};
