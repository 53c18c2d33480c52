import type { INodeProperties } from 'n8n-workflow';

import { changeCaseFields } from './change-case';
import { concatFields } from './concat';
import { formatDateFields } from './format-date';
import { formatPhoneFields } from './format-phone';
import { lookupFields } from './lookup';
import { splitFields } from './split';
import { transformationTypeField } from './transformation-type';
import { trimFields } from './trim';

/**
 * One step of a rule's transformation chain: the transformation, then each transformation's own options,
 * shown only while that transformation is chosen. The order here is the order in the editor.
 */
export const transformationFields: INodeProperties[] = [
	transformationTypeField,
	...changeCaseFields,
	...trimFields,
	...formatDateFields,
	...formatPhoneFields,
	...concatFields,
	...splitFields,
	...lookupFields,
];

const TRANSFORMATION_NAMES_SHOWN = Object.fromEntries(
	(transformationTypeField.options ?? []).map((option) => [
		(option as { value: string }).value,
		option.name,
	]),
);

/** The title of a step in the editor, shown also when it is collapsed: the transformation's name. */
export const TRANSFORMATION_STEP_TITLE = `={{ (${JSON.stringify(TRANSFORMATION_NAMES_SHOWN)})[$collection.item.value.type] || "" }}`;
