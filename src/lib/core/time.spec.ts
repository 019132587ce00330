import { describe, expect, it } from 'vitest';
import vectors from '../../../tests/fixtures/house-time.json';
import {
	addDays,
	endMinutes,
	format,
	instantsOf,
	localParts,
	offsetMinutes,
	resolve,
	resolveLenient,
	weekdayOf,
	zoneProblem
} from '$rules/core/time.js';

// The Node side of house time (Intl). tests/integration/house-time.test.ts runs the same vectors
// against PocketBase's Go side; together they prove both readers of the IANA database agree.
const iso = (ms: number | null | undefined) => (typeof ms === 'number' ? new Date(ms).toISOString() : ms);

describe('house time vectors (Intl)', () => {
	it.each(vectors.instants)('reads the wall clock at $at', (v) => {
		const ms = Date.parse(v.at);
		expect(offsetMinutes(ms)).toBe(v.offset);
		const parts = localParts(ms);
		expect([parts.date, parts.time, parts.weekday, parts.offset]).toEqual([
			v.date,
			v.time,
			v.weekday,
			v.offset
		]);
		expect(parts.minutes).toBe(Number(v.time.slice(0, 2)) * 60 + Number(v.time.slice(3)));
	});

	it.each(vectors.local)('resolves $date $time', (v) => {
		const r = resolve(v.date, v.time);
		if ('instant' in v) {
			expect('instant' in r && iso(r.instant)).toBe(v.instant);
			expect(iso(resolveLenient(v.date, v.time))).toBe(v.instant);
			expect(instantsOf(v.date, v.time)?.map(iso)).toEqual([v.instant]);
		} else {
			expect('code' in r && r.code).toBe(v.code);
			expect(('instants' in r ? r.instants : []).map(iso)).toEqual(v.instants ?? []);
			expect(iso(resolveLenient(v.date, v.time))).toBe(v.lenient ?? null);
		}
	});

	it.each(vectors.add_days)('adds days: %s + %i = %s', (date, days, expected) => {
		expect(addDays(date as string, days as number)).toBe(expected);
	});

	it.each(vectors.format)('formats %s in %s', (at, lang, expected) => {
		expect(format(at as string, lang as 'da' | 'en')).toBe(expected);
		expect(format(Date.parse(at as string), lang as 'da' | 'en')).toBe(expected);
	});
});

describe('house time', () => {
	it('agrees with the clock at every half hour of 2026 and 2027', () => {
		const clock = new Intl.DateTimeFormat('sv-SE', {
			timeZone: 'Europe/Copenhagen',
			dateStyle: 'short',
			timeStyle: 'short'
		});
		for (
			let t = Date.parse('2026-01-01T00:00:00Z');
			t < Date.parse('2028-01-01T00:00:00Z');
			t += 30 * 60_000
		) {
			const parts = localParts(t);
			expect(`${parts.date} ${parts.time}`).toBe(clock.format(t));
			// every time the clock shows resolves back to this instant, or names the repeated hour
			const r = resolve(parts.date, parts.time);
			if ('instant' in r) expect(r.instant).toBe(t);
			else expect(r).toEqual({ code: 'core_time_ambiguous', instants: expect.arrayContaining([t]) });
		}
	}, 60_000);

	it('reads an end time in minutes of its day, 00:00 as the midnight that ends it', () => {
		expect(endMinutes('00:00')).toBe(24 * 60);
		expect(endMinutes('00:30')).toBe(30);
		expect(endMinutes('21:15')).toBe(21 * 60 + 15);
		expect(endMinutes('24:00')).toBeNaN();
		expect(endMinutes('9:00')).toBeNaN();
	});

	it('names weekdays of local dates', () => {
		expect(weekdayOf('2028-02-29')).toBe('tue');
		expect(weekdayOf('2026-03-29')).toBe('sun');
		expect(weekdayOf('2026-02-30')).toBeNull();
	});

	it.each([
		['2026-01-01 10:00:00.000Z', null],
		['2026-01-01T10:00:00Z', null],
		['2026-01-01T10:00:00.123456Z', null],
		['2026-01-01T10:00:00+01:00', null],
		['2026-01-01T10:00-02:00', null],
		['', null],
		[null, null],
		[undefined, null],
		['2026-01-01 10:00:00', 'core_time_no_zone'],
		['2026-01-01T10:00', 'core_time_no_zone'],
		['2026-01-01', 'core_time_no_zone'],
		['2026-02-30T10:00:00Z', 'core_invalid_date'],
		['2026-01-01T25:00:00Z', 'core_invalid_date'],
		['2026-01-01T10:00:00+0100', 'core_invalid_date'],
		['2026-01-01T10:00:00+25:00', 'core_invalid_date'],
		['i morgen', 'core_invalid_date'],
		[1767261600000, 'core_invalid_date'],
		[{}, 'core_invalid_date']
	])('checks the zone of %s', (value, expected) => {
		expect(zoneProblem(value)).toBe(expected);
	});
});
