import type { IDataObject, INode, INodeParameters } from 'n8n-workflow';

import type { WorkflowJson } from '../harness/run-workflow';

export const CREDENTIAL_ID = 'workflux-test';
export const CREDENTIAL = { workfluxOAuth2Api: { id: CREDENTIAL_ID, name: 'WorkFlux account' } };

export interface StepSpec {
	name?: string;
	/** Defaults to the WorkFlux node. */
	type?: string;
	parameters: INodeParameters;
	/** Node settings such as continueOnFail / onError. */
	settings?: Partial<INode>;
}

/** A resource-locator value as the editor stores it when the user types an ID. */
export function byId(value: string) {
	return { __rl: true, mode: 'id', value };
}

/**
 * A workflow as the editor would export it: a Manual Trigger followed by the given steps in a chain, each
 * WorkFlux step using the test credential. `inputItems` become the trigger's output.
 */
export function chainWorkflow(steps: StepSpec[], inputItems?: IDataObject[]): WorkflowJson {
	const nodes: INode[] = [
		{
			id: 'start',
			name: 'Start',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
	];
	steps.forEach((step, index) => {
		const type = step.type ?? 'n8n-nodes-workflux.workflux';
		nodes.push({
			id: `step-${index}`,
			name: step.name ?? `Step ${index + 1}`,
			type,
			typeVersion: 1,
			position: [220 * (index + 1), 0],
			parameters: step.parameters,
			...(type.startsWith('n8n-nodes-workflux.workflux') &&
			type !== 'n8n-nodes-workflux.workfluxMapper'
				? { credentials: CREDENTIAL }
				: {}),
			...step.settings,
		});
	});
	const connections: WorkflowJson['connections'] = {};
	for (let i = 0; i < nodes.length - 1; i++) {
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	}
	// Pinned trigger output stands for the items a real trigger or earlier node would send.
	const pinData = inputItems ? { Start: inputItems.map((json) => ({ json })) } : undefined;
	return { nodes, connections, pinData };
}

/**
 * The smallest workflow that reaches one agent: Manual Trigger -> a WorkFlux step named "WorkFlux" running
 * Agent > `operation` on the agent with this ID, plus any other parameters (options, updateFields).
 */
export function agentWorkflow(
	operation: 'get' | 'update',
	agentId: string,
	parameters: INodeParameters = {},
): WorkflowJson {
	return chainWorkflow([
		{
			name: 'WorkFlux',
			parameters: { resource: 'agent', operation, agentId: byId(agentId), ...parameters },
		},
	]);
}
