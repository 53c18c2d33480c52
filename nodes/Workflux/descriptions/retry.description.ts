import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { DEFAULT_TIMEOUT_MS } from '../../shared/transport/request';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../../shared/transport/retry-policy';

/** Retry settings every operation offers under Options, so users can loosen or turn off the waiting. */
export const retryOptions: INodeProperties[] = [
	{
		displayName: 'Max Retry Attempts',
		name: 'retryMaxAttempts',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 10 },
		default: 5, // DEFAULT_RETRY_POLICY.maxAttempts (a test keeps them equal)
		description:
			'How many times in all to try a request when WorkFlux is rate limiting or temporarily unavailable',
	},
	{
		displayName: 'Max Retry Wait (Seconds)',
		name: 'retryMaxWaitSeconds',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 60, // DEFAULT_RETRY_POLICY.maxTotalWaitMs in seconds (a test keeps them equal)
		description:
			'The longest to wait in total, per request, before giving up. The node waits as long as WorkFlux asks when it is rate limiting.',
	},
	{
		displayName: 'Retry on Rate Limits and Temporary Errors',
		name: 'retryEnabled',
		type: 'boolean',
		default: true,
		description:
			'Whether to wait and try again when WorkFlux answers "too many requests" or has a temporary problem. Creates are only repeated when WorkFlux can tell it is the same request, so nothing is created twice.',
	},
	{
		displayName: 'Timeout (Seconds)',
		name: 'timeoutSeconds',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 30, // DEFAULT_TIMEOUT_MS in seconds (a test keeps them equal)
		description:
			'How long to wait for WorkFlux to start answering (or, during a download, for the next part of the file) before giving up on a try. A timed-out read is retried like other temporary problems.',
	},
];

interface RequestOptions {
	retryEnabled?: boolean;
	retryMaxAttempts?: number;
	retryMaxWaitSeconds?: number;
	timeoutSeconds?: number;
}

function readOptions(context: IExecuteFunctions, itemIndex: number): RequestOptions {
	return context.getNodeParameter('options', itemIndex, {}) as RequestOptions;
}

/** The item's timeout for one try of a request, in milliseconds. */
export function readTimeoutMs(this: IExecuteFunctions, itemIndex: number): number {
	const { timeoutSeconds } = readOptions(this, itemIndex);
	return typeof timeoutSeconds === 'number' && timeoutSeconds > 0
		? Math.round(timeoutSeconds * 1000)
		: DEFAULT_TIMEOUT_MS;
}

export function readRetryPolicy(this: IExecuteFunctions, itemIndex: number): RetryPolicy {
	const options = readOptions(this, itemIndex);
	return {
		...DEFAULT_RETRY_POLICY,
		enabled: options.retryEnabled ?? DEFAULT_RETRY_POLICY.enabled,
		maxAttempts: options.retryMaxAttempts ?? DEFAULT_RETRY_POLICY.maxAttempts,
		maxTotalWaitMs:
			options.retryMaxWaitSeconds !== undefined
				? options.retryMaxWaitSeconds * 1000
				: DEFAULT_RETRY_POLICY.maxTotalWaitMs,
	};
}

/** An operation's Options collection: its own settings first, then the retry settings. */
export function optionsCollection(own: INodeProperties[] = []): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [...own, ...retryOptions],
	};
}
