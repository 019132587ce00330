import { describe, expect, it } from 'vitest';
import {
	bodyFromForm,
	clockChangeProblems,
	formFromSeason,
	setupChanges,
	setupSnapshot,
	WINDOW_FIELDS,
	type SeasonSetup
} from './setup-form';

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

describe("the season edit form's changes", () => {
	const rooms = [
		{ id: 'r0000000000salen', slug: 'salen' },
		{ id: 'r00000000000loft', slug: 'loft' }
	];
	const season = {
		id: 's00000000000001',
		name: 'Forår',
		status: 'setup',
		first_date: '2027-10-01',
		last_date: '2027-12-20',
		slots: [
			{ room: 'r0000000000salen', weekday: 'mon', start: '17:00', end: '19:00' },
			{ room: 'r00000000000loft', weekday: 'tue', start: '17:00', end: '19:00' }
		],
		blackout_dates: ['2027-10-12', '2027-10-19'],
		apply_from: '2027-10-31 01:30:00.000Z',
		apply_until: '2027-11-15 11:00:00.000Z',
		draft_at: '',
		objection_until: '',
		final_at: '',
		tiers: ['house', 'children', 'education', 'adults'],
		house_associations: ['a00000000000002', 'a00000000000001', 'a00000000000009'],
		local_criteria: [{ key: 'local_1', da: 'Bor i byen', en: 'Lives in town' }],
		tie_breakers: ['history'],
		leftovers: 'fcfs',
		swap_approval: false,
		previous: ''
	} as unknown as SeasonSetup;
	// the form offers the verified associations, in the order of their names
	const offered = [{ id: 'a00000000000002' }, { id: 'a00000000000001' }];
	const loaded = setupSnapshot(season, rooms, offered);
	const shown = formFromSeason(season, rooms);
	const ticked = ['a00000000000002', 'a00000000000001'];

	it('sends nothing for a form left as shown, a moment of the repeated autumn hour and every list included', () => {
		expect(setupChanges(shown, rooms, ticked, loaded)).toEqual({});
	});
	it('compares the lists as the values they hold, however they were written', () => {
		const rewritten = {
			...shown,
			blackout_dates: '2027-10-12\n2027-10-19',
			slots: '  salen  man 17:00-19:00\n\nloft tir 17:00-19:00  '
		};
		expect(setupChanges(rewritten, rooms, [...ticked].reverse(), loaded)).toEqual({});
	});
	it('sends only what was changed', () => {
		const changed = { ...shown, name: 'Forår ændret', apply_until: '2027-11-16T12:00' };
		const sent = setupChanges(changed, rooms, ticked, loaded);
		expect(Object.keys(sent).sort()).toEqual(['apply_until', 'name']);
		expect([sent.name, Date.parse(sent.apply_until!)]).toEqual([
			'Forår ændret',
			Date.parse('2027-11-16T11:00:00.000Z')
		]);
		expect(setupChanges(shown, rooms, [ticked[0]!], loaded)).toEqual({
			house_associations: ['a00000000000002']
		});
	});
	it('sends every field without a snapshot', () => {
		expect(Object.keys(setupChanges(shown, rooms, ticked, undefined))).toContain('name');
	});
});
