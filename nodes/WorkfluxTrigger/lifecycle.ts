import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IHookFunctions,
	type JsonObject,
} from 'n8n-workflow';

import { randomIdempotencyKey, workfluxRequest } from '../shared/transport/request';
import { resolveSubscribedEvents } from './events';
import { describeStaleKey, newSigningKey, staleSigningKey } from './signing-key';
import {
	forgetSubscription,
	judgeSubscription,
	rememberSigningKey,
	rememberSubscription,
	type RemoteSubscription,
	type TriggerStaticData,
} from './subscription';
import { apiPath } from '../shared/transport/api-path';

/**
 * The trigger's webhook lifecycle (`webhookMethods.default`). n8n calls `checkExists` first and
 * `create` only when it answers false; `delete` on deactivation and when test listening stops.
 *
 * Production and "Listen for test event" never share state: n8n gives the test listener its own
 * URL (`/webhook-test/…`) and a fresh, in-memory static data object, so each owns one
 * subscription and deleting one never touches the other.
 */

function staticDataOf(context: IHookFunctions): TriggerStaticData {
	return context.getWorkflowStaticData('node') as TriggerStaticData;
}

function isNotFound(error: unknown): boolean {
	return error instanceof NodeApiError && error.httpCode === '404';
}

function webhookUrlOf(context: IHookFunctions): string {
	const url = context.getNodeWebhookUrl('default');
	if (!url) {
		throw new NodeOperationError(
			context.getNode(),
			'n8n could not work out this trigger\'s webhook URL. Check the "N8N_WEBHOOK_URL" (formerly "WEBHOOK_URL") setting of your n8n instance.',
		);
	}
	return url;
}

function selectedEventsOf(context: IHookFunctions): string[] {
	const selected = context.getNodeParameter('events', []) as string[];
	const events = resolveSubscribedEvents(selected);
	if (events.length === 0) {
		throw new NodeOperationError(context.getNode(), 'No event is selected', {
			description: 'Choose at least one event under "Events" (or "* All Events") and try again.',
		});
	}
	return events;
}

/** Deletes one subscription by id. Already gone (404) counts as done; other failures are thrown. */
async function deleteSubscription(context: IHookFunctions, id: string): Promise<void> {
	try {
		await workfluxRequest.call(context, {
			method: 'DELETE',
			path: apiPath`/webhooks/${id}`,
		});
	} catch (error) {
		// The transport already threw a NodeApiError in plain words; re-wrapping hands it back as is.
		if (!isNotFound(error)) throw new NodeApiError(context.getNode(), error as JsonObject);
	}
}

export async function checkWebhookExists(this: IHookFunctions): Promise<boolean> {
	const data = staticDataOf(this);
	const id = data.webhookId;
	// Nothing stored: nothing of ours to look for. Never adopt or delete by URL, since another
	// workflow (or another n8n) may own a subscription to the same address.
	if (!id) return false;

	let remote: RemoteSubscription;
	try {
		const response = await workfluxRequest.call(this, {
			method: 'GET',
			path: apiPath`/webhooks/${id}`,
		});
		remote = response.body as RemoteSubscription;
	} catch (error) {
		if (isNotFound(error)) {
			// Deleted on the WorkFlux side: forget it so create() makes a new one.
			forgetSubscription(data);
			return false;
		}
		throw new NodeApiError(this.getNode(), error as JsonObject);
	}

	const verdict = judgeSubscription(remote, {
		url: webhookUrlOf(this),
		events: selectedEventsOf(this),
	});
	if (!verdict.keep) {
		this.logger.info(
			`WorkFlux Trigger: replacing subscription ${id} (${verdict.reason}) with a new one`,
		);
		await deleteSubscription(this, id);
		forgetSubscription(data);
		return false;
	}

	const stale = await staleSigningKey.call(this, data);
	if (stale === undefined) return true;
	return await rekeySubscription(this, data, id, describeStaleKey(stale));
}

/**
 * Gives a kept subscription a new signing secret derived from the current credential (after the
 * client secret was rotated, or to replace a plain secret an older version stored). The
 * subscription, its id and its pending retries stay; WorkFlux signs the retries with the new secret.
 */
async function rekeySubscription(
	context: IHookFunctions,
	data: TriggerStaticData,
	id: string,
	why: string,
): Promise<boolean> {
	const key = await newSigningKey.call(context);
	try {
		await workfluxRequest.call(context, {
			method: 'PATCH',
			path: `/webhooks/${encodeURIComponent(id)}`,
			body: { secret: key.secret },
		});
	} catch (error) {
		if (!isNotFound(error)) throw new NodeApiError(context.getNode(), error as JsonObject);
		forgetSubscription(data);
		return false;
	}
	rememberSigningKey(data, key);
	context.logger.info(`WorkFlux Trigger: subscription ${id} has a new signing secret (${why})`);
	return true;
}

export async function createWebhook(this: IHookFunctions): Promise<boolean> {
	const data = staticDataOf(this);
	const url = webhookUrlOf(this);
	const events = selectedEventsOf(this);
	const key = await newSigningKey.call(this);
	const isTestListener = this.getMode() === 'manual';
	const workflow = this.getWorkflow();
	const description = `n8n${isTestListener ? ' (test)' : ''}: ${workflow.name ?? workflow.id} / ${this.getNode().name}`;

	const { body } = await workfluxRequest.call(this, {
		method: 'POST',
		path: '/webhooks',
		body: { url, events, secret: key.secret, description },
		// A retried create (after a timeout or 5xx) must not leave a second subscription behind.
		idempotencyKey: randomIdempotencyKey(),
	});
	const id = (body as IDataObject).id;
	if (typeof id !== 'string' || id === '') {
		throw new NodeOperationError(this.getNode(), 'WorkFlux did not return a subscription ID', {
			description:
				'The subscription may or may not have been created. Check the webhooks in WorkFlux, delete any you do not recognise, and activate the workflow again.',
		});
	}
	rememberSubscription(data, { id, key, events, url });

	const options = this.getNodeParameter('options', {}) as { sendSampleEvent?: boolean };
	if (isTestListener && options.sendSampleEvent !== false) {
		await sendSampleEvent(this, id);
	}
	return true;
}

/**
 * Asks WorkFlux to deliver a sample event to the new test subscription, so the user sees real
 * data at once. Best effort: listening works without it, so a failure is only logged.
 */
async function sendSampleEvent(context: IHookFunctions, id: string): Promise<void> {
	try {
		await workfluxRequest.call(context, {
			method: 'POST',
			path: apiPath`/webhooks/${id}/test`,
			body: {},
			retry: { enabled: false, maxAttempts: 1, maxTotalWaitMs: 0, baseDelayMs: 0, maxDelayMs: 0 },
		});
	} catch (error) {
		context.logger.warn(
			`WorkFlux Trigger: could not ask WorkFlux for a sample event (${(error as Error).message}). Listening continues; trigger a real event in WorkFlux instead.`,
		);
	}
}

export async function deleteWebhook(this: IHookFunctions): Promise<boolean> {
	const data = staticDataOf(this);
	const id = data.webhookId;
	if (id) {
		// Failures other than "already gone" are thrown and the id is kept, so the next
		// activation's checkExists finds and cleans it up instead of forgetting it.
		await deleteSubscription(this, id);
	}
	forgetSubscription(data);
	return true;
}
