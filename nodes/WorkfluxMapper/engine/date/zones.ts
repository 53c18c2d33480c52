import { FixedOffsetZone, IANAZone, Zone } from 'luxon';
import type { ZoneOffsetFormat, ZoneOffsetOptions } from 'luxon';

const HOUR_MS = 3_600_000;
const MAX_CACHED_HOURS = 100_000;

/**
 * An IANA time zone whose UTC offsets are remembered per hour. Luxon asks Intl for the offset of every
 * timestamp it creates (about 10 µs each, two or three times per parsed date), which would dominate the
 * mapper's cost. An hour is cached only when its first and last millisecond have the same offset, so
 * hours containing a daylight-saving change are always computed exactly.
 */
class CachedIanaZone extends Zone {
	private readonly offsets = new Map<number, number>();

	constructor(private readonly inner: IANAZone) {
		super();
	}

	get type(): string {
		return 'iana';
	}

	get name(): string {
		return this.inner.name;
	}

	get isUniversal(): boolean {
		return false;
	}

	get isValid(): true {
		return true;
	}

	offsetName(ts: number, options: ZoneOffsetOptions): string {
		return this.inner.offsetName(ts, options) as string;
	}

	formatOffset(ts: number, format: ZoneOffsetFormat): string {
		return this.inner.formatOffset(ts, format) as string;
	}

	offset(ts: number): number {
		const hour = Math.floor(ts / HOUR_MS);
		const cached = this.offsets.get(hour);
		if (cached !== undefined) return cached;
		const first = this.inner.offset(hour * HOUR_MS) as number;
		const last = this.inner.offset(hour * HOUR_MS + HOUR_MS - 1) as number;
		if (first !== last) return this.inner.offset(ts) as number;
		if (this.offsets.size >= MAX_CACHED_HOURS) this.offsets.clear();
		this.offsets.set(hour, first);
		return first;
	}

	equals(other: Zone): boolean {
		return other.type === 'iana' && other.name === this.name;
	}
}

const zones = new Map<string, Zone>();

/**
 * Resolves a time zone name the way Luxon reads it (IANA names such as `Europe/Berlin`, `UTC`, fixed
 * offsets such as `UTC+2`), or returns undefined for an unknown name: Make silently falls back to
 * another zone there, which shifts every date without a word.
 */
export function resolveZone(name: string): Zone | undefined {
	const key = name.trim();
	const known = zones.get(key);
	if (known) return known;
	let zone: Zone | undefined;
	const lower = key.toLowerCase();
	if (lower === 'utc' || lower === 'gmt' || lower === 'z') {
		zone = FixedOffsetZone.utcInstance;
	} else if (/^(?:utc|gmt)[+-]\d{1,2}(?::?\d{2})?$/.test(lower)) {
		const parsed = FixedOffsetZone.parseSpecifier(lower.replace(/^gmt/, 'utc'));
		zone = parsed ?? undefined;
	} else if (IANAZone.isValidZone(key)) {
		zone = new CachedIanaZone(IANAZone.create(key));
	}
	if (zone) zones.set(key, zone);
	return zone;
}
