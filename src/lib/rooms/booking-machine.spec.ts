import { describe, expect, it } from 'vitest';
import { define } from '$rules/core/machine.js';
import { booking, isState, may, series } from '$rules/rooms/booking-machine.js';

describe('booking machine', () => {
	it('names only its own states', () => {
		for (const m of [booking, series]) {
			expect(() => define(m.entity, m.states, m.transitions)).not.toThrow();
		}
	});

	it('knows its states and nothing else', () => {
		for (const s of ['pending', 'approved', 'rejected', 'cancelled', 'no_show'])
			expect(isState(s)).toBe(true);
		for (const s of ['', null, undefined, 'APPROVED', ' approved', 0, false, ['approved']]) {
			expect(isState(s)).toBe(false);
		}
	});

	it('finds the named transition to the target asked for', () => {
		expect(may('pending', 'approve', ['staff'], 'approved')?.to).toBe('approved');
		expect(may('pending', 'approve', ['owner'], 'approved')).toBeNull();
		expect(may('approved', 'move', ['owner'], 'pending')?.name).toBe('move');
		expect(may('approved', 'move', ['owner'], 'approved')?.name).toBe('move');
		expect(may('approved', 'check_in', ['member'], 'approved')?.name).toBe('check_in');
		expect(may('approved', 'release', ['system'], 'no_show')?.name).toBe('release');
	});

	it('never reads a missing or unknown target as "any target"', () => {
		for (const to of ['', null, undefined, 'bogus']) {
			for (const name of ['approve', 'reject', 'cancel', 'move', 'system']) {
				expect(may('pending', name, ['owner', 'staff', 'system'], to as string)).toBeNull();
			}
		}
		// a named transition to another target than its own is none
		expect(may('pending', 'approve', ['staff'], 'rejected')).toBeNull();
	});
});
