import {
	NodeHelpers,
	type INodeType,
	type INodeTypes,
	type IVersionedNodeType,
} from 'n8n-workflow';

// With the extension: Node's resolver (under tsx) would otherwise pick the codex file `X.node.json` first.
import { Workflux } from '../../nodes/Workflux/Workflux.node.ts';
import { WorkfluxMapper } from '../../nodes/WorkfluxMapper/WorkfluxMapper.node.ts';
import { WorkfluxTrigger } from '../../nodes/WorkfluxTrigger/WorkfluxTrigger.node.ts';
import { manualTrigger, noOp, scheduleTrigger, stickyNote } from './stand-in-nodes';

export type NodeTypeMap = Record<string, INodeType | IVersionedNodeType>;

/** The package's own node classes under the names n8n gives community nodes (`<package>.<name>`). */
export function packageNodeTypes(): NodeTypeMap {
	return {
		'n8n-nodes-workflux.workflux': new Workflux(),
		'n8n-nodes-workflux.workfluxTrigger': new WorkfluxTrigger(),
		'n8n-nodes-workflux.workfluxMapper': new WorkfluxMapper(),
	};
}

/** Every node a workflow exported from the editor may use here: ours plus the stand-ins. */
export function harnessNodeTypes(): HarnessNodeTypes {
	return new HarnessNodeTypes({ ...packageNodeTypes(), ...standIns() });
}

export class HarnessNodeTypes implements INodeTypes {
	constructor(readonly types: NodeTypeMap) {}

	getByName(type: string) {
		return this.get(type);
	}

	getByNameAndVersion(type: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.get(type), version);
	}

	getKnownTypes() {
		return {};
	}

	private get(type: string) {
		const nodeType = this.types[type];
		if (!nodeType) throw new Error(`The harness has no node type "${type}"`);
		return nodeType;
	}
}

function standIns(): NodeTypeMap {
	return Object.fromEntries(
		[manualTrigger, noOp, scheduleTrigger, stickyNote].map((type) => [type.description.name, type]),
	);
}
