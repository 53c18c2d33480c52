import { randomUUID } from 'node:crypto';

import { ExecuteContext, RoutingNode } from 'n8n-core';
import {
	Workflow,
	type ICredentialDataDecryptedObject,
	type INode,
	type INodeCredentialTestResult,
	type INodeType,
	type INodeTypes,
	type IRunExecutionData,
} from 'n8n-workflow';

import { createAdditionalData } from './additional-data';
import './quiet-logger';
import type { HarnessCredentialsHelper } from './credentials-helper';

/**
 * What the editor's "Test" button on a credential does, following n8n's CredentialsTester
 * (packages/cli/src/services/credentials-tester.service.ts): the credential type's `test` request runs through
 * a throwaway declarative node and RoutingNode, so it is signed exactly as a node's request would be (for
 * OAuth2 that includes fetching the token), and a failure becomes the message the user sees.
 */
export async function testCredential(
	helper: HarnessCredentialsHelper,
	type: string,
	data: ICredentialDataDecryptedObject,
): Promise<INodeCredentialTestResult> {
	const testRequest = helper.credentialTypes.getByName(type).test;
	if (!testRequest)
		return { status: 'Error', message: 'No testing function found for this credential.' };

	const id = `credential-test-${randomUUID()}`;
	const details = helper.add({ id, name: 'Credential under test', type, data });
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: 'harness.credentialTest',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { [type]: details },
	};
	const nodeType: INodeType = {
		description: {
			displayName: 'Credential test',
			name: 'harness.credentialTest',
			group: ['transform'],
			version: 1,
			description: '',
			defaults: {},
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: type, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					routing: { request: testRequest.request },
					default: '',
				},
			],
		},
	};
	const nodeTypes: INodeTypes = {
		getByName: () => nodeType,
		getByNameAndVersion: () => nodeType,
		getKnownTypes: () => ({}),
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const additionalData = createAdditionalData({
		credentialsHelper: helper,
		workflowData: {
			id: 'credential-test',
			name: 'credential test',
			nodes: [node],
			connections: {},
		} as never,
		mode: 'internal',
		executionId: id,
	});
	const runExecutionData = { resultData: { runData: {} } } as IRunExecutionData;
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'internal',
		runExecutionData,
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node, data: {}, source: null },
		[],
	);
	const credentialsDecrypted = {
		id,
		name: details.name,
		type,
		data: helper.applyDefaultsAndResolve(additionalData, data, type, 'internal'),
	};
	try {
		await new RoutingNode(context, nodeType, credentialsDecrypted).runNode();
	} catch (error) {
		// The same reading of the failure as n8n's tester, so the message is the one users get.
		const cause = error.cause;
		if (cause?.response) {
			const statusCode = cause.response.status;
			if (statusCode < 199 || statusCode > 299) {
				return {
					status: 'Error',
					message: cause.response.statusText || `Received HTTP status code: ${statusCode}`,
				};
			}
		} else if (cause?.code) {
			return { status: 'Error', message: cause.code };
		}
		return { status: 'Error', message: String(error.message) };
	} finally {
		helper.store.delete(id);
	}
	return { status: 'OK', message: 'Connection successful!' };
}
