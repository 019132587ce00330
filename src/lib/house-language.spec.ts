import { describe, expect, it } from 'vitest';
import { contentText } from '$rules/content-language.js';
import { danishIn } from './house-language';

describe('the house’s Danish-only texts', () => {
	it('are marked as Danish on an English page only', () => {
		expect(danishIn('en')).toBe('da');
		expect(danishIn('da')).toBeUndefined();
		expect(danishIn('')).toBeUndefined();
	});

	it('are marked as the shared choice marks a Danish text without an English version', () => {
		for (const language of ['da', 'en'])
			expect(danishIn(language)).toBe(contentText('Café', '', language).lang);
	});
});
