import { describe, expect, it } from 'vitest';
import { tz } from '@date-fns/tz';
import { format } from 'date-fns';
import { previewSeries, seriesDates, seriesRule } from './series';

const copenhagen = tz('Europe/Copenhagen');
const local = (ms: number) => format(new Date(ms), 'yyyy-MM-dd HH:mm', { in: copenhagen });
const room = {
	capacity: 20,
	opening_hours: Object.fromEntries(
		['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['08:00', '22:00']]])
	) as never,
	min_minutes: 30,
	max_minutes: 240,
	step_minutes: 30,
	horizon_days: 0,
	active: true,
	buffer_minutes: 15
};

describe('season bookings', () => {
	it('expands weekly dates across both daylight-saving changes', () => {
		const dates = seriesDates({ firstDate: '2026-03-17', lastDate: '2026-11-03', intervalWeeks: 1 });
		expect(dates[0]).toBe('2026-03-17');
		expect(dates).toContain('2026-03-31');
		expect(dates).toContain('2026-10-27');
		expect(dates.at(-1)).toBe('2026-11-03');
		expect(dates.every((d) => new Date(`${d}T12:00:00Z`).getUTCDay() === 2)).toBe(true);
	});

	it('keeps 19:00 at 19:00 local time on every date, winter and summer', () => {
		const dates = seriesDates({ firstDate: '2026-03-17', lastDate: '2026-11-03', intervalWeeks: 2 });
		const preview = previewSeries({
			dates,
			startTime: '19:00',
			endTime: '21:00',
			attendees: 10,
			room,
			claims: [],
			closures: [],
			now: Date.parse('2026-01-01T00:00:00Z')
		});
		expect(preview.every((p) => p.state === 'free')).toBe(true);
		for (const p of preview) expect(local(p.start!)).toBe(`${p.date} 19:00`);
		// 19:00 is 18:00 UTC in March, 17:00 UTC in summer
		expect(new Date(preview[0]!.start!).toISOString()).toBe('2026-03-17T18:00:00.000Z');
		expect(new Date(preview[3]!.start!).toISOString()).toBe('2026-04-28T17:00:00.000Z');
	});

	it('marks colliding dates by the kind of claim, closed dates and impossible times', () => {
		const preview = previewSeries({
			dates: ['2026-03-22', '2026-03-29', '2026-04-05', '2026-04-12'],
			startTime: '02:30',
			endTime: '04:00',
			attendees: 10,
			room: { ...room, opening_hours: { sun: [['00:00', '00:00']] } as never },
			claims: [
				{ kind: 'event', start: Date.parse('2026-04-05T02:00:00Z'), end: Date.parse('2026-04-05T03:00:00Z') }
			],
			closures: [{ start: Date.parse('2026-04-12T00:00:00Z'), end: Date.parse('2026-04-13T00:00:00Z') }],
			now: Date.parse('2026-01-01T00:00:00Z')
		});
		expect(preview.map((p) => p.state)).toEqual(['free', 'unavailable', 'event', 'closed']);
		expect(preview[1]?.code).toBe('core_time_nonexistent');
	});

	it('gives every reason a date cannot be booked: all the rules it breaks, closed and taken', () => {
		const at = (iso: string) => Date.parse(iso);
		const preview = previewSeries({
			dates: ['2026-06-02', '2026-06-09', '2026-06-16'],
			startTime: '19:00',
			endTime: '21:00',
			attendees: 10,
			room,
			claims: [
				{ kind: 'booking', start: at('2026-06-09T18:00:00Z'), end: at('2026-06-09T19:00:00Z') },
				{ kind: 'event', start: at('2026-06-09T16:00:00Z'), end: at('2026-06-09T17:30:00Z') },
				{ kind: 'booking', start: at('2026-06-16T18:00:00Z'), end: at('2026-06-16T19:00:00Z') }
			],
			closures: [{ start: at('2026-06-09T15:00:00Z'), end: at('2026-06-09T17:30:00Z') }],
			now: at('2026-01-01T00:00:00Z')
		});
		expect(preview.map((p) => p.reasons)).toEqual([
			[],
			[{ state: 'closed' }, { state: 'booking' }, { state: 'event' }],
			[{ state: 'booking' }]
		]);
		// the first reason is the date's state
		expect(preview.map((p) => p.state)).toEqual(['free', 'closed', 'booking']);

		// over capacity, too long and outside opening hours at once: each rule's own code, then closed
		const [broken] = previewSeries({
			dates: ['2026-06-09'],
			startTime: '19:00',
			endTime: '23:30',
			attendees: 30,
			room,
			claims: [],
			closures: [{ start: at('2026-06-09T15:00:00Z'), end: at('2026-06-09T17:30:00Z') }],
			now: at('2026-01-01T00:00:00Z')
		});
		expect(broken?.reasons).toEqual([
			{ state: 'unavailable', code: 'rooms_over_capacity' },
			{ state: 'unavailable', code: 'rooms_too_long' },
			{ state: 'unavailable', code: 'rooms_outside_hours' },
			{ state: 'closed' }
		]);
		expect(broken).toMatchObject({ state: 'unavailable', code: 'rooms_over_capacity' });
	});

	it('ends a weekly time at 00:00 at the midnight after its date, in summer and in winter', () => {
		const preview = previewSeries({
			dates: ['2026-10-23', '2026-10-30'],
			startTime: '20:00',
			endTime: '00:00',
			attendees: 10,
			room: { ...room, max_minutes: 300, opening_hours: { fri: [['08:00', '00:00']] } as never },
			claims: [],
			closures: [],
			now: Date.parse('2026-01-01T00:00:00Z')
		});
		expect(preview.map((p) => p.state)).toEqual(['free', 'free']);
		expect(preview.map((p) => local(p.end!))).toEqual(['2026-10-24 00:00', '2026-10-31 00:00']);
		// four hours either side of the change back to winter time on 25 October
		expect(preview.map((p) => (p.end! - p.start!) / 3_600_000)).toEqual([4, 4]);
	});

	it('writes a standard RRULE and caps the number of dates', () => {
		expect(
			seriesRule({ firstDate: '2026-09-01', lastDate: '2026-12-01', intervalWeeks: 2 }).toString()
		).toContain('FREQ=WEEKLY;INTERVAL=2');
		expect(seriesDates({ firstDate: '2026-01-01', lastDate: '2030-01-01', intervalWeeks: 1 })).toHaveLength(
			60
		);
	});
});
