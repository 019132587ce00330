import { describe, expect, it } from 'vitest';
import { checkApplication, checkSeason } from '$rules/season/validate.js';

// The season's texts are checked as every text of the house is (lib/input.js): a name is one line.
describe("a season application's activity names", () => {
	const season = { slots: [] };
	const activity = (name: unknown) => ({ activities: [{ name, age_group: 'adults', participants: 10 }] });

	it('refuse a line break, a hostile character and text of only spaces, each with its code', () => {
		expect(checkApplication(season, activity('Fodbold\nBcc: x'))).toEqual({
			problem: { code: 'core_text_one_line', field: 'activities.0.name' }
		});
		expect(checkApplication(season, activity('Kor\u200b'))).toEqual({
			problem: { code: 'core_text_hidden', field: 'activities.0.name' }
		});
		expect(checkApplication(season, activity('   '))).toEqual({
			problem: { code: 'core_text_blank', field: 'activities.0.name' }
		});
	});
});

// Two weekly times of one room closer than its pause between bookings could never both be booked.
describe("a season's weekly times", () => {
	const setup = (slots: { weekday: string; start: string; end: string }[]) => ({
		name: 'Forår',
		first_date: '2027-01-04',
		last_date: '2027-06-27',
		slots: slots.map((s) => ({ room: 'r1', ...s })),
		apply_from: '2026-11-01T08:00:00.000Z',
		apply_until: '2026-12-01T08:00:00.000Z',
		tiers: ['children', 'education', 'adults'],
		tie_breakers: ['history'],
		leftovers: 'fcfs'
	});
	const known = { rooms: ['r1'], buffers: { r1: 15 } };
	const code = (result: unknown) => (result as { problem?: { code: string } }).problem?.code;

	it('leave the room’s pause between them, across midnight and the end of the week too', () => {
		const cases: [{ weekday: string; start: string; end: string }[], string | undefined][] = [
			[
				[
					{ weekday: 'mon', start: '17:00', end: '19:00' },
					{ weekday: 'mon', start: '19:15', end: '21:00' }
				],
				undefined
			],
			[
				[
					{ weekday: 'mon', start: '17:00', end: '19:00' },
					{ weekday: 'mon', start: '19:14', end: '21:00' }
				],
				'season_slot_too_close'
			],
			[
				[
					{ weekday: 'mon', start: '17:00', end: '19:00' },
					{ weekday: 'mon', start: '18:00', end: '21:00' }
				],
				'season_slot_overlap'
			],
			[
				[
					{ weekday: 'fri', start: '20:00', end: '00:00' },
					{ weekday: 'sat', start: '00:00', end: '02:00' }
				],
				'season_slot_too_close'
			],
			[
				[
					{ weekday: 'sun', start: '22:00', end: '00:00' },
					{ weekday: 'mon', start: '00:10', end: '01:00' }
				],
				'season_slot_too_close'
			],
			[
				[
					{ weekday: 'sun', start: '22:00', end: '00:00' },
					{ weekday: 'mon', start: '00:15', end: '01:00' }
				],
				undefined
			],
			[
				[
					{ weekday: 'mon', start: '17:00', end: '19:00' },
					{ weekday: 'tue', start: '17:00', end: '19:00' }
				],
				undefined
			]
		];
		for (const [slots, expected] of cases) {
			expect(code(checkSeason(setup(slots), known)), JSON.stringify(slots)).toBe(expected);
		}
		// without the rooms' pauses (the times fixed since the window opened) touching times pass
		const touching = setup([
			{ weekday: 'mon', start: '17:00', end: '19:00' },
			{ weekday: 'mon', start: '19:00', end: '21:00' }
		]);
		expect(code(checkSeason(touching, { rooms: ['r1'] }))).toBeUndefined();
	});
});
