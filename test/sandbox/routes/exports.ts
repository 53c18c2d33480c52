import type { SandboxCore } from '../core';
import { resolveRange } from '../dates';
import { conflict, validationError } from '../errors';
import { newId } from '../ids';
import type { ExportFilters, ExportFormat, ExportJob, ExportResource } from '../types';
import { found, nowIso, type Handlers } from './common';

const STATUSES: Record<ExportResource, string[]> = {
	conversations: ['open', 'completed', 'escalated'],
	messages: ['open', 'completed', 'escalated'],
	agents: ['active', 'inactive'],
};

export function exportRoutes(core: SandboxCore): Handlers {
	const { store } = core;
	const exportOf = (params: unknown) =>
		found(store.exports, (params as { export_id: string }).export_id, 'Export');

	return {
		createExport: (request, reply) => {
			const body = request.body as {
				resource: ExportResource;
				format: ExportFormat;
				date_from?: string;
				date_to?: string;
				filters: ExportFilters;
			};
			resolveRange(body.date_from, body.date_to);
			const status = body.filters.status;
			if (status !== undefined && !STATUSES[body.resource].includes(status)) {
				throw validationError(
					'filters.status',
					`\`filters.status\` for ${body.resource} must be one of: ${STATUSES[body.resource].join(', ')}.`,
				);
			}
			const job: ExportJob = {
				id: newId('export'),
				resource: body.resource,
				format: body.format,
				status: 'pending',
				date_from: body.date_from ?? null,
				date_to: body.date_to ?? null,
				filters: { ...body.filters },
				record_count: null,
				file: null,
				created_at: nowIso(),
				completed_at: null,
			};
			store.exports.set(job.id, job);
			core.jobs.startExport(job);
			reply.code(202);
			return job;
		},
		getExport: (request) => exportOf(request.params),
		downloadExport: (request, reply) => {
			const job = exportOf(request.params);
			if (job.status === 'failed') {
				throw conflict(`Export ${job.id} failed, so there is no file. Start a new export.`);
			}
			const file = store.exportFiles.get(job.id);
			if (job.status !== 'completed' || !file) {
				throw conflict(
					`Export ${job.id} is still ${job.status}. Wait until its status is completed, then download it.`,
				);
			}
			reply
				.header('Content-Type', `${file.contentType}; charset=utf-8`)
				.header('Content-Disposition', `attachment; filename="${file.name}"`);
			return reply.send(file.bytes);
		},
	};
}
