/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code: reaches into n8n-core's own DI container */
import { createRequire } from 'node:module';

import { ErrorReporter } from 'n8n-core';
import { LoggerProxy, type Logger } from 'n8n-workflow';

export interface LoggedMessage {
	level: 'error' | 'warn' | 'info' | 'debug';
	message: string;
}

/** What n8n logged or reported during the tests: kept for assertions instead of printed over the test output. */
export const loggedMessages: LoggedMessage[] = [];

const remember =
	(level: LoggedMessage['level']) =>
	(message: string): void => {
		loggedMessages.push({ level, message });
		if (loggedMessages.length > 1000) loggedMessages.shift();
	};

const logger = {
	error: remember('error'),
	warn: remember('warn'),
	info: remember('info'),
	debug: remember('debug'),
	scoped: () => logger,
} as unknown as Logger;

LoggerProxy.init(logger);

/** n8n reports every node error with its stack; the run result already carries it, so keep it in the log. */
const reporter = {
	error: (error: unknown) => remember('error')(String((error as Error)?.message ?? error)),
	warn: (warning: unknown) => remember('warn')(String((warning as Error)?.message ?? warning)),
	info: (message: string) => remember('info')(message),
} as unknown as ErrorReporter;
// n8n-core resolves its own copy of @n8n/di, so its container is the one to configure.
const { Container } = createRequire(require.resolve('n8n-core'))(
	'@n8n/di',
) as typeof import('@n8n/di');
Container.set(ErrorReporter, reporter);
