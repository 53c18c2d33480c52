/**
 * The one place API paths are built from IDs. Pure, so it is tested without n8n.
 *
 * An ID becomes exactly one path segment. `encodeURIComponent` alone is not enough: it leaves `.` and `..`
 * as they are, and the URL parser then collapses them, so Agent > Delete with the ID `..` would send
 * `DELETE /v1/` and Send Message with `.` would post to `/v1/conversations/messages`. Such IDs, and empty
 * ones, are refused before any request is sent.
 */

/** An ID that cannot be sent. `description` says what to do; n8n shows it under the message. */
export class InvalidIdError extends Error {
	readonly description: string;

	constructor(message: string, description: string) {
		super(message);
		this.name = 'InvalidIdError';
		this.description = description;
	}
}

/** The path with every ID shown as `{id}`, to say which request was stopped without echoing the values. */
function pathPattern(literals: TemplateStringsArray): string {
	return literals.join('{id}');
}

/** One ID as a path segment: trimmed, refused when empty, `.` or `..`, otherwise percent-encoded. */
export function idSegment(id: unknown, pattern = '{id}'): string {
	const text = typeof id === 'string' || typeof id === 'number' ? String(id).trim() : '';
	if (text !== '' && text !== '.' && text !== '..') return encodeURIComponent(text);
	const shown =
		typeof id === 'string' && id.trim() !== '' ? `"${text}" is not a valid ID` : 'An ID is empty';
	throw new InvalidIdError(
		`${shown}, so no request was sent`,
		`An ID cannot be empty, "." or "..": WorkFlux would read it as part of the address, and the request (${pattern}) could reach another endpoint. Check the value or expression that gives the ID, for example {{ $json.id }}: the input item may not have that field. Pick the record from the list to be sure.`,
	);
}

/**
 * A path under the API base URL with each interpolated value encoded as one ID segment:
 * apiPath`/workflows/${workflowId}/runs/${runId}`.
 */
export function apiPath(literals: TemplateStringsArray, ...ids: unknown[]): string {
	const pattern = pathPattern(literals);
	return literals.reduce(
		(path, literal, index) =>
			index === 0 ? literal : `${path}${idSegment(ids[index - 1], pattern)}${literal}`,
		'',
	);
}
