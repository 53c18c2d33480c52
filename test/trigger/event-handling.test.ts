import { describe, expect, it } from 'vitest';

import {
	ALL_EVENTS,
	WORKFLUX_EVENTS,
	filterEvent,
	readEventEnvelope,
	resolveSubscribedEvents,
	sameEventSet,
} from '../../nodes/WorkfluxTrigger/events';
import { buildTriggerOutput, parseAttempt } from '../../nodes/WorkfluxTrigger/output';
import {
	forgetSubscription,
	judgeSubscription,
	rememberSubscription,
	type TriggerStaticData,
} from '../../nodes/WorkfluxTrigger/subscription';

const CONTRACT_EVENTS = [
	'conversation.started',
	'conversation.completed',
	'conversation.escalated',
	'agent.response',
	'integration.status_updated',
];

describe('event selection', () => {
	it('offers exactly the contract events', () => {
		expect(WORKFLUX_EVENTS.map((event) => event.value).sort()).toEqual(CONTRACT_EVENTS.sort());
	});

	it('expands "All events" to the full list, since the API has no wildcard', () => {
		expect(resolveSubscribedEvents([ALL_EVENTS])).toEqual(CONTRACT_EVENTS.slice().sort());
		expect(resolveSubscribedEvents(['agent.response', ALL_EVENTS])).toHaveLength(5);
	});

	it('sorts, de-duplicates and drops unknown values', () => {
		expect(
			resolveSubscribedEvents(['conversation.started', 'agent.response', 'agent.response', 'x.y']),
		).toEqual(['agent.response', 'conversation.started']);
		expect(resolveSubscribedEvents([])).toEqual([]);
	});

	it('compares event sets regardless of order', () => {
		expect(sameEventSet(['a', 'b'], ['b', 'a'])).toBe(true);
		expect(sameEventSet(['a', 'b'], ['a'])).toBe(false);
		expect(sameEventSet(['a', 'b'], ['a', 'c'])).toBe(false);
	});
});

describe('filterEvent', () => {
	const started = readEventEnvelope({
		id: 'evt_1',
		type: 'conversation.started',
		created_at: '2026-11-27T12:00:00.000Z',
		data: { id: 'conv_1', agent_id: 'agt_a' },
	})!;
	const integration = readEventEnvelope({
		id: 'evt_2',
		type: 'integration.status_updated',
		created_at: '2026-11-27T12:00:00.000Z',
		data: { integration: 'slack', status: 'degraded', message: 'slow' },
	})!;

	it('runs for a selected event and skips an unselected one', () => {
		expect(filterEvent(started, { events: ['conversation.started'] })).toEqual({ run: true });
		expect(filterEvent(started, { events: ['agent.response'] })).toEqual({
			run: false,
			reason: 'event_not_selected',
		});
	});

	it('skips events of another agent, runs for the chosen one', () => {
		const events = resolveSubscribedEvents([ALL_EVENTS]);
		expect(filterEvent(started, { events, agentId: 'agt_a' })).toEqual({ run: true });
		expect(filterEvent(started, { events, agentId: ' agt_a ' })).toEqual({ run: true });
		expect(filterEvent(started, { events, agentId: 'agt_b' })).toEqual({
			run: false,
			reason: 'other_agent',
		});
		expect(filterEvent(started, { events, agentId: '' })).toEqual({ run: true });
	});

	it('lets events without an agent through the agent filter', () => {
		const events = resolveSubscribedEvents([ALL_EVENTS]);
		expect(filterEvent(integration, { events, agentId: 'agt_b' })).toEqual({ run: true });
	});
});

describe('readEventEnvelope', () => {
	it('refuses bodies that are not event objects', () => {
		for (const body of [undefined, null, 'text', 42, [], {}, { type: '' }, { data: {} }]) {
			expect(readEventEnvelope(body)).toBeUndefined();
		}
	});

	it('keeps the envelope fields and replaces non-object data with an empty object', () => {
		expect(readEventEnvelope({ id: 'evt_1', type: 't', created_at: 'c', data: [1] })).toEqual({
			id: 'evt_1',
			type: 't',
			created_at: 'c',
			data: {},
		});
	});
});

describe('buildTriggerOutput', () => {
	const event = {
		id: 'evt_1',
		type: 'agent.response',
		created_at: '2026-11-27T12:00:00.000Z',
		data: { conversation_id: 'conv_1', agent_id: 'agt_1', message: { content: 'Hi' } },
	};
	const headers = {
		'Content-Type': 'application/json',
		'webhook-id': 'evt_1',
		'webhook-attempt': '3',
	};

	it('returns the event plus delivery metadata, without headers by default', () => {
		const output = buildTriggerOutput(event, {
			webhookId: 'evt_1',
			headers,
			receivedAt: new Date(Date.UTC(2026, 10, 27, 12, 0, 1)),
			includeHeaders: false,
		});
		expect(output).toEqual({
			...event,
			delivery: { webhook_id: 'evt_1', attempt: 3, received_at: '2026-11-27T12:00:01.000Z' },
		});
	});

	it('adds lower-cased headers on request', () => {
		const output = buildTriggerOutput(event, {
			webhookId: 'evt_1',
			headers,
			receivedAt: new Date(0),
			includeHeaders: true,
		});
		expect(output.headers).toEqual({
			'content-type': 'application/json',
			'webhook-attempt': '3',
			'webhook-id': 'evt_1',
		});
	});

	it('reads the attempt number only when it is a plain number', () => {
		expect(parseAttempt('1')).toBe(1);
		expect(parseAttempt(undefined)).toBeNull();
		expect(parseAttempt('two')).toBeNull();
		expect(parseAttempt('-1')).toBeNull();
	});
});

describe('subscription bookkeeping', () => {
	const expected = { url: 'https://n8n.example/webhook/abc/webhook', events: ['agent.response'] };

	it('keeps a subscription with the same URL, events and an active status', () => {
		expect(judgeSubscription({ ...expected, status: 'active' }, expected)).toEqual({ keep: true });
	});

	it('replaces one whose URL, events or status differ', () => {
		expect(
			judgeSubscription({ ...expected, url: 'https://old.example/x', status: 'active' }, expected),
		).toEqual({ keep: false, reason: 'url_changed' });
		expect(
			judgeSubscription(
				{ ...expected, events: ['agent.response', 'conversation.started'], status: 'active' },
				expected,
			),
		).toEqual({ keep: false, reason: 'events_changed' });
		expect(judgeSubscription({ ...expected, status: 'disabled' }, expected)).toEqual({
			keep: false,
			reason: 'disabled',
		});
		expect(judgeSubscription({}, expected).keep).toBe(false);
	});

	it('remembers and forgets everything it stores, and nothing else', () => {
		const data: TriggerStaticData & { other?: string } = { other: 'kept' };
		const key = { salt: 'salt', fingerprint: 'print' };
		// A plain secret from an older version goes as soon as a key is stored.
		rememberSubscription(Object.assign(data, { webhookSecret: 'whsec_old' }), {
			id: 'wh_1',
			key,
			...expected,
		});
		expect(data).toEqual({
			other: 'kept',
			webhookId: 'wh_1',
			secretSalt: 'salt',
			secretFingerprint: 'print',
			webhookEvents: expected.events,
			webhookUrl: expected.url,
		});
		forgetSubscription(data);
		expect(data).toEqual({ other: 'kept' });
	});
});
