// Background progress of export jobs (pending → processing → completed/failed) and workflow runs
// (queued → running → succeeded/failed), on the sandbox's timers so close() stops them.
import type { SandboxConfig } from './config';
import { renderExport, selectRecords } from './export-files';
import type { FaultInjector } from './faults';
import type { Store } from './store';
import type { Timers } from './timers';
import type { ExportJob, WorkflowRun } from './types';

export interface JobDeps {
	store: Store;
	timers: Timers;
	faults: FaultInjector;
	config: () => SandboxConfig;
}

export class Jobs {
	constructor(private readonly deps: JobDeps) {}

	startExport(job: ExportJob): void {
		const duration = this.deps.config().exportDurationMs;
		const fails = this.deps.faults.exportFails();
		this.deps.timers.after(duration * 0.25, () => {
			if (job.status === 'pending') job.status = 'processing';
		});
		this.deps.timers.after(duration, () => {
			if (!this.deps.store.exports.has(job.id)) return;
			job.completed_at = new Date().toISOString();
			if (fails) {
				job.status = 'failed';
				return;
			}
			const records = selectRecords(this.deps.store, job);
			const file = renderExport(job, records);
			this.deps.store.exportFiles.set(job.id, file);
			job.record_count = records.length;
			job.file = { name: file.name, size: file.bytes.length, content_type: file.contentType };
			job.status = 'completed';
		});
	}

	startRun(run: WorkflowRun): void {
		const duration = this.deps.config().runDurationMs;
		const fails = this.deps.faults.runFails();
		this.deps.timers.after(duration * 0.3, () => {
			if (run.status === 'queued') run.status = 'running';
		});
		this.deps.timers.after(duration, () => {
			run.finished_at = new Date().toISOString();
			if (fails) {
				run.status = 'failed';
				run.output = { error: 'The workflow step "Deliver result" failed (injected failure).' };
				return;
			}
			run.status = 'succeeded';
			run.output = { received: run.payload };
		});
	}
}
