import { randomUUID } from 'node:crypto';

import type { WorkflowDefinition, WorkflowNode } from './n8n-client';

/**
 * Workflows as the editor saves them, for n8n's REST API: our nodes carry the real credential id, the
 * trigger its own webhook id (n8n's production URL is `/webhook/<webhookId>/webhook`).
 */

export const PACKAGE = 'n8n-nodes-workflux';
export const NODE_TYPE = `${PACKAGE}.workflux`;
export const TRIGGER_TYPE = `${PACKAGE}.workfluxTrigger`;
export const MAPPER_TYPE = `${PACKAGE}.workfluxMapper`;

export interface CredentialRef {
	id: string;
	name: string;
}

export interface Step {
	name: string;
	/** Defaults to the WorkFlux node. */
	type?: string;
	parameters: Record<string, unknown>;
	/** Node settings such as `onError`. */
	settings?: Partial<WorkflowNode>;
}

/** A resource-locator value as the editor stores it when the user types an ID. */
export function byId(value: string): { __rl: true; mode: 'id'; value: string } {
	return { __rl: true, mode: 'id', value };
}

export function triggerWorkflow(
	credential: CredentialRef,
	options: { name: string; events?: string[]; parameters?: Record<string, unknown> },
): WorkflowDefinition {
	return {
		name: options.name,
		nodes: [
			{
				id: randomUUID(),
				name: 'WorkFlux Trigger',
				type: TRIGGER_TYPE,
				typeVersion: 1,
				position: [0, 0],
				webhookId: randomUUID(),
				parameters: { events: options.events ?? ['*'], ...options.parameters },
				credentials: { workfluxOAuth2Api: credential },
			},
		],
		connections: {},
	};
}

/**
 * A Manual Trigger followed by the steps in a chain (each one's first output into the next). Pinned items
 * stand for what a real trigger would send.
 */
export function chainWorkflow(
	credential: CredentialRef,
	options: { name: string; steps: Step[]; input?: Array<Record<string, unknown>> },
): WorkflowDefinition {
	const nodes: WorkflowNode[] = [
		{
			id: randomUUID(),
			name: 'Start',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
	];
	options.steps.forEach((step, index) => {
		const type = step.type ?? NODE_TYPE;
		nodes.push({
			id: randomUUID(),
			name: step.name,
			type,
			typeVersion: 1,
			position: [240 * (index + 1), 0],
			parameters: step.parameters,
			...(type === NODE_TYPE ? { credentials: { workfluxOAuth2Api: credential } } : {}),
			...step.settings,
		});
	});
	const connections: Record<string, unknown> = {};
	for (let i = 0; i < nodes.length - 1; i++) {
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	}
	return {
		name: options.name,
		nodes,
		connections,
		pinData: options.input ? { Start: options.input.map((json) => ({ json })) } : undefined,
	};
}
