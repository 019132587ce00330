/// <reference path="../../pb_data/types.d.ts" />

// What Mit overblik shows, read in one request for the signed-in user (issue 6): bookings (own and their
// associations'), holds with queue places, loans, shifts and registrations, and the unread count.
//
// The app could read these through the records API, but PocketBase slows down list requests with a
// filter that find nothing (a random pause of up to half a second after three such requests in three
// seconds, against timing attacks on list rules), and a citizen with no association or no unread message
// makes exactly those requests on every page. Here there is no client filter to time: every query is
// bound to the user's own id from the auth token.

const { ACTIVE_FILTER, holdViews } = require(`${__hooks}/lib/library-desk.js`);
const { toPbDate } = require(`${__hooks}/lib/overview-time.js`);
const statuses = require(`${__hooks}/lib/core/status.js`);

/** How far back the overview and the calendar feed reach. */
const HISTORY_DAYS = 30;
/**
 * The overview is a summary: the next UPCOMING entries and the latest HISTORY ones across all kinds
 * ("Mine data" and each area's own page have everything). Each kind is read up to one more than that,
 * sorted as the timeline sorts it, so the merged first entries are exact and "there is more" is known.
 */
const LIMITS = { upcoming: 20, history: 10 };

const LIVE_BOOKING = statuses.activeBookingFilter();
const ENDED_HOLD = '(status = "collected" || status = "expired" || status = "cancelled")';
const LIVE_PLACE = statuses.activePlaceFilter();
const DEAD_PLACE = '(' + statuses.ACTIVE_PLACE.map((s) => 'status != "' + s + '"').join(' && ') + ')';

/** Ids of the associations the user is an active (accepted) member of, in any role. */
function associationIds(app, userId) {
	return app
		.findRecordsByFilter('memberships', 'user = {:u} && status = "active"', '', 200, 0, { u: userId })
		.map((m) => m.getString('association'));
}

/**
 * The filter for bookings the user sees as theirs: booked by them or for one of their associations.
 * Adds its parameters to `params` (which must hold the user's id as `u`).
 */
function bookingOwnerFilter(app, params) {
	let owner = 'booker = {:u}';
	associationIds(app, params.u).forEach((id, i) => {
		params['a' + i] = id;
		owner += ' || association = {:a' + i + '}';
	});
	return '(' + owner + ')';
}

/**
 * The overview's records for one user, each list enriched as the records API would (expands checked
 * against the expanded collections' view rules for the requesting user, hidden fields left out).
 * Upcoming and past entries of each kind are read separately, in the order the timeline shows them
 * (src/lib/overview/timeline.ts): an upcoming booking is a live one that has not ended, and so on.
 * @param {core.RequestEvent} e the request; its auth record is the user
 * @param {Date} now
 * @param {string} [userId] another user than the token's: staff at the desk (lib/desk.js checks the right)
 */
function overviewFor(e, now, userId) {
	const app = e.app;
	const params = {
		u: userId || e.auth.id,
		now: toPbDate(now),
		since: toPbDate(new Date(now.getTime() - HISTORY_DAYS * 86400000))
	};
	const read = (collection, upcoming, past) =>
		app
			.findRecordsByFilter(collection, upcoming[0], upcoming[1], LIMITS.upcoming + 1, 0, params)
			.concat(app.findRecordsByFilter(collection, past[0], past[1], LIMITS.history + 1, 0, params));

	const owner = bookingOwnerFilter(app, params);
	const bookings = read(
		'bookings',
		[owner + ' && ' + LIVE_BOOKING + ' && end > {:now}', 'start'],
		[
			owner + ' && end >= {:since} && (end <= {:now} || status = "rejected" || status = "cancelled")',
			'-start'
		]
	);
	const holds = read(
		'holds',
		// waiting and paused holds first (they sort as "now"), then those ready by pickup deadline
		['patron = {:u} && ' + ACTIVE_FILTER, 'pickup_deadline,placed_at'],
		['patron = {:u} && ' + ENDED_HOLD + ' && ended_at >= {:since}', '-ended_at']
	);
	const loans = read(
		'loans',
		['patron = {:u} && ' + statuses.openLoanFilter(), 'due'],
		['patron = {:u} && returned_at != "" && returned_at >= {:since}', '-returned_at']
	);
	const signups = read(
		'signups',
		['user = {:u} && ' + LIVE_PLACE + ' && shift.end > {:now}', 'shift.start'],
		['user = {:u} && shift.end >= {:since} && (shift.end <= {:now} || ' + DEAD_PLACE + ')', '-shift.start']
	);
	const registrations = read(
		'registrations',
		['user = {:u} && ' + LIVE_PLACE + ' && event.end > {:now}', 'event.start'],
		['user = {:u} && event.end >= {:since} && (event.end <= {:now} || ' + DEAD_PLACE + ')', '-event.start']
	);

	/** @type {Record<string, number>} */
	const places = {};
	for (const view of holdViews(app, holds)) {
		if (view.place > 0) places[view.id] = view.place;
	}

	// entries staff made for the user at the desk ("Oprettet for dig ved skranken"), from the audit log
	const desk = require(`${__hooks}/lib/desk.js`).madeAtDesk(
		app,
		params.u,
		[].concat(bookings, holds, signups, registrations)
	);

	$apis.enrichRecords(e, bookings, 'room', 'association');
	$apis.enrichRecords(e, holds, 'title');
	$apis.enrichRecords(e, loans, 'title');
	$apis.enrichRecords(e, signups, 'shift.event');
	$apis.enrichRecords(e, registrations, 'event');
	return {
		bookings: bookings,
		holds: holds,
		loans: loans,
		signups: signups,
		registrations: registrations,
		places: places,
		desk: desk,
		limits: LIMITS
	};
}

/** The number of the user's unread notifications (one indexed count). */
function unreadCount(app, userId) {
	return app.countRecords('notifications', $dbx.hashExp({ user: userId, read_at: '' }));
}

module.exports = {
	HISTORY_DAYS,
	LIMITS,
	bookingOwnerFilter,
	overviewFor,
	unreadCount
};
