// Cursor pagination. The cursor encodes the (created_at, id) of the last record of a page, so the next page starts
// right after that position: records inserted or deleted meanwhile never make a page repeat or skip one.
import { validationError } from './errors';
import { compareByCreation } from './store';
import type { Ordered, Page } from './types';

export const MAX_LIMIT = 100;
export const DEFAULT_LIMIT = 20;

interface CursorPosition {
	created_at: string;
	id: string;
}

export function encodeCursor(position: CursorPosition): string {
	return Buffer.from(JSON.stringify(['c1', position.created_at, position.id]), 'utf8').toString(
		'base64url',
	);
}

export function decodeCursor(cursor: string): CursorPosition {
	try {
		const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
		if (
			Array.isArray(parsed) &&
			parsed.length === 3 &&
			parsed[0] === 'c1' &&
			typeof parsed[1] === 'string' &&
			typeof parsed[2] === 'string'
		) {
			return { created_at: parsed[1], id: parsed[2] };
		}
	} catch {
		// fall through to the validation error
	}
	throw validationError(
		'cursor',
		'`cursor` is not valid. Pass the `next_cursor` of the previous page unchanged, or leave it out to start from the first page.',
	);
}

/** One page of `items` (any order; sorted here) after `cursor`. */
export function paginate<T extends Ordered>(
	items: Iterable<T>,
	limit = DEFAULT_LIMIT,
	cursor?: string,
): Page<T> {
	const sorted = Array.from(items).sort(compareByCreation);
	let start = 0;
	if (cursor) {
		const after = decodeCursor(cursor);
		start = sorted.findIndex((item) => compareByCreation(item, after) > 0);
		if (start === -1) start = sorted.length;
	}
	const data = sorted.slice(start, start + limit);
	const hasMore = start + limit < sorted.length;
	const last = data[data.length - 1];
	return {
		data,
		has_more: hasMore,
		next_cursor: hasMore && last ? encodeCursor(last) : null,
	};
}
