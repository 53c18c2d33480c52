import type { INodeProperties } from 'n8n-workflow';

import { PHONE_COUNTRY_OPTIONS } from '../phone-countries';
import { NO_COUNTRY, forTypes } from './show-for';

/** Format Phone: the output format, the country of numbers written without +, and what an invalid number does. */
export const formatPhoneFields: INodeProperties[] = [
	{
		displayName: 'Phone Format',
		name: 'phoneFormat',
		type: 'options',
		default: 'e164',
		options: [
			{ name: 'Digits Only (4930123456)', value: 'digits' },
			{ name: 'E.164 (+4930123456)', value: 'e164' },
			{ name: 'International (+49 30 123456)', value: 'international' },
			{ name: 'National (030 123456)', value: 'national' },
			{ name: 'National Digits Only (030123456)', value: 'national_digits' },
			{ name: 'RFC 3966 (tel:+4930123456)', value: 'rfc3966' },
		],
		...forTypes('format_phone'),
	},
	{
		displayName: 'Default Country',
		name: 'defaultCountry',
		type: 'options',
		default: '',
		options: [NO_COUNTRY, ...PHONE_COUNTRY_OPTIONS],
		description: 'The country of numbers written without +, such as 030 123456',
		...forTypes('format_phone'),
	},
	{
		displayName: 'Country Field',
		name: 'countryField',
		type: 'string',
		default: '',
		placeholder: 'customer.country',
		description:
			'A field of the item holding a two-letter country code (DE, US). When it is filled it wins over the default country.',
		...forTypes('format_phone'),
	},
	{
		displayName: 'If the Number Is Invalid',
		name: 'onInvalidPhone',
		type: 'options',
		default: 'error',
		options: [
			{ name: 'Fail the Rule', value: 'error' },
			{ name: 'Keep the Original Value', value: 'keep' },
		],
		...forTypes('format_phone'),
	},
];
