// The agent's generated reply: deterministic, short, and on topic, so demos read naturally and tests can assert it.
import type { Agent } from './types';

const TOPICS: Array<{ words: RegExp; reply: (name: string) => string }> = [
	{
		words: /\b(refund|return|money back|reimburse)/i,
		reply: () =>
			'I can help with your refund. Please share your order number and I will check whether it qualifies.',
	},
	{
		words: /\b(order|shipping|delivery|package|tracking)/i,
		reply: () =>
			'Let me look into your order. Could you send me the order number? I will check its status and the expected delivery date.',
	},
	{
		words: /\b(password|log ?in|sign ?in|account locked)/i,
		reply: () =>
			'Sorry you cannot get in. I have sent a password reset link to the email address on your account; it is valid for 30 minutes.',
	},
	{
		words: /\b(price|pricing|plan|upgrade|invoice|bill)/i,
		reply: () =>
			'Happy to help with billing. Our plans are listed on the pricing page; tell me which plan you are on and I will explain your options.',
	},
	{
		words: /\b(human|person|someone|representative|manager)/i,
		reply: () =>
			'I understand. I am bringing in a member of our team, who will reply here shortly.',
	},
	{
		words: /^\s*(hi|hello|hey|good (morning|afternoon|evening))\b/i,
		reply: (name) => `Hello! I am ${name}. How can I help you today?`,
	},
	{
		words: /\b(thanks|thank you|great|perfect)\b/i,
		reply: () => 'You are welcome! Is there anything else I can help you with?',
	},
];

export function agentReply(agent: Pick<Agent, 'name'> | undefined, content: string): string {
	const name = agent?.name ?? 'your WorkFlux assistant';
	const topic = TOPICS.find((t) => t.words.test(content));
	if (topic) return topic.reply(name);
	const snippet = content.length > 80 ? `${content.slice(0, 77)}...` : content;
	return `Thanks for your message ("${snippet}"). I am ${name}, and I am looking into it now.`;
}
