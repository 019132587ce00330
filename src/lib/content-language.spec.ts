import { describe, expect, it } from 'vitest';
import { contentParam, contentText } from '$rules/content-language.js';

describe('the house’s texts in the reader’s language', () => {
	it('shows the English version on an English page, else the Danish marked as Danish', () => {
		expect(contentText('Koncert', 'Concert', 'en')).toEqual({ text: 'Concert' });
		expect(contentText('Koncert', '', 'en')).toEqual({ text: 'Koncert', lang: 'da' });
		expect(contentText('Koncert', '   ', 'en')).toEqual({ text: 'Koncert', lang: 'da' });
		expect(contentText('Koncert', undefined, 'en')).toEqual({ text: 'Koncert', lang: 'da' });
		expect(contentText('', '', 'en')).toEqual({ text: '' });
	});

	it('always shows the Danish text on a Danish page', () => {
		expect(contentText('Koncert', 'Concert', 'da')).toEqual({ text: 'Koncert' });
		expect(contentText('Koncert', 'Concert', 'xx')).toEqual({ text: 'Koncert' });
	});

	it('gives a message both languages, the Danish where no English is written', () => {
		const record = (fields: Record<string, string>) => ({ getString: (f: string) => fields[f] ?? '' });
		expect(contentParam(record({ title: 'Koncert', title_en: 'Concert' }), 'title')).toEqual({
			da: 'Koncert',
			en: 'Concert'
		});
		expect(contentParam(record({ title: 'Koncert' }), 'title')).toEqual({ da: 'Koncert', en: 'Koncert' });
	});
});
