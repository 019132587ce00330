import { describe, expect, it } from 'vitest';
import { formatHouseTime, houseOffsetMinutes } from '$rules/overview-time.js';

describe('house time in PocketBase texts', () => {
	it('follows the EU summer time switch at 01:00 UTC', () => {
		expect(houseOffsetMinutes(new Date('2026-03-29T00:59:00Z'))).toBe(60);
		expect(houseOffsetMinutes(new Date('2026-03-29T01:00:00Z'))).toBe(120);
		expect(houseOffsetMinutes(new Date('2026-10-25T00:59:00Z'))).toBe(120);
		expect(houseOffsetMinutes(new Date('2026-10-25T01:00:00Z'))).toBe(60);
	});

	it('writes Danish and English wall-clock times', () => {
		expect(formatHouseTime('2026-11-24 18:00:00.000Z', 'da')).toBe('tirsdag 24. november kl. 19:00');
		expect(formatHouseTime('2026-07-01 17:30:00.000Z', 'en')).toBe('Wednesday 1 July, 19:30');
	});
});
