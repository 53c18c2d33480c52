import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { workfluxPage } from './transport/request';

/**
 * One page of a WorkFlux list for a resource locator, filtered by what the user typed. The API has no text
 * search, so the filter applies to the page; the editor asks for the next page as the user scrolls.
 */
async function searchPage(
	context: ILoadOptionsFunctions,
	path: string,
	toItem: (record: IDataObject) => INodeListSearchItems,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = await workfluxPage.call(context, {
		method: 'GET',
		path,
		qs: { limit: 100, ...(paginationToken ? { cursor: paginationToken } : {}) },
	});
	const needle = filter?.trim().toLowerCase();
	const results = page.data
		.map(toItem)
		.filter((item) => !needle || `${item.name} ${item.value}`.toLowerCase().includes(needle));
	return { results, paginationToken: page.has_more ? (page.next_cursor ?? undefined) : undefined };
}

export async function searchAgents(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchPage(
		this,
		'/agents',
		(agent) => ({ name: String(agent.name), value: String(agent.id) }),
		filter,
		paginationToken,
	);
}

export async function searchConversations(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchPage(
		this,
		'/conversations',
		(conversation) => {
			const customer = (conversation.customer ?? {}) as IDataObject;
			const who = customer.name ?? customer.email ?? 'unknown customer';
			const subject = conversation.subject ? `${conversation.subject} – ` : '';
			return {
				name: `${subject}${who} (${conversation.status})`,
				value: String(conversation.id),
			};
		},
		filter,
		paginationToken,
	);
}

export async function searchWorkflows(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchPage(
		this,
		'/workflows',
		(workflow) => ({ name: String(workflow.name), value: String(workflow.id) }),
		filter,
		paginationToken,
	);
}
