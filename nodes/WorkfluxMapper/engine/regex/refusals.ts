/**
 * Why a pattern is refused, in words for the person who wrote it: what the construct means and how to do
 * without it. Back-references and look-arounds are refused because no engine can run them in time
 * proportional to the text for every pattern (back-references make matching NP-hard).
 */
const WHY = 'which the safe pattern engine does not run (it could make checks take minutes)';

export const REFUSALS = {
	backReference: (written: string, group: string) =>
		`uses ${written}, which means "the same text as ${group} again" (a back-reference), ${WHY}. Describe the text the second time as well, for example ([a-z]+)-[a-z]+ instead of ([a-z]+)-\\1`,
	lookahead: () =>
		`uses (?= ... ), a look-ahead ("followed by ..."), ${WHY}. Match the following text as part of the pattern, or add the condition as a second pattern validation on the same rule: a value must pass every validation`,
	negativeLookahead: () =>
		`uses (?! ... ), a negative look-ahead ("not followed by ..."), ${WHY}. Say which characters may come instead, for example [^x] for "any character but x", or check the rule with separate validations`,
	lookbehind: () =>
		`uses (?<= ... ), a look-behind ("preceded by ..."), ${WHY}. Match the preceding text as part of the pattern instead`,
	negativeLookbehind: () =>
		`uses (?<! ... ), a negative look-behind ("not preceded by ..."), ${WHY}. Say which characters may come before instead, for example [^x] for "any character but x"`,
	inlineFlags: () =>
		'uses (? ... ) with flags inside the pattern, which the safe pattern engine does not run. Set the flags (i, m, s, u) for the whole pattern instead',
	tooManyRepetitions: (written: string, limit: number) =>
		`repeats a part ${written} times; the safe pattern engine allows at most ${limit} repetitions of one part. Use a smaller count, or + or * (any number of times)`,
	tooLarge: (limit: number) =>
		`is too large for the safe pattern engine once written out (more than ${limit} steps: counted repetitions { } are written out in full). Use smaller counts, or + and * instead of long counted repetitions`,
};
