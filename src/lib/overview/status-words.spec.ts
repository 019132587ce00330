import { describe, expect, it } from 'vitest';
import { BOOKING_STATUSES, HOLD_STATUSES, PLACE_STATUSES } from '$lib/pocketbase-types';
import { bookingStatusWord, holdStatusWord, placeStatusWord, statusWordOf } from './status-words';

describe('status words', () => {
	it('has a word, not a code, for every status the database knows', () => {
		for (const [word, statuses] of [
			[bookingStatusWord, BOOKING_STATUSES],
			[holdStatusWord, HOLD_STATUSES],
			[placeStatusWord, PLACE_STATUSES]
		] as const) {
			for (const status of statuses) {
				const text = word(status);
				expect(text, status).not.toBe(status);
				expect(text, status).not.toMatch(/_/);
			}
		}
	});

	it('writes a no-show booking in words', () => {
		expect(bookingStatusWord('no_show')).toBe('Udeblevet: lokalet blev givet fri');
		expect(statusWordOf('bookings', 'no_show')).toBe('Udeblevet: lokalet blev givet fri');
	});

	it('tells a cancelled hold from a cancelled booking', () => {
		expect(holdStatusWord('cancelled')).toBe('Annulleret');
		expect(bookingStatusWord('cancelled')).toBe('Aflyst');
	});

	it('still reads an unknown status as words', () => {
		expect(bookingStatusWord('some_new_state')).toBe('some new state');
		expect(statusWordOf('unknown', 'no_show')).toBe('Udeblevet: lokalet blev givet fri');
	});
});
