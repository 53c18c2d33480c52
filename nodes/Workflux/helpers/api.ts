import { sleep, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { collectPages } from '../../shared/transport/pagination';
import {
	idempotencyKeyFor,
	workfluxPage,
	workfluxRequest,
	type WorkfluxRequest,
	type WorkfluxResponse,
} from '../../shared/transport/request';
import { readRetryPolicy, readTimeoutMs } from '../descriptions/retry.description';
import type { WaitSettings } from '../descriptions/wait.description';
import { pollUntilFinished, type PollOutcome } from './polling';

/** The item's Options for a request (retries, timeout), and for a POST the item's idempotency key. */
function forItem(
	context: IExecuteFunctions,
	itemIndex: number,
	request: WorkfluxRequest,
): WorkfluxRequest {
	const idempotencyKey =
		request.method === 'POST'
			? idempotencyKeyFor(context, itemIndex, `${request.method} ${request.path}`)
			: undefined;
	return {
		idempotencyKey,
		retry: readRetryPolicy.call(context, itemIndex),
		timeoutMs: readTimeoutMs.call(context, itemIndex),
		...request,
	};
}

/** A request made for one item: that item's Options apply, and a POST gets the item's idempotency key. */
export async function itemRequest<T = IDataObject>(
	context: IExecuteFunctions,
	itemIndex: number,
	request: WorkfluxRequest,
): Promise<WorkfluxResponse<T>> {
	return (await workfluxRequest.call(
		context,
		forItem(context, itemIndex, request),
	)) as WorkfluxResponse<T>;
}

/** The body of an item's request, for the many operations that need nothing else. */
export async function itemRequestBody<T = IDataObject>(
	context: IExecuteFunctions,
	itemIndex: number,
	request: WorkfluxRequest,
): Promise<T> {
	return (await itemRequest<T>(context, itemIndex, request)).body;
}

/**
 * Reads the item's Return All / Limit and pages through a WorkFlux list. Each page must be a real WorkFlux
 * list, and paging stops with an error on a repeated cursor or after MAX_PAGES pages.
 */
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
			await workfluxPage.call(
				context,
				forItem(context, itemIndex, {
					method: 'GET',
					path,
					qs: { ...qs, limit: pageSize, ...(cursor ? { cursor } : {}) },
				}),
			),
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
