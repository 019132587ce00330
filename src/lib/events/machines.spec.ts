import { describe, expect, it } from 'vitest';
import { available, define, named, permitted } from '$rules/core/machine.js';
import { EVENT, REGISTRATION, SIGNUP } from '$rules/events-machines.js';

describe('events machines', () => {
	it('name only their own states', () => {
		for (const m of [EVENT, SIGNUP, REGISTRATION]) {
			expect(() => define(m.entity, m.states, m.transitions)).not.toThrow();
		}
	});

	it('never reopen a cancelled event', () => {
		for (const to of ['draft', 'published']) {
			expect(permitted(EVENT, 'cancelled', to, ['staff', 'system'])).toBeNull();
		}
		expect(permitted(EVENT, 'published', 'cancelled', ['staff'])?.name).toBe('cancel');
		expect(permitted(EVENT, 'draft', 'published', ['owner'])).toBeNull();
	});

	it('let only the system move a place up from the waitlist', () => {
		for (const m of [SIGNUP, REGISTRATION]) {
			expect(permitted(m, 'waitlisted', 'confirmed', ['owner', 'staff'])).toBeNull();
			expect(permitted(m, 'waitlisted', 'confirmed', ['system'])?.name).toBe('promote');
			expect(available(m, 'confirmed', ['owner'])).toEqual(['cancel']);
			expect(available(m, 'cancelled', ['staff'])).toEqual([]);
		}
	});

	it('check in a confirmed registration only, by staff', () => {
		expect(named(REGISTRATION, 'confirmed', 'check_in')?.who).toEqual(['staff', 'system']);
		expect(named(REGISTRATION, 'waitlisted', 'check_in')).toBeNull();
		expect(named(SIGNUP, 'confirmed', 'check_in')).toBeNull();
		expect(available(REGISTRATION, 'confirmed', ['owner'])).toEqual(['cancel']);
	});
});
