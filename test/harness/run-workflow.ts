import { randomUUID } from 'node:crypto';

import { WorkflowExecute } from 'n8n-core';
import {
	Workflow,
	type IConnections,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type IRun,
	type IPinData,
	type ITaskData,
	type IWorkflowBase,
} from 'n8n-workflow';

import { createAdditionalData } from './additional-data';
import './quiet-logger';
import type { HarnessCredentialsHelper } from './credentials-helper';
import { harnessNodeTypes, type HarnessNodeTypes } from './node-types';

/** A workflow as the n8n editor exports it (Download / copy all nodes). */
export interface WorkflowJson {
	id?: string;
	name?: string;
	nodes: INode[];
	connections: IConnections;
	settings?: IDataObject;
	staticData?: IDataObject;
	/** Pinned output per node: the editor's "pin data", used here to feed a trigger's items. */
	pinData?: IPinData;
}

export interface RunOptions {
	credentialsHelper: HarnessCredentialsHelper;
	nodeTypes?: HarnessNodeTypes;
	/** The node to start from; defaults to the workflow's start node (its trigger). */
	startNode?: string;
	/** Run only as far as this node, as the editor's "Execute step" does. */
	destinationNode?: string;
	/** Stops the execution after this long, as the editor's "Stop execution" button does. */
	cancelAfterMs?: number;
}

/** The outcome of a run, with the readers tests need. */
export class WorkflowRun {
	constructor(
		readonly run: IRun,
		readonly workflow: Workflow,
	) {}

	get status() {
		return this.run.status;
	}

	/** The error that stopped the run, if one did. */
	get error() {
		return this.run.data.resultData.error;
	}

	taskData(nodeName: string, runIndex = 0): ITaskData {
		const task = this.run.data.resultData.runData[nodeName]?.[runIndex];
		if (!task) throw new Error(`Node "${nodeName}" did not run (run index ${runIndex})`);
		return task;
	}

	/** Items a node sent to one of its outputs. */
	items(nodeName: string, output = 0, runIndex = 0): INodeExecutionData[] {
		return this.taskData(nodeName, runIndex).data?.main[output] ?? [];
	}

	json(nodeName: string, output = 0, runIndex = 0): IDataObject[] {
		return this.items(nodeName, output, runIndex).map((item) => item.json);
	}

	/** Hints n8n shows on the node's output pane (warnings such as deprecation notices). */
	hints(nodeName: string, runIndex = 0) {
		return this.taskData(nodeName, runIndex).hints ?? [];
	}
}

/** Runs a workflow through n8n-core's WorkflowExecute, as the editor's "Execute workflow" does. */
export async function runWorkflow(json: WorkflowJson, options: RunOptions): Promise<WorkflowRun> {
	const nodeTypes = options.nodeTypes ?? harnessNodeTypes();
	const workflowData: IWorkflowBase = {
		id: json.id ?? randomUUID(),
		name: json.name ?? 'Test workflow',
		active: false,
		activeVersionId: null,
		isArchived: false,
		nodes: json.nodes,
		connections: json.connections,
		settings: json.settings ?? {},
		staticData: json.staticData,
		createdAt: new Date(),
		updatedAt: new Date(),
	};
	const workflow = new Workflow({
		id: workflowData.id,
		name: workflowData.name,
		nodes: json.nodes,
		connections: json.connections,
		active: false,
		nodeTypes,
		staticData: json.staticData,
		settings: json.settings,
	});
	const additionalData = createAdditionalData({
		credentialsHelper: options.credentialsHelper,
		workflowData,
		mode: 'manual',
		executionId: randomUUID(),
	});
	const startNode = options.startNode
		? (workflow.getNode(options.startNode) ?? undefined)
		: (workflow.getStartNode() ?? triggerWithoutParents(workflow));
	const execution = new WorkflowExecute(additionalData, 'manual').run({
		workflow,
		startNode,
		destinationNode: options.destinationNode
			? { nodeName: options.destinationNode, mode: 'inclusive' }
			: undefined,
		pinData: json.pinData,
	});
	const stop =
		options.cancelAfterMs === undefined
			? undefined
			: // eslint-disable-next-line @n8n/community-nodes/no-restricted-globals -- test harness, not node code
				setTimeout(() => execution.cancel(), options.cancelAfterMs);
	try {
		return new WorkflowRun(await execution, workflow);
	} finally {
		// eslint-disable-next-line @n8n/community-nodes/no-restricted-globals -- test harness, not node code
		clearTimeout(stop);
	}
}

/**
 * n8n's getStartNode() only knows triggers that have a `trigger` or `poll` method and a few fixed types; the
 * editor's "Execute workflow" starts from the workflow's trigger whatever it is (a webhook trigger with pinned
 * data, or a schedule run by hand), and so does this.
 */
function triggerWithoutParents(workflow: Workflow): INode | undefined {
	return Object.values(workflow.nodes).find((node) => {
		const type = workflow.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		return (
			!node.disabled &&
			type.description.group.includes('trigger') &&
			workflow.getParentNodes(node.name).length === 0
		);
	});
}
