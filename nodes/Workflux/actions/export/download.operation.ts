import {
	NodeApiError,
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
	type JsonObject,
} from 'n8n-workflow';

import { optionsCollection } from '../../descriptions/retry.description';
import { itemRequest, itemRequestBody } from '../../helpers/api';
import { fileNameFromContentDisposition } from './content-disposition';
import { CsvParseError, parseCsvObjects } from './csv';
import { exportIdField } from './export-id';
import { apiPath } from '../../../shared/transport/api-path';

const properties: INodeProperties[] = [
	exportIdField,
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		options: [
			{
				name: 'File',
				value: 'file',
				description: 'One item with the export file as binary data, e.g. to save or email it',
			},
			{
				name: 'One Item per Record',
				value: 'records',
				description:
					'Read the file and output each record as its own item, e.g. to add rows to a spreadsheet. CSV values stay text.',
			},
		],
		default: 'file',
		description: 'What the node outputs',
	},
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		displayOptions: { show: { output: ['file'] } },
		hint: 'The name of the output binary field to put the file in',
	},
	optionsCollection(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['export'], operation: ['download'] } },
	properties,
);

/** The response body as bytes, whichever form the HTTP client handed it over in. */
function toBuffer(body: unknown): Buffer {
	if (Buffer.isBuffer(body)) return body;
	if (body instanceof ArrayBuffer) return Buffer.from(body);
	if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
	if (typeof body === 'string') return Buffer.from(body, 'utf8');
	return Buffer.from(JSON.stringify(body), 'utf8');
}

/**
 * WorkFlux answers 409 until the file exists. Its status says whether waiting helps (pending, processing) or
 * not (failed), so it is read once to tell the user which.
 */
async function notReadyError(
	context: IExecuteFunctions,
	itemIndex: number,
	exportId: string,
	cause: NodeApiError,
): Promise<NodeApiError> {
	let status: string | undefined;
	try {
		const job = await itemRequestBody(context, itemIndex, {
			method: 'GET',
			path: apiPath`/exports/${exportId}`,
		});
		status = typeof job.status === 'string' ? job.status : undefined;
	} catch {
		// The download's own answer is reason enough; the status only adds detail.
	}
	const failed = status === 'failed';
	// Plain data, not the caught error: NodeApiError hands back an error that already is one, words and all.
	const plainCause = { status: 409, code: 'conflict', apiMessage: cause.message } as JsonObject;
	return new NodeApiError(context.getNode(), plainCause, {
		message: failed
			? `The export ${exportId} failed, so there is no file to download`
			: `The export ${exportId} is not finished yet, so there is no file to download`,
		description: failed
			? 'WorkFlux could not produce the file. Create a new export with Export > Create and download that one.'
			: `WorkFlux is still preparing it${status ? ` (status: ${status})` : ''}. Run this node again in a little while, or turn on "Wait for Completion" under Options in the Export > Create node so the workflow only goes on once the file is ready.`,
		httpCode: '409',
		itemIndex,
	});
}

/** The records of a downloaded export file, for "One Item per Record". */
function readRecords(
	context: IExecuteFunctions,
	itemIndex: number,
	bytes: Buffer,
	isJson: boolean,
	fileName: string,
): IDataObject[] {
	const text = bytes.toString('utf8');
	try {
		if (isJson) {
			const parsed = JSON.parse(text) as unknown;
			if (!Array.isArray(parsed)) throw new Error('the file is not a JSON array of records');
			return parsed.map((record) =>
				typeof record === 'object' && record !== null && !Array.isArray(record)
					? (record as IDataObject)
					: { value: record as IDataObject[keyof IDataObject] },
			);
		}
		return parseCsvObjects(text);
	} catch (error) {
		const reason = error instanceof CsvParseError ? error.message : (error as Error).message;
		throw new NodeOperationError(context.getNode(), `Could not read the records in ${fileName}`, {
			itemIndex,
			description: `${reason}. Choose Output "File" to get the file as it is.`,
		});
	}
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const exportId = (this.getNodeParameter('exportId', itemIndex) as string).trim();
	const output = this.getNodeParameter('output', itemIndex, 'file') as string;

	let response;
	try {
		response = await itemRequest<unknown>(this, itemIndex, {
			method: 'GET',
			path: apiPath`/exports/${exportId}/download`,
			binary: true,
		});
	} catch (error) {
		if (error instanceof NodeApiError && error.httpCode === '409') {
			throw await notReadyError(this, itemIndex, exportId, error);
		}
		// Already a NodeApiError from the transport; wrapping hands the same error back.
		throw new NodeApiError(this.getNode(), error as JsonObject);
	}

	const bytes = toBuffer(response.body);
	const contentType = String(response.headers['content-type'] ?? '');
	const mimeType = contentType.split(';')[0].trim() || 'application/octet-stream';
	const isJson = mimeType === 'application/json' || mimeType.endsWith('+json');
	const fileName =
		fileNameFromContentDisposition(response.headers['content-disposition']) ??
		`export-${exportId}.${isJson ? 'json' : 'csv'}`;

	if (output === 'records') {
		return readRecords(this, itemIndex, bytes, isJson, fileName).map((json) => ({ json }));
	}

	const binaryPropertyName = this.getNodeParameter('binaryPropertyName', itemIndex) as string;
	const binary = await this.helpers.prepareBinaryData(bytes, fileName, mimeType);
	return [
		{
			json: { id: exportId, file_name: fileName, mime_type: mimeType, size: bytes.length },
			binary: { [binaryPropertyName]: binary },
		},
	];
}
