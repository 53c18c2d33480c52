import type { SandboxCore } from '../core';
import { buildReport, type GroupBy, type ReportMetric } from '../reports';
import type { Handlers } from './common';

export function reportRoutes(core: SandboxCore): Handlers {
	return {
		getReport: (request) => {
			const q = request.query as {
				date_from: string;
				date_to: string;
				group_by: GroupBy;
				metrics?: ReportMetric[];
			};
			return buildReport(core.store, q);
		},
	};
}
