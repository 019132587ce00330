/// <reference path="../../pb_data/types.d.ts" />

// The state machines of events, volunteer sign-ups and attendee registrations (docs/rules.md, "Events and
// volunteers"). Every path that writes them asks these tables, inside the write's transaction, with the row
// as it stands there: the record API hooks (events.pb.js), the custom routes (check-in), promotions from the
// waitlist, the cancellation of an event and the deletion of an account. Pure; the app imports it as
// $rules/events-machines.js.
//
// Roles: "owner" is the volunteer or attendee the row belongs to, "staff" a staff member, "system" the house
// itself (promotions, an event's cancellation reaching its places, account deletion, data loads).

// Plain tables (core/machine.js `define` checks them in the unit test), so the module needs no require and
// loads the same in the hooks and in the app.

/** @param {string} entity @param {string[]} states @param {object[]} transitions */
function define(entity, states, transitions) {
	return { entity: entity, states: states, transitions: transitions };
}

const EVENT = define(
	'event',
	['draft', 'published', 'cancelled'],
	[
		{ from: 'draft', to: 'published', name: 'publish', who: ['staff', 'system'] },
		{ from: 'published', to: 'draft', name: 'unpublish', who: ['staff', 'system'] },
		{ from: 'draft', to: 'cancelled', name: 'cancel', who: ['staff', 'system'] },
		{ from: 'published', to: 'cancelled', name: 'cancel', who: ['staff', 'system'] }
	]
);

/** Transitions shared by sign-ups and registrations. */
function placeTransitions() {
	return [
		// signing up again after cancelling reopens the row at the back of the queue
		{ from: 'cancelled', to: 'confirmed', name: 'reopen', who: ['owner', 'system'] },
		{ from: 'cancelled', to: 'waitlisted', name: 'reopen', who: ['owner', 'system'] },
		{ from: 'waitlisted', to: 'confirmed', name: 'promote', who: ['system'] },
		// the cut-off for a volunteer's own cancellation is checked beside the table (cancelPlace)
		{ from: 'confirmed', to: 'cancelled', name: 'cancel', who: ['owner', 'staff', 'system'] },
		{ from: 'waitlisted', to: 'cancelled', name: 'cancel', who: ['owner', 'staff', 'system'] }
	];
}

const SIGNUP = define('signup', ['confirmed', 'waitlisted', 'cancelled'], placeTransitions());

const REGISTRATION = define(
	'registration',
	['confirmed', 'waitlisted', 'cancelled'],
	placeTransitions().concat([
		// a confirmed ticket is checked in at the door once; it stays confirmed, checked_in_at records it
		{ from: 'confirmed', to: 'confirmed', name: 'check_in', who: ['staff', 'system'] }
	])
);

/** The states a new sign-up or registration may start in (decided by the server, never the client). */
const INITIAL_PLACE = ['confirmed', 'waitlisted'];
/** The states a new event may start in. */
const INITIAL_EVENT = ['draft', 'published'];

/**
 * The machine of a collection.
 * @param {'events' | 'signups' | 'registrations'} collection
 */
function machineOf(collection) {
	if (collection === 'events') return EVENT;
	if (collection === 'signups') return SIGNUP;
	if (collection === 'registrations') return REGISTRATION;
	throw new Error('no machine for ' + collection);
}

module.exports = { EVENT, SIGNUP, REGISTRATION, INITIAL_PLACE, INITIAL_EVENT, machineOf };
