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

/**
 * Writes the feed token on the account as it stands, in one transaction (no other change is undone). A
 * deleted account has no feed: a request let in with a session loaded before the deletion committed is
 * refused (`overview_account_deleted`), as every other write of such a session is (core/tx.js route), where
 * it was answered a new address that found nobody.
 */
function setToken(app, userId, token) {
	require(`${__hooks}/lib/core/tx.js`).run(app, (txApp) => {
		const user = txApp.findRecordById('users', userId);
		if (user.getString('deleted_at')) {
			throw require(`${__hooks}/lib/core/errors.js`).refusal('overview_account_deleted');
		}
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
	// an association renamed since (unverified again) that the user has left is not named to them
	const association = readable(
		app,
		user,
		'associations',
		bookings.map((b) => b.getString('association'))
	);
	for (const b of bookings) {
		const named = b.expandedOne('association');
		entries.push(
			bookingEntry(
				valuesOf(b, ['status', 'purpose', 'start', 'end']),
				valuesOf(b.expandedOne('room'), ['name']),
				named && association[named.id] ? valuesOf(named, ['name']) : null
			)
		);
	}

	const holds = all(
		'holds',
		'patron = {:u} && status = "ready" && pickup_deadline >= {:since}',
		'pickup_deadline'
	);
	app.expandRecords(holds, ['title'], null);
	for (const h of holds) {
		entries.push(
			pickupEntry(
				valuesOf(h, ['pickup_shelf', 'ready_at', 'pickup_deadline']),
				valuesOf(h.expandedOne('title'), ['title'])
			)
		);
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
	// a shift is seen as its event is (the shifts' rule reads the event's state): a place of an event taken
	// back to a draft, which the house cancelled first, says nothing of the draft, its title, time or room
	const shiftEvent = readable(
		app,
		user,
		'events',
		signups.map((s) => (s.expandedOne('shift') ? s.expandedOne('shift').getString('event') : ''))
	);
	for (const s of signups) {
		const shift = s.expandedOne('shift');
		if (!shift || !shiftEvent[shift.getString('event')]) continue;
		const event = shift.expandedOne('event');
		entries.push(
			shiftEntry(
				valuesOf(s, ['status']),
				valuesOf(shift, ['task', 'start', 'end']),
				valuesOf(event, ['state']),
				valuesOf(event ? event.expandedOne('room') : null, ['name']),
				event ? eventTitle(event) : ''
			)
		);
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
	const ticketEvent = readable(
		app,
		user,
		'events',
		registrations.map((r) => r.getString('event'))
	);
	for (const r of registrations) {
		const event = r.expandedOne('event');
		if (!event || !ticketEvent[event.id]) continue;
		entries.push(
			registrationEntry(
				valuesOf(r, ['status']),
				valuesOf(event, ['state', 'start', 'end']),
				valuesOf(event.expandedOne('room'), ['name']),
				eventTitle(event)
			)
		);
	}
	return entries;
}

/**
 * Of the related rows' ids, those the feed's user may read under the collection's own view rule
 * (lib/overview-timeline.js viewableIds), as an id-to-true map: the feed says of an association or an
 * event only what the user's own token reads, as the single file of an entry (which expands them with that
 * token), Mit overblik and Mine data do. The address is the feed's only key, so what it shows goes to
 * whoever the user shared it with too.
 * @param {core.App} app
 * @param {core.Record} user
 * @param {string} collection
 * @param {string[]} ids
 * @returns {Record<string, true>}
 */
function readable(app, user, collection, ids) {
	const { viewableIds } = require(`${__hooks}/lib/overview-timeline.js`);
	return viewableIds(app, collection, ids, new RequestInfo({ auth: user }));
}

/** A row's id, `updated` and the named fields as plain strings; null for a row not there. */
function valuesOf(row, names) {
	if (!row) return null;
	const out = { id: row.id, updated: row.getString('updated') };
	for (const name of names) out[name] = row.getString(name);
	return out;
}

// One entry of the feed from the rows it is made of, as plain values: the feed builds each entry here, and
// the single "add to calendar" file of the app from the same rows as it reads them, so both say the same
// (summary, description with the association's name, room, status and SEQUENCE). A row not there is null.

/**
 * A booking, its room and the association it is for.
 * @param {{ id: string, updated?: string, status: string, purpose: string, start: string, end: string }} b
 * @param {{ name: string, updated?: string } | null | undefined} room
 * @param {{ name: string, updated?: string } | null | undefined} association
 */
function bookingEntry(b, room, association) {
	const state = b.status;
	return {
		uid: 'booking-' + b.id,
		kind: 'booking',
		// refused, or released because nobody came: called off, as far as a calendar goes
		status: state === 'rejected' || state === 'no_show' ? 'cancelled' : state,
		title: room ? room.name : '',
		detail: b.purpose || '',
		association: association ? association.name : '',
		location: room ? room.name : '',
		start: b.start,
		end: b.end,
		updated: changedAt({
			place: b.updated,
			room: room && room.updated,
			association: association && association.updated
		})
	};
}

/**
 * A hold ready for pickup, and its title.
 * @param {{ id: string, updated?: string, pickup_shelf: string, ready_at?: string, pickup_deadline: string }} h
 * @param {{ title: string, updated?: string } | null | undefined} title
 */
function pickupEntry(h, title) {
	return {
		uid: 'pickup-' + h.id,
		kind: 'pickup',
		status: 'ready',
		title: title ? title.title : '',
		detail: h.pickup_shelf || '',
		association: '',
		location: '',
		start: h.ready_at || h.pickup_deadline,
		end: h.pickup_deadline,
		updated: changedAt({ place: h.updated, title: title && title.updated })
	};
}

/**
 * A place on a shift, the shift, its event and the event's room; `eventTitle` in the reader's language.
 * @param {{ id: string, updated?: string, status: string }} s
 * @param {{ id: string, updated?: string, task: string, start: string, end: string }} shift
 * @param {{ id: string, updated?: string, state: string } | null | undefined} event
 * @param {{ name: string, updated?: string } | null | undefined} room
 * @param {string} eventTitle
 */
function shiftEntry(s, shift, event, room, eventTitle) {
	return {
		uid: 'shift-' + s.id,
		kind: 'shift',
		status: s.status === 'cancelled' || (event && event.state === 'cancelled') ? 'cancelled' : 'confirmed',
		title: shift.task,
		detail: event ? eventTitle : '',
		association: '',
		location: room ? room.name : '',
		start: shift.start,
		end: shift.end,
		updated: changedAt({
			place: s.updated,
			shift: shift.updated,
			event: event && event.updated,
			room: room && room.updated
		})
	};
}

/**
 * A ticket, its event and the event's room; `eventTitle` in the reader's language.
 * @param {{ id: string, updated?: string, status: string }} r
 * @param {{ id: string, updated?: string, state: string, start: string, end: string }} event
 * @param {{ name: string, updated?: string } | null | undefined} room
 * @param {string} eventTitle
 */
function registrationEntry(r, event, room, eventTitle) {
	return {
		uid: 'registration-' + r.id,
		kind: 'registration',
		status: r.status === 'cancelled' || event.state === 'cancelled' ? 'cancelled' : 'confirmed',
		title: eventTitle,
		detail: '',
		association: '',
		location: room ? room.name : '',
		start: event.start,
		end: event.end,
		updated: changedAt({ place: r.updated, event: event.updated, room: room && room.updated })
	};
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
	bookingEntry,
	changedAt,
	isTokenShape,
	renewToken,
	revokeToken,
	userByToken,
	feedEntries,
	pickupEntry,
	registrationEntry,
	shiftEntry,
	TOKEN_LENGTH
};
