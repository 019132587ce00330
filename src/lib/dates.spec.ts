import { describe, expect, it } from 'vitest';
import {
	formatDate,
	formatDateTime,
	formatDateTimeRange,
	formatDay,
	formatRange,
	formatShortDate,
	formatTime,
	formatTimeRange,
	parsePbDate,
	toPbDate
} from './dates';
import { range } from '$rules/core/time.js';

describe('dates', () => {
	it('round-trips PocketBase date strings', () => {
		const stored = '2026-03-29 17:00:00.000Z';
		expect(toPbDate(parsePbDate(stored))).toBe(stored);
	});

	it('shows Copenhagen wall-clock time on both sides of the spring change', () => {
		// 28 March 2026 is winter time (UTC+1), 30 March summer time (UTC+2).
		expect(formatTime('2026-03-28 18:00:00.000Z')).toBe('19:00');
		expect(formatTime('2026-03-30 17:00:00.000Z')).toBe('19:00');
	});

	const now = new Date('2026-06-15T10:00:00Z');

	it('formats in Danish and English', () => {
		expect(formatDateTime('2026-12-01 18:00:00.000Z', 'da', now)).toBe('tirsdag 1. december kl. 19:00');
		expect(formatDateTime('2026-12-01 18:00:00.000Z', 'en', now)).toBe('Tuesday 1 December, 19:00');
	});

	it('writes the year only when the date is not in this year', () => {
		expect(formatDateTime('2027-01-05 18:00:00.000Z', 'da', now)).toBe('tirsdag 5. januar 2027 kl. 19:00');
		expect(formatDateTime('2025-12-30 18:00:00.000Z', 'en', now)).toBe('Tuesday 30 December 2025, 19:00');
		expect(formatDate('2027-01-05 18:00:00.000Z', 'da', now)).toBe('tirsdag 5. januar 2027');
		expect(formatDate('2026-01-05 18:00:00.000Z', 'en', now)).toBe('Monday 5 January');
		expect(formatDay('2026-06-08', 'da', now)).toBe('mandag 8. juni');
		expect(formatDay('2027-06-08', 'en', now)).toBe('Tuesday 8 June 2027');
	});

	it('writes many dates in short, with the year only when not this year', () => {
		expect(formatShortDate('2026-06-08', 'da', now)).toBe('8. jun.');
		expect(formatShortDate('2027-01-30', 'da', now)).toBe('30. jan. 2027');
		expect(formatShortDate('2027-01-30', 'en', now)).toBe('30 Jan 2027');
	});

	it('decides "this year" in Copenhagen time, not UTC', () => {
		// 23:30 UTC on 31 December 2026 is already 1 January 2027 in Copenhagen.
		const newYearsEve = new Date('2026-12-31T23:30:00Z');
		expect(formatDateTime('2027-01-01 10:00:00.000Z', 'da', newYearsEve)).toBe('fredag 1. januar kl. 11:00');
		expect(formatDateTime('2026-12-31 10:00:00.000Z', 'da', newYearsEve)).toBe(
			'torsdag 31. december 2026 kl. 11:00'
		);
	});

	describe('ranges: an en dash without spaces, one formatter on both sides', () => {
		it('joins two ends with an en dash, as the hooks do', () => {
			expect(formatRange('10:00', '12:00')).toBe('10:00–12:00');
			expect(range('10:00', '12:00')).toBe('10:00–12:00');
		});

		it('writes a start and end as times of day in Copenhagen time', () => {
			expect(formatTimeRange('2026-12-01 09:00:00.000Z', '2026-12-01 11:00:00.000Z')).toBe('10:00–12:00');
		});

		it('writes the start with its date and the end with its time, or its date when on another day', () => {
			expect(formatDateTimeRange('2026-12-01 09:00:00.000Z', '2026-12-01 11:00:00.000Z', 'da', now)).toBe(
				'tirsdag 1. december kl. 10:00–12:00'
			);
			expect(formatDateTimeRange('2026-12-01 09:00:00.000Z', '2026-12-01 11:00:00.000Z', 'en', now)).toBe(
				'Tuesday 1 December, 10:00–12:00'
			);
			// ending at the midnight right after the start's day: that day's end
			expect(formatDateTimeRange('2026-12-01 21:00:00.000Z', '2026-12-01 23:00:00.000Z', 'da', now)).toBe(
				'tirsdag 1. december kl. 22:00–00:00'
			);
			expect(formatDateTimeRange('2026-12-01 21:00:00.000Z', '2026-12-02 01:00:00.000Z', 'da', now)).toBe(
				'tirsdag 1. december kl. 22:00–onsdag 2. december kl. 02:00'
			);
		});
	});
});
