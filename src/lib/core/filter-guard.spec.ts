import { describe, expect, it } from 'vitest';
import { everyRowThroughBackRelation, tokens } from '$rules/core/filter-guard.js';

// docs/rules.md, "The door": which client filters reach through a back-relation in a way PocketBase answers
// without the related collection's list rule.
describe('everyRowThroughBackRelation', () => {
	it.each([
		'title.holds_via_title.patron != "abc"',
		'title.holds_via_title.patron = "abc"',
		'"abc" != title.holds_via_title.patron',
		'title.holds_via_title.patron.name:each ~ "Mette"',
		'title.holds_via_title.patron.name:each ?~ "Mette"',
		'title.holds_via_title:length > 2',
		'loans_via_copy.patron.name!~"x"',
		'id != "" && (a = 1 || copy.loans_via_copy.due < "2030-01-01")'
	])('refuses %s', (filter) => {
		expect(everyRowThroughBackRelation(filter)).toBe(true);
	});

	it.each([
		'',
		'status != "cancelled"',
		'title.holds_via_title.patron ?= "abc"',
		'title.holds_via_title.patron ?!= "abc"',
		'booker = "me" || (association.memberships_via_association.user ?= "me" && association.memberships_via_association.status ?= "active")',
		// words inside quotes are values, also with escaped quotes and the other quote inside
		"purpose != \"x_via_y\" && note != 'it\\'s a_via_b'",
		'purpose = "a \\" b_via_c != d"',
		// a comment is no comparison
		'status = "waiting" // holds_via_title != x'
	])('lets %s pass', (filter) => {
		expect(everyRowThroughBackRelation(filter)).toBe(false);
	});

	it('leaves a filter that does not tokenize to PocketBase', () => {
		expect(tokens('title.holds_via_title.patron != "unterminated')).toBeNull();
		expect(everyRowThroughBackRelation('title.holds_via_title.patron != "unterminated')).toBe(false);
	});
});
