import type { Icon, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * WorkFlux uses OAuth 2.0 client credentials. n8n's OAuth2 machinery (the `oAuth2Api` parent) fetches the
 * token on first use and fetches a new one when the API answers 401, so the nodes never handle tokens.
 */
export class WorkfluxOAuth2Api implements ICredentialType {
	name = 'workfluxOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'WorkFlux OAuth2 API';

	icon: Icon = {
		light: 'file:../icons/workflux.svg',
		dark: 'file:../icons/workflux.dark.svg',
	};

	documentationUrl = 'https://github.com/workflux/n8n-nodes-workflux#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.workflux.ai/v1',
			required: true,
			placeholder: 'https://api.workflux.ai/v1',
			description:
				'The WorkFlux API address, ending in /v1. Keep the default unless WorkFlux gave you a regional or sandbox address.',
		},
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'hidden',
			default: 'clientCredentials',
		},
		{
			// Follows the Base URL so a regional host or the sandbox gets its tokens from the same place.
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: '={{ $self["baseUrl"].replace(/\\/+$/, "") }}/auth/token',
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'string',
			default: '',
			placeholder: 'agents:read conversations:write',
			description:
				'Space-separated permissions to ask for. Leave empty to get every permission your API client has.',
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		{
			// RFC 6749 recommends HTTP Basic for client authentication; WorkFlux accepts it and the JSON body alike.
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'header',
		},
	];

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{ $credentials.baseUrl.replace(/\\/+$/, "") }}',
			url: '/me',
			method: 'GET',
			// n8n copies the access token onto a redirect to another host unless told not to.
			sendCredentialsOnCrossOriginRedirect: false,
		},
	};
}
