import { describe, expect, it } from 'vitest';

import { readDeprecation } from '../../nodes/shared/transport/deprecation';

describe('readDeprecation', () => {
	it('names the endpoint, the sunset date and the successor', () => {
		const notice = readDeprecation(
			{
				deprecation: '@1767225600',
				sunset: 'Wed, 31 Mar 2027 00:00:00 GMT',
				link: '</v1/conversations/conv_1/messages>; rel="successor-version"',
			},
			'get',
			'/conversations/conv_1/transcript',
		);
		expect(notice?.message).toBe(
			'WorkFlux has deprecated the endpoint GET /conversations/conv_1/transcript: it will stop working on 2027-03-31. WorkFlux recommends /v1/conversations/conv_1/messages instead; update this node or the package before then.',
		);
	});

	it('works without a sunset date', () => {
		expect(readDeprecation({ deprecation: 'true' }, 'GET', '/agents')?.message).toContain(
			'will stop working in a future release',
		);
	});

	it('says nothing for a current endpoint', () => {
		expect(
			readDeprecation({ 'content-type': 'application/json' }, 'GET', '/agents'),
		).toBeUndefined();
	});
});
