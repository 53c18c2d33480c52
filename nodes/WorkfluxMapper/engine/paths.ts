import { ConfigProblem } from './config-problem';

/** Keys that would reach an object's prototype instead of the object itself. */
const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype'];

export function isPrototypeKey(key: string): boolean {
	return PROTOTYPE_KEYS.indexOf(key) >= 0;
}

/**
 * Splits a field path: `customer.address.city`, `items[0].sku` or `items.0.sku`. Dots separate levels;
 * there is no escape for a dot inside a name.
 */
export function parsePath(path: string, setting: string): string[] {
	const trimmed = path.trim();
	if (trimmed === '')
		throw new ConfigProblem(
			`${setting} is empty: enter a field name such as email or customer.email`,
		);
	const segments = trimmed.replace(/\[(\d+)\]/g, '.$1').split('.');
	if (segments.some((segment) => segment === '')) {
		throw new ConfigProblem(
			`${setting} "${path}" has an empty part: write levels as customer.address.city, without double or trailing dots`,
		);
	}
	return segments;
}

type Getter = (item: unknown) => unknown;

const hasOwn = (target: object, key: string) => Object.prototype.hasOwnProperty.call(target, key);

/** Reads a path of own properties only: inherited members such as `constructor` read as missing. */
export function compileGetter(segments: readonly string[]): Getter {
	if (segments.length === 1) {
		const key = segments[0];
		return (item) =>
			item !== null && typeof item === 'object' && hasOwn(item, key)
				? (item as Record<string, unknown>)[key]
				: undefined;
	}
	return (item) => {
		let current: unknown = item;
		for (let i = 0; i < segments.length; i++) {
			if (current === null || typeof current !== 'object' || !hasOwn(current, segments[i])) {
				return undefined;
			}
			current = (current as Record<string, unknown>)[segments[i]];
		}
		return current;
	};
}

export type PropertyWriter = (target: Record<string, unknown>, key: string, value: unknown) => void;

export const assignProperty: PropertyWriter = (target, key, value) => {
	target[key] = value;
};

const isContainer = (value: unknown): value is Record<string, unknown> =>
	value !== null && typeof value === 'object' && !(value instanceof Date);

/**
 * Writes `value` at `segments` inside `root`. Objects on the way that came from the input are copied
 * before they are changed (`owned` holds the ones this item already created or copied), so the input
 * item is never modified. Returns a message when a level on the way holds a value that is not an object.
 */
export function writePath(
	root: Record<string, unknown>,
	segments: readonly string[],
	value: unknown,
	owned: Set<object>,
	write: PropertyWriter,
): string | undefined {
	let current = root;
	for (let i = 0; i < segments.length - 1; i++) {
		const key = segments[i];
		const existing = hasOwn(current, key) ? current[key] : undefined;
		let next: Record<string, unknown>;
		if (existing === undefined || existing === null) {
			next = {};
			owned.add(next);
		} else if (isContainer(existing)) {
			if (owned.has(existing)) {
				next = existing;
			} else {
				next = (Array.isArray(existing) ? existing.slice() : { ...existing }) as Record<
					string,
					unknown
				>;
				owned.add(next);
			}
		} else {
			return `"${segments.slice(0, i + 1).join('.')}" already holds ${typeof existing === 'string' ? 'text' : `a ${typeof existing}`}, so nothing can be placed inside it`;
		}
		if (next !== existing) write(current, key, next);
		current = next;
	}
	write(current, segments[segments.length - 1], value);
	return undefined;
}
