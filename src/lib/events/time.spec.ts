import { describe, expect, it } from 'vitest';
import { houseLocalToUtc, utcToHouseLocal } from './time';

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
