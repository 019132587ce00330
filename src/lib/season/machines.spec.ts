import { describe, expect, it } from 'vitest';
import { available, define, permitted } from '$rules/core/machine.js';
import { application, objection, season, swap } from '$rules/season/machines.js';

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

	it('let only the receiving association consent to a swap, and staff approve only a consented one', () => {
		expect(permitted(swap, 'proposed', 'done', ['owner'])).toBeNull();
		expect(permitted(swap, 'proposed', 'done', ['association'])?.name).toBe('consent');
		expect(permitted(swap, 'proposed', 'done', ['staff'])).toBeNull();
		expect(permitted(swap, 'consented', 'done', ['staff'])?.name).toBe('approve');
	});
});
