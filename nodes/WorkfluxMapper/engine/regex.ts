import { ConfigProblem } from './config-problem';

const ALLOWED_FLAGS = /^[imsu]*$/;

/**
 * Compiles a regular expression written by a user. Unicode mode (`u`) is tried first; a pattern only
 * valid without it (such as WorkFlux's sample `^[\w-\.]+@...`, whose `[\w-\.]` is an error under `u`)
 * is compiled the way JavaScript reads it without flags, as other tools would. `g` and `y` are refused
 * because they make repeated tests depend on the previous one.
 */
export function compileUserRegex(
	pattern: string,
	flags: string | undefined,
	setting: string,
): RegExp {
	const given = flags ?? '';
	if (!ALLOWED_FLAGS.test(given)) {
		throw new ConfigProblem(
			`${setting} flags "${given}" are not supported: use any of i (ignore case), m (multi-line), s (dot matches new lines)`,
		);
	}
	const unique = (text: string) => Array.from(new Set(text.split(''))).join('');
	const attempt = (withFlags: string): RegExp | string => {
		try {
			return new RegExp(pattern, unique(withFlags));
		} catch (error) {
			return error instanceof Error ? error.message : String(error);
		}
	};
	const unicode = attempt(`${given}u`);
	if (unicode instanceof RegExp) return unicode;
	// The Unicode-mode error is reported when both fail: it is the stricter reading.
	const legacy = given.indexOf('u') < 0 ? attempt(given) : unicode;
	if (legacy instanceof RegExp) return legacy;
	throw new ConfigProblem(
		`${setting} ${JSON.stringify(pattern)} is not a valid regular expression (${unicode.replace(/^Invalid regular expression: /, '')})`,
	);
}
