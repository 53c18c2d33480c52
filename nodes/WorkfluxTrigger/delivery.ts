import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { checkAndRememberDelivery } from './dedupe';
import { filterEvent, readEventEnvelope, resolveSubscribedEvents } from './events';
import { buildTriggerOutput } from './output';
import {
	DEFAULT_TOLERANCE_SECONDS,
	VERIFICATION_FAILURE_MESSAGES,
	verifyStandardWebhook,
	type HeaderBag,
} from './signature';
import { resolveSigningSecret } from './signing-key';
import type { TriggerStaticData } from './subscription';

interface DeliveryOptions {
	ignoreRedeliveries?: boolean;
	includeHeaders?: boolean;
	toleranceSeconds?: number;
}

/**
 * Handles one POST from WorkFlux. Order matters: the signature is checked before anything in
 * the request is trusted or stored; only then the event filter and the redelivery check run.
 * Every answer is immediate; the workflow runs after the 200 (response mode "onReceived").
 */
export async function receiveDelivery(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const req = this.getRequestObject();
	const staticData = this.getWorkflowStaticData('node') as TriggerStaticData;
	const options = this.getNodeParameter('options', {}) as DeliveryOptions;
	const receivedAt = new Date();
	const headers = req.headers as HeaderBag;

	const verification = verifyStandardWebhook({
		secret: await resolveSigningSecret.call(this, staticData),
		headers,
		rawBody: req.rawBody,
		now: receivedAt.getTime(),
		toleranceSeconds: options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS,
	});
	if (!verification.ok) {
		this.getResponseObject().status(401).send({
			error: 'invalid_signature',
			reason: verification.reason,
			message: VERIFICATION_FAILURE_MESSAGES[verification.reason],
		});
		return { noWebhookResponse: true };
	}

	// Parse the verified bytes ourselves, so the output is exactly what was signed.
	let parsed: unknown;
	try {
		parsed = JSON.parse(req.rawBody.toString('utf8'));
	} catch {
		parsed = undefined;
	}
	const event = readEventEnvelope(parsed);
	if (!event) {
		this.getResponseObject().status(400).send({
			error: 'invalid_event',
			message: 'The body is not a WorkFlux event (a JSON object with "type" and "data").',
		});
		return { noWebhookResponse: true };
	}

	const outcome = filterEvent(event, {
		events: resolveSubscribedEvents(this.getNodeParameter('events', []) as string[]),
		agentId: this.getNodeParameter('agentId', '', { extractValue: true }) as string,
	});
	if (!outcome.run) {
		return { webhookResponse: { received: true, ignored: outcome.reason } };
	}

	if (options.ignoreRedeliveries !== false) {
		const check = checkAndRememberDelivery(staticData.seenDeliveryIds, verification.webhookId);
		// Assigned (not changed in place) so n8n notices and saves the static data.
		staticData.seenDeliveryIds = check.seen;
		if (check.duplicate) {
			return { webhookResponse: { received: true, ignored: 'redelivery' } };
		}
	}

	const output = buildTriggerOutput(event, {
		webhookId: verification.webhookId,
		headers,
		receivedAt,
		includeHeaders: options.includeHeaders === true,
	});
	// Answer here instead of leaving it to n8n's "onReceived" response: n8n saves the static data
	// (the remembered delivery ids) when the request is answered, and its own answer comes only
	// after it has set up the execution, by which time n8n no longer sees the change as unsaved.
	this.getResponseObject().status(200).send({ received: true });
	return {
		noWebhookResponse: true,
		workflowData: [this.helpers.returnJsonArray([{ ...output }])],
	};
}
