/// <reference path="../../../pb_data/types.d.ts" />

// The state machines of bookings and booking series (docs/rules.md, "Rooms and bookings"). Every path
// that writes a booking (record API, the series routes, reassignment) asks these tables inside its
// transaction, with the row as it stands there. Pure (no database access).

var machine =
	typeof __hooks === 'undefined' ? require('../core/machine.js') : require(__hooks + '/lib/core/machine.js');

var ANYONE_WHO_MAY_CANCEL = ['owner', 'association', 'staff', 'system'];

/** Who may check a booking in or out: its booker, any active member of its association (role
 * `member`, whatever their role in it), staff, the system (docs/rules.md, "Check-in and no-shows"). */
var ANYONE_PRESENT = ['owner', 'member', 'staff', 'system'];

/** pending -> approved | rejected by staff; cancel by the owner, the association's admins and bookers, staff;
 * move (room, time, attendees, association) keeps an active status, returns an approved booking to pending
 * or approves a request (the status a new booking would get where it moves to); reassign (booker, association) is staff's. In a room that requires check-in an approved booking
 * is checked in (and may check out early) by those present, or released as a no-show by the job. */
var booking = machine.define(
	'bookings',
	['pending', 'approved', 'rejected', 'cancelled', 'no_show'],
	[
		{ from: 'pending', to: 'approved', name: 'approve', who: ['staff', 'system'] },
		{ from: 'pending', to: 'rejected', name: 'reject', who: ['staff', 'system'] },
		{ from: 'pending', to: 'cancelled', name: 'cancel', who: ANYONE_WHO_MAY_CANCEL },
		{ from: 'approved', to: 'cancelled', name: 'cancel', who: ANYONE_WHO_MAY_CANCEL },
		{ from: 'pending', to: 'pending', name: 'move', who: ['owner', 'staff', 'system'] },
		{ from: 'approved', to: 'approved', name: 'move', who: ['owner', 'staff', 'system'] },
		{ from: 'approved', to: 'pending', name: 'move', who: ['owner', 'staff', 'system'] },
		{ from: 'pending', to: 'approved', name: 'move', who: ['owner', 'staff', 'system'] },
		{ from: 'pending', to: 'pending', name: 'edit', who: ['owner', 'staff', 'system'] },
		{ from: 'approved', to: 'approved', name: 'edit', who: ['owner', 'staff', 'system'] },
		// whether the association's name shows on the house's screens is the booker's (or association's) choice
		{ from: 'pending', to: 'pending', name: 'show', who: ['owner', 'association', 'system'] },
		{ from: 'approved', to: 'approved', name: 'show', who: ['owner', 'association', 'system'] },
		{ from: 'pending', to: 'pending', name: 'reassign', who: ['staff', 'system'] },
		{ from: 'approved', to: 'approved', name: 'reassign', who: ['staff', 'system'] },
		{ from: 'approved', to: 'approved', name: 'check_in', who: ANYONE_PRESENT },
		{ from: 'approved', to: 'approved', name: 'check_out', who: ANYONE_PRESENT },
		// the release job, once the grace period has ended without a check-in
		{ from: 'approved', to: 'no_show', name: 'release', who: ['system'] },
		// a system load may set any state (imports, demo data)
		{ from: 'pending', to: 'approved', name: 'system', who: ['system'] },
		{ from: 'approved', to: 'pending', name: 'system', who: ['system'] },
		{ from: 'rejected', to: 'pending', name: 'system', who: ['system'] },
		{ from: 'cancelled', to: 'pending', name: 'system', who: ['system'] },
		{ from: 'rejected', to: 'approved', name: 'system', who: ['system'] },
		{ from: 'cancelled', to: 'approved', name: 'system', who: ['system'] },
		{ from: 'rejected', to: 'cancelled', name: 'system', who: ['system'] },
		{ from: 'cancelled', to: 'rejected', name: 'system', who: ['system'] },
		{ from: 'no_show', to: 'approved', name: 'system', who: ['system'] },
		{ from: 'no_show', to: 'cancelled', name: 'system', who: ['system'] }
	]
);

/** A season booking is active until it is cancelled; cancelling cancels the rest of its dates. */
var series = machine.define(
	'booking_series',
	['active', 'cancelled'],
	[{ from: 'active', to: 'cancelled', name: 'cancel', who: ANYONE_WHO_MAY_CANCEL }]
);

/** Fields only the server writes (a transition or a named staff action); a plain update may not send them.
 * `cancel_hours` is the deadline the booking was given where it was made or moved to (giveDeadline in
 * rooms-bookings.js); `checkin_grace_minutes` the longer grace it keeps from before staff shortened the
 * room's (keepGrace in rooms/attendance.js). */
var SERVER_OWNED = [
	'booker',
	'series',
	'decided_by',
	'decided_at',
	'cancelled_by',
	'checked_in_at',
	'checked_in_by',
	'checked_out_at',
	'released_at',
	'cancel_hours',
	'checkin_grace_minutes'
];
/** Fields whose change is a move: every create check runs again. */
var MOVE_FIELDS = ['room', 'start', 'end', 'attendees', 'association'];
/** Fields a plain update may change without any transition. */
var EDIT_FIELDS = ['purpose'];
/** Fields that belong to a status transition (reject's reason, cancel's reason). */
var TRANSITION_FIELDS = ['status', 'reason', 'cancel_reason'];

/** True when a booking in `status` is still open to change (not rejected or cancelled). */
function isOpen(status) {
	return status === 'pending' || status === 'approved';
}

/**
 * Why a booking in `status` can no longer change: released for a no-show (`rooms_booking_no_show`), or
 * rejected or cancelled (`rooms_booking_closed`).
 * @param {string} status
 */
function closedCode(status) {
	return status === 'no_show' ? 'rooms_booking_no_show' : 'rooms_booking_closed';
}

/**
 * True when `status` is one of the booking machine's states (a status sent as '' or null is none).
 * @param {unknown} status
 */
function isState(status) {
	return typeof status === 'string' && booking.states.indexOf(status) >= 0;
}

/**
 * The transition named `name` from `from` to `to` that one of `roles` may make, or null. `to` is required:
 * a missing or unknown target matches no transition (it never means "any target").
 * @param {string} from
 * @param {string} name
 * @param {string[]} roles
 * @param {string} to
 */
function may(from, name, roles, to) {
	if (!isState(to)) return null;
	for (var i = 0; i < booking.transitions.length; i++) {
		var t = booking.transitions[i];
		if (t.from === from && t.name === name && t.to === to && machine.allowed(t, roles)) return t;
	}
	return null;
}

/** Milliseconds of a PocketBase date string, an ISO string or a number. */
function msOf(value) {
	return typeof value === 'number' ? value : new Date(String(value).replace(' ', 'T')).getTime();
}

/**
 * What of a booking has become history at `now`, judged on its stored times (docs/rules.md, "A booking
 * keeps its history"): once it has ended, all of it, so a move of any of MOVE_FIELDS or another holder is
 * `rooms_booking_over` (a move would clear its check-in, another holder would carry its check-in or
 * no-show to another record); once under way, its room and start (`rooms_booking_started`); its end, the
 * number of attendees and a holder of a booking under way may still change (the update hook then judges
 * its end and the room's capacity, not its start: `running`). `changed`: the fields the write changes.
 * The system, arranging history as it finds it, is not asked.
 * @param {{ start: string | number, end: string | number }} stored
 * @param {string[]} changed
 * @param {number} now
 * @returns {{ code: 'rooms_booking_over' | 'rooms_booking_started', field: string } | null}
 */
function historyProblem(stored, changed, now) {
	if (!changed.length) return null;
	if (now >= msOf(stored.end)) return { code: 'rooms_booking_over', field: changed[0] };
	if (now < msOf(stored.start)) return null;
	var fixed = ['room', 'start'];
	for (var i = 0; i < fixed.length; i++) {
		if (changed.indexOf(fixed[i]) >= 0) return { code: 'rooms_booking_started', field: fixed[i] };
	}
	return null;
}

/**
 * Why a booking in `status` is no longer cancelled at `now`: an approved booking that has ended was used
 * or not (its check-in, its no-show, the room's use are counted), so `rooms_cancel_booking_over`; a request
 * still pending when it ended may still be decided or withdrawn, past the booker's cancel deadline too
 * (`transition` in rooms-bookings.js skips the deadline for a pending request: it never held the room as
 * approved).
 * @param {{ end: string | number }} stored
 * @param {string} status
 * @param {number} now
 * @returns {'rooms_cancel_booking_over' | null}
 */
function cancelProblem(stored, status, now) {
	return status === 'approved' && now >= msOf(stored.end) ? 'rooms_cancel_booking_over' : null;
}

module.exports = {
	booking: booking,
	series: series,
	SERVER_OWNED: SERVER_OWNED,
	MOVE_FIELDS: MOVE_FIELDS,
	EDIT_FIELDS: EDIT_FIELDS,
	TRANSITION_FIELDS: TRANSITION_FIELDS,
	isOpen: isOpen,
	closedCode: closedCode,
	isState: isState,
	may: may,
	historyProblem: historyProblem,
	cancelProblem: cancelProblem
};
