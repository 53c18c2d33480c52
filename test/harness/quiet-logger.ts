import { LoggerProxy, type Logger } from 'n8n-workflow';

export interface LoggedMessage {
	level: 'error' | 'warn' | 'info' | 'debug';
	message: string;
}

/** What n8n logged during the tests: kept for assertions instead of printed over the test output. */
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
