import { describe, expect, it } from 'vitest';
import { activitiesFromForm, formFromActivities, slotsFor } from './form';

const activity = (name: string, wishes: number) => ({
	name,
	age_group: 'adults',
	adult_kind: 'other',
	participants: 12,
	step_free: false,
	flexibility: 'none',
	wishes: Array.from({ length: wishes }, (_, j) => ({ slot: `slot-${name}-${j}`, every: j % 2 ? 2 : 1 }))
});

describe('the application form', () => {
	it('shows and sends back every activity and wish an application holds, beyond the empty form’s three', () => {
		const stored = [
			activity('Hold 1', 4),
			activity('Hold 2', 1),
			activity('Hold 3', 2),
			activity('Hold 4', 5)
		];
		const values = formFromActivities(stored, ['local_club']);
		expect(slotsFor(values)).toEqual({ activities: 4, wishes: 5 });
		expect(activitiesFromForm(values)).toEqual({ activities: stored, local: ['local_club'] });
	});

	it('offers three of each on an empty form', () => {
		expect(slotsFor({})).toEqual({ activities: 3, wishes: 3 });
	});
});
