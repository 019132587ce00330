import { describe, expect, it } from 'vitest';
import { anyFieldFilter, catalogueFilter, identifierKeys } from './search';

describe('catalogue search filter', () => {
	it('searches words in title, creator, identifier and subjects, with parameters only', () => {
		const f = catalogueFilter({ q: 'hav" || 1=1', type: '', ledig: false });
		expect(f.filter).toBe('(title ~ {:q} || creator ~ {:q} || identifier ~ {:q} || subjects ~ {:q})');
		expect(f.params).toEqual({ q: 'hav" || 1=1' });
	});
	it('looks an ISBN up by identifier prefix', () => {
		const f = catalogueFilter({ q: '978-87-1234', type: 'book', ledig: true });
		expect(f.filter).toBe('identifier >= {:q} && identifier < {:qEnd} && type = {:type} && on_shelf > 0');
		expect(f.params).toEqual({ q: '978-87-1234', qEnd: '978-87-1234~', type: 'book' });
	});
	it('looks a whole ISBN up by its key too, however it is written', () => {
		const f = catalogueFilter({ q: '978-87-7000-001-7', type: '', ledig: false });
		expect(f.filter).toBe('(identifier >= {:q} && identifier < {:qEnd} || identifier_key = {:key0})');
		expect(f.params.key0).toBe('9788770000017');
		for (const q of ['ISBN 9788770000017', '978 87 7000 001 7', 'isbn: 978-87-7000-001-7']) {
			const g = catalogueFilter({ q, type: '', ledig: false });
			expect(g.filter, q).toBe('(identifier_key = {:key0})');
			expect(g.params, q).toEqual({ key0: '9788770000017' });
		}
		// an ISBN-10: a book's key is its ISBN-13, another type's the digits
		expect(identifierKeys('87-7000-001-8')).toEqual(['9788770000017', '8770000018']);
		// words, and numbers that are no whole ISBN or EAN, are no key
		for (const q of ['Kongens Fald', '978-87', 'DVD 1-23', '12345678901234'])
			expect(identifierKeys(q), q).toEqual([]);
		expect(anyFieldFilter('9788770000017', ['title', 'identifier']).filter).toBe(
			'((title ~ {:q0} || identifier ~ {:q0})) || identifier_key = {:key0}'
		);
		expect(anyFieldFilter('9788770000017', ['title']).filter).toBe('(title ~ {:q0})');
	});
	it('never sends an @ (PocketBase refuses "@request." in a guest\'s filter): it splits the text there', () => {
		const f = catalogueFilter({ q: 'x@request.auth.id', type: '', ledig: false });
		expect(f.filter).toBe(
			'(title ~ {:q} || creator ~ {:q} || identifier ~ {:q} || subjects ~ {:q}) && ' +
				'(title ~ {:q1} || creator ~ {:q1} || identifier ~ {:q1} || subjects ~ {:q1})'
		);
		expect(f.params).toEqual({ q: 'x', q1: 'request.auth.id' });
		for (const q of ['foo @collection.users.email', '@request.body', '@@@', 'a@'.repeat(50)]) {
			const { filter, params } = catalogueFilter({ q, type: 'book', ledig: false });
			expect(`${filter} ${Object.values(params).join(' ')}`).not.toContain('@');
		}
		expect(catalogueFilter({ q: '@@ @', type: '', ledig: false }).filter).toBe('');
		expect(Object.keys(catalogueFilter({ q: 'a@'.repeat(50), type: '', ledig: false }).params)).toHaveLength(
			8
		);
	});
	it('is empty without criteria', () => {
		expect(catalogueFilter({ q: '', type: '', ledig: false }).filter).toBe('');
	});
});
