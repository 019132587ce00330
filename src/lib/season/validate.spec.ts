import { describe, expect, it } from 'vitest';
import { checkApplication } from '$rules/season/validate.js';

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
