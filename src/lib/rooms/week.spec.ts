import { describe, expect, it } from 'vitest';
import { buildWeek } from './week';

const utc = (iso: string) => Date.parse(iso);

describe('buildWeek', () => {
	it('shows free, busy, closed and outside stretches in Copenhagen time', () => {
		// Monday 2026-06-08: busy 10-12 local (08-10 UTC), closed 18-20 local
		const [monday, tuesday, wednesday] = buildWeek({
			from: '2026-06-08',
			days: 3,
			openingHours: { mon: [['08:00', '22:00']], tue: [['08:00', '22:00']] },
			busy: [{ start: utc('2026-06-08T08:00:00Z'), end: utc('2026-06-08T10:00:00Z') }],
			closed: [{ start: utc('2026-06-08T16:00:00Z'), end: utc('2026-06-08T18:00:00Z') }]
		});
		expect(monday?.segments).toEqual([
			{ kind: 'outside', from: '00:00', to: '08:00' },
			{ kind: 'free', from: '08:00', to: '10:00' },
			{ kind: 'busy', from: '10:00', to: '12:00' },
			{ kind: 'free', from: '12:00', to: '18:00' },
			{ kind: 'closed', from: '18:00', to: '20:00' },
			{ kind: 'free', from: '20:00', to: '22:00' },
			{ kind: 'outside', from: '22:00', to: '24:00' }
		]);
		expect(tuesday?.segments.map((s) => s.kind)).toEqual(['outside', 'free', 'outside']);
		expect(wednesday?.segments).toEqual([{ kind: 'outside', from: '00:00', to: '24:00' }]);
	});

	it('shows free opening hours already gone as past, bookings as busy still, and later days as they are', () => {
		// now: Monday 2026-06-08 11:00 local, an hour into a booking from 10 to 12
		const [monday, tuesday] = buildWeek({
			from: '2026-06-08',
			days: 2,
			openingHours: { mon: [['08:00', '22:00']], tue: [['08:00', '22:00']] },
			busy: [{ start: utc('2026-06-08T08:00:00Z'), end: utc('2026-06-08T10:00:00Z') }],
			closed: [{ start: utc('2026-06-08T16:00:00Z'), end: utc('2026-06-08T18:00:00Z') }],
			now: utc('2026-06-08T09:00:00Z')
		});
		expect(monday?.segments.map((s) => `${s.kind} ${s.from}-${s.to}`)).toEqual([
			'outside 00:00-08:00',
			'past 08:00-10:00',
			'busy 10:00-12:00',
			'free 12:00-18:00',
			'closed 18:00-20:00',
			'free 20:00-22:00',
			'outside 22:00-24:00'
		]);
		expect(tuesday?.segments.map((s) => `${s.kind} ${s.from}-${s.to}`)).toEqual([
			'outside 00:00-08:00',
			'free 08:00-22:00',
			'outside 22:00-24:00'
		]);
	});

	it("shows the minutes before the room's next step as past, so a minute left before a booking is not free", () => {
		// now: 10:58:20 local, a booking from 11:00; steps of 30 minutes
		const busy = [{ start: utc('2026-06-08T09:00:00Z'), end: utc('2026-06-08T10:00:00Z') }];
		const day = (now: string, stepMinutes?: number) =>
			buildWeek({
				from: '2026-06-08',
				days: 1,
				openingHours: { mon: [['08:00', '22:00']] },
				busy,
				closed: [],
				now: utc(now),
				stepMinutes
			})[0]?.segments.map((s) => `${s.kind} ${s.from}-${s.to}`);
		expect(day('2026-06-08T08:58:20Z', 30)).toEqual([
			'outside 00:00-08:00',
			'past 08:00-11:00',
			'busy 11:00-12:00',
			'free 12:00-22:00',
			'outside 22:00-24:00'
		]);
		// a free stretch keeps its part from the next step on: 10:40 with steps of 15 minutes
		expect(day('2026-06-08T08:40:00Z', 15)?.slice(1, 3)).toEqual(['past 08:00-10:45', 'free 10:45-11:00']);
		// without a step, the next whole minute
		expect(day('2026-06-08T08:58:20Z')?.slice(1, 3)).toEqual(['past 08:00-10:59', 'free 10:59-11:00']);
	});

	it('keeps wall-clock opening hours on the day clocks go back', () => {
		const [sunday] = buildWeek({
			from: '2026-10-25',
			days: 1,
			openingHours: { sun: [['08:00', '22:00']] },
			busy: [],
			closed: []
		});
		expect(sunday?.segments.map((s) => `${s.kind} ${s.from}-${s.to}`)).toEqual([
			'outside 00:00-08:00',
			'free 08:00-22:00',
			'outside 22:00-24:00'
		]);
	});
});
