import { describe, expect, it } from 'vitest';

import type { AnswerFault } from '../sandbox/config';
import { useSandbox } from '../support/use-sandbox';
import { byId, chainWorkflow } from '../support/workflows';

// Issue 10, point 4: a 2xx answer that is not what the API contract says (a proxy's login page, JSON cut
// off, an empty body, an array, a list without `data`) is a clear error, never an item.
const env = useSandbox({ empty: true });

const agentStep = (operation: string, parameters: Record<string, unknown> = {}) => ({
	name: 'WorkFlux',
	parameters: { resource: 'agent', operation, ...parameters },
});

function breakAnswers(answer: AnswerFault, path = '/v1/agents') {
	env.sandbox.control.configure({ faults: { answer, match: { method: 'GET', path } } });
}

const description = (error: unknown) => (error as { description?: string }).description ?? '';

describe('a 2xx answer that breaks the contract', () => {
	const cases: Array<[AnswerFault, RegExp, RegExp]> = [
		[
			'html_page',
			/a web page instead of JSON/,
			/content type text\/html; charset=utf-8: "<!DOCTYPE html> <html><head><title>Sign in - Corporate Access Proxy/,
		],
		[
			'truncated_json',
			/JSON that cannot be read \(it may be cut off\)/,
			/content type application\/json; charset=utf-8: "\{"id":"agt_/,
		],
		['empty_body', /an empty answer/, /application\/json; charset=utf-8: no body/],
		['array_body', /a JSON list where WorkFlux sends an object/, /: "\[\{"id":"agt_/],
	];

	it.each(cases)('Agent > Get with %s fails in plain words', async (fault, message, shown) => {
		const { agents } = env.sandbox.control.seed({ agents: 1 });
		breakAnswers(fault);
		const run = await env.run(chainWorkflow([agentStep('get', { agentId: byId(agents[0]) })]));
		expect(run.status).toBe('error');
		expect(run.error?.message).toMatch(/^WorkFlux sent an answer the node cannot use: /);
		expect(run.error?.message).toMatch(message);
		expect(description(run.error)).toMatch(shown);
		expect(description(run.error)).toContain(`GET /agents/${agents[0]} answered HTTP 200`);
		expect(description(run.error)).toContain(
			`The Base URL in the WorkFlux credential (${env.sandbox.baseUrl}) may point at a proxy, a login page or the wrong path`,
		);
		// A broken answer is not a temporary failure: asked once, not retried.
		expect(
			env.sandbox.control.requests().filter((r) => r.path.startsWith('/v1/agents')),
		).toHaveLength(1);
	});

	it.each([
		['html_page', /a web page instead of JSON/],
		['truncated_json', /cut off/],
		['empty_body', /an empty answer/],
		['array_body', /a JSON list where WorkFlux sends an object/],
		['list_without_data', /a list answer without its "data" array/],
	] as Array<[AnswerFault, RegExp]>)(
		'Get Many with %s fails in plain words instead of a raw TypeError',
		async (fault, message) => {
			env.sandbox.control.seed({ agents: 3 });
			breakAnswers(fault);
			const run = await env.run(chainWorkflow([agentStep('getAll', { returnAll: true })]));
			expect(run.status).toBe('error');
			expect(run.error?.message).toMatch(message);
			expect(run.error?.message).not.toMatch(/Cannot read properties/);
			expect(description(run.error)).toContain('GET /agents answered HTTP 200');
		},
	);

	it('with Continue On Fail the broken answer becomes an error item, never a record item', async () => {
		const { agents } = env.sandbox.control.seed({ agents: 1 });
		breakAnswers('html_page');
		const run = await env.run(
			chainWorkflow([
				{
					...agentStep('get', { agentId: byId(agents[0]) }),
					settings: { onError: 'continueRegularOutput' },
				},
			]),
		);
		expect(run.status).toBe('success');
		const [item] = run.json('WorkFlux');
		expect(Object.keys(item).sort()).toEqual(['details', 'error']);
		expect(item.error).toMatch(/a web page instead of JSON/);
	});

	it('a broken answer on a write fails the same way (Agent > Update)', async () => {
		const { agents } = env.sandbox.control.seed({ agents: 1 });
		env.sandbox.control.configure({ faults: { answer: 'array_body', match: { method: 'PATCH' } } });
		const run = await env.run(
			chainWorkflow([
				agentStep('update', { agentId: byId(agents[0]), updateFields: { name: 'Renamed' } }),
			]),
		);
		expect(run.status).toBe('error');
		expect(run.error?.message).toMatch(/a JSON list where WorkFlux sends an object/);
	});
});

describe('answers the contract documents as empty or as files', () => {
	it('Agent > Delete takes its 204 without a body', async () => {
		const { agents } = env.sandbox.control.seed({ agents: 1 });
		const run = await env.run(chainWorkflow([agentStep('delete', { agentId: byId(agents[0]) })]));
		expect(run.status).toBe('success');
		expect(run.json('WorkFlux')).toEqual([{ id: agents[0], deleted: true }]);
	});
});
