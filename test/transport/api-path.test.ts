import { describe, expect, it } from 'vitest';

import { apiPath, idSegment, InvalidIdError } from '../../nodes/shared/transport/api-path';

describe('apiPath', () => {
	it('puts each ID in as one encoded segment', () => {
		expect(apiPath`/workflows/${'wf_1'}/runs/${'run_2'}`).toBe('/workflows/wf_1/runs/run_2');
		expect(apiPath`/agents/${'a/b?c#d'}`).toBe('/agents/a%2Fb%3Fc%23d');
		expect(apiPath`/agents/${'%2e%2e'}`).toBe('/agents/%252e%252e');
	});

	it('trims blanks around an ID, as they are never part of one', () =>
		expect(apiPath`/agents/${'  agt_1 \n'}/x`).toBe('/agents/agt_1/x'));

	it('keeps IDs that merely contain dots', () =>
		expect(apiPath`/exports/${'...'}`).toBe('/exports/...'));

	it.each(['', '   ', '.', '..', ' .. ', '\t.\n', undefined, null, {}])(
		'refuses %j before any request',
		(id) => {
			expect(() => apiPath`/agents/${id}`).toThrow(InvalidIdError);
		},
	);

	it('says what is wrong and what to do, naming the request but not echoing other IDs', () => {
		let error: InvalidIdError | undefined;
		try {
			expect(apiPath`/workflows/${'wf_1'}/runs/${'..'}`).toBeUndefined();
		} catch (caught) {
			error = caught as InvalidIdError;
		}
		expect(error).toBeInstanceOf(InvalidIdError);
		expect(error?.message).toBe('".." is not a valid ID, so no request was sent');
		expect(error?.description).toContain('/workflows/{id}/runs/{id}');
		expect(error?.description).toContain('{{ $json.id }}');
		expect(() => idSegment('  ')).toThrow('An ID is empty, so no request was sent');
	});
});
