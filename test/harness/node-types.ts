import {
	NodeHelpers,
	type INodeType,
	type INodeTypes,
	type IVersionedNodeType,
} from 'n8n-workflow';

import { manualTrigger, noOp } from './stand-in-nodes';

export type NodeTypeMap = Record<string, INodeType | IVersionedNodeType>;

/** The package's own node classes under the names n8n gives community nodes (`<package>.<name>`). */
export async function packageNodeTypes(): Promise<NodeTypeMap> {
	const nodes: Array<[string, () => Promise<INodeType>]> = [
		['workflux', async () => new (await import('../../nodes/Workflux/Workflux.node')).Workflux()],
		[
			'workfluxTrigger',
			async () =>
				new (await import('../../nodes/WorkfluxTrigger/WorkfluxTrigger.node')).WorkfluxTrigger(),
		],
		[
			'workfluxMapper',
			async () =>
				new (await import('../../nodes/WorkfluxMapper/WorkfluxMapper.node')).WorkfluxMapper(),
		],
	];
	const types: NodeTypeMap = {};
	for (const [name, load] of nodes) {
		try {
			types[`n8n-nodes-workflux.${name}`] = await load();
		} catch (error) {
			// A node file that does not exist yet is left out; any other load error is a real failure.
			// eslint-disable-next-line @n8n/community-nodes/require-node-api-error
			if (!/Cannot find module|Failed to load url/.test(String(error))) throw error;
		}
	}
	return types;
}

/** Every node a workflow exported from the editor may use here: ours plus the stand-ins. */
export async function harnessNodeTypes(): Promise<HarnessNodeTypes> {
	return new HarnessNodeTypes({ ...(await packageNodeTypes()), ...standIns() });
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
	return { [manualTrigger.description.name]: manualTrigger, [noOp.description.name]: noOp };
}
