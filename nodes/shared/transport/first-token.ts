/**
 * One token fetch per n8n process for a credential that has no token yet.
 *
 * n8n fetches a client-credentials token on a request when the stored credential has none, and it does
 * not coordinate that first fetch: ten executions starting at once on a worker would each fetch a token
 * (renewals after a 401 it does coordinate). So while the first request of a credential is under way in
 * this process, the others wait for it; by then n8n has stored the token, and they use it.
 *
 * Pure: no n8n imports. The map only holds requests in flight, keyed by credential id.
 */
const firstRequests = new Map<string, Promise<unknown>>();

export async function shareFirstToken<T>(
	credentialId: string | undefined,
	hasToken: boolean,
	send: () => Promise<T>,
): Promise<T> {
	if (hasToken || !credentialId) return await send();
	const inFlight = firstRequests.get(credentialId);
	if (inFlight) {
		// Its outcome does not matter here: on success the token is stored, on failure this request tries itself.
		await inFlight.catch(() => undefined);
		return await send();
	}
	const first = send();
	firstRequests.set(credentialId, first);
	try {
		return await first;
	} finally {
		firstRequests.delete(credentialId);
	}
}
