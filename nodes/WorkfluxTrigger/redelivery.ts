import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { fingerprintDelivery, type DeliveryLedger } from './dedupe';
import { deliveryLedgers } from './ledgerRegistry';
import type { TriggerStaticData } from './subscription';

/**
 * The n8n side of "redeliveries run once" (the ledger itself is in dedupe.ts):
 *
 * 1. The in-process ledger of this trigger is consulted first, synchronously.
 * 2. What n8n read from the database for this request (static data, read fresh for every request)
 *    is merged in first, so ids saved by another process or before a restart count too.
 * 3. The ledger is written back WHOLE, as an object that turns into the live ledger when n8n saves
 *    it: whichever save lands last carries every id confirmed in this process up to that moment,
 *    instead of one request's stale copy overwriting another's. So overlapping deliveries share one
 *    save (see saveDue in dedupe.ts): a database write per burst rather than per delivery.
 * 4. An id counts as confirmed (remembered, and saved with the next save) once n8n has taken the
 *    execution; if n8n answers with an error instead, the id is forgotten so WorkFlux's retry runs
 *    the event.
 */

/** The static data key of the saved ledger. */
export const LEDGER_KEY = 'deliveryLedger';

export type RedeliveryCheck =
	| { run: true; confirmWhenTaken: () => void }
	| { run: false; response: IWebhookResponseData };

function ledgerKey(context: IWebhookFunctions): string {
	const node = context.getNode();
	// The test listener ("Listen for test event") never shares memory with the published workflow.
	const listener = context.getMode() === 'manual' ? 'test' : 'production';
	return `${context.getWorkflow().id ?? ''}/${node.id ?? node.name}/${listener}`;
}

/** The saved form of the ledger, made only when n8n serialises static data (at save time). */
function liveSnapshot(ledger: DeliveryLedger): IDataObject {
	return { toJSON: () => ledger.snapshotForSave(Date.now()) } as unknown as IDataObject;
}

/** Puts the ledger into static data, so n8n saves it with this request. */
function saveWithRequest(staticData: TriggerStaticData, ledger: DeliveryLedger): void {
	// Assigned (not changed in place) so n8n notices the change.
	staticData[LEDGER_KEY] = liveSnapshot(ledger);
}

/** Ids from before the ledger existed (a plain list) are taken over once, as accepted now. */
function adoptLegacyList(staticData: TriggerStaticData, ledger: DeliveryLedger, now: number): void {
	const legacy = staticData.seenDeliveryIds;
	if (legacy === undefined) return;
	if (Array.isArray(legacy)) {
		for (const id of legacy) {
			if (typeof id === 'string') ledger.confirm(fingerprintDelivery(id), now);
		}
	}
	delete staticData.seenDeliveryIds;
}

/**
 * Settles a pending delivery when its request ends: a 2xx that went out means n8n took it, an error
 * status means it did not (release, so WorkFlux's retry runs it). If the sender hung up before any
 * answer, n8n may still take the run, so the id stays pending: taking it confirms it, and if that
 * never happens the pending entry lapses (see dedupe.ts). Releasing a confirmed id does nothing, so
 * an execution n8n took is never run twice.
 */
function settleWhenAnswered(context: IWebhookFunctions, ledger: DeliveryLedger, id: string): void {
	const response = context.getResponseObject();
	response.once('close', () => {
		if (!response.writableFinished) return;
		if (response.statusCode >= 200 && response.statusCode < 300) ledger.confirm(id, Date.now());
		else ledger.release(id);
	});
}

export function checkRedelivery(
	context: IWebhookFunctions,
	staticData: TriggerStaticData,
	webhookId: string,
): RedeliveryCheck {
	const now = Date.now();
	const ledger = deliveryLedgers.ledgerFor(ledgerKey(context), now);
	ledger.absorb(staticData[LEDGER_KEY], now);
	adoptLegacyList(staticData, ledger, now);

	const id = fingerprintDelivery(webhookId);
	const admission = ledger.admit(id, now);
	if (admission === 'duplicate') {
		// Nothing new to save unless the database holds an older state than this process.
		const saved = staticData[LEDGER_KEY] as { tag?: unknown } | undefined;
		if (saved?.tag !== ledger.tag) saveWithRequest(staticData, ledger);
		return { run: false, response: { webhookResponse: { received: true, ignored: 'redelivery' } } };
	}
	if (admission === 'in_flight') {
		// The first copy is still being handed to n8n. A 2xx here would be a promise nobody can keep
		// if that copy then fails, so WorkFlux is asked to retry; by then the first one has settled.
		context.getResponseObject().status(409).send({
			error: 'delivery_in_progress',
			message:
				'This delivery is already being processed. Send it again later; it will not run twice.',
		});
		return { run: false, response: { noWebhookResponse: true } };
	}

	settleWhenAnswered(context, ledger, id);
	return {
		run: true,
		confirmWhenTaken: () => {
			const takenAt = Date.now();
			ledger.confirm(id, takenAt);
			if (ledger.saveDue(takenAt)) saveWithRequest(staticData, ledger);
		},
	};
}
