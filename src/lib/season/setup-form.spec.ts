import { describe, expect, it } from 'vitest';
import { bodyFromForm, clockChangeProblems, WINDOW_FIELDS } from './setup-form';

// 2027-10-31 in Copenhagen: the clocks go back at 03:00 CEST to 02:00 CET, so 02:30 occurs twice
const values = {
	apply_from: '2027-10-31T02:30',
	apply_from_kept: '2027-10-31 01:30:00.000Z',
	apply_until: '2027-11-15T12:00',
	apply_until_kept: '2027-11-15 11:00:00.000Z',
	draft_at: '2027-10-31T02:30',
	draft_at_kept: '',
	objection_until: '2027-10-31T02:45',
	objection_until_kept: '2027-10-31 00:30:00.000Z',
	final_at: '2027-12-01T12:00'
};

describe("the season set-up form's moments of the round", () => {
	it('keeps the stored instant of a moment left as shown, the second 02:30 of the autumn night too', () => {
		expect(clockChangeProblems(values, WINDOW_FIELDS).apply_from).toBeUndefined();
		const body = bodyFromForm(values, [], []);
		expect(body.apply_from).toBe('2027-10-31T01:30:00.000Z');
		expect(body.apply_until).toBe('2027-11-15T11:00:00.000Z');
		expect(Date.parse(body.final_at)).toBe(Date.parse('2027-12-01T11:00:00.000Z'));
	});
	it('still refuses a moment of the repeated hour typed anew, a kept instant of another time ignored', () => {
		const problems = clockChangeProblems(values, WINDOW_FIELDS);
		expect(Object.keys(problems).sort()).toEqual(['draft_at', 'objection_until']);
		expect(problems.draft_at).toBe(problems.objection_until);
	});
});
