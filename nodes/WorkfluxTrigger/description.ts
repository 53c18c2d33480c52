import type { INodeProperties } from 'n8n-workflow';

import { ALL_EVENTS, WORKFLUX_EVENTS } from './events';
import { DEFAULT_TOLERANCE_SECONDS } from './signature';

export const triggerProperties: INodeProperties[] = [
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		default: [],
		description: 'The WorkFlux events that start this workflow',
		options: [
			{
				name: '* All Events',
				value: ALL_EVENTS,
				description: 'Every event WorkFlux sends, including ones added later to this list',
			},
			...WORKFLUX_EVENTS.map((event) => ({
				name: event.name,
				value: event.value,
				description: event.description,
			})),
		],
	},
	{
		displayName: 'Only for Agent',
		name: 'agentId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		description:
			'Run only for events about this agent. Leave empty to run for every agent. Events that are not about an agent, such as integration status updates, always run.',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchAgents', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'agt_2f9c1d',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: 'agt_[A-Za-z0-9_-]+',
							errorMessage: 'A WorkFlux agent ID starts with "agt_"',
						},
					},
				],
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Ignore Redeliveries',
				name: 'ignoreRedeliveries',
				type: 'boolean',
				default: true,
				description:
					'Whether to run the workflow only once when WorkFlux delivers the same event again (for example after a timeout). Each delivery is remembered for 30 hours, longer than WorkFlux keeps retrying.',
			},
			{
				displayName: 'Include Headers',
				name: 'includeHeaders',
				type: 'boolean',
				default: false,
				description: 'Whether to add the HTTP headers of the delivery to the output',
			},
			{
				displayName: 'Send a Sample Event When Listening',
				name: 'sendSampleEvent',
				type: 'boolean',
				default: true,
				description:
					'Whether to ask WorkFlux for a sample event right after you click "Listen for test event", so you see real data without waiting for one',
			},
			{
				displayName: 'Timestamp Tolerance (Seconds)',
				name: 'toleranceSeconds',
				type: 'number',
				default: DEFAULT_TOLERANCE_SECONDS,
				typeOptions: { minValue: 30, maxValue: 3600 },
				description:
					'How far the time a delivery was signed may differ from the clock of this n8n server. Older deliveries are refused, which blocks replays. Raise it only if the server clock is known to be off.',
			},
		],
	},
];
