import { describe, expect, it } from 'vitest';
import * as time from '$rules/rooms-policy.js';
import {
	holdStats,
	inUseSpans,
	noShows,
	periodBounds,
	roomUse,
	subtract,
	volunteerHours
} from '$rules/stats.js';

const at = (iso: string) => Date.parse(iso);
const HOURS = { mon: [['08:00', '22:00']], tue: [['08:00', '22:00']], sun: [['10:00', '16:00']] };

describe('the statistics period', () => {
	it('runs from the first house midnight to the midnight after the last day', () => {
		expect(periodBounds(time, '2026-11-02', '2026-11-08')).toEqual({
			from: at('2026-11-01T23:00:00Z'),
			to: at('2026-11-08T23:00:00Z')
		});
	});

	it('has 23 hours on the day clocks go forward', () => {
		const day = periodBounds(time, '2026-03-29', '2026-03-29');
		expect('error' in day ? 0 : (day.to - day.from) / 3_600_000).toBe(23);
	});

	it('refuses reversed, impossible and over-long periods', () => {
		expect(periodBounds(time, '2026-11-08', '2026-11-02')).toEqual({
			error: 'stats_invalid_period',
			field: 'from'
		});
		expect(periodBounds(time, '2026-02-30', '2026-03-02')).toEqual({
			error: 'stats_from_invalid',
			field: 'from'
		});
		expect(periodBounds(time, 'yesterday', '2026-03-02')).toEqual({
			error: 'stats_from_invalid',
			field: 'from'
		});
		expect(periodBounds(time, '0000-01-01', '2026-03-02')).toEqual({
			error: 'stats_from_invalid',
			field: 'from'
		});
		expect(periodBounds(time, '2026-01-01', '9999-12-31')).toEqual({
			error: 'core_date_out_of_range',
			field: 'to'
		});
		expect(periodBounds(time, '2025-01-01', '2026-01-02')).toEqual({
			error: 'stats_period_too_long',
			field: 'from'
		});
		expect(periodBounds(time, '2026-03-01', '2026-02-29')).toEqual({
			error: 'stats_to_invalid',
			field: 'to'
		});
		expect('error' in periodBounds(time, '2025-01-01', '2025-12-31')).toBe(false);
	});
});

describe('room use', () => {
	const week = { from: at('2026-11-01T23:00:00Z'), to: at('2026-11-08T23:00:00Z') }; // Mon 2 – Sun 8 Nov
	const rooms = [
		{ id: 'a', name: 'Salen', opening_hours: HOURS },
		{ id: 'b', name: 'Mødelokale', opening_hours: HOURS }
	];

	it('counts booked minutes by room, house weekday and house hour, spread over the hours a claim spans', () => {
		const use = roomUse(
			time,
			week,
			rooms,
			[
				// Monday 19:30–21:00 house time (UTC+1)
				{ room: 'a', start: at('2026-11-02T18:30:00Z'), end: at('2026-11-02T20:00:00Z'), kind: 'booking' },
				// Sunday 10:00–12:00, an event
				{ room: 'b', start: at('2026-11-08T09:00:00Z'), end: at('2026-11-08T11:00:00Z'), kind: 'event' }
			],
			[]
		);
		expect(use.rooms.map((r) => [r.id, r.bookings, r.events, r.minutes])).toEqual([
			['a', 1, 0, 90],
			['b', 0, 1, 120]
		]);
		expect(use.weekdays).toEqual([90, 0, 0, 0, 0, 0, 120]);
		expect(use.hours[19]).toBe(30);
		expect(use.hours[20]).toBe(60);
		expect(use.hours[10]).toBe(60);
		expect(use.hours[11]).toBe(60);
		expect(use.hours.reduce((a, b) => a + b, 0)).toBe(210);
	});

	it('counts only the part of a claim inside the period, and open time less closures', () => {
		const use = roomUse(
			time,
			week,
			rooms,
			[{ room: 'a', start: at('2026-11-08T22:00:00Z'), end: at('2026-11-09T01:00:00Z'), kind: 'booking' }],
			[
				{ room: '', start: at('2026-11-02T07:00:00Z'), end: at('2026-11-02T21:00:00Z') }, // house closed Monday
				{ room: 'b', start: at('2026-11-03T07:00:00Z'), end: at('2026-11-03T08:00:00Z') }
			]
		);
		expect(use.rooms[0]?.minutes).toBe(60);
		// Open: Mon 14 h + Tue 14 h + Sun 6 h = 34 h; Monday closed for both, one Tuesday hour for b.
		expect(use.rooms[0]?.openMinutes).toBe(20 * 60);
		expect(use.rooms[1]?.openMinutes).toBe(19 * 60);
	});

	it('counts occupancy only inside the open time, so it never passes 100 %', () => {
		const use = roomUse(
			time,
			week,
			rooms,
			[
				// Tuesday 3 November: a whole day and night, of which the room's opening hours are 14 h
				{ room: 'a', start: at('2026-11-02T23:00:00Z'), end: at('2026-11-03T23:00:00Z'), kind: 'event' },
				// and a booking on top of it inside the hours
				{ room: 'a', start: at('2026-11-03T09:00:00Z'), end: at('2026-11-03T10:00:00Z'), kind: 'booking' }
			],
			[]
		);
		const a = use.rooms[0]!;
		expect(a.minutes).toBe(25 * 60);
		expect(a.openUsedMinutes).toBeLessThanOrEqual(a.openMinutes);
		expect(a.openUsedMinutes).toBe(15 * 60);
	});

	it('uses house time on both sides of the switch to winter time', () => {
		const use = roomUse(
			time,
			{ from: at('2026-10-24T22:00:00Z'), to: at('2026-10-25T23:00:00Z') },
			rooms,
			// 19:00–20:00 house time on Saturday (summer) and Sunday (winter)
			[
				{ room: 'a', start: at('2026-10-24T17:00:00Z'), end: at('2026-10-24T18:00:00Z'), kind: 'booking' },
				{ room: 'a', start: at('2026-10-25T18:00:00Z'), end: at('2026-10-25T19:00:00Z'), kind: 'booking' }
			],
			[]
		);
		expect(use.hours[19]).toBe(60);
		expect(use.weekdays[6]).toBe(60);
	});

	// open 08:00–22:00 every day: 14 hours a house day
	const DAILY = Object.fromEntries(
		['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['08:00', '22:00']]])
	);
	const open = (id: string, use: ReturnType<typeof roomUse>) =>
		use.rooms.find((r) => r.id === id)?.openMinutes;

	it('counts a room made in the middle of the period from the house day it was made', () => {
		const use = roomUse(
			time,
			week,
			[
				// made Thursday 5 November at 15:00 house time: Thursday to Sunday count, all of Thursday's hours
				{ id: 'new', name: 'Nyt lokale', opening_hours: DAILY, created: at('2026-11-05T14:00:00Z') },
				// made at 00:30 on Monday night, house time, which is still Sunday in UTC: the whole week counts
				{ id: 'early', name: 'Tidligt', opening_hours: DAILY, created: at('2026-11-01T23:30:00Z') },
				// loaded with no known creation: the whole week, as before
				{ id: 'old', name: 'Salen', opening_hours: DAILY }
			],
			[{ room: 'new', start: at('2026-11-06T09:00:00Z'), end: at('2026-11-06T16:00:00Z'), kind: 'booking' }],
			[]
		);
		expect(open('new', use)).toBe(4 * 14 * 60);
		expect(open('early', use)).toBe(7 * 14 * 60);
		expect(open('old', use)).toBe(7 * 14 * 60);
		// seven booked hours of 56 open hours, not of 98
		expect(use.rooms.find((r) => r.id === 'new')?.openUsedMinutes).toBe(7 * 60);
	});

	it('does not count the house days on which a room was out of use at every moment', () => {
		const use = roomUse(
			time,
			week,
			[
				{
					id: 'paused',
					name: 'Værkstedet',
					opening_hours: DAILY,
					created: at('2026-10-01T08:00:00Z'),
					changes: [
						{ at: at('2026-10-01T08:00:00Z'), active: true },
						// out of use Tuesday at 10:00, in use again Friday at 09:00: Wednesday and Thursday do not count
						{ at: at('2026-11-03T09:00:00Z'), active: false },
						{ at: at('2026-11-06T08:00:00Z'), active: true }
					]
				},
				{
					// made out of use on Wednesday, taken into use on Saturday: Saturday and Sunday count
					id: 'opened',
					name: 'Nyt lokale',
					opening_hours: DAILY,
					created: at('2026-11-04T12:00:00Z'),
					changes: [
						{ at: at('2026-11-04T12:00:00Z'), active: false },
						{ at: at('2026-11-07T10:00:00Z'), active: true }
					]
				},
				{
					// taken out of use before the period and not back: left out, as it was not there to be booked
					id: 'closed',
					name: 'Kælderen',
					opening_hours: DAILY,
					created: at('2026-01-01T08:00:00Z'),
					changes: [{ at: at('2026-10-01T08:00:00Z'), active: false }]
				},
				{
					// out of use all week, but an event was held in it: kept, with no open time to measure it by
					id: 'held',
					name: 'Gården',
					opening_hours: DAILY,
					changes: [{ at: at('2026-10-01T08:00:00Z'), active: false }]
				}
			],
			[{ room: 'held', start: at('2026-11-04T09:00:00Z'), end: at('2026-11-04T11:00:00Z'), kind: 'event' }],
			[]
		);
		expect(open('paused', use)).toBe(5 * 14 * 60);
		expect(open('opened', use)).toBe(2 * 14 * 60);
		expect(use.rooms.map((r) => r.id)).toEqual(['paused', 'opened', 'held']);
		expect(use.rooms.find((r) => r.id === 'held')).toMatchObject({
			events: 1,
			openMinutes: 0,
			openUsedMinutes: 0
		});
	});

	it('reads a room as in use before its first recorded state, and by its states after', () => {
		expect(inUseSpans({})).toEqual([[-Infinity, Infinity]]);
		expect(inUseSpans({ created: 100, changes: [{ at: 100, active: false }] })).toEqual([]);
		expect(
			inUseSpans({
				created: 100,
				changes: [
					{ at: 300, active: true },
					{ at: 200, active: false },
					{ at: 400, active: true }
				]
			})
		).toEqual([
			[100, 200],
			[300, Infinity]
		]);
	});

	it('subtracts holes from intervals', () => {
		expect(
			subtract(
				[[0, 10]],
				[
					[2, 4],
					[6, 12]
				]
			)
		).toEqual([
			[0, 2],
			[4, 6]
		]);
		expect(subtract([[0, 10]], [[-5, 20]])).toEqual([]);
	});
});

describe('holds, volunteers and no-shows', () => {
	const period = { from: at('2026-11-01T00:00:00Z'), to: at('2026-12-01T00:00:00Z') };
	const hour = 3_600_000;

	it('measures waits of holds served in the period and counts pickups collected and not', () => {
		const ready = at('2026-11-10T12:00:00Z');
		const stats = holdStats(
			period,
			[
				{
					status: 'collected',
					placed_at: ready - 10 * hour,
					ready_at: ready,
					ended_at: ready + hour,
					fetching: false
				},
				{
					status: 'expired',
					placed_at: ready - 30 * hour,
					ready_at: ready,
					ended_at: ready + 72 * hour,
					fetching: false
				},
				{ status: 'ready', placed_at: ready - 20 * hour, ready_at: ready, ended_at: 0, fetching: false },
				// its copy still being fetched to the pickup shelf, or cancelled before it lay there: not served
				{ status: 'ready', placed_at: ready - 40 * hour, ready_at: ready, ended_at: 0, fetching: true },
				{
					status: 'cancelled',
					placed_at: ready - 50 * hour,
					ready_at: ready,
					ended_at: ready,
					fetching: true
				},
				// handed over at the desk while being fetched: served
				{
					status: 'collected',
					placed_at: ready - 5 * hour,
					ready_at: ready,
					ended_at: ready,
					fetching: true
				},
				// served before the period, collected in it
				{
					status: 'collected',
					placed_at: 0,
					ready_at: at('2026-10-30T00:00:00Z'),
					ended_at: ready,
					fetching: false
				}
			],
			[{ start: ready }, { start: at('2026-10-01T00:00:00Z') }]
		);
		expect(stats).toEqual({
			served: 4,
			waitMedianHours: 10,
			waitP90Hours: 30,
			collected: 3,
			expired: 1,
			loans: 1
		});
	});

	it('adds up volunteer hours per event and counts each volunteer once', () => {
		const start = at('2026-11-10T16:00:00Z');
		const hours = volunteerHours([
			{ user: 'u1', event: 'e1', title: 'Koncert', start, end: start + 3 * hour },
			{ user: 'u2', event: 'e1', title: 'Koncert', start, end: start + 3 * hour },
			{ user: 'u1', event: 'e2', title: 'Marked', start, end: start + 2 * hour }
		]);
		expect(hours).toEqual({
			minutes: 480,
			people: 2,
			signups: 3,
			events: [
				{ id: 'e1', title: 'Koncert', minutes: 360, people: 2 },
				{ id: 'e2', title: 'Marked', minutes: 120, people: 1 }
			]
		});
	});

	it('counts confirmed attendees never checked in as no-shows', () => {
		const result = noShows([
			{ event: 'e1', title: 'Foredrag', start: 2, checked_in: true },
			{ event: 'e1', title: 'Foredrag', start: 2, checked_in: false },
			{ event: 'e0', title: 'Koncert', start: 1, checked_in: false }
		]);
		expect(result.registered).toBe(3);
		expect(result.noShows).toBe(2);
		expect(result.events.map((e) => [e.id, e.registered, e.checkedIn, e.noShows])).toEqual([
			['e0', 1, 0, 1],
			['e1', 2, 1, 1]
		]);
	});
});
