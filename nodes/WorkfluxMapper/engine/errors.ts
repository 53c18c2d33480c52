/**
 * The engine reports two kinds of problems, both with plain-language messages meant for the person who
 * wrote the mapping: a configuration that cannot be compiled (MappingConfigError, thrown once, listing
 * every problem found), and a rule that could not map one item (RuleIssue, returned with the result).
 */

/** The mapping configuration cannot be used. `problems` lists each one in plain words. */
export class MappingConfigError extends Error {
	readonly problems: readonly string[];

	constructor(problems: readonly string[]) {
		super(
			problems.length === 1
				? problems[0]
				: `The mapping configuration has ${problems.length} problems:\n- ${problems.join('\n- ')}`,
		);
		this.name = 'MappingConfigError';
		this.problems = problems;
	}
}

/** Thrown by a transformation or validation step for one value; the rule adds its own context. */
export class StepError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'StepError';
	}
}

/** Why one rule could not map one item. */
export interface RuleIssue {
	/** 1-based position of the rule in the configuration. */
	rule: number;
	/** How the rule is called in messages, such as `Rule 2 (email → Email)`. */
	ruleLabel: string;
	/** The source field(s) the rule reads, as written in the rule. */
	field: string;
	target: string;
	/** What went wrong, without the rule's name: `email check: "x" is not a valid email address: ...`. */
	reason: string;
	/** The full sentence, naming the rule and the field. */
	message: string;
}
