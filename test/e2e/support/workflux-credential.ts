import type { N8nClient } from './n8n-client';

export const CREDENTIAL_TYPE = 'workfluxOAuth2Api';

/**
 * The WorkFlux credential a user would fill in: the sandbox's base URL and its demo client. n8n fetches the
 * token itself (client credentials grant) on first use.
 */
export async function createWorkfluxCredential(
	client: N8nClient,
	sandboxBaseUrl: string,
	account: { clientId?: string; clientSecret?: string; name?: string } = {},
): Promise<{ id: string; name: string; type: string }> {
	const credential = await client.createCredential({
		name: account.name ?? 'WorkFlux account',
		type: CREDENTIAL_TYPE,
		data: {
			baseUrl: sandboxBaseUrl,
			clientId: account.clientId ?? 'demo-client',
			clientSecret: account.clientSecret ?? 'demo-secret',
			scope: '',
		},
	});
	return { id: credential.id, name: credential.name, type: CREDENTIAL_TYPE };
}
