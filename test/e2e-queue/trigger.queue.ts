/* eslint-disable @n8n/community-nodes/no-restricted-globals */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { EventEnvelope, WebhookSubscription } from '../sandbox/types';
import { makeDelivery, signedHeaders } from '../e2e/support/webhook-load';
import { triggerWorkflow } from '../e2e/support/workflows';
import { reportFigure } from './support/figures';
import { QueueSession } from './support/queue-session';

/**
 * The WorkFlux Trigger in queue mode: main activates it (one subscription, at nginx's public address),
 * WorkFlux's deliveries reach both webhook processes through nginx, and the workers run the executions.
 */

const EVENT_TYPES = [
	'conversation.started',
	'conversation.completed',
	'conversation.escalated',
	'agent.response',
	'integration.status_updated',
];

let session: QueueSession;
const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));
let workflowId: string;
let path: string;
let ours: () => Promise<Array<WebhookSubscription & { secret?: string }>>;

describe('WorkFlux Trigger across main, webhook processes and workers', () => {
	beforeAll(async () => {
		session = await QueueSession.open();
		const workflow = await session.n8n.createWorkflow(
			triggerWorkflow(session.ctx.credential, { name: 'Queue: trigger' }),
		);
		workflowId = workflow.id;
		path = `/webhook/${workflow.nodes[0].webhookId}/webhook`;
		const url = `${session.ctx.publicOrigin}${path}`;
		ours = async () => (await session.sandbox.webhooks()).filter((w) => w.url === url);
	});

	afterAll(async () => {
		await session?.n8n.unpublish(workflowId).catch(() => undefined);
		await session?.close();
	});

	it('subscribes once, from main, at the public (nginx) address', async () => {
		await session.n8n.publish(workflowId);
		const subscriptions = await ours();
		expect(subscriptions).toHaveLength(1);
		expect(subscriptions[0].status).toBe('active');
		expect([...subscriptions[0].events].sort()).toEqual([...EVENT_TYPES].sort());
	});

	it('runs every event type once, with its data, on the workers, delivered through both webhook processes', async () => {
		const emitted: EventEnvelope[] = [];
		// Two rounds of every type: round-robin sends consecutive deliveries to different processes.
		for (let round = 0; round < 2; round++)
			for (const type of EVENT_TYPES) emitted.push(await session.sandbox.emitEvent(type));
		expect(await session.sandbox.waitForDeliveries(60_000)).toBe(true);
		const [subscription] = await ours();
		const deliveries = await session.sandbox.deliveries({ webhookId: subscription.id });
		for (const event of emitted) {
			const delivery = deliveries.find((d) => d.event_id === event.id);
			expect(
				delivery?.attempts.map((a) => a.status_code),
				event.type,
			).toEqual([200]);
		}

		const executions = await session.waitForExecutions(workflowId, emitted.length);
		expect(executions).toHaveLength(emitted.length);
		expect(executions.every((e) => e.status === 'success' && e.mode === 'webhook')).toBe(true);
		const outputs = await session.outputs(
			executions.map((e) => e.id),
			'WorkFlux Trigger',
		);
		const items = [...outputs.values()].map((list) => {
			expect(list).toHaveLength(1);
			return list[0].json;
		});
		for (const event of emitted) {
			const matching = items.filter((item) => item.id === event.id);
			expect(matching, event.type).toHaveLength(1);
			expect(matching[0]).toMatchObject({ type: event.type, created_at: event.created_at });
			expect(matching[0].data).toEqual(event.data);
		}

		const workers = session.workerOfExecutions();
		const ranBy = executions.map((e) => workers.get(e.id));
		expect(ranBy.every((role) => role === 'worker-1' || role === 'worker-2')).toBe(true);
		const upstreams = session.nginxUpstreams(new Set(emitted.map((e) => e.id)));
		expect(upstreams['webhook-1']).toBeGreaterThan(0);
		expect(upstreams['webhook-2']).toBeGreaterThan(0);
		expect(upstreams['webhook-1'] + upstreams['webhook-2']).toBe(emitted.length);
		reportFigure(
			session.ctx.resultsDir,
			`trigger: ${emitted.length} deliveries via nginx -> ${JSON.stringify(upstreams)}; executions on ${JSON.stringify(countBy(ranBy))}`,
		);
	});

	it('runs a redelivery that lands on the other webhook process no second time', async () => {
		const [subscription] = await ours();
		const secret = subscription as unknown as { secret: string };
		const before = (await session.executions(workflowId)).length;
		const pairs: Array<['webhook-1' | 'webhook-2', 'webhook-1' | 'webhook-2']> = [
			['webhook-1', 'webhook-2'],
			['webhook-2', 'webhook-1'],
		];
		for (const [first, second] of pairs) {
			const delivery = makeDelivery(undefined, 400);
			const post = async (role: 'webhook-1' | 'webhook-2', attempt: number) => {
				const response = await fetch(`${session.ctx.origins[role]}${path}`, {
					method: 'POST',
					headers: signedHeaders(secret.secret, delivery, attempt),
					body: delivery.body,
				});
				return { status: response.status, body: await response.text() };
			};
			expect((await post(first, 1)).status).toBe(200);
			// WorkFlux retries after its own wait (5 s at the earliest); half a second is stricter than that.
			await sleep(500);
			const again = await post(second, 2);
			expect(again.status).toBe(200);
			expect(again.body).toContain('redelivery');
		}
		const executions = await session.waitForExecutions(workflowId, before + pairs.length);
		expect(executions).toHaveLength(before + pairs.length);
	});

	it('leaves no subscription when unpublished, nor after 10 publish/unpublish rounds', async () => {
		await session.n8n.unpublish(workflowId);
		expect(await ours()).toEqual([]);
		for (let round = 0; round < 10; round++) {
			await session.n8n.publish(workflowId);
			const active = await ours();
			expect(active, `round ${round + 1}`).toHaveLength(1);
			expect(active[0].status).toBe('active');
			await session.n8n.unpublish(workflowId);
		}
		expect(await ours()).toEqual([]);
	});
});

function countBy(values: Array<string | undefined>): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const value of values) counts[String(value)] = (counts[String(value)] ?? 0) + 1;
	return counts;
}
