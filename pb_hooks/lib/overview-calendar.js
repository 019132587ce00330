/// <reference path="../../pb_data/types.d.ts" />

// The personal calendar feed (issue 6). The token in the feed URL is the only credential, so it is long,
// random, stored in the hidden users.calendar_token field (only hooks and superusers read it), and
// replaced on renewal, after which the old URL finds nobody.

/** lib/core/filter.js bindFilter, required at the call: loading this file needs nothing of PocketBase. */
function bindFilter(filter, params) {
	return require(`${__hooks}/lib/core/filter.js`).bindFilter(filter, params);
}

const TOKEN_LENGTH = 48;
const TOKEN_PATTERN = /^[A-Za-z0-9]{48}$/;
// The feed holds everything from HISTORY_DAYS back: each kind is read in pages of PAGE rows, in time
// order, until none is left (a club's weekly season times of a year are many hundred bookings; a fixed
// cap would silently drop the furthest ones).
const PAGE = 500;

/** Whether a string has the shape of a feed token (checked before any lookup). */
function isTokenShape(token) {
	return TOKEN_PATTERN.test(String(token || ''));
}

/**
 * Gives the user a new feed token (the old one stops working) and returns it.
 * @param {core.App} app
 * @param {string} userId
 */
function renewToken(app, userId) {
	const token = $security.randomString(TOKEN_LENGTH);
	setToken(app, userId, token);
	return token;
}

/** Writes the feed token on the account as it stands, in one transaction (no other change is undone). */
function setToken(app, userId, token) {
	require(`${__hooks}/lib/core/tx.js`).run(app, (txApp) => {
		const user = txApp.findRecordById('users', userId);
		if (user.getString('deleted_at')) return; // a deleted account has no feed
		user.set('calendar_token', token);
		txApp.save(user);
	});
}

/** Stops the feed: no URL works any more. */
function revokeToken(app, userId) {
	setToken(app, userId, '');
}

/** The user a token belongs to, or null (wrong shape, unknown, or a deleted account). */
function userByToken(app, token) {
	if (!isTokenShape(token)) return null;
	try {
		const user = app.findFirstRecordByData('users', 'calendar_token', token);
		return user.getString('deleted_at') ? null : user;
	} catch (_) {
		return null;
	}
}

/**
 * The entries of a user's feed: bookings (own and their associations'), pickups, shifts and
 * registrations, from 30 days back. Plain objects; the app turns them into iCalendar.
 * @param {core.App} app
 * @param {core.Record} user
 * @param {Date} [now]
 */
function feedEntries(app, user, now) {
	const { toPbDate } = require(`${__hooks}/lib/overview-time.js`);
	const { HISTORY_DAYS, bookingOwnerFilter } = require(`${__hooks}/lib/overview-timeline.js`);
	const status = require(`${__hooks}/lib/core/status.js`);
	// an event's title in the user's language: its English version for an English reader, when written
	const { contentText } = require(`${__hooks}/lib/content-language.js`);
	const language = user.getString('language') === 'en' ? 'en' : 'da';
	const eventTitle = (event) =>
		contentText(event.getString('title'), event.getString('title_en'), language).text;
	const at = (now || new Date()).getTime();
	const since = toPbDate(new Date(at - HISTORY_DAYS * 24 * 3600 * 1000));
	const u = user.id;
	const entries = [];

	const params = { u: u, since: since, now: toPbDate(new Date(at)) };
	/** Every row of a kind in the window, page by page, in time order (then by id, so no page repeats one). */
	const all = (collection, filter, sort) => {
		const rows = [];
		for (let offset = 0; ; offset += PAGE) {
			const page = app.findRecordsByFilter(
				collection,
				bindFilter(filter, params),
				sort + ',id',
				PAGE,
				offset
			);
			for (const row of page) rows.push(row);
			if (page.length < PAGE) return rows;
		}
	};
	// Besides what is on, what someone else called off (staff, a closure, an association's other admin,
	// the release of a room nobody came to) while it is still ahead, marked cancelled: a calendar then
	// shows it called off instead of losing it. What the user cancelled themselves goes from the feed.
	const bookings = all(
		'bookings',
		bookingOwnerFilter(app, params) +
			' && (' +
			status.activeBookingFilter() +
			' || (end >= {:now} && ((status = "cancelled" && cancelled_by != "" && cancelled_by != {:u}) || ' +
			'(status = "rejected" && decided_by != "") || status = "no_show")))' +
			' && end >= {:since}',
		'start'
	);
	app.expandRecords(bookings, ['room', 'association'], null);
	for (const b of bookings) {
		const room = b.expandedOne('room');
		const assoc = b.expandedOne('association');
		const state = b.getString('status');
		entries.push({
			uid: 'booking-' + b.id,
			kind: 'booking',
			// refused, or released because nobody came: called off, as far as a calendar goes
			status: state === 'rejected' || state === 'no_show' ? 'cancelled' : state,
			title: room ? room.getString('name') : '',
			detail: b.getString('purpose'),
			association: assoc ? assoc.getString('name') : '',
			location: room ? room.getString('name') : '',
			start: b.getString('start'),
			end: b.getString('end'),
			updated: changedAt({ place: stamp(b), room: stamp(room), association: stamp(assoc) })
		});
	}

	const holds = all(
		'holds',
		'patron = {:u} && status = "ready" && pickup_deadline >= {:since}',
		'pickup_deadline'
	);
	app.expandRecords(holds, ['title'], null);
	for (const h of holds) {
		const title = h.expandedOne('title');
		entries.push({
			uid: 'pickup-' + h.id,
			kind: 'pickup',
			status: 'ready',
			title: title ? title.getString('title') : '',
			detail: h.getString('pickup_shelf'),
			association: '',
			location: '',
			start: h.getString('ready_at') || h.getString('pickup_deadline'),
			end: h.getString('pickup_deadline'),
			updated: changedAt({ place: stamp(h), title: stamp(title) })
		});
	}

	// a place the house cancelled stays, marked cancelled, until its time has passed
	const cancelledByHouse = '(status = "cancelled" && cancelled_by_house = true && ';
	const signups = all(
		'signups',
		'user = {:u} && (' +
			status.confirmedPlaceFilter() +
			' || ' +
			cancelledByHouse +
			'shift.end >= {:now})) && shift.end >= {:since}',
		'shift.start'
	);
	app.expandRecords(signups, ['shift', 'shift.event', 'shift.event.room'], null);
	for (const s of signups) {
		const shift = s.expandedOne('shift');
		if (!shift) continue;
		const event = shift.expandedOne('event');
		const shiftRoom = event ? event.expandedOne('room') : null;
		entries.push({
			uid: 'shift-' + s.id,
			kind: 'shift',
			status:
				s.getString('status') === 'cancelled' || (event && event.getString('state') === 'cancelled')
					? 'cancelled'
					: 'confirmed',
			title: shift.getString('task'),
			detail: event ? eventTitle(event) : '',
			association: '',
			location: shiftRoom ? shiftRoom.getString('name') : '',
			start: shift.getString('start'),
			end: shift.getString('end'),
			updated: changedAt({
				place: stamp(s),
				shift: stamp(shift),
				event: stamp(event),
				room: stamp(shiftRoom)
			})
		});
	}

	const registrations = all(
		'registrations',
		'user = {:u} && (' +
			status.confirmedPlaceFilter() +
			' || ' +
			cancelledByHouse +
			'event.end >= {:now})) && event.end >= {:since}',
		'event.start'
	);
	app.expandRecords(registrations, ['event', 'event.room'], null);
	for (const r of registrations) {
		const event = r.expandedOne('event');
		if (!event) continue;
		entries.push({
			uid: 'registration-' + r.id,
			kind: 'registration',
			status:
				r.getString('status') === 'cancelled' || event.getString('state') === 'cancelled'
					? 'cancelled'
					: 'confirmed',
			title: eventTitle(event),
			detail: '',
			association: '',
			location: event.expandedOne('room') ? event.expandedOne('room').getString('name') : '',
			start: event.getString('start'),
			end: event.getString('end'),
			updated: changedAt({
				place: stamp(r),
				event: stamp(event),
				room: stamp(event.expandedOne('room'))
			})
		});
	}
	return entries;
}

/** A row's last change in PocketBase's date format, '' for a row not there. */
function stamp(row) {
	return row ? row.getString('updated') : '';
}

/**
 * When a calendar entry last changed, in PocketBase's date format: the latest `updated` of the rows it is
 * made of, those whose words it shows included (a booking, its room and the association it is for; a pickup
 * and its title; a shift's place, the shift, its event and the event's room; a ticket, its event and the
 * event's room), so a room, an association or a title renamed is a change too.
 * A calendar app is told an entry changed by its SEQUENCE, counted from this (lib ics.server.ts). The feed
 * and the single "add to calendar" file both ask here, so a calendar that has an entry from either sees the
 * same SEQUENCE for it, and a moved or cancelled entry as a change.
 * @param {{ place?: string, shift?: string, event?: string, room?: string, title?: string,
 *   association?: string }} updated each
 *   row's `updated` ('' or absent for a row not there)
 * @returns {string}
 */
function changedAt(updated) {
	let last = '';
	for (const value of Object.values(updated)) {
		if (value && value > last) last = value;
	}
	return last;
}

module.exports = {
	changedAt,
	isTokenShape,
	renewToken,
	revokeToken,
	userByToken,
	feedEntries,
	TOKEN_LENGTH
};
