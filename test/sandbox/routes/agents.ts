import type { SandboxCore } from '../core';
import { newId } from '../ids';
import { paginate } from '../pagination';
import type { Agent } from '../types';
import { found, nowIso, type Handlers, type ListQuery } from './common';

type AgentInput = Pick<
	Agent,
	'name' | 'description' | 'model' | 'instructions' | 'status' | 'channels' | 'metadata'
>;

export function agentRoutes(core: SandboxCore): Handlers {
	const { store } = core;
	return {
		listAgents: (request) => {
			const query = request.query as ListQuery & { status?: Agent['status'] };
			const agents = Array.from(store.agents.values()).filter(
				(a) => !query.status || a.status === query.status,
			);
			return paginate(agents, query.limit, query.cursor);
		},
		createAgent: (request, reply) => {
			// Defaults (description, model, status, channels, metadata) come from the AgentCreate schema.
			const body = request.body as AgentInput;
			const now = nowIso();
			const agent: Agent = {
				id: newId('agent'),
				name: body.name,
				description: body.description,
				model: body.model,
				instructions: body.instructions,
				status: body.status,
				channels: body.channels,
				metadata: body.metadata,
				created_at: now,
				updated_at: now,
			};
			store.agents.set(agent.id, agent);
			reply.code(201);
			return agent;
		},
		getAgent: (request) =>
			found(store.agents, (request.params as { agent_id: string }).agent_id, 'Agent'),
		updateAgent: (request) => {
			const agent = found(store.agents, (request.params as { agent_id: string }).agent_id, 'Agent');
			Object.assign(agent, request.body as Partial<AgentInput>, { updated_at: nowIso() });
			return agent;
		},
		deleteAgent: (request, reply) => {
			const agent = found(store.agents, (request.params as { agent_id: string }).agent_id, 'Agent');
			store.agents.delete(agent.id);
			reply.code(204);
			return reply.send();
		},
	};
}
