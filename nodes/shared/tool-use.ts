import type { INode } from 'n8n-workflow';

/**
 * Whether the node runs as a tool of an AI Agent or an MCP Server Trigger, where a model reads its errors.
 * n8n gives the tool version of a node a type name ending in "Tool" (workfluxTool, workfluxMapperTool).
 * The type is the one sign every path shows: n8n 2.41's Agent runs tools as ordinary nodes, where
 * `isToolExecution()` is false.
 */
export function isToolNode(node: INode): boolean {
	return node.type.endsWith('Tool');
}
