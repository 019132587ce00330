import { describe, expect, it } from 'vitest';
import { bufferedWindow, claimsOverlap, toMs, toPbDate } from '$rules/room-claims.js';

const at = (hhmm: string) => `2026-03-10 ${hhmm}:00.000Z`;

describe('claimsOverlap', () => {
	it.each([
		// [a start, a end, b start, b end, buffer, overlaps]
		['10:00', '12:00', '11:00', '13:00', 0, true],
		['10:00', '12:00', '12:00', '13:00', 0, false],
		['12:00', '13:00', '10:00', '12:00', 0, false],
		['10:00', '12:00', '12:00', '13:00', 15, true],
		['10:00', '12:00', '12:15', '13:00', 15, false],
		['10:00', '12:00', '12:14', '13:00', 15, true],
		['12:15', '13:00', '10:00', '12:00', 15, false],
		['12:10', '13:00', '10:00', '12:00', 15, true],
		['10:00', '14:00', '11:00', '12:00', 0, true],
		['11:00', '12:00', '10:00', '14:00', 30, true],
		['08:00', '09:00', '10:00', '11:00', 30, false],
		['08:00', '09:30', '10:00', '11:00', 30, false],
		['08:00', '09:31', '10:00', '11:00', 30, true]
	] as const)('%s-%s vs %s-%s, buffer %i: %s', (as, ae, bs, be, buffer, expected) => {
		expect(claimsOverlap(at(as), at(ae), at(bs), at(be), buffer)).toBe(expected);
		// symmetric
		expect(claimsOverlap(at(bs), at(be), at(as), at(ae), buffer)).toBe(expected);
	});

	it('treats a negative buffer as none', () => {
		expect(claimsOverlap(at('10:00'), at('11:00'), at('11:00'), at('12:00'), -10)).toBe(false);
	});

	it('accepts Dates, ISO strings and PocketBase strings alike', () => {
		expect(
			claimsOverlap(new Date('2026-03-10T10:00:00Z'), '2026-03-10T11:00:00.000Z', at('10:30'), at('12:00'), 0)
		).toBe(true);
	});
});

describe('bufferedWindow', () => {
	it('widens both sides by the buffer', () => {
		const w = bufferedWindow(at('10:00'), at('11:00'), 15);
		expect(toPbDate(w.start)).toBe(at('09:45'));
		expect(toPbDate(w.end)).toBe(at('11:15'));
	});
});

describe('toMs / toPbDate', () => {
	it('round-trips PocketBase dates', () => {
		expect(toPbDate(toMs('2026-10-25 01:30:00.000Z'))).toBe('2026-10-25 01:30:00.000Z');
		expect(toPbDate({ string: () => '2026-10-25 01:30:00.000Z' })).toBe('2026-10-25 01:30:00.000Z');
	});
	it('gives NaN for what is not a date', () => {
		expect(toMs('')).toBeNaN();
		expect(toMs('tomorrow')).toBeNaN();
	});
});
