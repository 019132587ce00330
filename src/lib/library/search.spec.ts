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
	it('is empty without criteria', () => {
		expect(catalogueFilter({ q: '', type: '', ledig: false }).filter).toBe('');
	});
});
