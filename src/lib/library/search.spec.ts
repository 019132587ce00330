import { describe, expect, it } from 'vitest';
import { catalogueFilter } from './search';

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
