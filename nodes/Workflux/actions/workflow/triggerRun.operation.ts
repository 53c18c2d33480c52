import {
	NodeOperationError,
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { workflowLocator } from '../../descriptions/locators.description';
import { optionsCollection } from '../../descriptions/retry.description';
import { itemRequestBody, waitForJob } from '../../helpers/api';
import { locatorValue } from '../../helpers/parameters';
import { readWaitSettings, waitForCompletionOptions } from '../../descriptions/wait.description';
import { payloadFields, readPayload } from './payload';
import { apiPath } from '../../../shared/transport/api-path';

const properties: INodeProperties[] = [
	workflowLocator,
	...payloadFields,
	optionsCollection(
		waitForCompletionOptions({ noun: 'run', laterOperation: 'Workflow > Get Run' }),
	),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['workflow'], operation: ['triggerRun'] } },
	properties,
);

const FINISHED = ['succeeded', 'failed'];

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const workflowId = locatorValue(this, 'workflowId', itemIndex);
	const payload = readPayload(this, itemIndex);
	const runsPath = apiPath`/workflows/${workflowId}/runs`;
	const run = await itemRequestBody(this, itemIndex, {
		method: 'POST',
		path: runsPath,
		body: { payload },
	});

	const wait = readWaitSettings(this, itemIndex);
	if (!wait.enabled) return [{ json: run }];

	const runId = String(run.id);
	const outcome = await waitForJob(
		this,
		itemIndex,
		{
			initial: run,
			statusPath: apiPath`/workflows/${workflowId}/runs/${runId}`,
			finalStatuses: FINISHED,
		},
		wait,
	);
	if (!outcome.finished) {
		throw new NodeOperationError(
			this.getNode(),
			`The run ${runId} is still running after ${Math.round(outcome.waitedMs / 1000)} seconds`,
			{
				itemIndex,
				description: `The WorkFlux workflow is still working on it (status: ${String(outcome.state.status)}); nothing is lost. To pick up the result later, use a WorkFlux node with Workflow > Get Run, the workflow ${workflowId} and the run ID ${runId}. Or allow a longer "Max Wait" under Options.`,
			},
		);
	}
	if (outcome.state.status === 'failed') {
		const output = outcome.state.output as { error?: unknown } | null | undefined;
		const reason = output && typeof output.error === 'string' ? `: ${output.error}` : '';
		throw new NodeOperationError(this.getNode(), `The run ${runId} failed in WorkFlux${reason}`, {
			itemIndex,
			description:
				'Check the payload the workflow needs and run the node again. The run can be looked at with Workflow > Get Run.',
		});
	}
	return [{ json: outcome.state }];
}
