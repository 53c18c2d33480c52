/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions, @typescript-eslint/no-explicit-any -- spawns the CLI; reads JSON answers loosely */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSandbox, startSandbox } from './server';
import { Api, sleep, startReceiver, waitFor } from './test-helpers';

describe('Control surface', () => {
	let sandbox: RunningSandbox;
	let api: Api;

	beforeAll(async () => {
		sandbox = await startSandbox({ retryTimeScale: 0.001 });
		api = new Api(sandbox.baseUrl);
		await api.login();
	});
	afterAll(() => sandbox.close());

	async function control<T = any>(
		method: string,
		path: string,
		body?: unknown,
	): Promise<{ status: number; body: T }> {
		const answer = await fetch(`${sandbox.origin}/_sandbox${path}`, {
			method,
			headers: body === undefined ? {} : { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await answer.text();
		return { status: answer.status, body: (text ? JSON.parse(text) : undefined) as T };
	}

	describe('the /_sandbox surface', () => {
		it('starts with the demo data and resets back to it (or to empty)', async () => {
			const initial = (await control('GET', '/state')).body;
			expect(initial).toMatchObject({ agents: 3, workflows: 3, conversations: 12, messages: 48 });
			await api.post('/agents', { name: 'Extra' });
			await control('PATCH', '/config', { tokenTtlSeconds: 5 });
			const reset = await fetch(`${sandbox.origin}/_sandbox/reset`, { method: 'POST' });
			expect(reset.status).toBe(200);
			expect(((await reset.json()) as { state: unknown }).state).toEqual(initial);
			expect((await control('GET', '/config')).body.tokenTtlSeconds).toBe(3600);
			// Tokens survive a reset.
			expect((await api.get('/agents')).status).toBe(200);

			const empty = await control('POST', '/reset', { empty: true });
			expect(empty.body.state).toMatchObject({ agents: 0, conversations: 0, workflows: 0 });
			await control('POST', '/reset');
			const conversations = sandbox.control.conversations();
			expect(new Set(conversations.map((c) => c.status))).toEqual(
				new Set(['open', 'completed', 'escalated']),
			);
			expect(new Set(conversations.map((c) => c.created_at.slice(0, 10))).size).toBeGreaterThan(5);
		});

		it('seeds records in bulk and returns their ids', async () => {
			await control('POST', '/reset', { empty: true });
			const seeded = await control('POST', '/seed', {
				agents: 2,
				conversations: 30,
				messages_per_conversation: 3,
				workflows: 4,
			});
			expect(seeded.status).toBe(201);
			expect(seeded.body.agents).toHaveLength(2);
			expect(seeded.body.conversations).toHaveLength(30);
			expect(seeded.body.messages).toHaveLength(90);
			expect(seeded.body.workflows).toHaveLength(4);
			const listed = await api.get('/conversations?limit=100');
			expect(listed.body.data.map((c: { id: string }) => c.id).sort()).toEqual(
				[...seeded.body.conversations].sort(),
			);
			expect(
				new Set(listed.body.data.map((c: { channel: string }) => c.channel)).size,
			).toBeGreaterThan(2);
			expect((await control('POST', '/seed', { agents: -1 })).status).toBe(422);
			await control('POST', '/reset');
		});

		it('reads and patches the configuration, refusing unknown keys', async () => {
			const patched = await control('PATCH', '/config', {
				rateLimit: { limit: 50 },
				faults: { slowMs: 10 },
			});
			expect(patched.body.rateLimit).toEqual({ limit: 50, windowSeconds: 60, algorithm: 'fixed' });
			expect(patched.body.faults.slowMs).toBe(10);
			expect(sandbox.control.config.rateLimit.limit).toBe(50);
			const typo = await control('PATCH', '/config', { faults: { errorRate: 1 } });
			expect(typo.status).toBe(422);
			expect(typo.body.error.field).toBe('faults.errorRate');
			await control('POST', '/reset');
		});

		it('logs /v1 requests (not /_sandbox ones) and clears the log', async () => {
			await control('DELETE', '/requests');
			await api.get('/agents?limit=2', { headers: { 'Idempotency-Key': 'ignored-on-get' } });
			await api.get('/agents/agt_missing');
			const log = (await control('GET', '/requests')).body.data;
			expect(log).toHaveLength(2);
			expect(log[0]).toMatchObject({
				method: 'GET',
				path: '/v1/agents',
				query: { limit: 2 },
				status: 200,
				client_id: 'demo-client',
				replayed: false,
				fault: null,
			});
			expect(log[1]).toMatchObject({ path: '/v1/agents/agt_missing', status: 404 });
			expect(log[0].request_id).toMatch(/^req_/);
			expect(Date.parse(log[0].time)).not.toBeNaN();
			expect((await control('DELETE', '/requests')).status).toBe(204);
			expect((await control('GET', '/requests')).body.data).toEqual([]);
		});

		it('issues, revokes and expires tokens', async () => {
			const issued = await control('POST', '/tokens', { ttl_seconds: 60 });
			expect(issued.status).toBe(201);
			const token = issued.body.access_token as string;
			expect((await api.get('/me', { token })).body.client_id).toBe('demo-client');
			expect((await control('POST', '/tokens', { client_id: 'nobody' })).status).toBe(404);
			expect((await control('POST', '/tokens/expire')).body.expired).toBeGreaterThanOrEqual(1);
			expect((await api.get('/me', { token })).status).toBe(401);
			await api.login();
		});

		it('emits events, lists subscriptions (with secrets) and deliveries, and waits for them', async () => {
			const receiver = await startReceiver();
			const created = await api.post('/webhooks', {
				url: receiver.url,
				events: ['integration.status_updated'],
			});
			const emitted = await control('POST', '/events', { type: 'integration.status_updated' });
			expect(emitted.status).toBe(202);
			expect(emitted.body.event).toMatchObject({
				type: 'integration.status_updated',
				data: { integration: 'salesforce' },
			});
			const custom = await control('POST', '/events', {
				type: 'integration.status_updated',
				data: { integration: 'zendesk', status: 'disconnected', message: 'Token revoked' },
			});
			expect((await control('POST', '/deliveries/wait', { timeout_ms: 3000 })).body.settled).toBe(
				true,
			);
			expect(receiver.requests.map((r) => JSON.parse(r.body).id)).toEqual([
				emitted.body.event.id,
				custom.body.event.id,
			]);

			const webhooks = (await control('GET', '/webhooks')).body.data;
			expect(webhooks[0]).toMatchObject({
				id: created.body.id,
				secret: created.body.secret,
				status: 'active',
			});
			const deliveries = (await control('GET', `/deliveries?webhook_id=${created.body.id}`)).body
				.data;
			expect(deliveries.map((d: { status: string }) => d.status)).toEqual([
				'delivered',
				'delivered',
			]);
			const byEvent = (await control('GET', `/deliveries?event_id=${custom.body.event.id}`)).body
				.data;
			expect(byEvent).toHaveLength(1);
			const events = (await control('GET', '/events?type=integration.status_updated')).body.data;
			expect(events.map((e: { id: string }) => e.id)).toEqual([
				emitted.body.event.id,
				custom.body.event.id,
			]);

			expect(
				(await control('POST', `/webhooks/${created.body.id}/disable`, { reason: 'Paused' })).body
					.status,
			).toBe('disabled');
			expect((await control('DELETE', `/webhooks/${created.body.id}`)).status).toBe(204);
			expect((await api.get(`/webhooks/${created.body.id}`)).status).toBe(404);
			await receiver.close();
		});

		it('serves the OpenAPI document', async () => {
			const answer = await fetch(`${sandbox.origin}/_sandbox/openapi.yaml`);
			expect(answer.headers.get('content-type')).toMatch(/yaml/);
			expect(await answer.text()).toMatch(/^openapi: 3\.1\.0/);
		});
	});

	describe('close()', () => {
		it('stops pending retries and jobs, and the server', async () => {
			const receiver = await startReceiver(() => 500);
			// Attempt 1 goes out at once; attempt 2 would follow 5 s × 0.04 = 200 ms later.
			const local = await startSandbox({ retryTimeScale: 0.04, exportDurationMs: 60_000 });
			const localApi = new Api(local.baseUrl);
			await localApi.login();
			await localApi.post('/webhooks', { url: receiver.url, events: ['agent.response'] });
			await localApi.post('/exports', { resource: 'agents', format: 'csv' });
			local.control.emitEvent('agent.response');
			await waitFor(
				() => local.control.deliveries()[0]?.attempts.length ?? 0,
				(n) => n === 1,
				3000,
				'attempt 1',
			);
			const started = Date.now();
			await local.close();
			expect(Date.now() - started).toBeLessThan(1000);
			await expect(fetch(`${local.origin}/_sandbox/state`)).rejects.toThrow();
			await sleep(300);
			expect(receiver.requests).toHaveLength(1);
			await receiver.close();
		});
	});
});

describe('CLI', () => {
	const ROOT = join(__dirname, '..', '..');

	describe('npm run sandbox (cli.ts)', () => {
		it('serves on 127.0.0.1, prints the base URL and credentials, and stops cleanly on SIGTERM', async () => {
			const child = spawn(
				join(ROOT, 'node_modules', '.bin', 'tsx'),
				[
					join(__dirname, 'cli.ts'),
					'--port',
					'0',
					'--client-id',
					'cli-client',
					'--client-secret',
					'cli-secret',
					'--empty',
				],
				{ cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
			);
			let output = '';
			child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
			child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
			const exited = new Promise<number | null>((resolve) =>
				child.on('exit', (code) => resolve(code)),
			);
			try {
				const baseUrl = await new Promise<string>((resolve, reject) => {
					const timer = setTimeout(
						() => reject(new Error(`No base URL printed:\n${output}`)),
						15_000,
					);
					child.stdout.on('data', () => {
						const match = /Base URL:\s+(http:\/\/127\.0\.0\.1:\d+\/v1)/.exec(output);
						if (match) {
							clearTimeout(timer);
							resolve(match[1]);
						}
					});
				});
				expect(output).toContain('cli-client');
				expect(output).toContain('cli-secret');
				const token = await fetch(`${baseUrl}/auth/token`, {
					method: 'POST',
					headers: {
						'content-type': 'application/x-www-form-urlencoded',
						authorization: `Basic ${Buffer.from('cli-client:cli-secret').toString('base64')}`,
					},
					body: 'grant_type=client_credentials',
				});
				expect(token.status).toBe(200);
				const { access_token: accessToken } = (await token.json()) as { access_token: string };
				const agents = await fetch(`${baseUrl}/agents`, {
					headers: { authorization: `Bearer ${accessToken}` },
				});
				expect(((await agents.json()) as { data: unknown[] }).data).toEqual([]);
			} finally {
				child.kill('SIGTERM');
			}
			expect(await exited).toBe(0);
			expect(output).toContain('SIGTERM received, stopping the sandbox.');
		});
	});
});

describe('default data set', () => {
	it('gives its fixture agents and workflows readable ids that example workflows can name', async () => {
		const sandbox = await startSandbox();
		try {
			const agentIds = sandbox.control.agents().map((agent) => agent.id);
			expect(agentIds).toEqual([
				'agt_support_assistant',
				'agt_sales_concierge',
				'agt_billing_helper',
			]);
			expect(sandbox.control.workflows().every((wf) => /^wf_[a-z_]+$/.test(wf.id))).toBe(true);
			sandbox.control.reset();
			expect(sandbox.control.agents().map((agent) => agent.id)).toEqual(agentIds);
		} finally {
			await sandbox.close();
		}
	});
});
