import { describe, expect, it } from 'vitest';
import {
	everyRowThroughBackRelation,
	namesHiddenField,
	sortsThroughBackRelation,
	type CollectionSpec
} from '$rules/core/filter-guard.js';

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

// docs/rules.md, "The door": a filter or sort naming a field hidden from everyone but superusers gets a
// coded refusal; the fields are read from the schema as given.
describe('namesHiddenField', () => {
	const schema: Record<string, CollectionSpec & { id: string; name: string }> = {
		users: {
			id: '_pb_users_auth_',
			name: 'users',
			type: 'auth',
			fields: [
				{ name: 'id', type: 'text' },
				{ name: 'name', type: 'text' },
				{ name: 'password', type: 'password', hidden: true },
				{ name: 'tokenKey', type: 'text' },
				{ name: 'calendar_token', type: 'text', hidden: true }
			]
		},
		rooms: {
			id: 'pbc_rooms',
			name: 'rooms',
			type: 'base',
			fields: [
				{ name: 'id', type: 'text' },
				{ name: 'name', type: 'text' }
			]
		},
		room_busy: {
			id: 'pbc_busy',
			name: 'room_busy',
			type: 'base',
			fields: [
				{ name: 'room', type: 'relation', collectionId: 'pbc_rooms' },
				{ name: 'start', type: 'date' },
				{ name: 'source', type: 'text', hidden: true },
				{ name: 'secret_room', type: 'relation', collectionId: 'pbc_rooms', hidden: true }
			]
		},
		bookings: {
			id: 'pbc_bookings',
			name: 'bookings',
			type: 'base',
			fields: [
				{ name: 'status', type: 'select' },
				{ name: 'purpose', type: 'text' },
				{ name: 'room', type: 'relation', collectionId: 'pbc_rooms' },
				{ name: 'booker', type: 'relation', collectionId: '_pb_users_auth_' }
			]
		}
	};
	const of = (nameOrId: string) =>
		Object.values(schema).find((c) => c.id === nameOrId || c.name === nameOrId) ?? null;
	const hidden = (text: string | null | undefined, collection: string) =>
		namesHiddenField(text, schema[collection]!, of);

	it.each([
		['source = "abc"', 'room_busy'],
		['room = "x" && (source != "")', 'room_busy'],
		['source:lower ~ "a"', 'room_busy'],
		['room_busy_via_room.source ?= "abc"', 'rooms'],
		['room_busy_via_secret_room.id ?= "abc"', 'rooms'],
		['booker.password != ""', 'bookings'],
		['booker.tokenKey ~ "a"', 'bookings'],
		['booker.calendar_token = "x"', 'bookings'],
		['@collection.room_busy.source ?= "abc"', 'rooms'],
		['password = "x"', 'users'],
		// a comment could open a quote PocketBase never reads: then a mention counts
		['name = "x" //"\nsource = "a"', 'room_busy']
	])('refuses the filter %s on %s', (filter, collection) => {
		expect(hidden(filter, collection)).toBe(true);
	});

	it.each([
		['source', 'room_busy'],
		['-booker.tokenKey', 'bookings'],
		['status,booker.password', 'bookings'],
		['-created,room_busy_via_room.source', 'rooms']
	])('refuses the sort %s on %s', (sort, collection) => {
		expect(hidden(sort, collection)).toBe(true);
	});

	it.each([
		['', 'bookings'],
		[null, 'bookings'],
		['status != "cancelled" && booker.name ~ "Eva"', 'bookings'],
		['purpose ~ "source" || purpose = \'password\'', 'bookings'],
		['room.name = "Salen"', 'room_busy'],
		['room_busy_via_room.start ?> "2026-01-01"', 'rooms'],
		['start >= @now && strftime(\'%Y\', start) = "2026"', 'room_busy'],
		['@request.auth.id != ""', 'room_busy'],
		['-start,@random', 'room_busy'],
		['unknown.source = "x"', 'bookings'],
		['SOURCE = "x"', 'room_busy']
	])('lets %s on %s pass', (text, collection) => {
		expect(hidden(text, collection)).toBe(false);
	});
});
