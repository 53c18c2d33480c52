/** Shows a field only for the given transformations (the step's `type`). */
export const forTypes = (...types: string[]) => ({ displayOptions: { show: { type: types } } });

/** The first choice of every phone country dropdown. */
export const NO_COUNTRY = { name: 'None (Numbers Must Start With +)', value: '' };
