import type { INode } from 'n8n-workflow';

/** What the check needs from n8n's execution context; `isToolExecution` is missing before n8n 2.x. */
export interface ToolRunContext {
	getNode(): INode;
	isToolExecution?: () => boolean;
}

/**
 * Whether the node runs as an AI Agent tool (a single output then, so failing items stay in it).
 *
 * n8n 2.x answers through `isToolExecution()`. n8n 1.x has no such method (calling it would fail every run);
 * there an agent always runs the `<node>Tool` type n8n derives from a `usableAsTool` node
 * (`n8n-nodes-workflux.workfluxMapperTool`), so the node's type tells.
 */
export function isToolRun(context: ToolRunContext): boolean {
	if (typeof context.isToolExecution === 'function') return context.isToolExecution();
	return context.getNode().type.endsWith('Tool');
}
