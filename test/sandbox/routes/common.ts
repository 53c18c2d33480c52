// What route modules share: the handler map type and small helpers.
import type { FastifyReply, FastifyRequest } from 'fastify';

import { notFound } from '../errors';

export type Handler = (request: FastifyRequest, reply: FastifyReply) => unknown;

/** Handlers keyed by the operationId of openapi.yaml. */
export type Handlers = Record<string, Handler>;

export interface ListQuery {
	limit: number;
	cursor?: string;
}

export function nowIso(): string {
	return new Date().toISOString();
}

/** The record, or a 404 `not_found` naming what was looked for. */
export function found<T>(map: Map<string, T>, id: string, kind: string): T {
	const record = map.get(id);
	if (record === undefined) throw notFound(kind, id);
	return record;
}
