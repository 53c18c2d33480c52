import { ConfigProblem } from './config-problem';
import { compileUserPattern, UnsupportedPatternError, type UserPattern } from './regex';

const ALLOWED_FLAGS = /^[imsu]*$/;

/**
 * Compiles a regular expression written by a user for the linear-time engine in regex/, so that no
 * pattern and no value can stall n8n. Unicode mode (`u`) is tried first; a pattern only valid without it
 * (such as WorkFlux's sample `^[\w-\.]+@...`, whose `[\w-\.]` is an error under `u`) is read the way
 * JavaScript reads it without flags, as other tools would. `g` and `y` are refused because they make
 * repeated tests depend on the previous one. Every problem is a ConfigProblem, reported when the rules
 * are read.
 */
export function compileUserRegex(
	pattern: string,
	flags: string | undefined,
	setting: string,
): UserPattern {
	const given = flags ?? '';
	if (!ALLOWED_FLAGS.test(given)) {
		throw new ConfigProblem(
			`${setting} flags "${given}" are not supported: use any of i (ignore case), m (multi-line), s (dot matches new lines), u (Unicode)`,
		);
	}
	const unique = (text: string) => Array.from(new Set(text.split(''))).join('');
	const attempt = (withFlags: string): UserPattern | string => {
		let refused: UnsupportedPatternError;
		try {
			return compileUserPattern(pattern, unique(withFlags));
		} catch (error) {
			if (!(error instanceof UnsupportedPatternError)) {
				return error instanceof Error ? error.message : String(error);
			}
			refused = error;
		}
		throw new ConfigProblem(`${setting} ${JSON.stringify(pattern)} ${refused.message}`);
	};
	const unicode = attempt(`${given}u`);
	if (typeof unicode !== 'string') return unicode;
	// The Unicode-mode error is reported when both fail: it is the stricter reading.
	const legacy = given.indexOf('u') < 0 ? attempt(given) : unicode;
	if (typeof legacy !== 'string') return legacy;
	throw new ConfigProblem(
		`${setting} ${JSON.stringify(pattern)} is not a valid regular expression (${unicode.replace(/^Invalid regular expression: /, '')})`,
	);
}
