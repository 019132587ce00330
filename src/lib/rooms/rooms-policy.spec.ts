import { describe, expect, it } from 'vitest';
import { tz } from '@date-fns/tz';
import { format } from 'date-fns';
import {
	bookingPolicyProblems,
	checkBookingPolicy,
	houseOffsetMinutes,
	localParts,
	localToUtc,
	mayCancel,
	lastStartWithoutCancel,
	withinOpeningHours,
	type OpeningHours,
	type RoomPolicy
} from '$rules/rooms-policy.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const utc = (iso: string) => Date.parse(iso);
const everyDay = (open: string, close: string): OpeningHours => ({
	mon: [[open, close]],
	tue: [[open, close]],
	wed: [[open, close]],
	thu: [[open, close]],
	fri: [[open, close]],
	sat: [[open, close]],
	sun: [[open, close]]
});

/**
 * Opening hours that count the days read: one read of a weekday's hours per day (rooms-policy.js,
 * openIntervals).
 */
function counted(hours: OpeningHours) {
	const counter = { reads: 0 };
	const proxy = new Proxy(hours, {
		get(target, key) {
			if (typeof key === 'string' && key in target) counter.reads++;
			return Reflect.get(target, key);
		}
	});
	return { proxy, counter };
}

describe('Copenhagen time through core/time.js', () => {
	it('agrees with @date-fns/tz every 30 minutes through 2026 and 2027', () => {
		const copenhagen = tz('Europe/Copenhagen');
		for (let t = utc('2026-01-01T00:00:00Z'); t < utc('2028-01-01T00:00:00Z'); t += 30 * 60_000 * 7) {
			const expected = format(new Date(t), 'yyyy-MM-dd HH:mm', { in: copenhagen });
			const parts = localParts(t);
			const hhmm = `${String(Math.floor(parts.minutes / 60)).padStart(2, '0')}:${String(parts.minutes % 60).padStart(2, '0')}`;
			expect(`${parts.date} ${hhmm}`).toBe(expected);
		}
	});

	it('switches offset at 01:00 UTC on the last Sundays of March and October', () => {
		expect(houseOffsetMinutes(utc('2026-03-29T00:59:00Z'))).toBe(60);
		expect(houseOffsetMinutes(utc('2026-03-29T01:00:00Z'))).toBe(120);
		expect(houseOffsetMinutes(utc('2026-10-25T00:59:00Z'))).toBe(120);
		expect(houseOffsetMinutes(utc('2026-10-25T01:00:00Z'))).toBe(60);
	});

	it('finds the instant of a wall-clock time on ordinary and daylight-saving days', () => {
		expect(localToUtc('2026-01-15', '19:00')).toBe(utc('2026-01-15T18:00:00Z'));
		expect(localToUtc('2026-07-15', '19:00')).toBe(utc('2026-07-15T17:00:00Z'));
		expect(localToUtc('2026-03-29', '03:00')).toBe(utc('2026-03-29T01:00:00Z'));
		expect(localToUtc('2026-03-29', '01:59')).toBe(utc('2026-03-29T00:59:00Z'));
		// 02:30 happens twice when clocks go back: no guess (core/time.js resolve names it ambiguous)
		expect(localToUtc('2026-10-25', '02:30')).toBeNull();
		expect(localToUtc('2026-10-25', '03:00')).toBe(utc('2026-10-25T02:00:00Z'));
	});

	it('refuses a wall-clock time that does not exist, and nonsense', () => {
		expect(localToUtc('2026-03-29', '02:00')).toBeNull();
		expect(localToUtc('2026-03-29', '02:30')).toBeNull();
		expect(localToUtc('2026-02-30', '10:00')).toBeNull();
		expect(localToUtc('2026-02-10', '24:00')).toBeNull();
		expect(localToUtc('i morgen', '10:00')).toBeNull();
	});
});

describe('withinOpeningHours', () => {
	const hours = everyDay('08:00', '22:00');
	it('accepts a booking inside and refuses one crossing opening or closing', () => {
		expect(withinOpeningHours(hours, utc('2026-06-10T06:00:00Z'), utc('2026-06-10T08:00:00Z'))).toBe(true);
		expect(withinOpeningHours(hours, utc('2026-06-10T05:30:00Z'), utc('2026-06-10T07:00:00Z'))).toBe(false);
		expect(withinOpeningHours(hours, utc('2026-06-10T19:00:00Z'), utc('2026-06-10T20:00:00Z'))).toBe(true);
		expect(withinOpeningHours(hours, utc('2026-06-10T19:30:00Z'), utc('2026-06-10T20:30:00Z'))).toBe(false);
	});

	it('uses Copenhagen time in winter and summer', () => {
		// 21:00-22:00 local is 20:00-21:00 UTC in winter, 19:00-20:00 UTC in summer
		expect(withinOpeningHours(hours, utc('2026-01-10T20:00:00Z'), utc('2026-01-10T21:00:00Z'))).toBe(true);
		expect(withinOpeningHours(hours, utc('2026-07-10T20:00:00Z'), utc('2026-07-10T21:00:00Z'))).toBe(false);
	});

	it('keeps the wall-clock hours on both daylight-saving days', () => {
		// spring: 08:00 local = 06:00 UTC; autumn: 08:00 local = 07:00 UTC
		expect(withinOpeningHours(hours, utc('2026-03-29T06:00:00Z'), utc('2026-03-29T07:00:00Z'))).toBe(true);
		expect(withinOpeningHours(hours, utc('2026-03-29T05:30:00Z'), utc('2026-03-29T07:00:00Z'))).toBe(false);
		expect(withinOpeningHours(hours, utc('2026-10-25T07:00:00Z'), utc('2026-10-25T08:00:00Z'))).toBe(true);
		expect(withinOpeningHours(hours, utc('2026-10-25T06:30:00Z'), utc('2026-10-25T08:00:00Z'))).toBe(false);
	});

	it('follows opening hours across midnight, also on a daylight-saving night', () => {
		const night = everyDay('20:00', '02:00');
		// Friday 23:00 to Saturday 01:30 local, winter
		expect(withinOpeningHours(night, utc('2026-01-09T22:00:00Z'), utc('2026-01-10T00:30:00Z'))).toBe(true);
		expect(withinOpeningHours(night, utc('2026-01-09T22:00:00Z'), utc('2026-01-10T01:30:00Z'))).toBe(false);
		// the night clocks go back, 02:00 happens twice and the first one closes: 00:00 UTC
		expect(withinOpeningHours(night, utc('2026-10-24T22:00:00Z'), utc('2026-10-25T00:00:00Z'))).toBe(true);
		expect(withinOpeningHours(night, utc('2026-10-24T22:00:00Z'), utc('2026-10-25T00:30:00Z'))).toBe(false);
		// the night clocks go forward: 20:00 Saturday to 02:00 Sunday local (02:00 moved to 03:00 = 01:00 UTC)
		expect(withinOpeningHours(night, utc('2026-03-28T19:00:00Z'), utc('2026-03-29T01:00:00Z'))).toBe(true);
		expect(withinOpeningHours(night, utc('2026-03-28T19:00:00Z'), utc('2026-03-29T01:30:00Z'))).toBe(false);
	});

	it('treats a missing weekday as closed', () => {
		const weekdays: OpeningHours = { mon: [['08:00', '16:00']] };
		// 2026-06-09 is a Tuesday
		expect(withinOpeningHours(weekdays, utc('2026-06-09T08:00:00Z'), utc('2026-06-09T09:00:00Z'))).toBe(
			false
		);
		expect(withinOpeningHours(weekdays, utc('2026-06-08T08:00:00Z'), utc('2026-06-08T09:00:00Z'))).toBe(true);
		expect(withinOpeningHours(null, utc('2026-06-08T08:00:00Z'), utc('2026-06-08T09:00:00Z'))).toBe(false);
	});
});

describe('checkBookingPolicy', () => {
	const room: RoomPolicy = {
		capacity: 10,
		opening_hours: everyDay('08:00', '22:00'),
		min_minutes: 30,
		max_minutes: 180,
		step_minutes: 30,
		horizon_days: 60,
		active: true
	};
	const now = utc('2026-06-01T10:00:00Z');
	const ok = {
		room,
		start: utc('2026-06-10T08:00:00Z'),
		end: utc('2026-06-10T10:00:00Z'),
		attendees: 5,
		now
	};

	it('accepts a booking that keeps every limit', () => {
		expect(checkBookingPolicy(ok)).toBeNull();
	});

	it('judges a booking under way by its new end only, never an end already past', () => {
		const running = { ...ok, start: utc('2026-06-01T09:00:00Z'), running: true };
		expect(checkBookingPolicy({ ...running, end: utc('2026-06-01T11:00:00Z') })).toBeNull();
		expect(checkBookingPolicy({ ...running, end: utc('2026-06-01T10:00:00Z') })).toEqual({
			code: 'rooms_end_in_past',
			field: 'end'
		});
		// the rest of the policy still holds: longer than the room allows
		expect(checkBookingPolicy({ ...running, end: utc('2026-06-01T13:00:00Z') })?.code).toBe('rooms_too_long');
		expect(checkBookingPolicy({ ...running, running: false, end: utc('2026-06-01T11:00:00Z') })?.code).toBe(
			'rooms_in_past'
		);
	});

	it.each([
		['rooms_invalid_time', { start: Number.NaN }],
		['rooms_end_before_start', { end: utc('2026-06-10T08:00:00Z') }],
		['rooms_end_before_start', { end: utc('2026-06-10T07:00:00Z') }],
		['rooms_in_past', { start: utc('2026-05-31T08:00:00Z'), end: utc('2026-05-31T09:00:00Z') }],
		['rooms_attendees_invalid', { attendees: 0 }],
		['rooms_attendees_invalid', { attendees: 2.5 }],
		['rooms_over_capacity', { attendees: 11 }],
		['rooms_too_short', { end: utc('2026-06-10T08:15:00Z') }],
		['rooms_too_long', { end: utc('2026-06-10T11:30:00Z') }],
		['rooms_off_step', { start: utc('2026-06-10T08:10:00Z'), end: utc('2026-06-10T09:10:00Z') }],
		['rooms_off_step', { end: utc('2026-06-10T09:45:00Z') }],
		['rooms_beyond_horizon', { start: utc('2026-08-10T08:00:00Z'), end: utc('2026-08-10T09:00:00Z') }],
		['rooms_outside_hours', { start: utc('2026-06-10T19:00:00Z'), end: utc('2026-06-10T21:00:00Z') }]
	] as const)('%s', (code, change) => {
		expect(checkBookingPolicy({ ...ok, ...change })?.code).toBe(code);
	});

	it('blames the field that is off the step: the start, or the end of a start on it', () => {
		expect(
			checkBookingPolicy({ ...ok, start: utc('2026-06-10T08:10:00Z'), end: utc('2026-06-10T09:10:00Z') })
		).toEqual({ code: 'rooms_off_step', field: 'start' });
		expect(checkBookingPolicy({ ...ok, end: utc('2026-06-10T09:45:00Z') })).toEqual({
			code: 'rooms_off_step',
			field: 'end'
		});
	});

	it('refuses an inactive room', () => {
		expect(checkBookingPolicy({ ...ok, room: { ...room, active: false } })?.code).toBe('rooms_inactive');
	});

	it('holds a room without a longest booking to the horizon at the end too', () => {
		const open = { ...room, opening_hours: everyDay('00:00', '00:00'), max_minutes: 0 };
		// the last date is 31 July (60 days from 1 June): until its midnight, not a minute longer
		const lastMidnight = utc('2026-07-31T22:00:00Z');
		const start = utc('2026-06-10T08:00:00Z');
		expect(checkBookingPolicy({ ...ok, room: open, start, end: lastMidnight })).toBeNull();
		expect(checkBookingPolicy({ ...ok, room: open, start, end: lastMidnight + 30 * 60_000 })).toEqual({
			code: 'rooms_beyond_horizon',
			field: 'end'
		});
		expect(checkBookingPolicy({ ...ok, room: open, start, end: utc('2099-06-10T08:00:00Z') })?.code).toBe(
			'rooms_beyond_horizon'
		);
		// nor for the house's own skipping it, nor in a room without a horizon
		expect(
			checkBookingPolicy({ ...ok, room: open, start, end: lastMidnight + DAY, skipHorizon: true })
		).toBeNull();
		expect(
			checkBookingPolicy({ ...ok, room: { ...open, horizon_days: 0 }, start, end: lastMidnight + DAY })
		).toBeNull();
		// a room with a longest booking is held to it instead, as before
		expect(
			checkBookingPolicy({
				...ok,
				room: { ...open, max_minutes: 10080 },
				start: utc('2026-07-31T08:00:00Z'),
				end: utc('2026-08-01T08:00:00Z')
			})
		).toBeNull();
	});

	it('reads a room’s opening hours no further than a booking may last, and a day beyond', () => {
		// day by day to 2099 kept the server busy for seconds on one request
		const start = utc('2026-06-10T08:00:00Z');
		const far = utc('2099-12-30T10:00:00Z');
		const cases: [Partial<RoomPolicy>, boolean | undefined, string][] = [
			[{ max_minutes: 240 }, undefined, 'rooms_too_long'],
			[{ max_minutes: 0 }, undefined, 'rooms_beyond_horizon'],
			[{ max_minutes: 240 }, true, 'rooms_too_long']
		];
		for (const [policy, skipHorizon, code] of cases) {
			const { proxy, counter } = counted(everyDay('00:00', '00:00'));
			const problems = bookingPolicyProblems({
				...ok,
				room: { ...room, ...policy, opening_hours: proxy },
				start,
				end: far,
				skipHorizon
			});
			expect(problems.map((p) => p.code)).toContain(code);
			// the horizon is 60 days: never the 27,000 days to 2099
			expect(counter.reads, JSON.stringify(policy)).toBeLessThan(70);
		}
	});

	it('judges a span of weeks by its first eight days, in a room without horizon or longest booking too', () => {
		const start = utc('2026-06-10T08:00:00Z');
		const far = utc('2099-12-30T10:00:00Z');
		// open around the clock: any span is inside, read no further than its first days
		const always = counted(everyDay('00:00', '00:00'));
		expect(withinOpeningHours(always.proxy, start, far)).toBe(true);
		expect(always.counter.reads).toBeLessThan(20);
		// across both daylight-saving changes of a year
		expect(withinOpeningHours(everyDay('00:00', '00:00'), start, utc('2027-06-10T08:00:00Z'))).toBe(true);
		// a gap in any week (Sunday closed, or closed at night) is a gap in a span of weeks
		const sundays = { ...everyDay('00:00', '00:00'), sun: [] };
		expect(withinOpeningHours(sundays, start, start + 30 * DAY)).toBe(false);
		expect(withinOpeningHours(everyDay('06:00', '02:00'), start, start + 30 * DAY)).toBe(false);
		// the room without limits (staff's own) refuses such a span at once for its hours
		const open = { ...room, opening_hours: sundays, max_minutes: 0, horizon_days: 0 };
		const nights = counted(sundays);
		const problems = bookingPolicyProblems({
			...ok,
			room: { ...open, opening_hours: nights.proxy },
			start,
			end: far
		});
		expect(problems.map((p) => p.code)).toEqual(['rooms_outside_hours']);
		expect(nights.counter.reads).toBeLessThan(20);
	});

	it('lets the system skip the horizon', () => {
		const far = { ...ok, start: utc('2026-08-10T08:00:00Z'), end: utc('2026-08-10T09:00:00Z') };
		expect(checkBookingPolicy({ ...far, skipHorizon: true })).toBeNull();
	});
});

describe('bookingPolicyProblems', () => {
	const room: RoomPolicy = {
		capacity: 10,
		opening_hours: everyDay('08:00', '22:00'),
		min_minutes: 30,
		max_minutes: 180,
		step_minutes: 30,
		horizon_days: 60,
		active: true
	};
	const now = utc('2026-06-01T10:00:00Z');
	// Copenhagen is UTC+2 in June: 08:00 to 10:00 local
	const ok = {
		room,
		start: utc('2026-06-10T06:00:00Z'),
		end: utc('2026-06-10T08:00:00Z'),
		attendees: 5,
		now
	};

	it('is empty for a booking that keeps every limit', () => {
		expect(bookingPolicyProblems(ok)).toEqual([]);
	});

	it('names every rule a booking breaks at once, one per field, the hook’s refusal first', () => {
		// 06:00 to 07:00 local, before the room opens, for more people than it holds
		const early = {
			...ok,
			start: utc('2026-06-10T04:00:00Z'),
			end: utc('2026-06-10T05:00:00Z'),
			attendees: 500
		};
		expect(bookingPolicyProblems(early)).toEqual([
			{ code: 'rooms_over_capacity', field: 'attendees' },
			{ code: 'rooms_outside_hours', field: 'form' }
		]);
		expect(checkBookingPolicy(early)).toEqual(bookingPolicyProblems(early)[0]);
		// off the step, beyond the horizon, too long and outside the hours: the start says the first of its two
		const far = {
			...ok,
			start: utc('2026-08-10T17:10:00Z'),
			end: utc('2026-08-10T21:10:00Z'),
			attendees: 0
		};
		expect(bookingPolicyProblems(far)).toEqual([
			{ code: 'rooms_attendees_invalid', field: 'attendees' },
			{ code: 'rooms_too_long', field: 'end' },
			{ code: 'rooms_off_step', field: 'start' },
			{ code: 'rooms_outside_hours', field: 'form' }
		]);
		expect(checkBookingPolicy(far)).toEqual(bookingPolicyProblems(far)[0]);
	});

	it('judges no length or hours of times in the wrong order, and still the number of attendees', () => {
		const backwards = { ...ok, end: utc('2026-06-10T05:00:00Z'), attendees: 11 };
		expect(bookingPolicyProblems(backwards)).toEqual([
			{ code: 'rooms_end_before_start', field: 'end' },
			{ code: 'rooms_over_capacity', field: 'attendees' }
		]);
		expect(bookingPolicyProblems({ ...ok, start: Number.NaN, attendees: 0 })).toEqual([
			{ code: 'rooms_invalid_time', field: 'start' },
			{ code: 'rooms_attendees_invalid', field: 'attendees' }
		]);
	});

	it('leaves out what the desk overrides, and without a room checks only what needs none', () => {
		const far = {
			...ok,
			start: utc('2026-08-10T06:00:00Z'),
			end: utc('2026-08-10T08:00:00Z'),
			attendees: 11
		};
		expect(bookingPolicyProblems(far).map((p) => p.code)).toEqual([
			'rooms_over_capacity',
			'rooms_beyond_horizon'
		]);
		expect(bookingPolicyProblems({ ...far, skipHorizon: true }).map((p) => p.code)).toEqual([
			'rooms_over_capacity'
		]);
		expect(bookingPolicyProblems({ ...far, room: null })).toEqual([]);
		expect(bookingPolicyProblems({ ...far, room: null, end: far.start })).toEqual([
			{ code: 'rooms_end_before_start', field: 'end' }
		]);
	});
});

describe('mayCancel', () => {
	it('allows cancelling until cancel_hours before the start', () => {
		const start = utc('2026-06-10T08:00:00Z');
		expect(mayCancel(48, start, start - 49 * HOUR)).toBe(true);
		expect(mayCancel(48, start, start - 47 * HOUR)).toBe(false);
		expect(mayCancel(0, start, start - 1)).toBe(true);
		expect(mayCancel(0, start, start)).toBe(false);
	});
});

describe('lastStartWithoutCancel', () => {
	it('is the latest start that mayCancel refuses for a booking made now', () => {
		const now = utc('2026-06-10T08:00:30Z');
		for (const hours of [0, 1, 48]) {
			const last = lastStartWithoutCancel(hours, now);
			expect(mayCancel(hours, last, now)).toBe(false);
			expect(mayCancel(hours, last + 1, now)).toBe(true);
		}
	});
});
