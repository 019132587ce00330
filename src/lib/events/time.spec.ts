import { describe, expect, it } from 'vitest';
import { houseLocalToUtc, keptField, keptInstant, utcToHouseLocal, withKeptInstants } from './time';

describe('house time', () => {
	it('converts Copenhagen wall-clock time to UTC across daylight saving', () => {
		expect(houseLocalToUtc('2030-01-15T19:00')?.toISOString()).toBe('2030-01-15T18:00:00.000Z');
		expect(houseLocalToUtc('2030-07-15T19:00')?.toISOString()).toBe('2030-07-15T17:00:00.000Z');
	});
	it('refuses malformed input and a time skipped by daylight saving', () => {
		expect(houseLocalToUtc('nonsense')).toBeNull();
		expect(houseLocalToUtc('2030-02-30T10:00')).toBeNull();
		expect(houseLocalToUtc('2030-03-31T02:30')).toBeNull();
	});
	it('round-trips a stored date', () => {
		expect(utcToHouseLocal('2030-07-15 17:00:00.000Z')).toBe('2030-07-15T19:00');
	});
});

// 2027-10-31 in Copenhagen: the clocks go back at 03:00 CEST to 02:00 CET, so 02:30 occurs twice
const FIRST = '2027-10-31 00:30:00.000Z'; // 02:30 CEST
const SECOND = '2027-10-31 01:30:00.000Z'; // 02:30 CET

describe('a house time left as shown', () => {
	it('is refused as ambiguous when typed, as either of its two instants shows it', () => {
		expect(houseLocalToUtc('2027-10-31T02:30')).toBeNull();
		expect(utcToHouseLocal(FIRST)).toBe('2027-10-31T02:30');
		expect(utcToHouseLocal(SECOND)).toBe('2027-10-31T02:30');
	});
	it('keeps the stored instant it was filled from, whichever of the two it was', () => {
		expect(keptInstant('2027-10-31T02:30', FIRST)?.toISOString()).toBe('2027-10-31T00:30:00.000Z');
		expect(keptInstant('2027-10-31T02:30', SECOND)?.toISOString()).toBe('2027-10-31T01:30:00.000Z');
		expect(keptInstant(' 2027-10-31T02:30 ', '2027-10-31T01:30:00.000Z')?.toISOString()).toBe(
			'2027-10-31T01:30:00.000Z'
		);
		expect(keptInstant('2030-07-15T19:00', '2030-07-15 17:00:00.000Z')?.toISOString()).toBe(
			'2030-07-15T17:00:00.000Z'
		);
	});
	it('ignores a kept instant whose wall clock is another than the one sent: the wall clock wins', () => {
		expect(keptInstant('2027-10-31T02:15', FIRST)).toBeNull();
		expect(keptInstant('2027-10-31T03:30', SECOND)).toBeNull();
		expect(keptInstant('2027-10-31T02:30', 'nonsense')).toBeNull();
		expect(keptInstant('2027-10-31T02:30', '')).toBeNull();
		expect(keptInstant('2027-10-31T02:30', undefined)).toBeNull();
		expect(keptInstant(undefined, FIRST)).toBeNull();
	});
	it('puts the kept instants into form values, field by field, and leaves the rest as sent', () => {
		expect(keptField('start')).toBe('start_kept');
		const values = {
			title: 'Natkoncert',
			start: '2027-10-31T02:30',
			start_kept: FIRST,
			end: '2027-10-31T02:45',
			end_kept: SECOND
		};
		const read = withKeptInstants(values, ['start', 'end']) as Record<string, unknown>;
		expect(read.start).toEqual(new Date('2027-10-31T00:30:00.000Z'));
		expect(read.end).toBe('2027-10-31T02:45');
		expect(read.title).toBe('Natkoncert');
		expect(values.start).toBe('2027-10-31T02:30');
		expect(withKeptInstants(null, ['start'])).toBeNull();
	});
});
