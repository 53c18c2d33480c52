/* eslint-disable @n8n/community-nodes/no-restricted-imports -- a storage server on loopback, not node code */
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders } from 'node:http';

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { nodeOutput } from './support/n8n-client';
import { runWorkflowManually } from './support/manual-run';
import { openSession, type E2eSession } from './support/session';
import { byId, chainWorkflow, type Step } from './support/workflows';

/**
 * Issue 10 in the real n8n 2.41.1 (its own HTTP stack, SSRF settings and credential handling): a redirect
 * to another host never gets the token, and an ID of ".." never reaches WorkFlux.
 */

const FILE = Buffer.from('id,name\nagt_1,Billing Bot\n', 'utf8');

let session: E2eSession;
const received: Array<{ url: string; headers: IncomingHttpHeaders }> = [];
const storage = createServer((request, response) => {
	received.push({ url: request.url ?? '', headers: request.headers });
	response.writeHead(200, {
		'Content-Type': 'text/csv; charset=utf-8',
		'Content-Disposition': 'attachment; filename="stored-export.csv"',
	});
	response.end(FILE);
});
let storageOrigin: string;

const step = (name: string, resource: string, parameters: Record<string, unknown>): Step => ({
	name,
	parameters: { resource, ...parameters },
	settings: {},
});

describe('WorkFlux node in n8n: redirects and IDs', () => {
	beforeAll(async () => {
		session = await openSession();
		storage.listen(0, '127.0.0.1');
		await once(storage, 'listening');
		storageOrigin = `http://127.0.0.1:${(storage.address() as { port: number }).port}`;
	});
	afterAll(async () => {
		storage.closeAllConnections();
		await new Promise((resolve) => storage.close(resolve));
	});
	beforeEach(async () => {
		await session.sandbox.reset({ empty: true });
		await session.sandbox.clearRequests();
		received.length = 0;
	});

	it('an export download redirected to a storage host arrives, and the host gets no token', async () => {
		await session.sandbox.configure({
			faults: {
				answer: 'redirect',
				redirectTo: `${storageOrigin}/files/exp_42.csv?sig=abc`,
				match: { method: 'GET', path: '/v1/exports/exp_42/download' },
			},
		});
		const execution = await runWorkflowManually(
			session.n8n,
			chainWorkflow(session.ctx.credential, {
				name: 'E2E redirected download',
				steps: [
					step('Download', 'export', {
						operation: 'download',
						exportId: 'exp_42',
						binaryPropertyName: 'file',
					}),
				],
			}),
		);
		const [download] = nodeOutput(execution, 'Download');
		const file = download.binary?.file;
		expect(file).toMatchObject({ fileName: 'stored-export.csv', mimeType: 'text/csv' });
		const bytes = file?.id
			? await session.n8n.binaryData(file.id)
			: Buffer.from(file?.data ?? '', 'base64');
		expect(bytes.equals(FILE)).toBe(true);
		expect(received.map((r) => r.url)).toEqual(['/files/exp_42.csv?sig=abc']);
		expect(received[0].headers.authorization).toBeUndefined();
		expect(JSON.stringify(received[0].headers)).not.toMatch(/bearer/i);
		const asked = (await session.sandbox.requests()).filter((r) => r.path.endsWith('/download'));
		expect(asked.map((r) => r.status)).toEqual([302]);
	});

	it('Agent > Delete with the ID ".." sends nothing to WorkFlux', async () => {
		const execution = await runWorkflowManually(
			session.n8n,
			chainWorkflow(session.ctx.credential, {
				name: 'E2E dot-dot ID',
				steps: [step('Delete', 'agent', { operation: 'delete', agentId: byId('={{ ".." }}') })],
			}),
			{ allowError: true },
		);
		expect(execution.status).toBe('error');
		expect(execution.runData.Delete?.[0]?.error?.message).toBe(
			'".." is not a valid ID, so no request was sent',
		);
		expect(await session.sandbox.requests()).toEqual([]);
	});
});
