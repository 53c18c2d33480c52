import { trimUnicode } from '../unicode-space';

// RFC 5322 "atext" characters, dot-separated: `+` tags and apostrophes are fine, dot runs are not.
const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
// Any alphabetic top-level domain (.museum, .technology) or an internationalized one in punycode.
const TOP_LEVEL_DOMAIN = /^(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})$/;

/**
 * Checks an email address the way mail systems accept them in practice (the rules of zod's and the
 * WHATWG's checks, with RFC 5321 lengths): `+` tags, long TLDs and apostrophes pass; leading, trailing
 * or doubled dots, `_` in domains, hyphens at label edges and numeric TLDs do not. Addresses with
 * non-ASCII characters (RFC 6531) are refused. Returns why an address is invalid, or undefined.
 */
export function emailProblem(text: string): string | undefined {
	if (trimUnicode(text) !== text) {
		return 'it has spaces at the start or end (add the trim transformation before this check)';
	}
	if (text.length > 254) return 'it is longer than 254 characters';
	const at = text.lastIndexOf('@');
	if (at < 0) return 'it has no @';
	const local = text.slice(0, at);
	const domain = text.slice(at + 1);
	if (local === '') return 'nothing comes before the @';
	if (domain === '') return 'nothing comes after the @';
	if (local.length > 64) return 'the part before the @ is longer than 64 characters';
	if (!LOCAL_PART.test(local)) {
		if (local.indexOf('@') >= 0) return 'it has more than one @';
		if (/\s/.test(local)) return 'it contains spaces';
		if (/^\.|\.$|\.\./.test(local))
			return 'the part before the @ starts or ends with a dot, or has two dots in a row';
		return 'the part before the @ has characters an address cannot have';
	}
	const labels = domain.split('.');
	if (labels.length < 2) return `the domain "${domain}" has no ending such as .com`;
	for (const label of labels.slice(0, -1)) {
		if (!DOMAIN_LABEL.test(label)) return `the domain "${domain}" is not valid`;
	}
	const tld = labels[labels.length - 1];
	if (!TOP_LEVEL_DOMAIN.test(tld)) return `the domain ending ".${tld}" is not valid`;
	return undefined;
}
