/** A configuration mistake found while compiling one setting; the compiler adds which rule it is in. */
export class ConfigProblem extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'ConfigProblem';
	}
}

/** The message of a ConfigProblem; anything else is a bug and keeps propagating. */
export function problemMessage(error: unknown): string {
	if (error instanceof ConfigProblem) return error.message;
	throw error;
}
