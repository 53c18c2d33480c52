import type { INodeProperties } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { TRANSFORMATION_NAMES } from '../../nodes/WorkfluxMapper/engine';
import { transformationFields } from '../../nodes/WorkfluxMapper/transformation-fields';

/**
 * The editor's transformation step: the Transformation choice first, then each transformation's own
 * options (transformation-fields/, one file each), every one shown only for its transformation.
 */
describe('the fields of a transformation step in the editor', () => {
	const [choice, ...options] = transformationFields;
	const offered = (choice.options ?? []).map((option) => (option as { value: string }).value);
	const shownFor = (field: INodeProperties) => (field.displayOptions?.show?.type ?? []) as string[];

	it('starts with the choice of transformation, offering every transformation the engine knows', () => {
		expect(choice.name).toBe('type');
		expect([...offered].sort()).toEqual([...TRANSFORMATION_NAMES].sort());
	});

	it('shows each option only for transformations it belongs to, grouped by transformation', () => {
		for (const field of options) {
			expect(shownFor(field).length, field.name).toBeGreaterThan(0);
			for (const type of shownFor(field)) expect(offered, field.name).toContain(type);
		}
		// Grouped: once the options of one transformation end, none of them comes back later.
		const order = options.map((field) => shownFor(field).join('+'));
		const groups = order.filter((group, index) => group !== order[index - 1]);
		expect(new Set(groups).size).toBe(groups.length);
	});

	it('has no two options with the same name for the same transformation', () => {
		const keys = options.flatMap((field) => shownFor(field).map((type) => `${type}.${field.name}`));
		expect(new Set(keys).size).toBe(keys.length);
	});
});
