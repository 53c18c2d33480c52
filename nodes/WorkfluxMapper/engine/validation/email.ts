import { trimUnicode } from '../unicode-space';

// RFC 5322 "atext" characters, dot-separated (`+` tags and apostrophes are fine, dot runs are not), with
// every non-ASCII character added as RFC 6531 does; invisible and space characters are refused before.
const LOCAL_PART =
	/^[A-Za-z0-9!#$%&'*+/=?^_`{|}~\u0080-\uFFFF-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~\u0080-\uFFFF-]+)*$/;
// Control, format (zero-width), unassigned and private-use characters, and every kind of space.
const INVISIBLE = /[\p{C}\p{Z}]/u;
const NON_ASCII = /[\u0080-\uFFFF]/;
const DOMAIN_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
// Any alphabetic top-level domain (.museum, .technology) or an internationalized one in punycode.
const TOP_LEVEL_DOMAIN = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;
// In a domain: letters, digits, hyphens and dots, or any non-ASCII character (an internationalized name).
const DOMAIN_CHARACTERS = /^[A-Za-z0-9.\u0080-\uFFFF-]+$/;

export interface EmailOptions {
	/** Refuse non-ASCII characters before the @ (for mail systems without SMTPUTF8). */
	asciiOnly?: boolean;
}

/** UTF-8 length: RFC 6531 keeps RFC 5321's limits in octets. */
function octets(text: string): number {
	return encodeURIComponent(text).replace(/%[0-9A-F]{2}/g, '-').length;
}

/**
 * The ASCII (punycode) form of a domain, as mail systems send it: `müller.de` gives
 * `xn--mller-kva.de`. The WHATWG URL parser applies the IDNA rules (UTS #46); undefined when they
 * refuse the name.
 */
function asciiDomain(domain: string): string | undefined {
	if (!NON_ASCII.test(domain)) return domain.toLowerCase();
	try {
		return new URL(`http://${domain}/`).hostname;
	} catch {
		return undefined;
	}
}

function localPartProblem(local: string, options: EmailOptions): string | undefined {
	if (octets(local) > 64) return 'the part before the @ is longer than 64 characters';
	if (options.asciiOnly && NON_ASCII.test(local)) {
		return "the part before the @ has characters other than English letters, digits and . ! # $ % & ' * + / = ? ^ _ ` { | } ~ - (this check is set to ASCII only)";
	}
	if (LOCAL_PART.test(local)) return undefined;
	if (local.indexOf('@') >= 0) return 'it has more than one @';
	if (/^\.|\.$|\.\./.test(local))
		return 'the part before the @ starts or ends with a dot, or has two dots in a row';
	return 'the part before the @ has characters an address cannot have';
}

function domainProblem(domain: string): string | undefined {
	if (!DOMAIN_CHARACTERS.test(domain)) {
		return `the domain "${domain}" has characters a domain cannot have`;
	}
	if (/^\.|\.$|\.\./.test(domain)) {
		return `the domain "${domain}" starts or ends with a dot, or has two dots in a row`;
	}
	// Checked before the conversion too, which lets such labels through (its hyphen rule is off).
	if (domain.split('.').some((label) => /^-|-$/.test(label))) {
		return `the domain "${domain}" has a part that starts or ends with a hyphen`;
	}
	const ascii = asciiDomain(domain);
	if (ascii === undefined) return `the domain "${domain}" is not a valid international domain name`;
	if (ascii.length > 253) return 'the domain is longer than 253 characters';
	const labels = ascii.split('.');
	if (labels.length < 2) return `the domain "${domain}" has no ending such as .com`;
	for (const label of labels.slice(0, -1)) {
		if (label.length > 63) return `the domain "${domain}" has a part longer than 63 characters`;
		if (!DOMAIN_LABEL.test(label)) return `the domain "${domain}" is not valid`;
	}
	const tld = labels[labels.length - 1];
	if (!TOP_LEVEL_DOMAIN.test(tld)) return `the domain ending ".${tld}" is not valid`;
	return undefined;
}

/**
 * Checks an email address the way mail systems accept them in practice (the rules of zod's and the
 * WHATWG's checks, with RFC 5321 lengths): `+` tags, long TLDs and apostrophes pass; leading, trailing
 * or doubled dots, `_` in domains, hyphens at label edges and numeric TLDs do not. Internationalized
 * addresses pass: domains such as `müller.de` (checked in their punycode form) and, unless
 * `asciiOnly`, non-ASCII characters before the @ (RFC 6531), but never invisible characters or
 * spaces. Returns why an address is invalid, or undefined.
 */
export function emailProblem(text: string, options: EmailOptions = {}): string | undefined {
	if (trimUnicode(text) !== text) {
		return 'it has spaces at the start or end (add the trim transformation before this check)';
	}
	if (INVISIBLE.test(text)) {
		return /\p{Z}/u.test(text)
			? 'it contains spaces'
			: 'it contains invisible or control characters';
	}
	if (octets(text) > 254) return 'it is longer than 254 characters';
	const at = text.lastIndexOf('@');
	if (at < 0) return 'it has no @';
	const local = text.slice(0, at);
	const domain = text.slice(at + 1);
	if (local === '') return 'nothing comes before the @';
	if (domain === '') return 'nothing comes after the @';
	return localPartProblem(local, options) ?? domainProblem(domain);
}
