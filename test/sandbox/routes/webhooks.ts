import type { SandboxCore } from '../core';
import { conflict, validationError } from '../errors';
import { newId } from '../ids';
import { paginate } from '../pagination';
import { sampleEventData } from '../samples';
import { generateSecret, secretProblem } from '../signing';
import type { WebhookSubscription } from '../types';
import { found, nowIso, type Handlers, type ListQuery } from './common';

interface WebhookInput {
	url: string;
	events: string[];
	secret?: string;
	description: string;
	status?: 'active' | 'disabled';
}

function checkSecret(secret: string | undefined): void {
	const problem = secret === undefined ? null : secretProblem(secret);
	if (problem !== null) {
		throw validationError('secret', `${problem} Leave it out and WorkFlux generates one.`);
	}
}

const sameEvents = (a: string[], b: string[]) =>
	a.length === b.length && a.every((e) => b.includes(e));

export function webhookRoutes(core: SandboxCore): Handlers {
	const { store } = core;
	const subscriptionOf = (params: unknown) =>
		found(store.webhooks, (params as { webhook_id: string }).webhook_id, 'Webhook subscription');

	return {
		listWebhooks: (request) => {
			const q = request.query as ListQuery & { url?: string };
			const list = Array.from(store.webhooks.values()).filter((w) => !q.url || w.url === q.url);
			return paginate(list, q.limit, q.cursor);
		},
		createWebhook: (request, reply) => {
			const body = request.body as WebhookInput;
			checkSecret(body.secret);
			if (core.config.rejectDuplicateWebhooks) {
				const twin = Array.from(store.webhooks.values()).find(
					(w) => w.url === body.url && sameEvents(w.events, body.events),
				);
				if (twin) {
					throw conflict(
						`Subscription ${twin.id} already sends these events to this URL. Use it, or delete it first.`,
					);
				}
			}
			const now = nowIso();
			const subscription: WebhookSubscription = {
				id: newId('webhook'),
				url: body.url,
				events: body.events,
				description: body.description,
				status: 'active',
				disabled_reason: null,
				created_at: now,
				updated_at: now,
			};
			const secret = body.secret ?? generateSecret();
			store.webhooks.set(subscription.id, subscription);
			store.webhookSecrets.set(subscription.id, secret);
			reply.code(201);
			return { ...subscription, secret };
		},
		getWebhook: (request) => subscriptionOf(request.params),
		updateWebhook: (request) => {
			const subscription = subscriptionOf(request.params);
			const body = request.body as Partial<WebhookInput>;
			checkSecret(body.secret);
			if (body.url !== undefined) subscription.url = body.url;
			if (body.events !== undefined) subscription.events = body.events;
			if (body.description !== undefined) subscription.description = body.description;
			if (body.secret !== undefined) store.webhookSecrets.set(subscription.id, body.secret);
			if (body.status === 'active') {
				subscription.status = 'active';
				subscription.disabled_reason = null;
			} else if (body.status === 'disabled' && subscription.status !== 'disabled') {
				subscription.status = 'disabled';
				subscription.disabled_reason = 'Disabled through the API.';
			}
			subscription.updated_at = nowIso();
			return subscription;
		},
		deleteWebhook: (request, reply) => {
			store.deleteWebhook(subscriptionOf(request.params).id);
			reply.code(204);
			return reply.send();
		},
		testWebhook: (request, reply) => {
			const subscription = subscriptionOf(request.params);
			const body = request.body as { event_type?: string };
			const type = body.event_type ?? subscription.events[0];
			const event = core.events.emit(type, sampleEventData(type, store), subscription.id);
			reply.code(202);
			return { event };
		},
	};
}
