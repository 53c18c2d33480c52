import { randomUUID } from 'node:crypto';

import { beforeAll, describe, expect, it } from 'vitest';

import { nodeOutput, type WorkflowDefinition } from './support/n8n-client';
import { runWorkflowManually } from './support/manual-run';
import { openSession, type E2eSession } from './support/session';
import { byId, MAPPER_TYPE, NODE_TYPE } from './support/workflows';

/**
 * The WorkFlux Mapper in the real n8n, feeding the WorkFlux node: incoming records are mapped with the
 * guide's JSON rules (text, phone and date transformations; the date and config code needs luxon and zod,
 * which must resolve in a user's install), valid ones start conversations in the sandbox, invalid ones
 * go to the Invalid output with their errors.
 */

let session: E2eSession;

const MAPPING = {
	mappings: [
		{ source: 'first_name', target: 'FirstName', transformation: 'trim' },
		{
			source: ['last_name', 'first_name'],
			target: 'FullName',
			transformation: 'concat',
			separator: ', ',
		},
		{
			source: 'email',
			target: 'Email',
			transformation: 'lowercase',
			validation: 'email',
			required: true,
		},
		{ source: 'phone', target: 'Phone', transformation: 'format_phone', default_country: 'DE' },
		{
			source: 'signed_up',
			target: 'SignedUp',
			transformation: {
				type: 'format_date',
				input_formats: ['dd.MM.yyyy'],
				output_format: 'iso_date',
			},
		},
	],
};

function mapperIntoConversations(
	agentId: string,
	items: Array<Record<string, unknown>>,
): WorkflowDefinition {
	const node = (
		name: string,
		type: string,
		x: number,
		y: number,
		parameters: Record<string, unknown>,
	) => ({
		id: randomUUID(),
		name,
		type,
		typeVersion: 1,
		position: [x, y] as [number, number],
		parameters,
	});
	return {
		name: 'E2E mapper into conversations',
		nodes: [
			node('Start', 'n8n-nodes-base.manualTrigger', 0, 0, {}),
			node('Map', MAPPER_TYPE, 240, 0, {
				mode: 'json',
				jsonConfig: JSON.stringify(MAPPING),
				onFailure: 'invalidOutput',
			}),
			{
				...node('Start Conversation', NODE_TYPE, 480, -100, {
					resource: 'conversation',
					operation: 'create',
					agentId: byId(agentId),
					channel: 'web',
					additionalFields: {
						subject: '=Signed up on {{ $json.SignedUp }}',
						customerName: '={{ $json.FullName }}',
						customerEmail: '={{ $json.Email }}',
						customerPhone: '={{ $json.Phone }}',
					},
				}),
				credentials: { workfluxOAuth2Api: session.ctx.credential },
			},
			node('Invalid', 'n8n-nodes-base.noOp', 480, 100, {}),
		],
		connections: {
			Start: { main: [[{ node: 'Map', type: 'main', index: 0 }]] },
			Map: {
				main: [
					[{ node: 'Start Conversation', type: 'main', index: 0 }],
					[{ node: 'Invalid', type: 'main', index: 0 }],
				],
			},
		},
		pinData: { Start: items.map((json) => ({ json })) },
	};
}

describe('WorkFlux Mapper in n8n, feeding the WorkFlux node', () => {
	beforeAll(async () => {
		session = await openSession();
	});

	it('maps valid records into conversations and sends invalid ones, with their errors, to Invalid', async () => {
		await session.sandbox.reset({ empty: true });
		const { agents } = await session.sandbox.seed({ agents: 1 });
		const execution = await runWorkflowManually(
			session.n8n,
			mapperIntoConversations(agents[0], [
				{
					first_name: ' Ada ',
					last_name: 'Lovelace',
					email: 'ADA@Example.org',
					phone: '030 1234567',
					signed_up: '01.02.2026',
				},
				{
					first_name: 'Bob',
					last_name: 'Smith',
					email: 'not-an-email',
					phone: '12',
					signed_up: '31.02.2026',
				},
				{
					first_name: 'Grace',
					last_name: 'Hopper',
					email: 'Grace@Navy.MIL',
					phone: '+1 415 555 0123',
					signed_up: '09.12.2026',
				},
			]),
		);

		const valid = nodeOutput(execution, 'Map', 0).map((item) => item.json);
		expect(valid).toEqual([
			{
				FirstName: 'Ada',
				FullName: 'Lovelace,  Ada ',
				Email: 'ada@example.org',
				Phone: '+49301234567',
				SignedUp: '2026-02-01',
			},
			{
				FirstName: 'Grace',
				FullName: 'Hopper, Grace',
				Email: 'grace@navy.mil',
				Phone: '+14155550123',
				SignedUp: '2026-12-09',
			},
		]);
		const invalid = nodeOutput(execution, 'Map', 1).map((item) => item.json);
		expect(invalid).toHaveLength(1);
		expect(invalid[0]).toMatchObject({ first_name: 'Bob', email: 'not-an-email' });
		const errors = invalid[0].mappingErrors as Array<{ field: string; message: string }>;
		expect(errors.map((e) => e.field).sort()).toEqual(['email', 'phone', 'signed_up']);
		expect(nodeOutput(execution, 'Invalid')).toHaveLength(1);

		const started = nodeOutput(execution, 'Start Conversation').map((item) => item.json);
		expect(started).toHaveLength(2);
		for (const [index, conversation] of started.entries()) {
			const stored = await session.sandbox.conversation(String(conversation.id));
			expect(stored).toMatchObject({
				agent_id: agents[0],
				channel: 'web',
				subject: `Signed up on ${valid[index].SignedUp}`,
				// The WorkFlux node trims the text it sends; the Mapper's concat kept the spaces it was given.
				customer: {
					name: String(valid[index].FullName).trim(),
					email: valid[index].Email,
					phone: valid[index].Phone,
				},
			});
		}
		const state = (await (await fetch(`${session.ctx.sandboxOrigin}/_sandbox/state`)).json()) as {
			conversations: number;
		};
		expect(state.conversations).toBe(2);
	});
});
