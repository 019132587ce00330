import { describe, expect, it } from 'vitest';
import { clip, fill, subjectOf } from '$rules/notify.js';

// The house's messages are written from templates in each language (pb_hooks/lib/notify.js `fill`).
describe('a message template', () => {
	it('puts the parameters in its placeholders and leaves unknown ones empty', () => {
		expect(fill('{room}: {count} af {who}', { room: 'Salen', count: 3 }, 'da')).toBe('Salen: 3 af ');
	});

	it('says one or more in words that agree with the count, in Danish and English', () => {
		const da = 'Du har aflyst {count} {count|booking|bookinger}.';
		expect(fill(da, { count: 1 }, 'da')).toBe('Du har aflyst 1 booking.');
		expect(fill(da, { count: 2 }, 'da')).toBe('Du har aflyst 2 bookinger.');
		expect(fill(da, { count: 0 }, 'da')).toBe('Du har aflyst 0 bookinger.');
		const en = '{count} {count|date|dates} {count|is|are} approved.';
		expect(fill(en, { count: 1 }, 'en')).toBe('1 date is approved.');
		expect(fill(en, { count: 12 }, 'en')).toBe('12 dates are approved.');
	});

	it('is cut to what a notification keeps, counted in characters as PocketBase counts them', () => {
		expect(clip('Klar til afhentning: Nørreby', 100)).toBe('Klar til afhentning: Nørreby');
		expect(clip('Klar til afhentning: Nørreby', 0)).toBe('Klar til afhentning: Nørreby');
		const cut = clip('Klar til afhentning: Nørreby', 23);
		expect(cut).toBe('Klar til afhentning: N…');
		expect(Array.from(cut)).toHaveLength(23);
		// no space left before the ellipsis, and a character outside the basic plane counts as one
		expect(clip('Tak for i dag og på gensyn', 13)).toBe('Tak for i da…');
		expect(clip('Tak for i dag og', 11)).toBe('Tak for i…');
		expect(Array.from(clip('🎉'.repeat(10), 5))).toHaveLength(5);
	});

	it('makes a mail subject on one line, cut to 240 bytes with an ellipsis whatever the letters', () => {
		const bytes = (text: string) => new TextEncoder().encode(text).length;
		expect(subjectOf('Din booking\ner  godkendt')).toBe('Din booking er godkendt');
		expect(subjectOf('a'.repeat(240))).toBe('a'.repeat(240));
		for (const letter of ['a', 'æ', '€', '🎉']) {
			const subject = subjectOf(letter.repeat(300));
			expect(bytes(subject)).toBeLessThanOrEqual(240);
			expect(bytes(subject)).toBeGreaterThan(240 - 7);
			expect(subject.endsWith(letter + '…')).toBe(true);
		}
	});
});
