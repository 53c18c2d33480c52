/**
 * WorkFlux lists answer `{ data, has_more, next_cursor }`. Pure: the page fetcher is passed in, so the loop
 * is tested without HTTP and every node pages the same way.
 */

export const MAX_PAGE_SIZE = 100;

/**
 * The most pages one Get Many reads (100,000 records at 100 a page). A list that keeps answering with a
 * fresh cursor would otherwise page forever and hold the item, and n8n's memory, for good.
 */
export const MAX_PAGES = 1_000;

export interface Page<T> {
	data: T[];
	has_more: boolean;
	next_cursor: string | null;
}

export type FetchPage<T> = (cursor: string | undefined, pageSize: number) => Promise<Page<T>>;

/** Paging had to stop before the end of the list. `description` says what to do. */
export class PaginationError extends Error {
	readonly description: string;

	constructor(message: string, description: string) {
		super(message);
		this.name = 'PaginationError';
		this.description = description;
	}
}

function repeatedCursor(cursor: string, pages: number): PaginationError {
	return new PaginationError(
		`WorkFlux sent the same page cursor twice, so reading the list stopped after ${pages} pages`,
		`Following it would return the same records again, for ever (cursor ${cursor.slice(0, 40)}). Try again later; if it keeps happening, turn off "Return All" and set a Limit, and tell WorkFlux support.`,
	);
}

function tooManyPages(maxPages: number): PaginationError {
	const records = (maxPages * MAX_PAGE_SIZE).toLocaleString('en-US');
	return new PaginationError(
		`The list did not end after ${maxPages.toLocaleString('en-US')} pages, so reading it stopped`,
		`WorkFlux kept saying there are more records. The node reads at most ${maxPages.toLocaleString('en-US')} pages (${records} records) per item so a list that never ends cannot hold up n8n. Narrow the list with Filters, or turn off "Return All" and set a Limit.`,
	);
}

/**
 * Follows cursors until the API says there is no more, or until `limit` records are collected.
 * Asks for no more records than still needed, so "Limit: 5" costs one small request. Stops with a
 * PaginationError on a cursor seen before or after `maxPages` pages.
 */
export async function collectPages<T>(
	fetchPage: FetchPage<T>,
	options: { returnAll: boolean; limit: number; maxPages?: number },
): Promise<T[]> {
	const wanted = options.returnAll ? Infinity : options.limit;
	const maxPages = options.maxPages ?? MAX_PAGES;
	const records: T[] = [];
	const seenCursors = new Set<string>();
	let cursor: string | undefined;
	for (let pages = 1; records.length < wanted; pages++) {
		const pageSize = Math.min(MAX_PAGE_SIZE, wanted - records.length);
		const page = await fetchPage(cursor, pageSize);
		records.push(...page.data.slice(0, wanted - records.length));
		if (!page.has_more || !page.next_cursor || records.length >= wanted) break;
		if (seenCursors.has(page.next_cursor)) throw repeatedCursor(page.next_cursor, pages);
		if (pages >= maxPages) throw tooManyPages(maxPages);
		seenCursors.add(page.next_cursor);
		cursor = page.next_cursor;
	}
	return records;
}
