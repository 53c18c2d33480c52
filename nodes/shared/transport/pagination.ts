/**
 * WorkFlux lists answer `{ data, has_more, next_cursor }`. Pure: the page fetcher is passed in, so the loop
 * is tested without HTTP and every node pages the same way.
 */

export const MAX_PAGE_SIZE = 100;

export interface Page<T> {
	data: T[];
	has_more: boolean;
	next_cursor: string | null;
}

export type FetchPage<T> = (cursor: string | undefined, pageSize: number) => Promise<Page<T>>;

/**
 * Follows cursors until the API says there is no more, or until `limit` records are collected.
 * Asks for no more records than still needed, so "Limit: 5" costs one small request.
 */
export async function collectPages<T>(
	fetchPage: FetchPage<T>,
	options: { returnAll: boolean; limit: number },
): Promise<T[]> {
	const wanted = options.returnAll ? Infinity : options.limit;
	const records: T[] = [];
	const seenCursors = new Set<string>();
	let cursor: string | undefined;
	while (records.length < wanted) {
		const pageSize = Math.min(MAX_PAGE_SIZE, wanted - records.length);
		const page = await fetchPage(cursor, pageSize);
		records.push(...page.data.slice(0, wanted - records.length));
		if (!page.has_more || !page.next_cursor) break;
		if (seenCursors.has(page.next_cursor)) {
			// A cursor the API already gave would loop forever; stop rather than repeat records.
			throw new Error(`WorkFlux returned the same page cursor twice (${page.next_cursor})`);
		}
		seenCursors.add(page.next_cursor);
		cursor = page.next_cursor;
	}
	return records;
}
