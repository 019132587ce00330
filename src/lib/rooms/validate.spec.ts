import { describe, expect, it } from 'vitest';
import { checkClosure, checkRoom, checkSeries, parseSeriesRule, seriesDates } from '$rules/rooms/validate.js';
import { seriesRule } from './series';

// Server validation of rooms, closures and season bookings (docs/rules.md, "Rooms and bookings").

const room = {
	name: 'Salen',
	slug: 'salen',
	capacity: 40,
	opening_hours: { mon: [['08:00', '22:00']] },
	min_minutes: 30,
	max_minutes: 240,
	step_minutes: 30
};

const series = {
	first_date: '2027-01-05 00:00:00.000Z',
	last_date: '2027-03-30 00:00:00.000Z',
	start_time: '19:00',
	end_time: '21:00',
	rrule: 'DTSTART:20270105T000000Z\nRRULE:FREQ=WEEKLY;INTERVAL=2;UNTIL=20270330T235900Z;COUNT=60',
	attendees: 8,
	purpose: 'Korprøve'
};

describe('rooms', () => {
	it('accepts a sane room', () => expect(checkRoom(room)).toBeNull());
	it.each([
		['core_text_blank', { name: '   ' }],
		['rooms_slug_invalid', { slug: 'Sal en' }],
		['rooms_capacity_invalid', { capacity: 0 }],
		['rooms_opening_hours_invalid', { opening_hours: { mon: [['8', '22:00']] } }],
		['rooms_opening_hours_invalid', { opening_hours: { monday: [['08:00', '22:00']] } }],
		['rooms_opening_hours_invalid', { opening_hours: { mon: ['08:00', '22:00'] } }],
		['rooms_opening_hours_invalid', { opening_hours: [1, 2] }],
		['rooms_opening_hours_invalid', { opening_hours: 'åben' }],
		['rooms_min_above_max', { min_minutes: 300, max_minutes: 60 }],
		['rooms_step_invalid', { step_minutes: 7 }],
		['rooms_step_invalid', { step_minutes: 60, min_minutes: 30 }]
	])('%s for %j', (code, change) => {
		expect(checkRoom({ ...room, ...change })?.code).toBe(code);
	});
});

describe('closures', () => {
	it('refuses an end before the start, impossible years and unparseable dates', () => {
		expect(checkClosure({ start: '2027-01-02 10:00:00.000Z', end: '2027-01-02 12:00:00.000Z' })).toBeNull();
		expect(checkClosure({ start: '2027-01-02 12:00:00.000Z', end: '2027-01-02 10:00:00.000Z' })?.code).toBe(
			'core_end_before_start'
		);
		expect(checkClosure({ start: '0001-01-01 00:00:00.000Z', end: '2027-01-02 10:00:00.000Z' })?.code).toBe(
			'core_date_out_of_range'
		);
		expect(checkClosure({ start: '2027-01-02 10:00:00.000Z', end: '9999-12-31 00:00:00.000Z' })?.code).toBe(
			'core_date_out_of_range'
		);
		expect(checkClosure({ start: 'i morgen', end: '2027-01-02 10:00:00.000Z' })?.code).toBe(
			'core_invalid_date'
		);
	});
});

describe('season bookings', () => {
	it('accepts what the app makes', () => {
		expect(checkSeries(series)).toBeNull();
		// an end at 00:00 is the midnight that ends the day, as in the opening hours
		expect(checkSeries({ ...series, start_time: '20:00', end_time: '00:00' })).toBeNull();
		// from midnight to midnight is the whole day (the room's policy decides whether it can be booked)
		expect(checkSeries({ ...series, start_time: '00:00', end_time: '00:00' })).toBeNull();
		const made = seriesRule({ firstDate: '2027-01-05', lastDate: '2027-03-30', intervalWeeks: 3 }).toString();
		expect(parseSeriesRule(made)).toMatchObject({ interval: 3, dtstart: '2027-01-05', until: '2027-03-30' });
	});
	it.each([
		['core_end_before_start', { last_date: '2026-12-01 00:00:00.000Z' }],
		['core_date_out_of_range', { first_date: '0001-01-01 00:00:00.000Z' }],
		['core_date_out_of_range', { last_date: '9999-01-01 00:00:00.000Z' }],
		['rooms_end_before_start', { end_time: '18:00' }],
		['rooms_end_before_start', { start_time: '20:00', end_time: '01:00' }],
		['rooms_time_invalid', { start_time: '25:00' }],
		['rooms_rrule_invalid', { rrule: 'FREQ=DAILY' }],
		['rooms_rrule_invalid', { rrule: 'RRULE:FREQ=DAILY;INTERVAL=1' }],
		['rooms_rrule_invalid', { rrule: 'RRULE:FREQ=WEEKLY;BYDAY=MO,TU' }],
		['rooms_rrule_invalid', { rrule: 'RRULE:FREQ=WEEKLY;INTERVAL=0' }],
		['rooms_rrule_invalid', { rrule: 'DTSTART:20270106T000000Z\nRRULE:FREQ=WEEKLY;INTERVAL=1' }],
		['rooms_attendees_invalid', { attendees: 0 }],
		['rooms_attendees_invalid', { attendees: 100001 }],
		['core_text_blank', { purpose: '  ' }]
	])('%s for %j', (code, change) => {
		expect(checkSeries({ ...series, ...change })?.code).toBe(code);
	});
	it('expands every n weeks up to the last date, at most 60 dates', () => {
		expect(seriesDates('2027-01-05', '2027-02-02', 2)).toEqual(['2027-01-05', '2027-01-19', '2027-02-02']);
		expect(seriesDates('2027-01-05', '2030-01-01', 1)).toHaveLength(60);
	});
});
