import type { SandboxCore } from '../core';
import { notFound } from '../errors';
import { newId } from '../ids';
import { paginate } from '../pagination';
import type { WorkflowRun } from '../types';
import { found, nowIso, type Handlers, type ListQuery } from './common';

export function workflowRoutes(core: SandboxCore): Handlers {
	const { store } = core;
	const workflowOf = (params: unknown) =>
		found(store.workflows, (params as { workflow_id: string }).workflow_id, 'Workflow');

	return {
		listWorkflows: (request) => {
			const q = request.query as ListQuery;
			return paginate(store.workflows.values(), q.limit, q.cursor);
		},
		getWorkflow: (request) => workflowOf(request.params),
		createWorkflowRun: (request, reply) => {
			const workflow = workflowOf(request.params);
			const body = request.body as { payload: Record<string, unknown> };
			const run: WorkflowRun = {
				id: newId('run'),
				workflow_id: workflow.id,
				status: 'queued',
				payload: body.payload,
				output: null,
				created_at: nowIso(),
				finished_at: null,
			};
			store.runs.set(run.id, run);
			core.jobs.startRun(run);
			reply.code(202);
			return run;
		},
		getWorkflowRun: (request) => {
			const workflow = workflowOf(request.params);
			const runId = (request.params as { run_id: string }).run_id;
			const run = store.runs.get(runId);
			if (!run || run.workflow_id !== workflow.id)
				throw notFound(`Run of workflow ${workflow.id}`, runId);
			return run;
		},
	};
}
