import { sleep, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { collectPages, type Page } from '../../shared/transport/pagination';
import {
	idempotencyKeyFor,
	workfluxRequest,
	type WorkfluxRequest,
	type WorkfluxResponse,
} from '../../shared/transport/request';
import { readRetryPolicy } from '../descriptions/retry.description';
import type { WaitSettings } from '../descriptions/wait.description';
import { pollUntilFinished, type PollOutcome } from './polling';

/** A request made for one item: that item's retry options apply, and a POST gets the item's idempotency key. */
export async function itemRequest<T = IDataObject>(
	context: IExecuteFunctions,
	itemIndex: number,
	request: WorkfluxRequest,
): Promise<WorkfluxResponse<T>> {
	const idempotencyKey =
		request.method === 'POST'
			? idempotencyKeyFor(context, itemIndex, `${request.method} ${request.path}`)
			: undefined;
	const retry = readRetryPolicy.call(context, itemIndex);
	return (await workfluxRequest.call(context, {
		idempotencyKey,
		retry,
		...request,
	})) as WorkfluxResponse<T>;
}

/** The body of an item's request, for the many operations that need nothing else. */
export async function itemRequestBody<T = IDataObject>(
	context: IExecuteFunctions,
	itemIndex: number,
	request: WorkfluxRequest,
): Promise<T> {
	return (await itemRequest<T>(context, itemIndex, request)).body;
}

/** Reads the item's Return All / Limit and pages through a WorkFlux list. */
export async function getManyForItem(
	context: IExecuteFunctions,
	itemIndex: number,
	path: string,
	qs: IDataObject = {},
): Promise<IDataObject[]> {
	const returnAll = context.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? 0 : (context.getNodeParameter('limit', itemIndex, 50) as number);
	return await collectPages<IDataObject>(
		async (cursor, pageSize) =>
			await itemRequestBody<Page<IDataObject>>(context, itemIndex, {
				method: 'GET',
				path,
				qs: { ...qs, limit: pageSize, ...(cursor ? { cursor } : {}) },
			}),
		{ returnAll, limit },
	);
}

/**
 * Asks WorkFlux for a job's state (an export, a workflow run) until its status is one of `finalStatuses` or
 * the item's Max Wait runs out, pausing with n8n's `sleep` between checks.
 */
export async function waitForJob(
	context: IExecuteFunctions,
	itemIndex: number,
	job: { initial: IDataObject; statusPath: string; finalStatuses: string[] },
	wait: WaitSettings,
): Promise<PollOutcome<IDataObject>> {
	return await pollUntilFinished(job.initial, {
		check: async () =>
			await itemRequestBody(context, itemIndex, { method: 'GET', path: job.statusPath }),
		isFinished: (state) => job.finalStatuses.includes(String(state.status)),
		intervalMs: wait.intervalMs,
		maxWaitMs: wait.maxWaitMs,
		wait: sleep,
		now: () => Date.now(),
	});
}
