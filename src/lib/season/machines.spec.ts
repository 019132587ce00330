import { describe, expect, it } from 'vitest';
import { available, define, permitted } from '$rules/core/machine.js';
import { application, objection, roundOf, season, swap } from '$rules/season/machines.js';

describe('season machines', () => {
	it('are valid machines that only name their own states', () => {
		for (const m of [season, application, objection, swap]) {
			expect(() => define(m.entity, m.states, m.transitions)).not.toThrow();
		}
	});

	it('move a season one step at a time, by staff only', () => {
		expect(available(season, 'setup', ['staff'])).toEqual(['open']);
		expect(available(season, 'closed', ['staff']).sort()).toEqual(['publish_draft', 'reopen']);
		expect(permitted(season, 'open', 'final', ['staff'])).toBeNull();
		expect(permitted(season, 'setup', 'open', ['association', 'owner'])).toBeNull();
	});

	it('go on from the final plan to the leftovers or a second round, and back to allocating once closed', () => {
		expect(available(season, 'final', ['staff']).sort()).toEqual(['open_second_round', 'release']);
		expect(available(season, 'second_round', ['staff'])).toEqual(['close_second_round']);
		expect(available(season, 'second_closed', ['staff']).sort()).toEqual([
			'publish_second_round',
			'reopen_second_round'
		]);
		expect(permitted(season, 'second_round', 'leftovers', ['staff'])).toBeNull();
		expect(permitted(season, 'final', 'second_round', ['association'])).toBeNull();
		expect(roundOf('second_closed')).toBe(2);
		expect(roundOf('closed')).toBe(1);
	});

	it('let only the receiving association consent to a swap, and staff approve only a consented one', () => {
		expect(permitted(swap, 'proposed', 'done', ['owner'])).toBeNull();
		expect(permitted(swap, 'proposed', 'done', ['association'])?.name).toBe('consent');
		expect(permitted(swap, 'proposed', 'done', ['staff'])).toBeNull();
		expect(permitted(swap, 'consented', 'done', ['staff'])?.name).toBe('approve');
	});
});
