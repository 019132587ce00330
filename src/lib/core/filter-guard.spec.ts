import { describe, expect, it } from 'vitest';
import { everyRowThroughBackRelation, sortsThroughBackRelation } from '$rules/core/filter-guard.js';

// docs/rules.md, "The door": a back-relation in a client filter only as a path directly before a `?`
// operator; every other form is refused, whatever PocketBase would make of it.
describe('everyRowThroughBackRelation', () => {
	it.each([
		'title.holds_via_title.patron != "abc"',
		'title.holds_via_title.patron = "abc"',
		'"abc" != title.holds_via_title.patron',
		'"abc" ?= title.holds_via_title.patron',
		'title.holds_via_title.patron.name:each ~ "Mette"',
		'title.holds_via_title.patron.name:each ?~ "Mette"',
		'title.holds_via_title:length > 2',
		'loans_via_copy.patron.name!~"x"',
		'id != "" && (a = 1 || copy.loans_via_copy.due < "2030-01-01")',
		'strftime(\'%Y\', title.holds_via_title.created) ?= "2026"',
		// a comment, which PocketBase reads differently inside brackets
		'(id != "" //"\n//") && title.holds_via_title.patron ?= "x"',
		'title.HOLDS_VIA_TITLE.patron != "x"'
	])('refuses %s', (filter) => {
		expect(everyRowThroughBackRelation(filter)).toBe(true);
	});

	it.each([
		'',
		null,
		'status != "cancelled"',
		'title.holds_via_title.patron ?= "abc"',
		'title.holds_via_title.patron?!="abc"',
		'booker = "me" || (association.memberships_via_association.user ?= "me" && association.memberships_via_association.status ?= "active")'
	])('lets %s pass', (filter) => {
		expect(everyRowThroughBackRelation(filter)).toBe(false);
	});

	it('refuses a back-relation named only inside a quoted value too (nothing the app sends)', () => {
		expect(everyRowThroughBackRelation('purpose != "x_via_y"')).toBe(true);
	});
});

describe('sortsThroughBackRelation', () => {
	it('refuses a sort that names a back-relation, in any position or letter case', () => {
		for (const sort of ['holds_via_title.id', '-loans_via_title.id', 'title,HOLDS_VIA_TITLE.created'])
			expect(sortsThroughBackRelation(sort), sort).toBe(true);
	});

	it("lets the collection's own fields and forward relations through", () => {
		for (const sort of ['', null, undefined, '-created,title', 'title.title', '@random'])
			expect(sortsThroughBackRelation(sort), String(sort)).toBe(false);
	});
});
