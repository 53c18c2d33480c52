/**
 * Remembers the most recent delivery ids (`webhook-id`) so a redelivered event runs the
 * workflow once. Pure and JSON-safe: the state is a plain array of strings, oldest first,
 * so it can live in n8n's workflow static data, which is saved as JSON.
 *
 * Every call returns a new array instead of changing the old one: n8n only notices (and
 * saves) static data when a property is assigned, not when an array is changed in place.
 */

export const DEFAULT_SEEN_DELIVERY_CAP = 1000;

export interface DeliveryCheck {
	/** True when this id was already in the list. */
	duplicate: boolean;
	/** The list to store back: this id last (most recent), at most `cap` entries. */
	seen: string[];
}

/** Reads whatever is stored (it may be missing or damaged) as a list of ids. */
export function readSeenDeliveries(stored: unknown): string[] {
	if (!Array.isArray(stored)) return [];
	return stored.filter((value): value is string => typeof value === 'string');
}

/**
 * Checks `deliveryId` against the remembered ids and records it.
 * A repeated id moves to the most recent end, so ids that keep coming back stay remembered.
 */
export function checkAndRememberDelivery(
	stored: unknown,
	deliveryId: string,
	cap: number = DEFAULT_SEEN_DELIVERY_CAP,
): DeliveryCheck {
	const limit = Math.max(1, Math.floor(cap));
	const previous = readSeenDeliveries(stored);
	const index = previous.indexOf(deliveryId);
	const duplicate = index !== -1;

	const seen = duplicate ? previous.filter((_, i) => i !== index) : previous.slice();
	seen.push(deliveryId);
	const overflow = seen.length - limit;
	return { duplicate, seen: overflow > 0 ? seen.slice(overflow) : seen };
}
