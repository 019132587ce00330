import { describe, expect, it } from 'vitest';
import { horizonEnd, lastBookableDate, checkBookingPolicy, localToUtc } from '$rules/rooms-policy.js';
import { slotChoice } from './slot';
import { splitBeyondHorizon, type PreviewDate } from './preview';
import { freeRooms, type SearchRoom } from './search';

const at = (date: string, time: string) => localToUtc(date, time) as number;

describe('the booking horizon, one source for the hook and the page', () => {
	const now = at('2026-11-30', '10:00');

	it('names the last date a booking can start on, the same the policy refuses after', () => {
		expect(lastBookableDate(180, now)).toBe('2027-05-29');
		expect(horizonEnd(180, now)).toBe(at('2027-05-30', '00:00') - 1);
		const room = {
			capacity: 10,
			opening_hours: null,
			min_minutes: 0,
			max_minutes: 0,
			step_minutes: 30,
			horizon_days: 180,
			active: true
		};
		const check = (start: number) =>
			checkBookingPolicy({ room, start, end: start + 3_600_000, attendees: 1, now });
		// the whole last date passes the horizon, later than the hour of now too; the next day does not
		expect(check(at('2027-05-29', '09:00'))?.code).not.toBe('rooms_beyond_horizon');
		expect(check(at('2027-05-29', '22:30'))?.code).not.toBe('rooms_beyond_horizon');
		expect(check(at('2027-05-30', '00:00'))?.code).toBe('rooms_beyond_horizon');
	});

	it('keeps the last date whole across a change of clocks', () => {
		// 180 days from 10:00 on 2 December lands on 31 May; from 23:30 the summer time change would have
		// moved a plain 180 x 24 hours past midnight onto the next date's first hour
		const late = at('2026-12-02', '23:30');
		expect(lastBookableDate(180, late)).toBe('2027-05-31');
		expect(horizonEnd(180, late)).toBe(at('2027-06-01', '00:00') - 1);
	});

	it('has no last date when the room has no horizon', () => {
		expect(lastBookableDate(0, now)).toBeNull();
		expect(horizonEnd(0, now)).toBe(Infinity);
	});
});

describe('splitBeyondHorizon', () => {
	it('gathers the dates beyond the horizon and keeps the rest in order', () => {
		const beyondHorizon = { state: 'unavailable', code: 'rooms_beyond_horizon' } as const;
		const preview: PreviewDate[] = [
			{ date: '2027-05-20', state: 'free', reasons: [] },
			{ date: '2027-05-27', state: 'booking', reasons: [{ state: 'booking' }] },
			{ date: '2027-06-03', state: 'unavailable', code: 'rooms_beyond_horizon', reasons: [beyondHorizon] },
			{
				date: '2027-06-10',
				state: 'unavailable',
				code: 'rooms_outside_hours',
				reasons: [{ state: 'unavailable', code: 'rooms_outside_hours' }]
			},
			{ date: '2027-06-17', state: 'unavailable', code: 'rooms_beyond_horizon', reasons: [beyondHorizon] },
			// beyond the horizon and closed besides: shown on its own, with both
			{
				date: '2027-06-24',
				state: 'unavailable',
				code: 'rooms_beyond_horizon',
				reasons: [beyondHorizon, { state: 'closed' }]
			}
		];
		const { beyond, rest } = splitBeyondHorizon(preview);
		expect(beyond).toEqual(['2027-06-03', '2027-06-17']);
		expect(rest.map((p) => p.date)).toEqual(['2027-05-20', '2027-05-27', '2027-06-10', '2027-06-24']);
	});
});

describe('slotChoice', () => {
	const room = { step_minutes: 30, min_minutes: 60, max_minutes: 240, buffer_minutes: 15 };

	it('suggests two hours from the start of the free stretch', () => {
		expect(
			slotChoice({ date: '2026-12-01', segment: { kind: 'free', from: '08:00', to: '22:00' }, room })
		).toEqual({ date: '2026-12-01', start: '08:00', end: '10:00' });
	});

	it('keeps clear of a busy neighbour by the buffer, on the time step, inside the stretch', () => {
		expect(
			slotChoice({
				date: '2026-12-01',
				segment: { kind: 'free', from: '12:00', to: '13:45' },
				before: 'busy',
				after: 'busy',
				room
			})
		).toEqual({ date: '2026-12-01', start: '12:30', end: '13:30' });
	});

	it('starts after now on today and gives up when nothing long enough is left', () => {
		const segment = { kind: 'free' as const, from: '08:00', to: '22:00' };
		expect(slotChoice({ date: 'd', segment, room, nowMinutes: 10 * 60 + 5 })).toEqual({
			date: 'd',
			start: '10:30',
			end: '12:30'
		});
		expect(slotChoice({ date: 'd', segment, room, nowMinutes: 21 * 60 })).toBeNull();
	});

	it('ends a stretch that runs to midnight at 00:00, never 24:00, and stays within the longest booking', () => {
		const short = { ...room, max_minutes: 90, min_minutes: 0 };
		expect(
			slotChoice({ date: 'd', segment: { kind: 'free', from: '23:00', to: '24:00' }, room: short })
		).toEqual({
			date: 'd',
			start: '23:00',
			end: '00:00'
		});
		// the last hour of a room open until midnight fits a booking of at least an hour
		expect(slotChoice({ date: 'd', segment: { kind: 'free', from: '23:00', to: '24:00' }, room })).toEqual({
			date: 'd',
			start: '23:00',
			end: '00:00'
		});
		expect(slotChoice({ date: 'd', segment: { kind: 'free', from: '20:00', to: '24:00' }, room })).toEqual({
			date: 'd',
			start: '20:00',
			end: '22:00'
		});
		expect(
			slotChoice({ date: 'd', segment: { kind: 'free', from: '08:00', to: '22:00' }, room: short })?.end
		).toBe('09:30');
	});
});

describe('freeRooms', () => {
	const base: SearchRoom = {
		id: 'a',
		capacity: 20,
		opening_hours: { tue: [['08:00', '22:00']] },
		min_minutes: 60,
		max_minutes: 240,
		step_minutes: 30,
		horizon_days: 180,
		active: true,
		buffer_minutes: 15,
		facilities: ['Projektor', 'Køkken'],
		step_free: true,
		hearing_loop: false,
		accessible_toilet: true
	};
	const rooms = [
		base,
		{ ...base, id: 'b', capacity: 8 },
		{ ...base, id: 'c', hearing_loop: true, facilities: [] },
		{ ...base, id: 'd' },
		{ ...base, id: 'e' }
	];
	const now = at('2026-11-30', '10:00');
	const query = {
		date: '2026-12-01',
		start: '19:00',
		end: '21:00',
		attendees: 10,
		needs: [] as ('step_free' | 'hearing_loop' | 'accessible_toilet')[],
		facilities: [] as string[]
	};
	// d is busy until 18:50 (inside its 15 minute buffer); e is closed that evening
	const busy = [{ room: 'd', start: at('2026-12-01', '17:00'), end: at('2026-12-01', '18:50') }];
	const closures = [{ room: 'e', start: at('2026-12-01', '18:00'), end: at('2026-12-01', '23:00') }];
	const ids = (result: ReturnType<typeof freeRooms>) =>
		'rooms' in result ? result.rooms.map((r) => r.id) : result;

	it('lists the rooms that are big enough, open and free, buffer and closures counted', () => {
		expect(ids(freeRooms({ rooms, query, busy, closures, now }))).toEqual(['a', 'c']);
	});

	it('keeps only rooms with every need and facility asked for (facility names in any case)', () => {
		expect(
			ids(freeRooms({ rooms, query: { ...query, needs: ['hearing_loop'] }, busy, closures, now }))
		).toEqual(['c']);
		expect(
			ids(freeRooms({ rooms, query: { ...query, facilities: ['projektor'] }, busy, closures, now }))
		).toEqual(['a']);
	});

	it('closes the whole house with a closure of no room, and leaves out what the rules refuse', () => {
		const house = [{ room: '', start: at('2026-12-01', '00:00'), end: at('2026-12-02', '00:00') }];
		expect(ids(freeRooms({ rooms, query, busy, closures: house, now }))).toEqual([]);
		// Wednesday is outside the opening hours, 19:10 is off the time step
		expect(ids(freeRooms({ rooms, query: { ...query, date: '2026-12-02' }, busy, closures, now }))).toEqual(
			[]
		);
		expect(ids(freeRooms({ rooms, query: { ...query, start: '19:10' }, busy, closures, now }))).toEqual([]);
	});

	it('answers a code for a time already gone, not an empty list', () => {
		expect(
			freeRooms({
				rooms,
				query: { ...query, date: '2026-11-30', start: '09:00', end: '11:00' },
				busy,
				closures,
				now
			})
		).toEqual({
			code: 'rooms_in_past',
			field: 'start'
		});
	});

	it('reads an end at 00:00 as the midnight that ends the day', () => {
		const late: SearchRoom[] = [{ ...base, opening_hours: { tue: [['08:00', '00:00']] } }];
		expect(
			ids(freeRooms({ rooms: late, query: { ...query, start: '22:00', end: '00:00' }, busy, closures, now }))
		).toEqual(['a']);
		// a room closing at 22 is not open until midnight
		expect(
			ids(
				freeRooms({ rooms, query: { ...query, start: '22:00', end: '00:00' }, busy: [], closures: [], now })
			)
		).toEqual([]);
	});

	it('answers a code for a time that ends before it starts', () => {
		expect(freeRooms({ rooms, query: { ...query, end: '18:00' }, busy, closures, now })).toEqual({
			code: 'rooms_end_before_start',
			field: 'end'
		});
	});
});
