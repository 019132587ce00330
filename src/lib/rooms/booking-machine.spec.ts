import { describe, expect, it } from 'vitest';
import { define } from '$rules/core/machine.js';
import {
	booking,
	cancelProblem,
	historyProblem,
	isState,
	may,
	series
} from '$rules/rooms/booking-machine.js';

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
		expect(may('pending', 'move', ['owner'], 'approved')?.name).toBe('move');
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

	it('keeps what a booking has become: all of it once ended, its room and start once under way', () => {
		const stored = { start: '2030-01-01 10:00:00.000Z', end: '2030-01-01 12:00:00.000Z' };
		const at = (time: string) => Date.parse(`2030-01-01T${time}Z`);
		for (const fields of [['room'], ['start', 'end'], ['end'], ['attendees'], ['association'], ['booker']]) {
			expect(historyProblem(stored, fields, at('09:59:59'))).toBeNull();
			expect(historyProblem(stored, fields, at('12:00:00'))).toEqual({
				code: 'rooms_booking_over',
				field: fields[0]
			});
		}
		expect(historyProblem(stored, ['end', 'room'], at('10:00:00'))).toEqual({
			code: 'rooms_booking_started',
			field: 'room'
		});
		expect(historyProblem(stored, ['start'], at('11:00:00'))?.code).toBe('rooms_booking_started');
		for (const fields of [['end'], ['attendees'], ['booker']]) {
			expect(historyProblem(stored, fields, at('11:00:00'))).toBeNull();
		}
		expect(historyProblem(stored, [], at('13:00:00'))).toBeNull();
		// an approved booking that has ended is not cancelled; a request still pending may be withdrawn
		expect(cancelProblem(stored, 'approved', at('11:59:59'))).toBeNull();
		expect(cancelProblem(stored, 'approved', at('12:00:00'))).toBe('rooms_cancel_booking_over');
		expect(cancelProblem(stored, 'pending', at('13:00:00'))).toBeNull();
	});
});
