import { describe, expect, it } from 'vitest';

import { LedgerRegistry } from '../../nodes/WorkfluxTrigger/ledgerRegistry';

const HOUR = 60 * 60 * 1000;
const T0 = Date.UTC(2026, 11, 3, 12, 0, 0);

describe('LedgerRegistry', () => {
	it('gives every request of one trigger the same ledger, and other triggers their own', () => {
		const registry = new LedgerRegistry();
		const a = registry.ledgerFor('wf1/node1/production', T0);
		expect(registry.ledgerFor('wf1/node1/production', T0 + 1)).toBe(a);
		expect(registry.ledgerFor('wf1/node1/test', T0)).not.toBe(a);
		expect(registry.ledgerFor('wf2/node1/production', T0)).not.toBe(a);
		expect(registry.size).toBe(3);
	});

	it('drops a ledger unused for longer than its horizon (everything in it has expired)', () => {
		const registry = new LedgerRegistry();
		const idle = registry.ledgerFor('idle', T0);
		registry.ledgerFor('busy', T0);
		registry.ledgerFor('busy', T0 + 20 * HOUR);
		registry.ledgerFor('busy', T0 + 31 * HOUR);
		expect(registry.size).toBe(1);
		expect(registry.ledgerFor('idle', T0 + 31 * HOUR)).not.toBe(idle);
	});
});
