// Deprecation (RFC 9745), Sunset (RFC 8594) and Link rel="successor-version" headers for deprecated routes.
import type { DeprecationRule } from './config';

export interface ResolvedDeprecation {
	deprecatedAt: string;
	sunset: string;
	/** Successor URL (may be relative). */
	link?: string;
}

/** GET /v1/conversations/{id}/transcript is deprecated in the contract; its successor is the messages list. */
export const TRANSCRIPT_DEPRECATION = {
	method: 'GET',
	route: '/v1/conversations/:conversation_id/transcript',
	deprecatedAt: '2026-09-01T00:00:00.000Z',
	sunset: '2027-03-01T00:00:00.000Z',
	successor: (params: Record<string, string>) =>
		`/v1/conversations/${params.conversation_id}/messages`,
};

function normalisePattern(path: string): string {
	// `{agent_id}` and `:agent_id` are both "one path segment"; the parameter name does not matter.
	return path.replace(/\{[^}]+\}/g, ':').replace(/:[^/]*/g, ':');
}

function isPattern(path: string): boolean {
	return path.includes('{') || path.includes(':');
}

export function ruleMatches(
	rule: DeprecationRule,
	method: string,
	path: string,
	route: string | undefined,
): boolean {
	if (rule.method && rule.method.toUpperCase() !== method.toUpperCase()) return false;
	if (isPattern(rule.path))
		return route !== undefined && normalisePattern(rule.path) === normalisePattern(route);
	const prefix = rule.path.endsWith('/') ? rule.path.slice(0, -1) : rule.path;
	return path === prefix || path.startsWith(`${prefix}/`);
}

function httpDate(value: string): string {
	const date = new Date(value);
	if (Number.isNaN(date.getTime())) throw new Error(`Not a date: ${value}`);
	return date.toUTCString();
}

export function deprecationHeaders(deprecation: ResolvedDeprecation): Record<string, string> {
	const headers: Record<string, string> = {
		Deprecation: `@${Math.floor(new Date(deprecation.deprecatedAt).getTime() / 1000)}`,
		Sunset: httpDate(deprecation.sunset),
	};
	if (deprecation.link) headers.Link = `<${deprecation.link}>; rel="successor-version"`;
	return headers;
}

/** The deprecation that applies to a request: run-time rules first, then the contract's own. */
export function findDeprecation(
	rules: DeprecationRule[],
	method: string,
	path: string,
	route: string | undefined,
	params: Record<string, string>,
): ResolvedDeprecation | null {
	const rule = rules.find((r) => ruleMatches(r, method, path, route));
	if (rule) {
		return {
			deprecatedAt: rule.deprecatedAt ?? new Date().toISOString(),
			sunset: rule.sunset,
			link: rule.link,
		};
	}
	if (method === TRANSCRIPT_DEPRECATION.method && route === TRANSCRIPT_DEPRECATION.route) {
		return {
			deprecatedAt: TRANSCRIPT_DEPRECATION.deprecatedAt,
			sunset: TRANSCRIPT_DEPRECATION.sunset,
			link: TRANSCRIPT_DEPRECATION.successor(params),
		};
	}
	return null;
}
