import type { SandboxCore } from '../core';
import type { Handlers } from './common';

export function authRoutes(core: SandboxCore): Handlers {
	return {
		createToken: (request, reply) => {
			const answer = core.auth.exchange(request.headers.authorization, request.body);
			// RFC 6749 section 5.1: token answers must not be cached.
			reply.header('Cache-Control', 'no-store').header('Pragma', 'no-cache');
			return answer;
		},
		getMe: (request) => {
			const token = request.sandbox.token;
			const client = token ? core.auth.clients.get(token.clientId) : undefined;
			return {
				client_id: token?.clientId ?? '',
				name: client?.name ?? '',
				scopes: token?.scopes ?? [],
			};
		},
	};
}
