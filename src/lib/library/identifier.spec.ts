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
			'87-7000-001-X', // the ISBN-10
			'ISBN-10 87-7000-001-x'
		]) {
			expect(identifierKey(written, 'book'), written).toBe(key);
		}
	});

	it('compares no magazine and no title without an identifier, and keeps other numbers apart', () => {
		expect(identifierKey('0906-5555', 'magazine')).toBe('');
		expect(identifierKey('', 'book')).toBe('');
		expect(identifierKey(' - ', 'thing')).toBe('');
		expect(identifierKey('DVD-1234', 'film')).toBe('DVD1234');
		expect(identifierKey('DVD-1234', 'film')).not.toBe(identifierKey('DVD-1235', 'film'));
		expect(identifierKey('straße', 'thing')).toBe('STRASSE');
	});
});
