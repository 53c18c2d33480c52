/** One country's numbering plan, as the formatter needs it (see phone-data.ts). */
export interface PhoneCountryData {
	/** Country calling code, without `+`. */
	cc: string;
	/** International dialling prefix used from inside the country, as a regular expression (`00`, `011`). */
	idd: string;
	/** Trunk (national) prefix dialled before national numbers, such as `0`. */
	np?: string;
	/** Regular expression recognising the trunk prefix (and carrier codes) when it differs from `np`. */
	npParse?: string;
	/** Rewrites the digits matched by `npParse` when it has capturing groups (Argentina, Mexico, ...). */
	npTransform?: string;
	/** Lengths a national significant number may have. */
	lengths: readonly number[];
	/** Regular expression every well-formed national significant number matches entirely. */
	pattern: string;
}

/** One way of grouping the digits of a national significant number. */
export interface PhoneFormatData {
	/** Regular expression with one capturing group per digit group. */
	groups: string;
	/** National layout using `$1`, `$2`, ... */
	national: string;
	/** The number must start with digits matching this pattern for the format to apply. */
	leading?: string;
	/** How the first group is written nationally, such as `0$1` (trunk prefix) or `($1)`. */
	npRule?: string;
	/** International layout when it differs from the national one. */
	intl?: string;
}
