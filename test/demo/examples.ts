/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test code reads the example files */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IBinaryData, IDataObject } from 'n8n-workflow';

import type { WorkflowJson } from '../harness/run-workflow';
import type { TestEnvironment } from '../support/environment';
import { CREDENTIAL_ID } from '../support/workflows';

const EXAMPLES_DIR = join(__dirname, '..', '..', 'examples');

/** An example as a user imports it, with its WorkFlux credential pointed at the harness's credential. */
export function loadExample(file: string): WorkflowJson {
	const json = JSON.parse(readFileSync(join(EXAMPLES_DIR, file), 'utf-8')) as WorkflowJson;
	for (const node of json.nodes) {
		if (node.credentials?.workfluxOAuth2Api) {
			node.credentials.workfluxOAuth2Api = { id: CREDENTIAL_ID, name: 'WorkFlux account' };
		}
	}
	return json;
}

export interface LeadOutcome {
	lead: string;
	conversation?: IDataObject;
	problems?: string[];
}

/** Example 1: CRM leads → WorkFlux Mapper → Start WorkFlux conversation. */
export async function runCrmLeadExample(env: TestEnvironment) {
	const workflow = loadExample('crm-lead-to-conversation.json');
	const run = await env.run(workflow);
	const leads = (workflow.pinData?.['New CRM lead'] ?? []).map((item) => item.json);
	const started = run.json('Start WorkFlux conversation');
	const invalid = run.items('Map lead to WorkFlux fields', 1);
	const outcomes: LeadOutcome[] = [];
	for (const item of run.items('Start WorkFlux conversation')) {
		const index = (item.pairedItem as { item: number }).item;
		outcomes.push({ lead: describeLead(leads[index]), conversation: item.json });
	}
	for (const item of invalid) {
		const index = (item.pairedItem as { item: number }).item;
		const errors = (item.json.mappingErrors ?? item.json.errors ?? []) as Array<{
			message?: string;
		}>;
		outcomes.push({
			lead: describeLead(leads[index]),
			problems: errors.map((error) => String(error.message ?? error)),
		});
	}
	return { run, started, invalid, outcomes };
}

function describeLead(lead: IDataObject | undefined) {
	return `${String(lead?.first_name ?? '').trim()} ${String(lead?.last_name ?? '').trim()}`.trim();
}

/**
 * Example 2 up to the notification: a real `conversation.escalated` event (as the trigger outputs it)
 * through the example's own Mapper. The HTTP Request to the team chat is n8n's node; it runs in real n8n
 * (`npm run dev`, the end-to-end suite), not in this harness.
 */
export async function runEscalationMapping(env: TestEnvironment, triggerOutput: IDataObject) {
	const workflow = loadExample('escalation-notify-team.json');
	const notify = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.httpRequest')!;
	workflow.nodes = workflow.nodes.filter((node) => node !== notify);
	delete workflow.connections['Write the notification'];
	workflow.pinData = { 'Conversation escalated': [{ json: triggerOutput }] };
	const run = await env.run(workflow);
	return { run, notification: run.json('Write the notification')[0] };
}

/** Example 3: the nightly export, run by hand. Returns the downloaded file. */
export async function runNightlyExportExample(env: TestEnvironment) {
	const workflow = loadExample('nightly-export-csv.json');
	const run = await env.run(workflow);
	const exportJob = run.json("Export yesterday's conversations")[0];
	const binary = run.items('Download the CSV')[0]?.binary?.data as IBinaryData | undefined;
	const bytes = binary ? Buffer.from(binary.data, 'base64') : undefined;
	return { run, exportJob, binary, bytes };
}

/**
 * Example 4 needs a language model, so here only its tools are checked (this package's nodes); the end-to-end
 * suite runs it in a real n8n against a scripted model (test/e2e/ai-agent.e2e.ts).
 */
export function aiAgentToolNodes() {
	const workflow = loadExample('ai-agent-with-workflux-tools.json');
	const toolConnections = Object.entries(workflow.connections)
		.filter(([, outputs]) => outputs.ai_tool)
		.map(([name]) => workflow.nodes.find((node) => node.name === name)!);
	return { workflow, tools: toolConnections };
}
