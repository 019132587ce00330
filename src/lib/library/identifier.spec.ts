import { describe, expect, it } from 'vitest';
import { identifierKey } from '$rules/library-identifier.js';

describe('identifierKey', () => {
	it('reads one ISBN however it is written', () => {
		const key = '9788770000017';
		for (const written of [
			'978-87-7000-001-7',
			'978 87 7000 001 7',
			'ISBN 9788770000017',
			'ISBN-13: 978-87-7000-001-7',
			'978877000\u00AD0017', // soft hyphen
			'9788770\u200C000017', // zero-width non-joiner
			'９７８８７７００００017', // fullwidth digits
			'978\uFF0D8770000017', // fullwidth hyphen
			'978\uFE638770000017', // small hyphen
			'978\u20118770000017', // non-breaking hyphen
			'٩٧٨٨٧٧٠٠٠٠٠١٧', // Arabic-Indic digits
			'87-7000-001-8', // the ISBN-10
			'ISBN-10: 87-7000-001-8',
			'EAN 9788770000017',
			'९७८८७७०००००१७', // Devanagari digits
			'978⁃87-70000-01·7' // hyphen bullet, middle dot
		]) {
			expect(identifierKey(written, 'book'), written).toBe(key);
		}
	});

	it('compares no magazine and no title without an identifier, and keeps other numbers apart', () => {
		expect(identifierKey('0906-5555', 'magazine')).toBe('');
		expect(identifierKey('', 'book')).toBe('');
		expect(identifierKey(' - ', 'thing')).toBe('');
		expect(identifierKey('DVD-1234', 'film')).toBe('DVD-1234');
		expect(identifierKey('DVD-1234', 'film')).not.toBe(identifierKey('DVD-1235', 'film'));
		// a number that is not an ISBN keeps what tells it apart
		expect(identifierKey('DVD 1-23/31261', 'film')).not.toBe(identifierKey('DVD 12-3/31261', 'film'));
		expect(identifierKey('2024000001', 'thing')).not.toBe(identifierKey('2024000002', 'thing'));
		// only a book's valid ISBN-10 is read as its ISBN-13
		expect(identifierKey('8770000018', 'thing')).toBe('8770000018');
		expect(identifierKey('87-7000-001-X', 'book')).toBe('877000001X');
		expect(identifierKey('straße', 'thing')).toBe('STRASSE');
	});
});
