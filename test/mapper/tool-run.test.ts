import type { INode } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { isToolRun } from '../../nodes/WorkfluxMapper/tool-run';

/**
 * The Mapper's check for an AI Agent tool run on both n8n lines: n8n 2.x's `isToolExecution()`, and the
 * fallback for n8n 1.x, whose execution contexts have no such method (the end-to-end smoke on n8n 1.123
 * runs the Mapper through a real 1.x context; `npm run test:e2e:versions`).
 */

const node = (type: string): INode => ({
	id: 'mapper',
	name: 'WorkFlux Mapper',
	type,
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
});

describe('isToolRun', () => {
	it("follows n8n 2.x's isToolExecution() when it says tool, and the Tool type when it does not", () => {
		// n8n 2.41's Agent runs the derived workfluxMapperTool as an ordinary node: isToolExecution() is false.
		const cases: Array<[string, boolean, boolean]> = [
			['n8n-nodes-workflux.workfluxMapper', true, true],
			['n8n-nodes-workflux.workfluxMapper', false, false],
			['n8n-nodes-workflux.workfluxMapperTool', true, true],
			['n8n-nodes-workflux.workfluxMapperTool', false, true],
		];
		for (const [type, answer, expected] of cases) {
			expect(isToolRun({ getNode: () => node(type), isToolExecution: () => answer })).toBe(expected);
		}
	});

	it('on n8n 1.x (no isToolExecution) tells a tool run by the derived "<node>Tool" type', () => {
		expect(isToolRun({ getNode: () => node('n8n-nodes-workflux.workfluxMapperTool') })).toBe(true);
		expect(isToolRun({ getNode: () => node('n8n-nodes-workflux.workfluxMapper') })).toBe(false);
	});
});
