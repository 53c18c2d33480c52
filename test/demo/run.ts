/* eslint-disable no-console, @n8n/community-nodes/no-restricted-globals -- a command-line program */
// `npm run demo`: the package's main job, end to end, on this machine alone. It starts the WorkFlux sandbox
// on 127.0.0.1, runs the example workflows through n8n's own execution engine (n8n-core), lets the WorkFlux
// Trigger receive a real signed event, and says what happened in plain words.
import type { IDataObject } from 'n8n-workflow';

import { useTemporaryN8nUserFolder } from '../harness/n8n-user-folder';
import { TriggerHost } from '../harness/trigger-host';
import { createEnvironment, type TestEnvironment } from '../support/environment';
import {
	aiAgentToolNodes,
	runCrmLeadExample,
	runEscalationMapping,
	runNightlyExportExample,
} from './examples';

const say = (text = '') => console.log(text);
const step = (title: string) => say(`\n▶ ${title}`);

async function crmLeads(env: TestEnvironment) {
	step('Example 1 — CRM leads → WorkFlux Mapper → start a WorkFlux conversation');
	const { run, outcomes } = await runCrmLeadExample(env);
	if (run.status !== 'success') throw new Error(`the workflow failed: ${run.error?.message}`);
	for (const outcome of outcomes) {
		if (outcome.conversation) {
			const c = outcome.conversation;
			const customer = c.customer as IDataObject;
			say(
				`  ✓ ${outcome.lead}: conversation ${c.id} started with the Sales Concierge agent on ${c.channel}` +
					` (e-mail ${customer.email}, phone ${customer.phone ?? 'none'}).`,
			);
			const reply = env.sandbox.control.messages(String(c.id)).find((m) => m.role === 'agent');
			if (reply) say(`    The agent answered: “${reply.content}”`);
		} else {
			say(
				`  ✗ ${outcome.lead || 'A lead'} went to “Leads to fix”: ${outcome.problems?.join('; ')}`,
			);
		}
	}
}

async function escalations(env: TestEnvironment) {
	step('Example 2 — WorkFlux Trigger: an escalated conversation notifies the team');
	const host = await TriggerHost.start({
		credentialsHelper: env.credentialsHelper,
		parameters: { events: ['conversation.escalated'], options: {} },
	});
	try {
		await host.activate();
		const [subscription] = env.sandbox.control.webhooks();
		say(`  Activating the workflow subscribed ${host.productionUrl}`);
		say(`  to ${subscription.events.join(', ')} in WorkFlux (subscription ${subscription.id}).`);

		const conversation = env.sandbox.control.conversations().find((c) => c.status === 'open');
		if (!conversation) throw new Error('the sandbox has no open conversation to escalate');
		await fetch(`${env.sandbox.baseUrl}/conversations/${conversation.id}/escalate`, {
			method: 'POST',
			headers: {
				authorization: `Bearer ${env.sandbox.control.issueToken()}`,
				'content-type': 'application/json',
			},
			body: JSON.stringify({
				reason: 'Customer asks for a refund above the limit',
				team: 'billing',
				priority: 'high',
			}),
		});
		say(`  Someone escalated conversation ${conversation.id} in WorkFlux…`);
		const [execution] = await host.waitForExecutions(1);
		if (!execution) throw new Error('no signed delivery reached the trigger');
		const event = execution.items[0];
		const delivery = event.delivery as IDataObject;
		say(
			`  ✓ WorkFlux delivered ${event.type} (${event.id}), signed; the trigger verified it and ran the workflow once.`,
		);
		say(`    Delivery attempt ${delivery.attempt}, received ${delivery.received_at}.`);

		const tampered = await fetch(host.productionUrl, {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				'webhook-id': 'msg_fake',
				'webhook-timestamp': String(Math.floor(Date.now() / 1000)),
				'webhook-signature': 'v1,Zm9yZ2Vk',
			},
			body: JSON.stringify(event),
		});
		say(`  ✓ A forged delivery was refused with HTTP ${tampered.status}; nothing ran.`);

		const { notification } = await runEscalationMapping(env, event);
		say(`  The Mapper wrote the team message for ${notification.channel}:`);
		say(
			`    [${notification.priority}] Conversation ${notification.conversation_id} needs a person: ${notification.summary}`,
		);
		say('    (In n8n, the example’s HTTP Request node posts it to your team chat.)');

		await host.deactivate();
		say(
			`  ✓ Deactivating removed the subscription: ${env.sandbox.control.webhooks().length} left in WorkFlux.`,
		);
	} finally {
		await host.close();
	}
}

async function nightlyExport(env: TestEnvironment) {
	step('Example 3 — nightly export of yesterday’s conversations, downloaded as CSV');
	env.sandbox.control.seed({ conversations: 25, days: 2 });
	const { run, exportJob, binary, bytes } = await runNightlyExportExample(env);
	if (run.status !== 'success') throw new Error(`the workflow failed: ${run.error?.message}`);
	say(
		`  ✓ Export ${exportJob.id} finished with ${exportJob.record_count} conversations; the node waited for it.`,
	);
	const lines = bytes?.toString('utf-8').split('\r\n') ?? [];
	say(
		`  ✓ Downloaded ${binary?.fileName} (${binary?.mimeType}, ${bytes?.length} bytes). First lines:`,
	);
	for (const line of lines.slice(0, 3))
		say(`    ${line.length > 110 ? `${line.slice(0, 107)}...` : line}`);
}

function aiAgent() {
	step('Example 4 — an AI Agent that uses WorkFlux and the Mapper as tools');
	const { tools } = aiAgentToolNodes();
	for (const tool of tools) say(`  • ${tool.name} (${tool.type})`);
	say(
		'  It needs a chat model and its credential, so the demo does not run it; import it in n8n to try.',
	);
}

async function main() {
	// n8n-core's settings (an encryption key) go to a folder removed on exit, never to the user's ~/.n8n.
	useTemporaryN8nUserFolder();
	const env = await createEnvironment({ exportDurationMs: 500, retryTimeScale: 0.01 });
	say('WorkFlux for n8n — demo');
	say(`WorkFlux sandbox running at ${env.sandbox.baseUrl} (client demo-client / demo-secret).`);
	say(
		'Workflows run in n8n’s own engine; tokens come from the sandbox through n8n’s OAuth2 client.',
	);
	try {
		await crmLeads(env);
		await escalations(env);
		await nightlyExport(env);
		aiAgent();
		const tokens = env.sandbox.control.requests().filter((r) => r.path === '/v1/auth/token').length;
		say(
			`\nDone. ${env.sandbox.control.requests().length} API requests, ${tokens} token request(s).`,
		);
	} finally {
		await env.close();
	}
}

main().catch((error) => {
	console.error(`\nThe demo stopped: ${error?.message ?? error}`);
	process.exitCode = 1;
});
