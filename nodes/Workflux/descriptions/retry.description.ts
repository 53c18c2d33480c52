import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

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
];

export function readRetryPolicy(this: IExecuteFunctions, itemIndex: number): RetryPolicy {
	const options = this.getNodeParameter('options', itemIndex, {}) as {
		retryEnabled?: boolean;
		retryMaxAttempts?: number;
		retryMaxWaitSeconds?: number;
	};
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
