import type { ICredentialType, INodeProperties } from 'n8n-workflow';

import { WorkfluxOAuth2Api } from '../../credentials/WorkfluxOAuth2Api.credentials';
import { OAuth2Api } from './oauth2-api.credential';

/** The credential types the harness knows, resolved the way n8n's CredentialTypes service resolves them. */
export class CredentialTypes {
	private readonly types = new Map<string, ICredentialType>();

	constructor(types: ICredentialType[] = [new OAuth2Api(), new WorkfluxOAuth2Api()]) {
		for (const type of types) this.types.set(type.name, type);
	}

	getByName(name: string): ICredentialType {
		const type = this.types.get(name);
		if (!type) throw new Error(`Unknown credential type "${name}"`);
		return type;
	}

	/** All ancestors, nearest first (n8n: CredentialTypes.getParentTypes). */
	getParentTypes(name: string): string[] {
		const parents = this.getByName(name).extends ?? [];
		return parents.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}

	/** Own properties override inherited ones of the same name, as n8n merges them. */
	getProperties(name: string): INodeProperties[] {
		const own = this.getByName(name).properties;
		const inherited = (this.getByName(name).extends ?? []).flatMap((p) => this.getProperties(p));
		const ownNames = new Set(own.map((p) => p.name));
		return [...inherited.filter((p) => !ownNames.has(p.name)), ...own];
	}
}
