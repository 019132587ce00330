/// <reference path="../../../pb_data/types.d.ts" />

// One definition of each status predicate (docs/rules.md, "Status predicates"), used by the hooks, the
// overview, the calendar feed, the statistics and the pages alike. Pure; SvelteKit imports it as
// $rules/core/status.js. A filter string here is a constant (no user input) for PocketBase filters and
// SQL alike.

/** Bookings that claim their room: waiting for staff, or approved. */
var ACTIVE_BOOKING = ['pending', 'approved'];
/**
 * Bookings that are on: approved by staff (or needing no approval). A request still waiting holds its room
 * but may never happen, so the house's screens do not show it as on (docs/rules.md, "Door signs and the
 * lobby screen").
 */
var CONFIRMED_BOOKING = ['approved'];
/** Holds in the queue or on the pickup shelf. */
var ACTIVE_HOLD = ['waiting', 'paused', 'ready'];
/** Sign-ups and registrations that count: with a place, or on the waitlist. */
var ACTIVE_PLACE = ['confirmed', 'waitlisted'];
/** Events that claim their room. */
var ACTIVE_EVENT = ['draft', 'published'];

/** @param {string} status */
function isActiveBooking(status) {
	return ACTIVE_BOOKING.indexOf(status) >= 0;
}
/** @param {string} status */
function isConfirmedBooking(status) {
	return CONFIRMED_BOOKING.indexOf(status) >= 0;
}
/** @param {string} status */
function isActiveHold(status) {
	return ACTIVE_HOLD.indexOf(status) >= 0;
}
/** @param {string} status */
function isActivePlace(status) {
	return ACTIVE_PLACE.indexOf(status) >= 0;
}
/** @param {string} status */
function isConfirmedPlace(status) {
	return status === 'confirmed';
}
/** @param {string} state */
function isActiveEvent(state) {
	return ACTIVE_EVENT.indexOf(state) >= 0;
}
/** A loan is open until it is returned. @param {string} returnedAt */
function isOpenLoan(returnedAt) {
	return !returnedAt;
}

/**
 * A PocketBase filter (or SQL condition) for "field is one of values", e.g.
 * `(status = "pending" || status = "approved")`. Values are constants of this module.
 * @param {string} field
 * @param {string[]} values
 * @param {boolean} [sql] SQL syntax (`=` and `OR`, single quotes) instead of PocketBase's
 */
function oneOf(field, values, sql) {
	var parts = [];
	for (var i = 0; i < values.length; i++) {
		parts.push(sql ? field + " = '" + values[i] + "'" : field + ' = "' + values[i] + '"');
	}
	return '(' + parts.join(sql ? ' OR ' : ' || ') + ')';
}

/** @param {string} [field] @param {boolean} [sql] */
function activeBookingFilter(field, sql) {
	return oneOf(field || 'status', ACTIVE_BOOKING, sql);
}
/** @param {string} [field] @param {boolean} [sql] */
function activeHoldFilter(field, sql) {
	return oneOf(field || 'status', ACTIVE_HOLD, sql);
}
/** @param {string} [field] @param {boolean} [sql] */
function activePlaceFilter(field, sql) {
	return oneOf(field || 'status', ACTIVE_PLACE, sql);
}
/** @param {string} [field] @param {boolean} [sql] */
function activeEventFilter(field, sql) {
	return oneOf(field || 'state', ACTIVE_EVENT, sql);
}
/** @param {string} [field] @param {boolean} [sql] */
function confirmedPlaceFilter(field, sql) {
	return oneOf(field || 'status', ['confirmed'], sql);
}
/** A loan not yet returned. @param {string} [field] @param {boolean} [sql] */
function openLoanFilter(field, sql) {
	return oneOf(field || 'returned_at', [''], sql);
}

module.exports = {
	ACTIVE_BOOKING: ACTIVE_BOOKING,
	CONFIRMED_BOOKING: CONFIRMED_BOOKING,
	ACTIVE_HOLD: ACTIVE_HOLD,
	ACTIVE_PLACE: ACTIVE_PLACE,
	ACTIVE_EVENT: ACTIVE_EVENT,
	isActiveBooking: isActiveBooking,
	isConfirmedBooking: isConfirmedBooking,
	isActiveHold: isActiveHold,
	isActivePlace: isActivePlace,
	isConfirmedPlace: isConfirmedPlace,
	isActiveEvent: isActiveEvent,
	isOpenLoan: isOpenLoan,
	oneOf: oneOf,
	activeBookingFilter: activeBookingFilter,
	activeHoldFilter: activeHoldFilter,
	activePlaceFilter: activePlaceFilter,
	activeEventFilter: activeEventFilter,
	confirmedPlaceFilter: confirmedPlaceFilter,
	openLoanFilter: openLoanFilter
};
