import { getNonWorkflowAdditionalKeys } from 'n8n-core';
import {
	ICredentials,
	ICredentialsHelper,
	NodeHelpers,
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentialsEncrypted,
	type IHttpRequestOptions,
	type INode,
	type INodeCredentialsDetails,
	type INodeParameters,
	type INodeProperties,
	type INodeTypes,
	type IRequestOptionsSimplified,
	type IWorkflowExecuteAdditionalData,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

import { CredentialTypes } from './credential-types';

/** Credentials kept in plain text in memory: the harness has no database and nothing to encrypt for. */
class PlainCredentials extends ICredentials {
	constructor(
		details: INodeCredentialsDetails,
		type: string,
		private plain: ICredentialDataDecryptedObject,
	) {
		super(details, type);
	}

	async getData() {
		return this.plain;
	}

	getDataToSave(): ICredentialsEncrypted {
		return { id: this.id, name: this.name, type: this.type, data: JSON.stringify(this.plain) };
	}

	async setData(data: ICredentialDataDecryptedObject) {
		this.plain = data;
	}

	async updateData(toUpdate: Partial<ICredentialDataDecryptedObject>, toDelete: string[] = []) {
		this.plain = { ...this.plain, ...toUpdate } as ICredentialDataDecryptedObject;
		for (const key of toDelete) delete this.plain[key];
	}
}

export interface StoredCredential {
	id: string;
	name: string;
	type: string;
	data: ICredentialDataDecryptedObject;
}

/** A node that only exists so credential expressions such as `$self["baseUrl"]` can be resolved. */
const expressionNodeTypes: INodeTypes = {
	getByName: () => ({ description: { properties: [] } }) as never,
	getByNameAndVersion: () => ({ description: { properties: [] } }) as never,
	getKnownTypes: () => ({}),
};

/**
 * n8n's CredentialsHelper, minus the database and encryption: it applies the credential type's defaults
 * (inherited ones included), resolves expressions in credential fields, and stores OAuth token data that
 * n8n-core's OAuth2 client fetches. `oauthTokenUpdates` counts those writes so tests can see token fetches.
 */
export class HarnessCredentialsHelper extends ICredentialsHelper {
	readonly store = new Map<string, StoredCredential>();

	oauthTokenUpdates = 0;

	constructor(readonly credentialTypes = new CredentialTypes()) {
		super();
	}

	add(credential: StoredCredential): INodeCredentialsDetails {
		this.store.set(credential.id, structuredClone(credential));
		return { id: credential.id, name: credential.name };
	}

	getParentTypes(name: string): string[] {
		return this.credentialTypes.getParentTypes(name);
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		_credentials: ICredentialDataDecryptedObject,
		_typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
	): Promise<IHttpRequestOptions> {
		// OAuth2 credentials are signed by n8n-core's requestOAuth2, never here.
		return requestOptions as IHttpRequestOptions;
	}

	async preAuthentication(): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async getCredentials(details: INodeCredentialsDetails, type: string): Promise<ICredentials> {
		return new PlainCredentials(details, type, this.find(details, type).data);
	}

	async getDecrypted(
		additionalData: IWorkflowExecuteAdditionalData,
		details: INodeCredentialsDetails,
		type: string,
		mode: WorkflowExecuteMode,
		_executeData?: unknown,
		raw?: boolean,
	): Promise<ICredentialDataDecryptedObject> {
		const stored = structuredClone(this.find(details, type).data);
		if (raw === true) return stored;
		return this.applyDefaultsAndResolve(additionalData, stored, type, mode);
	}

	/** What n8n's CredentialsHelper.applyDefaultsAndOverwrites does, without overwrites. */
	applyDefaultsAndResolve(
		additionalData: IWorkflowExecuteAdditionalData,
		data: ICredentialDataDecryptedObject,
		type: string,
		mode: WorkflowExecuteMode,
	): ICredentialDataDecryptedObject {
		const properties = this.getCredentialsProperties(type);
		const withDefaults = NodeHelpers.getNodeParameters(
			properties,
			data as INodeParameters,
			true,
			false,
			null,
			null,
		) as ICredentialDataDecryptedObject;
		// Keys that are not properties (oauthTokenData) survive, as in n8n.
		for (const [key, value] of Object.entries(data)) {
			if (!(key in withDefaults)) withDefaults[key] = value;
		}
		const node: INode = {
			id: 'credential-expressions',
			name: 'Credential Expressions',
			type: 'harness.credentialExpressions',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		};
		const workflow = new Workflow({
			nodes: [node],
			connections: {},
			active: false,
			nodeTypes: expressionNodeTypes,
		});
		return workflow.expression.getComplexParameterValue(
			node,
			withDefaults as never,
			mode,
			getNonWorkflowAdditionalKeys(additionalData),
			undefined,
			undefined,
			withDefaults,
		) as ICredentialDataDecryptedObject;
	}

	async updateCredentials(
		details: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.find(details, type).data = structuredClone(data);
	}

	async updateCredentialsOauthTokenData(
		details: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.oauthTokenUpdates++;
		this.find(details, type).data.oauthTokenData = structuredClone(data.oauthTokenData);
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.credentialTypes.getProperties(type);
	}

	private find(details: INodeCredentialsDetails, type: string): StoredCredential {
		const stored = details.id ? this.store.get(details.id) : undefined;
		if (!stored || stored.type !== type) {
			throw new Error(`No ${type} credential with id "${details.id}" in the harness`);
		}
		return stored;
	}
}
