/* eslint-disable @n8n/community-nodes/no-restricted-imports -- a test server on loopback, not node code */
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { testCredential } from '../harness/credential-test';
import { useSandbox } from '../support/use-sandbox';
import { agentWorkflow, chainWorkflow } from '../support/workflows';

// Issue 10, point 2: a `302 Location: <another host>` made n8n send `Authorization: Bearer …` there. The
// sandbox and a "storage" server on another loopback port are two origins; the storage server records
// every request it gets.

const CLIENT_SECRET = 'demo-secret';
const FILE = Buffer.from('id,name\nagt_1,Billing Bot\n', 'utf8');

interface Received {
	method: string;
	url: string;
	headers: IncomingHttpHeaders;
	body: string;
}

/** Another origin: serves the export file under /files/, 404 elsewhere, and records every request. */
async function startStorage() {
	const received: Received[] = [];
	const server: Server = createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			received.push({
				method: request.method ?? '',
				url: request.url ?? '',
				headers: request.headers,
				body: Buffer.concat(chunks).toString('utf8'),
			});
			if (request.url?.startsWith('/files/')) {
				response.writeHead(200, {
					'Content-Type': 'text/csv; charset=utf-8',
					'Content-Disposition': 'attachment; filename="agents-export.csv"',
				});
				response.end(FILE);
				return;
			}
			response.writeHead(404, { 'Content-Type': 'application/json' });
			response.end('{"error":{"code":"not_found","message":"Not on the storage host"}}');
		});
	});
	server.listen(0, '127.0.0.1');
	await once(server, 'listening');
	const { port } = server.address() as { port: number };
	return {
		origin: `http://127.0.0.1:${port}`,
		received,
		close: async () => {
			server.closeAllConnections();
			await new Promise((resolve) => server.close(resolve));
		},
	};
}

let storage: Awaited<ReturnType<typeof startStorage>>;
beforeAll(async () => (storage = await startStorage()));
afterAll(async () => await storage.close());
beforeEach(() => (storage.received.length = 0));

/** Nothing the storage host received carries the token, the client secret, or any credential header. */
function expectNoCredentialsAtStorage(tokens: string[]) {
	for (const request of storage.received) {
		const seen = JSON.stringify(request.headers) + request.url + request.body;
		expect(request.headers.authorization).toBeUndefined();
		expect(request.headers.cookie).toBeUndefined();
		expect(seen).not.toContain(CLIENT_SECRET);
		expect(seen).not.toContain(Buffer.from(`demo-client:${CLIENT_SECRET}`).toString('base64'));
		for (const token of tokens) expect(seen).not.toContain(token);
	}
}

describe('redirects from the WorkFlux node', () => {
	const env = useSandbox({ empty: true });

	const redirect = (method: string, path: string, to: string, status = 302) =>
		env.sandbox.control.configure({
			faults: {
				answer: 'redirect',
				redirectTo: to,
				redirectStatus: status as 302,
				match: { method, path },
			},
		});

	/** The tokens the sandbox handed out, to look for them elsewhere. */
	const issuedTokens = () => {
		const token = env.credentialsHelper.store.get('workflux-test')?.data.oauthTokenData as
			| { access_token?: string }
			| undefined;
		return token?.access_token ? [token.access_token] : [];
	};

	it('an export download redirected to a storage host arrives, without the token', async () => {
		redirect('GET', '/v1/exports/exp_42/download', `${storage.origin}/files/exp_42.csv?sig=abc`);
		const run = await env.run(
			chainWorkflow([
				{
					name: 'WorkFlux',
					parameters: { resource: 'export', operation: 'download', exportId: 'exp_42' },
				},
			]),
		);
		expect(run.status).toBe('success');
		const [item] = run.items('WorkFlux');
		expect(item.json).toMatchObject({
			id: 'exp_42',
			file_name: 'agents-export.csv',
			size: FILE.length,
		});
		expect(Buffer.from(item.binary!.data.data, 'base64').equals(FILE)).toBe(true);

		expect(storage.received.map((r) => `${r.method} ${r.url}`)).toEqual([
			'GET /files/exp_42.csv?sig=abc',
		]);
		const tokens = issuedTokens();
		expect(tokens).toHaveLength(1);
		expectNoCredentialsAtStorage(tokens);
		// WorkFlux itself got the signed request that it answered with the redirect.
		const asked = env.sandbox.control
			.requests()
			.filter((r) => r.path === '/v1/exports/exp_42/download');
		expect(asked.map((r) => [r.status, r.client_id])).toEqual([[302, 'demo-client']]);
	});

	it.each([301, 302, 303, 307, 308])(
		'a GET redirected with %i to another host goes there without the token',
		async (status) => {
			const { agents } = env.sandbox.control.seed({ agents: 1 });
			redirect(
				'GET',
				`/v1/agents/${agents[0]}`,
				`${storage.origin}/elsewhere/${agents[0]}`,
				status,
			);
			const run = await env.run(agentWorkflow('get', agents[0]));
			// The storage host does not know the agent: its 404 is the answer, and it never saw a credential.
			expect(run.status).toBe('error');
			expect(storage.received.map((r) => `${r.method} ${r.url}`)).toEqual([
				`GET /elsewhere/${agents[0]}`,
			]);
			expectNoCredentialsAtStorage(issuedTokens());
		},
	);

	it('a change redirected to another host is not sent there at all', async () => {
		const { agents } = env.sandbox.control.seed({ agents: 1 });
		redirect('PATCH', `/v1/agents/${agents[0]}`, `${storage.origin}/elsewhere`, 307);
		const run = await env.run(agentWorkflow('update', agents[0], { updateFields: { name: 'X' } }));
		expect(run.status).toBe('error');
		expect(run.error?.message).toBe('WorkFlux redirected the request elsewhere');
		expect((run.error as { description?: string }).description).toContain(
			`it redirected a PATCH request to another host (${storage.origin})`,
		);
		expect(storage.received).toEqual([]);
	});

	it('a redirect within WorkFlux keeps the credential', async () => {
		const { agents } = env.sandbox.control.seed({ agents: 1 });
		redirect('GET', '/v1/agents/agt_old', `${env.sandbox.baseUrl}/agents/${agents[0]}`, 301);
		const run = await env.run(agentWorkflow('get', 'agt_old'));
		expect(run.status).toBe('success');
		expect(run.json('WorkFlux')[0].id).toBe(agents[0]);
		const hops = env.sandbox.control.requests().filter((r) => r.path.startsWith('/v1/agents/'));
		// The second hop was authenticated: the sandbox knew the client.
		expect(hops.map((r) => [r.path, r.status, r.client_id])).toEqual([
			['/v1/agents/agt_old', 301, 'demo-client'],
			[`/v1/agents/${agents[0]}`, 200, 'demo-client'],
		]);
		expect(storage.received).toEqual([]);
	});

	it('a redirect loop stops after a few hops with a plain message', async () => {
		redirect('GET', '/v1/agents/agt_loop', `${env.sandbox.baseUrl}/agents/agt_loop`, 302);
		const run = await env.run(agentWorkflow('get', 'agt_loop'));
		expect(run.status).toBe('error');
		expect((run.error as { description?: string }).description).toContain(
			'it redirected more than 5 times',
		);
		expect(
			env.sandbox.control.requests().filter((r) => r.path === '/v1/agents/agt_loop'),
		).toHaveLength(6);
	});

	it('the credential test ("Test" button) does not take the token to another host', async () => {
		redirect('GET', '/v1/me', `${storage.origin}/me`, 302);
		const result = await testCredential(env.credentialsHelper, 'workfluxOAuth2Api', {
			baseUrl: env.sandbox.baseUrl,
			clientId: 'demo-client',
			clientSecret: CLIENT_SECRET,
		});
		expect(result.status).toBe('Error');
		expect(storage.received.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /me']);
		expectNoCredentialsAtStorage([]);
	});
});

describe("redirects from the credential's token request", () => {
	// Its own environment: a credential without a token yet, so the first request fetches one.
	const env = useSandbox({ empty: true });

	it.each([302, 307])(
		'a %i from the token endpoint to another host gets no client secret',
		async (status) => {
			env.sandbox.control.configure({
				faults: {
					answer: 'redirect',
					redirectTo: `${storage.origin}/oauth/token`,
					redirectStatus: status as 302,
					match: { method: 'POST', path: '/v1/auth/token' },
				},
			});
			delete env.credentialsHelper.store.get('workflux-test')!.data.oauthTokenData;
			const run = await env.run(
				chainWorkflow([
					{ name: 'WorkFlux', parameters: { resource: 'agent', operation: 'getAll', limit: 1 } },
				]),
			);
			expect(run.status).toBe('error');
			expect(storage.received.map((r) => r.url)).toEqual(['/oauth/token']);
			expectNoCredentialsAtStorage([]);
		},
	);
});
