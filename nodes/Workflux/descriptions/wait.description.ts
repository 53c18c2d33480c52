import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/**
 * "Wait for Completion" settings for operations that start a WorkFlux job (Export > Create, Workflow > Trigger
 * Run). They live in the operation's Options collection, next to the retry settings.
 */
export function waitForCompletionOptions(job: {
	/** e.g. "export", "run" */
	noun: string;
	/** The operation that picks the job up later, e.g. "Export > Get Status". */
	laterOperation: string;
}): INodeProperties[] {
	return [
		{
			displayName: 'Max Wait (Seconds)',
			name: 'maxWaitSeconds',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 300,
			displayOptions: { show: { waitForCompletion: [true] } },
			description: `The longest to wait for the ${job.noun} to finish. If it is still running then, the node stops with an error that names the ${job.noun} ID, so you can pick it up later with ${job.laterOperation}.`,
		},
		{
			displayName: 'Poll Interval (Seconds)',
			name: 'pollIntervalSeconds',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 5,
			displayOptions: { show: { waitForCompletion: [true] } },
			description: `How often to ask WorkFlux whether the ${job.noun} has finished`,
		},
		{
			displayName: 'Wait for Completion',
			name: 'waitForCompletion',
			type: 'boolean',
			default: false,
			description: `Whether to wait until the ${job.noun} has finished before this node outputs it. Off: the node outputs the ${job.noun} right away, still running.`,
		},
	];
}

export interface WaitSettings {
	enabled: boolean;
	intervalMs: number;
	maxWaitMs: number;
}

export function readWaitSettings(context: IExecuteFunctions, itemIndex: number): WaitSettings {
	const options = context.getNodeParameter('options', itemIndex, {}) as {
		waitForCompletion?: boolean;
		pollIntervalSeconds?: number;
		maxWaitSeconds?: number;
	};
	return {
		enabled: options.waitForCompletion === true,
		intervalMs: Math.max(1, options.pollIntervalSeconds ?? 5) * 1000,
		maxWaitMs: Math.max(1, options.maxWaitSeconds ?? 300) * 1000,
	};
}
