/* eslint-disable @n8n/community-nodes/no-restricted-globals */
import { randomUUID } from 'node:crypto';

import type { ExecutionDetails, N8nClient } from './n8n-client';

export interface ChatTurn {
	/** The chat's answer (the agent's output), as the chat window shows it. */
	answer: string;
	execution: ExecutionDetails;
	/** From sending the message to the answer. */
	seconds: number;
}

/**
 * One message typed into the editor's chat window of a workflow that starts with a Chat Trigger, as n8n
 * 2.41's editor sends it: a manual run with the chat session's ID, which makes n8n listen for the trigger at
 * `/webhook-test/<workflow ID>/<session ID>`, then the message posted there; the answer comes back on that
 * request. The run is then read back like any execution.
 */
export async function sendChatMessage(
	n8n: N8nClient,
	workflow: { id: string; triggerName: string },
	text: string,
): Promise<ChatTurn> {
	const before = new Set((await n8n.listExecutions(workflow.id)).map((e) => e.id));
	const sessionId = randomUUID();
	const started = await n8n.request<{ waitingForWebhook?: boolean }>(
		'POST',
		`/rest/workflows/${workflow.id}/run`,
		{ triggerToStartFrom: { name: workflow.triggerName }, chatSessionId: sessionId },
	);
	if (!started?.waitingForWebhook) {
		throw new Error(`n8n did not wait for the chat message: ${JSON.stringify(started)}`);
	}
	const sentAt = Date.now();
	const response = await fetch(`${n8n.baseUrl}/webhook-test/${workflow.id}/${sessionId}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ action: 'sendMessage', sessionId, chatInput: text }),
	});
	const body = await response.text();
	const seconds = (Date.now() - sentAt) / 1000;
	if (!response.ok) throw new Error(`The chat answered ${response.status}: ${body}`);
	const answer = (JSON.parse(body) as { output?: unknown }).output;

	const deadline = Date.now() + 30_000;
	let id: string | undefined;
	while (!id) {
		id = (await n8n.listExecutions(workflow.id)).find((e) => !before.has(e.id))?.id;
		if (!id && Date.now() > deadline) throw new Error('The chat message left no execution.');
		if (!id) await new Promise((resolve) => setTimeout(resolve, 200));
	}
	const execution = await n8n.waitForExecution(id, 60_000);
	return {
		answer: typeof answer === 'string' ? answer : JSON.stringify(answer),
		execution,
		seconds,
	};
}
