import { describe, expect, it } from 'vitest';
import type { LineReason } from '$rules/season/allocate.js';
import { reasonLines } from './reasons';
import { skippedDates, skippedWords } from './skipped.server';

describe('reasonLines', () => {
	it('writes the closed days as people read them, not as ISO dates', () => {
		const reason = { blackout: ['2027-02-15', '2027-02-22'] } as unknown as LineReason;
		const lines = reasonLines(
			{ via: 'wish', wish: 0, reason },
			(s) => s,
			{},
			{ now: new Date('2026-12-02T12:00:00Z') }
		);
		const blackout = lines.find((l) => l.startsWith('Lukkedage'));
		expect(blackout).toBe('Lukkedage uden booking: mandag 15. februar 2027, mandag 22. februar 2027.');
		expect(lines.join(' ')).not.toMatch(/\d{4}-\d{2}-\d{2}/);
	});

	it("speaks to the association of its own wishes, and to staff of the association's", () => {
		const line = { via: 'wish', wish: 1, reason: {} as LineReason };
		expect(reasonLines(line, (s) => s)).toEqual(['Jeres ønske 2.']);
		expect(reasonLines(line, (s) => s, {}, { staff: true })).toEqual(['Foreningens ønske 2.']);
		const flexible = { via: 'flexibility', wish: -1, reason: {} as LineReason };
		expect(reasonLines(flexible, (s) => s, {}, { staff: true })).toEqual([
			'Ud fra foreningens fleksibilitet.'
		]);
	});

	it('says of each date booking skipped which day it is and why, in words', () => {
		const line = {
			skipped: [
				{ date: '2027-03-01', code: 'rooms_overlap' },
				{ date: '2027-03-08', code: 'season_blackout' }
			]
		};
		expect(skippedDates(line, new Date('2026-12-02T12:00:00Z'))).toEqual([
			{ date: '2027-03-01', day: 'mandag 1. marts 2027', why: 'Lokalet er optaget på det tidspunkt.' },
			{
				date: '2027-03-08',
				day: 'mandag 8. marts 2027',
				why: 'Datoen er lukket i sæsonen (ferie eller husets eget arrangement).'
			}
		]);
		expect(skippedDates({ skipped: null })).toEqual([]);
	});

	it('counts the skipped dates in the words over them, and has none to list for a line that skipped none', () => {
		const line = { skipped: [{ date: '2027-03-01', code: 'rooms_overlap' }] };
		expect(skippedWords(line, new Date('2026-12-02T12:00:00Z'))).toEqual({
			heading: 'Datoer, der ikke kunne bookes (1):',
			dates: [
				{ date: '2027-03-01', day: 'mandag 1. marts 2027', why: 'Lokalet er optaget på det tidspunkt.' }
			]
		});
		expect(skippedWords({ skipped: [] })).toBeNull();
		expect(skippedWords({ skipped: null })).toBeNull();
	});
});
