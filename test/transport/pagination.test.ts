import { describe, expect, it } from 'vitest';

import {
	collectPages,
	MAX_PAGES,
	PaginationError,
	type Page,
} from '../../nodes/shared/transport/pagination';

/** An in-memory list served in cursor pages, recording every request. */
function pagedList(total: number) {
	const records = Array.from({ length: total }, (_, i) => ({ id: i }));
	const requests: Array<{ cursor?: string; pageSize: number }> = [];
	const fetchPage = async (
		cursor: string | undefined,
		pageSize: number,
	): Promise<Page<{ id: number }>> => {
		requests.push({ cursor, pageSize });
		const start = cursor ? Number(cursor) : 0;
		const data = records.slice(start, start + pageSize);
		const next = start + data.length;
		return { data, has_more: next < total, next_cursor: next < total ? String(next) : null };
	};
	return { fetchPage, requests };
}

describe('collectPages', () => {
	it('returns every record once with Return All, one request per page', async () => {
		const list = pagedList(250);
		const records = await collectPages(list.fetchPage, { returnAll: true, limit: 0 });
		expect(records.map((r) => r.id)).toEqual(Array.from({ length: 250 }, (_, i) => i));
		expect(list.requests.map((r) => r.pageSize)).toEqual([100, 100, 100]);
	});

	it('asks only for what the limit still needs', async () => {
		const list = pagedList(250);
		const records = await collectPages(list.fetchPage, { returnAll: false, limit: 130 });
		expect(records).toHaveLength(130);
		expect(list.requests.map((r) => r.pageSize)).toEqual([100, 30]);
	});

	it('stops on an empty list', async () => {
		const list = pagedList(0);
		expect(await collectPages(list.fetchPage, { returnAll: true, limit: 0 })).toEqual([]);
		expect(list.requests).toHaveLength(1);
	});

	it('refuses a cursor the API already gave instead of looping', async () => {
		const fetchPage = async () => ({ data: [{ id: 1 }], has_more: true, next_cursor: 'same' });
		await expect(collectPages(fetchPage, { returnAll: true, limit: 0 })).rejects.toThrow(
			'same page cursor twice',
		);
	});

	it('refuses a cursor that comes back later in the list (a cycle)', async () => {
		const cursors = ['a', 'b', 'c', 'a'];
		let calls = 0;
		const fetchPage = async () => ({
			data: [{ id: calls }],
			has_more: true,
			next_cursor: cursors[calls++],
		});
		const error = await collectPages(fetchPage, { returnAll: true, limit: 0 }).catch((e) => e);
		expect(error).toBeInstanceOf(PaginationError);
		expect(error.message).toBe(
			'WorkFlux sent the same page cursor twice, so reading the list stopped after 4 pages',
		);
		expect(calls).toBe(4);
	});

	it('stops a list that never ends at the page bound, with what to do', async () => {
		let calls = 0;
		const fetchPage = async () => {
			calls++;
			return { data: [{ id: calls }], has_more: true, next_cursor: `fresh-${calls}` };
		};
		const error = await collectPages(fetchPage, { returnAll: true, limit: 0 }).catch((e) => e);
		expect(calls).toBe(MAX_PAGES);
		expect(error).toBeInstanceOf(PaginationError);
		expect(error.message).toBe('The list did not end after 1,000 pages, so reading it stopped');
		expect(error.description).toContain('at most 1,000 pages (100,000 records)');
		expect(error.description).toContain('turn off "Return All" and set a Limit');
	});

	it('bounds a Limit too, when pages come back empty but say there is more', async () => {
		let calls = 0;
		const fetchPage = async () => ({ data: [], has_more: true, next_cursor: `c${++calls}` });
		await expect(
			collectPages(fetchPage, { returnAll: false, limit: 10, maxPages: 25 }),
		).rejects.toThrow('did not end after 25 pages');
		expect(calls).toBe(25);
	});

	it('returns a list of exactly the bound without complaint', async () => {
		const list = pagedList(300);
		const records = await collectPages(list.fetchPage, { returnAll: true, limit: 0, maxPages: 3 });
		expect(records).toHaveLength(300);
	});
});
