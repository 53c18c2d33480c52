/**
 * WorkFlux promises 90 days' notice before an endpoint goes away, sent as `Deprecation` (RFC 9745) and
 * `Sunset` (RFC 8594) headers. This turns them into one sentence a workflow builder can act on.
 */

export interface DeprecationNotice {
	endpoint: string;
	sunset?: string;
	successor?: string;
	message: string;
}

type Headers = Record<string, string | string[] | undefined>;

function header(headers: Headers, name: string): string | undefined {
	const value = headers[name] ?? headers[name.toLowerCase()];
	return Array.isArray(value) ? value[0] : value;
}

function formatDate(value: string): string | undefined {
	const date = new Date(value);
	return Number.isNaN(date.getTime()) ? undefined : date.toISOString().slice(0, 10);
}

/** The successor named by a `Link: <url>; rel="successor-version"` header, if any. */
function successorOf(link: string | undefined): string | undefined {
	if (!link) return undefined;
	const match = /<([^>]+)>\s*;\s*rel="?successor-version"?/i.exec(link);
	return match?.[1];
}

export function readDeprecation(
	headers: Headers,
	method: string,
	path: string,
): DeprecationNotice | undefined {
	const deprecation = header(headers, 'deprecation');
	const sunsetHeader = header(headers, 'sunset');
	if (deprecation === undefined && sunsetHeader === undefined) return undefined;
	const endpoint = `${method.toUpperCase()} ${path}`;
	const sunset = sunsetHeader ? formatDate(sunsetHeader) : undefined;
	const successor = successorOf(header(headers, 'link'));
	const when = sunset ? `will stop working on ${sunset}` : 'will stop working in a future release';
	const next = successor
		? ` WorkFlux recommends ${successor} instead; update this node or the package before then.`
		: ' Update the n8n-nodes-workflux package before then.';
	return {
		endpoint,
		sunset,
		successor,
		message: `WorkFlux has deprecated the endpoint ${endpoint}: it ${when}.${next}`,
	};
}
