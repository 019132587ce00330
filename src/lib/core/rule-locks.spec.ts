import { describe, expect, it } from 'vitest';
import { lockedField, parse } from '$rules/rule-locks.js';

// The door reads a collection's API rule to name the field a body is refused for (docs/rules.md, "Bad input
// at the door"). The rules below are the shapes the collections have.
const HOLD_CREATE =
	'(@request.auth.id != "" && patron = @request.auth.id && (status = "" || status = "waiting") && ' +
	'@request.body.placed_at:isset = false && @request.body.copy:isset = false) || ' +
	'(@request.auth.staff = true && @request.headers.x_borgerhus_for != "" && ' +
	'patron = @request.headers.x_borgerhus_for && @request.body.placed_at:isset = false && ' +
	'@request.body.copy:isset = false)';
const BOOKING_UPDATE =
	'@request.auth.staff = true || ((booker = @request.auth.id || (association != "" && ' +
	'association.memberships_via_association.user ?= @request.auth.id)) && ' +
	'(@request.body.status:isset = false || @request.body.status = "cancelled"))';
const CITIZEN = { id: 'citizen0000001', staff: false, create: false };
const STAFF = { id: 'staff000000001', staff: true, create: false };
const creating = (auth: typeof CITIZEN) => ({ ...auth, create: true });

describe('lockedField', () => {
	it('names a field the rule forbids in every branch', () => {
		expect(lockedField(HOLD_CREATE, { title: 'x', copy: 'abc' }, creating(CITIZEN))).toBe('copy');
		expect(lockedField(HOLD_CREATE, { title: 'x', placed_at: '', copy: '' }, creating(STAFF))).toBe(
			'placed_at'
		);
	});

	it('names nothing the rule may still allow', () => {
		// staff may name the citizen at the desk
		expect(lockedField(HOLD_CREATE, { title: 'x', patron: 'abc' }, creating(STAFF))).toBe('');
		expect(lockedField(HOLD_CREATE, { title: 'x', patron: CITIZEN.id }, creating(CITIZEN))).toBe('');
		expect(lockedField(HOLD_CREATE, { title: 'x', status: 'waiting' }, creating(CITIZEN))).toBe('');
		// an owner may cancel, staff may do anything the hooks allow
		expect(lockedField(BOOKING_UPDATE, { status: 'cancelled' }, CITIZEN)).toBe('');
		expect(lockedField(BOOKING_UPDATE, { status: 'approved' }, STAFF)).toBe('');
		// a field sent with a modifier is PocketBase's to judge
		expect(lockedField('@request.body.tags:isset = false', { 'tags+': 'a' }, CITIZEN)).toBe('');
	});

	it('judges values the body decides on its own', () => {
		// on a create the new record's fields are the body's
		expect(lockedField(HOLD_CREATE, { title: 'x', patron: 'someoneelse0001' }, creating(CITIZEN))).toBe(
			'patron'
		);
		expect(lockedField(HOLD_CREATE, { title: 'x', status: 'ready' }, creating(CITIZEN))).toBe('status');
		// on an update a bare field is the stored row's, which the body does not decide
		expect(lockedField('status = "waiting"', { status: 'ready' }, CITIZEN)).toBe('');
		expect(lockedField(BOOKING_UPDATE, { status: 'approved' }, CITIZEN)).toBe('status');
		// null equals no text but the empty one
		expect(lockedField(BOOKING_UPDATE, { status: null }, CITIZEN)).toBe('status');
		expect(lockedField(BOOKING_UPDATE, { status: null }, STAFF)).toBe('');
		expect(lockedField('@request.body.status = ""', { status: null }, CITIZEN)).toBe('');
		// other values than text are cast by PocketBase first: left to it
		expect(lockedField(BOOKING_UPDATE, { status: 1 }, CITIZEN)).toBe('');
		expect(lockedField(BOOKING_UPDATE, { purpose: 'Møde' }, CITIZEN)).toBe('');
	});

	it("judges the desk's header when it is given, and leaves it unknown when not", () => {
		const desk = (citizen: string) => ({ ...creating(STAFF), headers: { x_borgerhus_for: citizen } });
		// staff at the desk for one citizen, naming another in the body
		expect(lockedField(HOLD_CREATE, { title: 'x', patron: 'someoneelse0001' }, desk(CITIZEN.id))).toBe(
			'patron'
		);
		expect(lockedField(HOLD_CREATE, { title: 'x', patron: CITIZEN.id }, desk(CITIZEN.id))).toBe('');
		// no desk header: the staff branch is false, and the citizen branch names the staff member
		expect(lockedField(HOLD_CREATE, { title: 'x', patron: CITIZEN.id }, desk(''))).toBe('patron');
		// not given: PocketBase's to judge
		expect(lockedField(HOLD_CREATE, { title: 'x', patron: 'someoneelse0001' }, creating(STAFF))).toBe('');
	});

	it('judges nothing in a rule without body terms, an open rule or a rule it cannot read', () => {
		expect(lockedField('@request.auth.id != ""', { staff: true }, CITIZEN)).toBe('');
		expect(lockedField('', { staff: true }, CITIZEN)).toBe('');
		expect(lockedField(null, { staff: true }, CITIZEN)).toBe('');
		expect(lockedField('(@request.body.staff:isset = false', { staff: true }, CITIZEN)).toBe('');
	});

	it('reads quoted text with operators and parentheses in it as part of its atom', () => {
		const rule = 'name != "a && (b || c)" && @request.body.staff:isset = false';
		expect(parse(rule)).toEqual({
			op: 'and',
			items: [{ atom: 'name != "a && (b || c)"' }, { atom: '@request.body.staff:isset = false' }]
		});
		expect(lockedField(rule, { staff: false }, CITIZEN)).toBe('staff');
	});
});
