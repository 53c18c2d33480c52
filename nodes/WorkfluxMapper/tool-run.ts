import type { INode } from 'n8n-workflow';

import { isToolNode } from '../shared/tool-use';

/** What the check needs from n8n's execution context; `isToolExecution` is missing before n8n 2.x. */
export interface ToolRunContext {
	getNode(): INode;
	isToolExecution?: () => boolean;
}

/**
 * Whether the node runs as an AI Agent tool (a single output then, so failing items stay in it).
 *
 * n8n 2.x has `isToolExecution()`, but n8n 2.41's Agent runs tools as ordinary nodes where it answers false,
 * and n8n 1.x has no such method (calling it would fail every run). An agent always runs the `<node>Tool` type
 * n8n derives from a `usableAsTool` node (`n8n-nodes-workflux.workfluxMapperTool`), so the type tells too.
 */
export function isToolRun(context: ToolRunContext): boolean {
	const saysTool = typeof context.isToolExecution === 'function' && context.isToolExecution();
	return saysTool || isToolNode(context.getNode());
}
