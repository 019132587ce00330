import { describe, expect, it } from 'vitest';
import { checkPolicy, isDue, phase, seasonOf, thresholdOf, windowOf } from '$rules/rooms/checkin.js';
import { resolve } from '$rules/core/time.js';
import { toPbDate } from '$rules/room-claims.js';
import { attendanceAction } from './checkin';

// The pure check-in rules (docs/rules.md, "Check-in and no-shows"), as the server and the app use them.

const MINUTE = 60_000;
const room = { checkin_required: true, checkin_opens_minutes: 15, checkin_grace_minutes: 10 };
const start = Date.UTC(2026, 10, 30, 17, 0);
const booking = {
	status: 'approved',
	start,
	end: start + 60 * MINUTE,
	checked_in_at: '',
	checked_out_at: ''
};

describe('the check-in window', () => {
	it('opens before the start and closes when the grace period ends', () => {
		expect(windowOf(room, start)).toEqual({ opens: start - 15 * MINUTE, closes: start + 10 * MINUTE });
		expect(phase(room, booking, start - 16 * MINUTE)).toBe('early');
		expect(phase(room, booking, start - 15 * MINUTE)).toBe('open');
		expect(phase(room, booking, start + 9 * MINUTE)).toBe('open');
		expect(phase(room, booking, start + 10 * MINUTE)).toBe('late');
	});

	it('is only for approved bookings in rooms that require check-in', () => {
		expect(phase({ ...room, checkin_required: false }, booking, start)).toBe('off');
		for (const status of ['pending', 'cancelled', 'rejected', 'no_show'])
			expect(phase(room, { ...booking, status }, start)).toBe('closed');
		expect(phase(room, { ...booking, checked_in_at: 'x' }, start)).toBe('checked_in');
		expect(phase(room, { ...booking, checked_in_at: 'x', checked_out_at: 'y' }, start)).toBe('checked_out');
	});

	it('offers "Vi er her" while open and check-out while a checked-in booking runs', () => {
		const record = {
			status: 'approved' as const,
			start: toPbDate(start),
			end: toPbDate(start + 60 * MINUTE),
			checked_in_at: '',
			checked_out_at: ''
		};
		expect(attendanceAction(room, record, start - 20 * MINUTE)).toBeNull();
		expect(attendanceAction(room, record, start)).toBe('check_in');
		const checked = { ...record, checked_in_at: toPbDate(start - 5 * MINUTE) };
		expect(attendanceAction(room, checked, start - MINUTE)).toBeNull();
		expect(attendanceAction(room, checked, start + 30 * MINUTE)).toBe('check_out');
		expect(attendanceAction(room, checked, start + 60 * MINUTE)).toBeNull();
	});
});

describe('the release', () => {
	const policy = { ...room, checkin_since: start - 24 * 60 * MINUTE };
	it('is due once the grace period has ended without a check-in', () => {
		expect(isDue(policy, booking, start + 9 * MINUTE)).toBe(false);
		expect(isDue(policy, booking, start + 10 * MINUTE)).toBe(true);
		expect(isDue(policy, { ...booking, checked_in_at: 'x' }, start + 60 * MINUTE)).toBe(false);
		expect(isDue(policy, { ...booking, status: 'pending' }, start + 60 * MINUTE)).toBe(false);
	});

	it('keeps the longer grace a booking was given before the room got a shorter one', () => {
		// the room's grace is 10 minutes now; the booking keeps 30 from before
		const kept = { ...booking, checkin_grace_minutes: 30 };
		expect(windowOf(room, start, 0, 30).closes).toBe(start + 30 * MINUTE);
		expect(phase(room, kept, start + 20 * MINUTE)).toBe('open');
		expect(isDue(policy, kept, start + 29 * MINUTE)).toBe(false);
		expect(isDue(policy, kept, start + 30 * MINUTE)).toBe(true);
		// a shorter one kept, or none: the room's
		expect(windowOf(room, start, 0, 5).closes).toBe(start + 10 * MINUTE);
		expect(isDue(policy, { ...booking, checkin_grace_minutes: 0 }, start + 10 * MINUTE)).toBe(true);
	});

	it('counts the grace from a late approval: a booking nobody could check in while pending', () => {
		// approved 20 minutes after the start: open for the grace from then
		const late = { ...booking, approved_at: start + 20 * MINUTE };
		expect(windowOf(room, start, late.approved_at)).toEqual({
			opens: start - 15 * MINUTE,
			closes: start + 30 * MINUTE
		});
		expect(phase(room, late, start + 25 * MINUTE)).toBe('open');
		expect(isDue(policy, late, start + 29 * MINUTE)).toBe(false);
		expect(isDue(policy, late, start + 30 * MINUTE)).toBe(true);
		// approved before the window opened: the usual grace
		expect(isDue(policy, { ...booking, approved_at: start - 60 * MINUTE }, start + 10 * MINUTE)).toBe(true);
		// approved after it ended: never a no-show
		expect(isDue(policy, { ...booking, approved_at: start + 61 * MINUTE }, start + 3 * 60 * MINUTE)).toBe(
			false
		);
	});

	it('never reaches bookings that started before check-in was required', () => {
		expect(isDue({ ...policy, checkin_since: start + MINUTE }, booking, start + 60 * MINUTE)).toBe(false);
		expect(isDue({ ...policy, checkin_since: NaN }, booking, start + 60 * MINUTE)).toBe(false);
	});
});

describe('the policy, the season and the house rule', () => {
	it('refuses insane ranges with their codes', () => {
		expect(checkPolicy(room)).toBeNull();
		expect(checkPolicy({ ...room, checkin_opens_minutes: 241 })?.code).toBe('rooms_checkin_opens_invalid');
		expect(checkPolicy({ ...room, checkin_opens_minutes: -1 })?.code).toBe('rooms_checkin_opens_invalid');
		expect(checkPolicy({ ...room, checkin_grace_minutes: 4 })?.code).toBe('rooms_checkin_grace_invalid');
		expect(checkPolicy({ ...room, checkin_grace_minutes: 121 })?.code).toBe('rooms_checkin_grace_invalid');
		expect(checkPolicy({ ...room, checkin_grace_minutes: 7.5 })?.code).toBe('rooms_checkin_grace_invalid');
	});

	it('runs a season from 1 August to 31 July in house time', () => {
		const at = (date: string, time: string) => {
			const r = resolve(date, time);
			if (!('instant' in r)) throw new Error(date);
			return r.instant;
		};
		expect(seasonOf(at('2026-11-30', '12:00')).label).toBe('2026/27');
		expect(seasonOf(at('2027-07-31', '23:59')).label).toBe('2026/27');
		expect(seasonOf(at('2027-08-01', '00:00')).label).toBe('2027/28');
		const season = seasonOf(at('2026-11-30', '12:00'));
		expect(season.from).toBe(at('2026-08-01', '00:00'));
		expect(season.to).toBe(at('2027-08-01', '00:00'));
	});

	it('takes the threshold from the environment, three by default', () => {
		expect(thresholdOf(undefined)).toBe(3);
		expect(thresholdOf('5')).toBe(5);
		expect(thresholdOf('0')).toBe(3);
		expect(thresholdOf('many')).toBe(3);
	});
});
