import type { INodeExecutionData, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { filterEvent, readEventEnvelope, resolveSubscribedEvents } from './events';
import { buildTriggerOutput } from './output';
import { checkRedelivery } from './redelivery';
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
 * Refusals and ignored events are answered at once. For a run, n8n itself answers 200 (response
 * mode "onReceived") once it has taken the execution, so a 2xx never goes out for an event that
 * then fails to start: n8n answers an error instead, and WorkFlux retries.
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

	const output = buildTriggerOutput(event, {
		webhookId: verification.webhookId,
		headers,
		receivedAt,
		includeHeaders: options.includeHeaders === true,
	});
	const workflowData = [this.helpers.returnJsonArray([{ ...output }])];
	if (options.ignoreRedeliveries === false) {
		return { workflowData, webhookResponse: { received: true } };
	}
	const check = checkRedelivery(this, staticData, verification.webhookId);
	if (!check.run) return check.response;
	return answerWhenTaken(workflowData, check.confirmWhenTaken);
}

/**
 * Runs the workflow and lets n8n answer. n8n reads the answer's body only after it has taken the
 * execution (set up the run, stored it, or queued it), right before it answers and saves static
 * data; so that read is where the delivery is confirmed and the ledger put up for saving. (It has
 * to happen then: while setting up the execution, n8n clears its "static data changed" mark, so a
 * change made earlier in this request would not be saved.)
 */
function answerWhenTaken(
	workflowData: INodeExecutionData[][],
	onTaken: () => void,
): IWebhookResponseData {
	return {
		workflowData,
		get webhookResponse() {
			onTaken();
			return { received: true };
		},
	};
}
