import { describe, expect, it } from 'vitest';
import { m } from '$lib/paraglide/messages';
import { plural } from '$lib/paraglide/registry';

// The build keeps one Intl.PluralRules per language and options (keepIntlFormats in vite.config.ts):
// a kept one must never answer for another language or for other options.
describe('plural forms with kept Intl rules', () => {
	it('answers each language with its own forms, alternating', () => {
		for (let round = 0; round < 3; round++) {
			expect(m.events_shift_free({ count: 1 }, { locale: 'da' })).toBe('Mangler 1 frivillig');
			expect(m.events_shift_free({ count: 1 }, { locale: 'en' })).toBe('Needs 1 volunteer');
			expect(m.events_shift_free({ count: 3 }, { locale: 'da' })).toBe('Mangler 3 frivillige');
			expect(m.events_shift_free({ count: 3 }, { locale: 'en' })).toBe('Needs 3 volunteers');
		}
	});

	it('keeps cardinal and ordinal rules apart', () => {
		expect(plural('en', 2, { type: 'ordinal' })).toBe('two');
		expect(plural('en', 2)).toBe('other');
		expect(plural('en', 2, { type: 'ordinal' })).toBe('two');
	});
});
