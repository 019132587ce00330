/// <reference path="../../pb_data/types.d.ts" />

// What Mit overblik shows, read in one request for the signed-in user (issue 6): bookings (own and their
// associations'), holds with queue places, loans, shifts and registrations, and the unread count.
//
// The app could read these through the records API, as some ten filtered list requests with expands;
// here they are five SQL reads, every query bound to the user's own id from the auth token.

/** lib/core/filter.js bindFilter, required at the call: loading this file needs nothing of PocketBase. */
function bindFilter(filter, params) {
	return require(`${__hooks}/lib/core/filter.js`).bindFilter(filter, params);
}

const { toPbDate } = require(`${__hooks}/lib/overview-time.js`);
const statuses = require(`${__hooks}/lib/core/status.js`);
const queue = require(`${__hooks}/lib/library-queue.js`);

/** How far back the overview and the calendar feed reach. */
const HISTORY_DAYS = 30;
/**
 * The overview is a summary: the next UPCOMING entries and the latest HISTORY ones across all kinds
 * ("Mine data" and each area's own page have everything). Each kind is read up to one more than that,
 * sorted as the timeline sorts it, so the merged first entries are exact and "there is more" is known.
 */
const LIMITS = { upcoming: 20, history: 10 };

/** The user's role in each association they are an active (accepted) member of, by association id. */
function associationRoles(app, userId) {
	/** @type {Record<string, string>} */
	const roles = {};
	app
		.findRecordsByFilter(
			'memberships',
			bindFilter('user = {:u} && status = "active"', { u: userId }),
			'',
			200,
			0
		)
		.forEach((m) => (roles[m.getString('association')] = m.getString('role')));
	return roles;
}

/** Ids of the associations the user is an active (accepted) member of, in any role. */
function associationIds(app, userId) {
	return Object.keys(associationRoles(app, userId));
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
 * The same owner condition in SQL for the `b` alias of bookings (the associations from
 * associationIds, bound as parameters added to `params`, which must hold the user's id as `u`).
 */
function bookingOwnerSql(app, params, roles) {
	const ids = Object.keys(roles || associationRoles(app, params.u)).map((id, i) => {
		params['a' + i] = id;
		return '{:a' + i + '}';
	});
	return ids.length ? '(b.booker = {:u} OR b.association IN (' + ids.join(', ') + '))' : 'b.booker = {:u}';
}

/**
 * One kind of entry: its upcoming rows (up to LIMITS.upcoming + 1) and its past ones (up to
 * LIMITS.history + 1), each in timeline order, in one SQL read with bound parameters. The related
 * records the timeline shows (room, association, title, shift, event) come joined, as the `expand`
 * column the records API would give, built by SQLite; the rows go to the answer as they are. Reading
 * records and expanding them in this runtime cost several times the queries themselves
 * (docs/performance.md, "Reads").
 * With `keep` (rows -> the rows the overview shows), a part that lost rows to it is read again, further,
 * until it holds as many shown rows as asked for or none are left: the first entries and "there is more"
 * stay exact (rare: a place in an event taken back to a draft).
 */
function entries(app, shape, select, upcoming, past, params, keep) {
	const read = (sql) => {
		const out = arrayOf(new DynamicModel(shape));
		app.db().newQuery(sql).bind(params).all(out);
		return out;
	};
	const part = (where, limit) => 'SELECT * FROM (' + select + ' WHERE ' + where + ' LIMIT ' + limit + ')';
	const wants = [
		[upcoming, LIMITS.upcoming + 1],
		[past, LIMITS.history + 1]
	];
	const all = read(part(wants[0][0], wants[0][1]) + ' UNION ALL ' + part(wants[1][0], wants[1][1]));
	if (!keep) return all;
	const kept = keep(all);
	if (kept.length === all.length) return all;
	/** @type {any[]} */
	let out = [];
	for (const [where, want] of wants) {
		for (let limit = want * 2; ; limit *= 2) {
			const rows = read(part(where, limit));
			const shown = keep(rows);
			if (shown.length >= want || rows.length < limit) {
				out = out.concat(shown.slice(0, want));
				break;
			}
		}
	}
	return out;
}

/**
 * Of the related records' ids, those the user may view under the collection's own view rule (the
 * `__viewable` binding of our PocketBase build, pocketbase/main.go), for the user's auth (`info`), as an
 * id-to-true map. The one reading of what the overview, the calendar feed and Mine data may say of a
 * related record.
 * @param {core.App} app
 * @param {string} collection
 * @param {string[]} ids
 * @param {core.RequestInfo} info
 * @returns {Record<string, true>}
 */
function viewableIds(app, collection, ids, info) {
	const unique = ids.filter((id, i) => id && ids.indexOf(id) === i);
	/** @type {Record<string, true>} */
	const out = {};
	if (unique.length) __viewable(app, collection, unique, info).forEach((id) => (out[id] = true));
	return out;
}

/**
 * The places (sign-ups, registrations) whose event the user may view. A place of an event the user may
 * not view is left out, as the calendar feed leaves it out (lib/overview-calendar.js): staff may take an
 * event back to a draft only once its places are cancelled, and such a cancelled place said nothing, a
 * card with no title and no time, or it would name the draft. Mine data keeps the record, in words
 * (`overview_data_event_hidden`).
 * @param {core.App} app
 * @param {core.RequestInfo} info
 * @param {any[]} rows each with the event's id in `event`
 */
function placesOfViewableEvents(app, info, rows) {
	const seen = viewableIds(
		app,
		'events',
		rows.map((row) => row.event),
		info
	);
	return rows.filter((row) => seen[row.event]);
}

/**
 * Leaves out of the rows' expands the related records the user may not view, as an expand leaves
 * them out: PocketBase's own view rule of each collection, for the user's auth (`info`), checked for all
 * the related records at once (the `__viewable` binding of our PocketBase build, pocketbase/main.go).
 * A row that loses something is replaced by a plain copy (rare: a draft event, an unverified
 * association the user is no member of).
 * @param {core.App} app
 * @param {core.RequestInfo} info
 * @param {any[]} list the rows
 * @param {string} collection of the related records
 * @param {string} field the row's relation field
 * @param {string[]} path where the related record sits in the row's expand
 */
function hideUnviewable(app, info, list, collection, field, path) {
	const ids = [];
	for (const row of list) {
		const id = row[field];
		if (id && ids.indexOf(id) < 0) ids.push(id);
	}
	if (!ids.length) return list;
	const seen = __viewable(app, collection, ids, info);
	if (seen.length === ids.length) return list;
	return list.map((row) => {
		if (!row[field] || seen.indexOf(row[field]) >= 0) return row;
		const copy = JSON.parse(JSON.stringify(row));
		let expand = copy.expand;
		for (let i = 0; i < path.length - 1 && expand; i++) expand = expand[path[i]] && expand[path[i]].expand;
		if (expand) delete expand[path[path.length - 1]];
		return copy;
	});
}

/**
 * The overview's entries for one user, each kind with what the timeline shows of its related records
 * under `expand`, as the records API would give it (a related record the request may not view left
 * out), and `desk`: the entries staff made for the user at the desk. Upcoming and past entries of each
 * kind are read in the order the timeline shows them (src/lib/overview/timeline.ts): an upcoming booking
 * is a live one that has not ended, and so on.
 * @param {core.RequestEvent} e the request; its auth record is the user
 * @param {Date} now
 * @param {string} [userId] another user than the token's: staff at the desk (lib/desk.js checks the right)
 */
function overviewFor(e, now, userId) {
	const app = e.app;
	// the related records are named as the user's own token reads them, also at the desk: the receipt staff
	// print from this is the citizen's paper, and says no more than the citizen's own Mit overblik (an
	// association renamed since, that the citizen has left, is not named to them)
	const info =
		userId && userId !== e.auth.id
			? new RequestInfo({ auth: app.findRecordById('users', userId) })
			: e.requestInfo();
	const params = {
		u: userId || e.auth.id,
		now: toPbDate(now),
		since: toPbDate(new Date(now.getTime() - HISTORY_DAYS * 86400000))
	};
	const atDesk = require(`${__hooks}/lib/desk.js`).madeAtDeskSql;
	const place = (alias) => statuses.activePlaceFilter(alias + '.status', true);

	// the user's roles decide which of the association's bookings they may change (rule 3; the timeline
	// offers what the booking machine would allow: src/lib/overview/timeline.ts)
	const roles = associationRoles(app, params.u);
	const owner = bookingOwnerSql(app, params, roles);
	let bookings = entries(
		app,
		{
			id: '',
			room: '',
			association: '',
			booker: '',
			purpose: '',
			attendees: 0,
			start: '',
			end: '',
			status: '',
			reason: '',
			cancel_reason: '',
			checked_in_at: '',
			checked_out_at: '',
			decided_at: '',
			checkin_grace_minutes: 0,
			cancel_hours: 0,
			at_desk: false,
			expand: {}
		},
		'SELECT b.id, b.room, b.association, b.booker, b.purpose, b.attendees, b.start, b.end, b.status, ' +
			'b.reason, b.cancel_reason, b.checked_in_at, b.checked_out_at, b.decided_at, b.checkin_grace_minutes, b.cancel_hours, ' +
			atDesk('bookings', 'b.id') +
			' AS at_desk, json_object(' +
			"'room', CASE WHEN r.id IS NULL THEN NULL ELSE json_object('id', r.id, 'name', r.name, 'slug', r.slug, " +
			"'checkin_required', json(CASE WHEN r.checkin_required THEN 'true' ELSE 'false' END), " +
			"'checkin_opens_minutes', r.checkin_opens_minutes, 'checkin_grace_minutes', r.checkin_grace_minutes) END, " +
			"'association', CASE WHEN a.id IS NULL THEN NULL ELSE json_object('id', a.id, 'name', a.name) END" +
			') AS expand FROM bookings b LEFT JOIN rooms r ON r.id = b.room ' +
			'LEFT JOIN associations a ON a.id = b.association',
		owner +
			' AND (' +
			statuses.activeBookingFilter('b.status', true) +
			') AND b.end > {:now} ORDER BY b.start',
		owner +
			// past, or over before its end: rejected, cancelled, or released as a no-show while it runs
			' AND b.end >= {:since} AND (b.end <= {:now} OR NOT (' +
			statuses.activeBookingFilter('b.status', true) +
			')) ' +
			'ORDER BY b.start DESC',
		params
	);
	bookings = hideUnviewable(app, info, bookings, 'rooms', 'room', ['room']);
	bookings = hideUnviewable(app, info, bookings, 'associations', 'association', ['association']);

	const title = (alias) =>
		"json_object('title', CASE WHEN t.id IS NULL THEN NULL ELSE json_object('id', t.id, 'title', t.title, " +
		"'creator', t.creator) END) AS expand FROM " +
		alias +
		' LEFT JOIN titles t ON t.id = ';
	let holds = entries(
		app,
		{
			id: '',
			title: '',
			patron: '',
			status: '',
			placed_at: '',
			pickup_shelf: '',
			pickup_deadline: '',
			ended_at: '',
			created: '',
			updated: '',
			at_desk: false,
			place: 0,
			expand: {}
		},
		'SELECT h.id, h.title, h.patron, h.status, h.placed_at, h.pickup_shelf, h.pickup_deadline, h.ended_at, ' +
			'h.created, h.updated, ' +
			queue.placeSql('h') +
			' AS place, ' +
			atDesk('holds', 'h.id') +
			' AS at_desk, ' +
			title('holds h') +
			'h.title',
		// waiting and paused holds first (they sort as "now"), then those ready by pickup deadline
		'h.patron = {:u} AND (' +
			statuses.activeHoldFilter('h.status', true) +
			') ORDER BY h.pickup_deadline, h.placed_at',
		"h.patron = {:u} AND h.status IN ('collected', 'expired', 'cancelled') AND h.ended_at >= {:since} " +
			'ORDER BY h.ended_at DESC',
		params
	);
	holds = hideUnviewable(app, info, holds, 'titles', 'title', ['title']);
	let loans = entries(
		app,
		{ id: '', title: '', patron: '', due: '', returned_at: '', lost: false, expand: {} },
		'SELECT l.id, l.title, l.patron, l.due, l.returned_at, l.lost, ' + title('loans l') + 'l.title',
		'l.patron = {:u} AND (' + statuses.openLoanFilter('l.returned_at', true) + ') ORDER BY l.due',
		"l.patron = {:u} AND l.returned_at != '' AND l.returned_at >= {:since} ORDER BY l.returned_at DESC",
		params
	);
	loans = hideUnviewable(app, info, loans, 'titles', 'title', ['title']);

	// the event with its room's name (where it takes place, for "add to calendar")
	const event =
		"CASE WHEN ev.id IS NULL THEN NULL ELSE json_object('id', ev.id, 'title', ev.title, 'title_en', ev.title_en, " +
		"'state', ev.state, " +
		"'start', ev.start, 'end', ev.end, 'room', ev.room, 'expand', json_object('room', " +
		"json((SELECT json_object('id', rm.id, 'name', rm.name) FROM rooms rm WHERE rm.id = ev.room)))) END";
	let signups = entries(
		app,
		{
			id: '',
			shift: '',
			user: '',
			status: '',
			cancelled_by_house: false,
			off_waitlist_by_house: false,
			event: '',
			at_desk: false,
			expand: {}
		},
		'SELECT s.id, s.shift, s.user, s.status, s.cancelled_by_house, s.off_waitlist_by_house, sh.event, ' +
			atDesk('signups', 's.id') +
			" AS at_desk, json_object('shift', json_object('id', sh.id, 'task', sh.task, 'start', sh.start, " +
			"'end', sh.end, 'event', sh.event, 'expand', json_object('event', " +
			event +
			'))) AS expand FROM signups s JOIN shifts sh ON sh.id = s.shift LEFT JOIN events ev ON ev.id = sh.event',
		's.user = {:u} AND (' + place('s') + ') AND sh.end > {:now} ORDER BY sh.start',
		's.user = {:u} AND sh.end >= {:since} AND (sh.end <= {:now} OR NOT (' +
			place('s') +
			')) ORDER BY sh.start DESC',
		params,
		(rows) => placesOfViewableEvents(app, info, rows)
	);
	// a shift is seen as its event is (the shifts' view rule reads the event's state)
	signups = hideUnviewable(app, info, signups, 'shifts', 'shift', ['shift']);
	const registrations = entries(
		app,
		{
			id: '',
			event: '',
			user: '',
			status: '',
			cancelled_by_house: false,
			off_waitlist_by_house: false,
			checked_in_at: '',
			at_desk: false,
			expand: {}
		},
		'SELECT g.id, g.event, g.user, g.status, g.cancelled_by_house, g.off_waitlist_by_house, g.checked_in_at, ' +
			atDesk('registrations', 'g.id') +
			" AS at_desk, json_object('event', " +
			event +
			') AS expand FROM registrations g JOIN events ev ON ev.id = g.event',
		'g.user = {:u} AND (' + place('g') + ') AND ev.end > {:now} ORDER BY ev.start',
		'g.user = {:u} AND ev.end >= {:since} AND (ev.end <= {:now} OR NOT (' +
			place('g') +
			')) ORDER BY ev.start DESC',
		params,
		(rows) => placesOfViewableEvents(app, info, rows)
	);

	// queue places of the waiting and paused holds, read with the holds in the library's queue order
	/** @type {Record<string, number>} */
	const places = {};
	for (const h of holds) {
		const place = h.place;
		if (place > 0) places[h.id] = place;
	}

	// entries staff made for the user at the desk ("Oprettet for dig ved skranken")
	/** @type {Record<string, boolean>} */
	const desk = {};
	for (const list of [bookings, holds, signups, registrations]) {
		for (const row of list) if (row.at_desk) desk[row.id] = true;
	}
	return {
		user: params.u,
		roles: roles,
		bookings: bookings,
		holds: holds,
		loans: loans,
		signups: signups,
		registrations: registrations,
		places: places,
		desk: desk,
		limits: LIMITS,
		historyDays: HISTORY_DAYS
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
	placesOfViewableEvents,
	viewableIds,
	unreadCount
};
