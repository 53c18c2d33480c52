import { DateTime } from 'luxon';
import type { IDataObject, INodeParameters, NodeError } from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import {
	DateValueError,
	isRangeReversed,
	toApiDate,
} from '../../nodes/Workflux/helpers/dates';
import { createEnvironment, type TestEnvironment } from '../support/environment';
import { chainWorkflow } from '../support/workflows';

describe('Dates for WorkFlux', () => {
	it('passes a date alone on unchanged (a whole UTC day)', () => {
		expect(toApiDate('2026-11-30', 'Europe/Berlin')).toBe('2026-11-30');
		expect(toApiDate(' 2026-11-30 ', 'UTC')).toBe('2026-11-30');
	});

	it("reads a picker value without zone in the workflow's time zone", () => {
		expect(toApiDate('2026-11-27T09:30:00', 'Europe/Berlin')).toBe('2026-11-27T08:30:00.000Z');
		expect(toApiDate('2026-07-01T00:00:00', 'America/New_York')).toBe('2026-07-01T04:00:00.000Z');
	});

	it('keeps an explicit zone and converts to UTC', () => {
		expect(toApiDate('2026-11-27T12:00:00Z', 'Europe/Berlin')).toBe('2026-11-27T12:00:00.000Z');
		expect(toApiDate('2026-11-27T12:00:00+05:30', 'UTC')).toBe('2026-11-27T06:30:00.000Z');
	});

	it('accepts Luxon DateTime and Date values from expressions', () => {
		const dateTime = DateTime.fromISO('2026-11-27T10:00:00', { zone: 'Asia/Tokyo' });
		expect(toApiDate(dateTime, 'UTC')).toBe('2026-11-27T01:00:00.000Z');
		expect(toApiDate(new Date(Date.UTC(2026, 10, 27, 5)), 'UTC')).toBe('2026-11-27T05:00:00.000Z');
	});

	it('treats empty values as no date', () => {
		expect(toApiDate('', 'UTC')).toBeUndefined();
		expect(toApiDate(undefined, 'UTC')).toBeUndefined();
		expect(toApiDate(null, 'UTC')).toBeUndefined();
	});

	it('refuses text that is not a date, and impossible calendar dates', () => {
		expect(() => toApiDate('next tuesday', 'UTC')).toThrow(DateValueError);
		expect(() => toApiDate('2026-02-30', 'UTC')).toThrow(
			'"2026-02-30" is not a real calendar date',
		);
		expect(() => toApiDate(42, 'UTC')).toThrow('it is not a date');
	});

	it('knows a reversed range, counting a date alone as its whole day', () => {
		expect(isRangeReversed('2026-11-30', '2026-11-01')).toBe(true);
		expect(isRangeReversed('2026-11-30', '2026-11-30T08:00:00.000Z')).toBe(false);
		expect(isRangeReversed('2026-11-30T08:00:00.000Z', '2026-11-30')).toBe(false);
		expect(isRangeReversed('2026-12-01T00:00:00.000Z', '2026-11-30')).toBe(true);
		expect(isRangeReversed(undefined, '2026-11-30')).toBe(false);
	});
});

describe('Report resource against the sandbox', () => {
	let env: TestEnvironment;

	beforeAll(async () => {
		env = await createEnvironment();
	});
	afterAll(async () => {
		await env?.close();
	});
	beforeEach(() => {
		env.sandbox.control.reset();
		env.sandbox.control.clearRequests();
	});

	const today = () => new Date().toISOString().slice(0, 10);
	const daysAgo = (days: number) =>
		new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
	const reportStep = (parameters: INodeParameters) => ({
		name: 'Report',
		parameters: { resource: 'report', operation: 'get', ...parameters },
	});

	/** Conversations per UTC day (or per agent), counted from the sandbox's own records. */
	function countBy(key: (conversation: { created_at: string; agent_id: string }) => string) {
		const counts = new Map<string, number>();
		for (const conversation of env.sandbox.control.conversations()) {
			counts.set(key(conversation), (counts.get(key(conversation)) ?? 0) + 1);
		}
		return counts;
	}

	it('outputs one item per day with the chosen metric, matching the conversations in WorkFlux', async () => {
		const run = await env.run(
			chainWorkflow([
				reportStep({
					metrics: ['conversation_volume'],
					dateFrom: daysAgo(60),
					dateTo: today(),
					groupBy: 'day',
				}),
			]),
		);
		expect(run.error).toBeUndefined();
		const rows = run.json('Report');
		const expected = countBy((c) => c.created_at.slice(0, 10));
		expect(rows.length).toBe(expected.size);
		expect(rows.map((row) => row.group)).toEqual([...expected.keys()].sort());
		for (const row of rows) {
			expect(row).toEqual({
				group: row.group,
				conversation_volume: expected.get(String(row.group)),
			});
		}
		const [request] = env.sandbox.control
			.requests()
			.filter((entry) => entry.path === '/v1/reports');
		expect(request.query).toMatchObject({
			metrics: ['conversation_volume'],
			group_by: 'day',
			date_from: daysAgo(60),
			date_to: today(),
		});
	});

	it('groups by agent, with the agent names', async () => {
		const run = await env.run(
			chainWorkflow([
				reportStep({
					metrics: ['conversation_volume', 'resolution_rate'],
					dateFrom: daysAgo(60),
					dateTo: today(),
					groupBy: 'agent',
				}),
			]),
		);
		expect(run.error).toBeUndefined();
		const expected = countBy((c) => c.agent_id);
		const names = new Map(env.sandbox.control.agents().map((agent) => [agent.id, agent.name]));
		const rows = run.json('Report');
		expect(rows.map((row) => row.group).sort()).toEqual([...expected.keys()].sort());
		const [request] = env.sandbox.control
			.requests()
			.filter((entry) => entry.path === '/v1/reports');
		expect(request.query).toMatchObject({
			metrics: ['conversation_volume', 'resolution_rate'],
			group_by: 'agent',
		});
		for (const row of rows) {
			expect(row.agent_name).toBe(names.get(String(row.group)));
			expect(row.conversation_volume).toBe(expected.get(String(row.group)));
			expect(row.resolution_rate).toBeGreaterThanOrEqual(0);
			expect(row.resolution_rate).toBeLessThanOrEqual(1);
		}
	});

	it('Summary outputs one item with the totals of every metric and all rows', async () => {
		const run = await env.run(
			chainWorkflow([
				reportStep({ dateFrom: daysAgo(60), dateTo: today(), groupBy: 'week', output: 'summary' }),
			]),
		);
		expect(run.error).toBeUndefined();
		const items = run.json('Report');
		expect(items).toHaveLength(1);
		const [summary] = items;
		const conversations = env.sandbox.control.conversations();
		expect(summary).toMatchObject({
			date_from: daysAgo(60),
			date_to: today(),
			group_by: 'week',
		});
		expect(summary.metrics).toEqual(
			expect.arrayContaining([
				'conversation_volume',
				'resolution_rate',
				'escalation_rate',
				'avg_first_response_seconds',
				'messages_per_conversation',
			]),
		);
		const totals = summary.totals as IDataObject;
		expect(totals.conversation_volume).toBe(conversations.length);
		const completed = conversations.filter((c) => c.status === 'completed').length;
		expect(totals.resolution_rate).toBeCloseTo(completed / conversations.length, 3);
		const rows = summary.rows as IDataObject[];
		expect(rows.reduce((sum, row) => sum + Number(row.conversation_volume), 0)).toBe(
			conversations.length,
		);
		// Without metrics chosen, none is sent: WorkFlux then reports all of them.
		const [request] = env.sandbox.control
			.requests()
			.filter((entry) => entry.path === '/v1/reports');
		expect(request.query.metrics).toBeUndefined();
	});

	it('outputs no item when no conversation falls in the range', async () => {
		const run = await env.run(
			chainWorkflow([reportStep({ dateFrom: '2001-01-01', dateTo: '2001-01-31', groupBy: 'day' })]),
		);
		expect(run.error).toBeUndefined();
		expect(run.json('Report')).toEqual([]);
	});

	it('refuses Date From after Date To before asking WorkFlux', async () => {
		const run = await env.run(
			chainWorkflow([reportStep({ dateFrom: '2026-11-30', dateTo: '2026-11-01' })]),
		);
		expect(run.status).toBe('error');
		expect(run.error?.message).toBe('Date From is after Date To');
		expect((run.error as NodeError).description).toContain('Swap the two dates');
		expect(env.sandbox.control.requests().filter((entry) => entry.path === '/v1/reports')).toEqual(
			[],
		);
	});

	it('says which date is missing when an expression gives no date', async () => {
		// n8n itself refuses an empty required field; an expression can still come out empty.
		const run = await env.run(
			chainWorkflow([reportStep({ dateFrom: '2026-11-01', dateTo: '={{ $json.missing ?? "" }}' })]),
		);
		expect(run.error?.message).toBe('Date To is empty');
	});
});
