import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parseJsonObject, withoutEmpty } from '../../helpers/parameters';

/** The channels WorkFlux knows, as the user reads them. */
export const channelOptions = [
	{ name: 'API', value: 'api' },
	{ name: 'Email', value: 'email' },
	{ name: 'SMS', value: 'sms' },
	{ name: 'Voice', value: 'voice' },
	{ name: 'Web Chat', value: 'web' },
	{ name: 'WhatsApp', value: 'whatsapp' },
];

/**
 * The customer as four plain fields rather than a nested group: each shows up under its own name in
 * "Add Field", which reads better for a non-developer and for an AI Agent filling them in.
 */
export const customerFields: INodeProperties[] = [
	{
		displayName: 'Customer Email',
		name: 'customerEmail',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		description: "The customer's email address",
	},
	{
		displayName: 'Customer External ID',
		name: 'customerExternalId',
		type: 'string',
		default: '',
		placeholder: 'crm-10442',
		description: 'Your own ID for this customer, for example their ID in your CRM',
	},
	{
		displayName: 'Customer Name',
		name: 'customerName',
		type: 'string',
		default: '',
		placeholder: 'Jane Doe',
		description: "The customer's name",
	},
	{
		displayName: 'Customer Phone',
		name: 'customerPhone',
		type: 'string',
		default: '',
		placeholder: '+14155550123',
		description:
			"The customer's phone number in international format: a plus sign, the country code and the number (spaces and dashes are removed for you)",
	},
];

export const metadataField: INodeProperties = {
	displayName: 'Metadata (JSON)',
	name: 'metadata',
	type: 'json',
	default: '{}',
	description: 'Your own key-value data to keep with the conversation, as a JSON object',
};

export const subjectField: INodeProperties = {
	displayName: 'Subject',
	name: 'subject',
	type: 'string',
	default: '',
	placeholder: 'Order 1042 has not arrived',
	description: 'A short title for the conversation, shown in WorkFlux',
};

const customerKeys: Record<string, string> = {
	customerEmail: 'email',
	customerExternalId: 'external_id',
	customerName: 'name',
	customerPhone: 'phone',
};

/**
 * Phone numbers are often typed as "+1 415-555 0123"; WorkFlux wants "+14155550123". Only separators are
 * removed from a number that already starts with "+"; anything else goes as typed, so WorkFlux can say
 * what is wrong with it.
 */
export function compactPhoneNumber(value: string): string {
	const trimmed = value.trim();
	const compact = trimmed.replace(/[\s().-]/g, '');
	return /^\+\d+$/.test(compact) ? compact : trimmed;
}

/** The customer fields the user filled in, with WorkFlux's names; empty when none were. */
export function customerFromFields(fields: IDataObject): IDataObject {
	const customer: IDataObject = {};
	for (const [field, key] of Object.entries(customerKeys)) {
		const value = fields[field];
		if (value === undefined || value === null || String(value).trim() === '') continue;
		customer[key] =
			field === 'customerPhone' ? compactPhoneNumber(String(value)) : String(value).trim();
	}
	return customer;
}

/** The request body from a filled-in conversation fields collection (Create's or Update's). */
export function conversationBody(
	context: IExecuteFunctions,
	fields: IDataObject,
	itemIndex: number,
): IDataObject {
	const body: IDataObject = {};
	const rest: IDataObject = {};
	for (const [key, value] of Object.entries(fields)) {
		if (!(key in customerKeys) && key !== 'metadata') rest[key] = value;
	}
	Object.assign(body, withoutEmpty(rest));
	if (fields.metadata !== undefined)
		body.metadata = parseJsonObject(context, fields.metadata, 'Metadata', itemIndex);
	const customer = customerFromFields(fields);
	if (Object.keys(customer).length > 0) body.customer = customer;
	return body;
}
