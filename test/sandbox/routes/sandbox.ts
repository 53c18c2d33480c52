/* eslint-disable @n8n/community-nodes/no-restricted-imports */
// The /_sandbox inspection surface (no auth, not part of /v1). Each route calls the same SandboxControl method
// that in-process tests use, so the HTTP surface and `control` stay equivalent.
import { readFileSync } from 'node:fs';

import type { FastifyInstance } from 'fastify';

import { CONFIG_PATCH_SCHEMA, type SandboxConfigPatch } from '../config';
import type { SandboxControl } from '../control';
import { notFound } from '../errors';
import type { SeedCounts } from '../seed';

const count = { type: 'integer', minimum: 0, maximum: 10_000 } as const;

export function registerSandboxRoutes(
	app: FastifyInstance,
	control: SandboxControl,
	openapiPath: string,
): void {
	app.post(
		'/_sandbox/reset',
		{
			schema: {
				body: {
					type: 'object',
					additionalProperties: false,
					properties: { empty: { type: 'boolean' } },
				},
			},
		},
		async (request) => {
			control.reset((request.body ?? {}) as { empty?: boolean });
			return { reset: true, state: control.state() };
		},
	);

	app.post(
		'/_sandbox/seed',
		{
			schema: {
				body: {
					type: 'object',
					additionalProperties: false,
					properties: {
						agents: count,
						conversations: count,
						messages_per_conversation: { type: 'integer', minimum: 0, maximum: 100 },
						workflows: count,
						days: { type: 'integer', minimum: 1, maximum: 3650 },
					},
				},
			},
		},
		async (request, reply) => {
			reply.code(201);
			return control.seed((request.body ?? {}) as SeedCounts);
		},
	);

	app.get('/_sandbox/state', async () => control.state());

	app.get('/_sandbox/config', async () => control.config);
	app.patch('/_sandbox/config', { schema: { body: CONFIG_PATCH_SCHEMA } }, async (request) =>
		control.configure(request.body as SandboxConfigPatch),
	);

	app.get('/_sandbox/webhooks', async () => ({
		data: control.webhooks().map((w) => ({ ...w, secret: control.webhookSecret(w.id) ?? null })),
	}));
	app.post(
		'/_sandbox/webhooks/:webhook_id/disable',
		{
			schema: {
				body: {
					type: 'object',
					additionalProperties: false,
					properties: { reason: { type: 'string' } },
				},
			},
		},
		async (request) => {
			const { webhook_id: id } = request.params as { webhook_id: string };
			return control.disableWebhook(id, (request.body as { reason?: string } | undefined)?.reason);
		},
	);
	app.delete('/_sandbox/webhooks/:webhook_id', async (request, reply) => {
		const { webhook_id: id } = request.params as { webhook_id: string };
		if (!control.forgetWebhook(id)) throw notFound('Webhook subscription', id);
		return reply.code(204).send();
	});

	app.get('/_sandbox/deliveries', async (request) => {
		const q = request.query as { webhook_id?: string; event_id?: string };
		return { data: control.deliveries({ webhookId: q.webhook_id, eventId: q.event_id }) };
	});
	app.post(
		'/_sandbox/deliveries/wait',
		{
			schema: {
				body: {
					type: 'object',
					additionalProperties: false,
					properties: { timeout_ms: { type: 'integer', minimum: 0, maximum: 60_000 } },
				},
			},
		},
		async (request) => ({
			settled: await control.waitForDeliveries(
				(request.body as { timeout_ms?: number } | undefined)?.timeout_ms,
			),
		}),
	);

	app.get('/_sandbox/events', async (request) => ({
		data: control.events({ type: (request.query as { type?: string }).type }),
	}));
	app.post(
		'/_sandbox/events',
		{
			schema: {
				body: {
					type: 'object',
					additionalProperties: false,
					required: ['type'],
					properties: { type: { type: 'string', minLength: 1 }, data: {} },
				},
			},
		},
		async (request, reply) => {
			const body = request.body as { type: string; data?: unknown };
			reply.code(202);
			return { event: control.emitEvent(body.type, body.data) };
		},
	);

	app.get('/_sandbox/requests', async () => ({ data: control.requests() }));
	app.delete('/_sandbox/requests', async (_request, reply) => {
		control.clearRequests();
		return reply.code(204).send();
	});

	app.post(
		'/_sandbox/tokens',
		{
			schema: {
				body: {
					type: 'object',
					additionalProperties: false,
					properties: {
						client_id: { type: 'string' },
						ttl_seconds: { type: 'number', minimum: 0 },
					},
				},
			},
		},
		async (request, reply) => {
			const body = (request.body ?? {}) as { client_id?: string; ttl_seconds?: number };
			reply.code(201);
			return {
				access_token: control.issueToken({
					clientId: body.client_id,
					ttlSeconds: body.ttl_seconds,
				}),
			};
		},
	);
	app.post('/_sandbox/tokens/revoke', async () => ({ revoked: control.revokeTokens() }));
	app.post('/_sandbox/tokens/expire', async () => ({ expired: control.expireTokens() }));

	app.get('/_sandbox/exports/:export_id/file', async (request, reply) => {
		const { export_id: id } = request.params as { export_id: string };
		const file = control.exportFile(id);
		if (!file) throw notFound('Finished export file', id);
		return reply.header('Content-Type', file.contentType).send(file.bytes);
	});

	app.get('/_sandbox/openapi.yaml', async (_request, reply) =>
		reply
			.header('Content-Type', 'application/yaml; charset=utf-8')
			.send(readFileSync(openapiPath, 'utf8')),
	);
}
