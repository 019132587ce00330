import { describe, expect, it } from 'vitest';
import { formatDateTime, formatTime, parsePbDate, toPbDate } from './dates';

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

	it('formats in Danish and English', () => {
		expect(formatDateTime('2026-12-01 18:00:00.000Z', 'da')).toBe('tirsdag 1. december kl. 19:00');
		expect(formatDateTime('2026-12-01 18:00:00.000Z', 'en')).toBe('Tuesday 1 December, 19:00');
	});
});
