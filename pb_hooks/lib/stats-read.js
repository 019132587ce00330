/// <reference path="../../pb_data/types.d.ts" />

// Reads a period's rows for the statistics (lib/stats.js) straight from SQLite: a few narrow queries
// that return only the columns the figures need, instead of every record through the records API.
// Callers check that the requester is staff first; these queries bypass the collections' rules.

const MAX_ROWS = 200000;

/** "2026-01-02 15:04:05.000Z" to ms; 0 for an empty date. */
function ms(value) {
	const text = String(value || '');
	return text ? Date.parse(text.replace(' ', 'T')) : 0;
}

/**
 * A room's opening hours as the figures need them ({ mon: [["08:00", "22:00"]], ... }), keeping only
 * well-formed intervals, so that one room saved with hours of another shape cannot break the page.
 * @param {string} raw the stored JSON
 */
function openingHours(raw) {
	let parsed = null;
	try {
		parsed = raw ? JSON.parse(raw) : null;
	} catch (_) {
		return null;
	}
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
	const hhmm = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;
	const hours = {};
	for (const day of ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']) {
		if (!Array.isArray(parsed[day])) continue;
		hours[day] = parsed[day].filter(
			(pair) => Array.isArray(pair) && pair.length === 2 && hhmm.test(pair[0]) && hhmm.test(pair[1])
		);
	}
	return hours;
}

function rows(app, sql, shape, params) {
	const result = arrayOf(new DynamicModel(shape));
	app.db().newQuery(sql).bind(params).all(result);
	return result;
}

/**
 * Every figure of the statistics page for house days `fromDate`..`toDate`, or { error } for a bad period.
 * Volunteer hours and no-shows count only what has ended by `now`.
 */
function statsFor(app, fromDate, toDate, now) {
	const time = require(`${__hooks}/lib/rooms-policy.js`);
	const stats = require(`${__hooks}/lib/stats.js`);
	const { toPbDate } = require(`${__hooks}/lib/overview-time.js`);
	const status = require(`${__hooks}/lib/core/status.js`);
	const period = stats.periodBounds(time, fromDate, toDate);
	if ('error' in period) return period;
	const params = {
		from: toPbDate(new Date(period.from)),
		to: toPbDate(new Date(period.to)),
		// the past part of the period, for what has to have happened
		until: toPbDate(new Date(Math.max(period.from, Math.min(period.to, now.getTime())))),
		limit: MAX_ROWS
	};

	// Every room that was there to be booked, or was booked, in the period: one in use now, one with a claim
	// in it, or one whose states staff changed (when it came into use and went out of use is in their audit
	// entries; lib/stats.js leaves out a room in use on no day of the period). A room's creation counts
	// unless something was booked or held in it before: its history was loaded after its row was made,
	// and the house cannot know since when it was in use.
	const rooms = rows(
		app,
		"SELECT r.id AS id, r.name AS name, COALESCE(r.opening_hours, '') AS hours, " +
			'CASE WHEN r.active THEN 1 ELSE 0 END AS active, ' +
			'CASE WHEN EXISTS (SELECT 1 FROM bookings b WHERE b.room = r.id AND b.start < r.created) ' +
			'OR EXISTS (SELECT 1 FROM events v WHERE v.room = r.id AND v.start < r.created) ' +
			"THEN '' ELSE r.created END AS created FROM rooms r WHERE r.active = TRUE OR r.id IN " +
			"(SELECT room FROM bookings WHERE status = 'approved' AND start < {:to} AND end > {:from}) OR r.id IN " +
			"(SELECT room FROM events WHERE state = 'published' AND start < {:to} AND end > {:from}) OR r.id IN " +
			"(SELECT target_id FROM audit_log WHERE target_collection = 'rooms' AND action IN ('rooms_create', " +
			"'rooms_update') AND created < {:to}) ORDER BY r.sort, r.name",
		{ id: '', name: '', hours: '', active: 0, created: '' },
		params
	).map((r) => ({
		id: r.id,
		name: r.name,
		opening_hours: openingHours(r.hours),
		created: ms(r.created),
		changes: [],
		active: Number(r.active) === 1
	}));
	// each staff save of a room records whether it is in use (lib/rooms-bookings.js, auditedStaffWrite);
	// a room made by staff is as its creation's entry says from the moment it was made
	const byId = new Map(rooms.map((r) => [r.id, r]));
	for (const entry of rows(
		app,
		'SELECT target_id AS room, action, created, CASE WHEN json_valid(details) ' +
			"THEN COALESCE(json_extract(details, '$.active'), -1) ELSE -1 END AS active " +
			"FROM audit_log WHERE target_collection = 'rooms' AND action IN ('rooms_create', 'rooms_update') " +
			'AND created < {:to} ORDER BY created',
		{ room: '', action: '', created: '', active: 0 },
		params
	)) {
		const room = byId.get(entry.room);
		if (!room || Number(entry.active) < 0) continue;
		const at = entry.action === 'rooms_create' && room.created ? room.created : ms(entry.created);
		room.changes.push({ at, active: Number(entry.active) === 1 });
	}
	// as it is now from now on: a change the system made is not in the audit log
	for (const room of rooms) {
		if (room.changes.length || !room.active) room.changes.push({ at: now.getTime(), active: room.active });
	}
	const claims = rows(
		app,
		// a booking checked out early was in use until then; the rest of its slot was free to book again
		// (room-claims.js), and counting it too would count that time twice
		"SELECT room, start, CASE WHEN checked_out_at != '' AND checked_out_at < end THEN checked_out_at " +
			"ELSE end END AS end, 'booking' AS kind FROM bookings " +
			"WHERE status = 'approved' AND start < {:to} AND end > {:from} " +
			"UNION ALL SELECT room, start, end, 'event' AS kind FROM events " +
			"WHERE state = 'published' AND room != '' AND start < {:to} AND end > {:from} LIMIT {:limit}",
		{ room: '', start: '', end: '', kind: '' },
		params
	).map((r) => ({ room: r.room, start: ms(r.start), end: ms(r.end), kind: r.kind }));
	const closures = rows(
		app,
		'SELECT room, start, end FROM closures WHERE start < {:to} AND end > {:from}',
		{ room: '', start: '', end: '' },
		params
	).map((r) => ({ room: r.room, start: ms(r.start), end: ms(r.end) }));

	// a hold ready without a pickup deadline has its copy still being fetched to the pickup shelf (or ended so)
	const holds = rows(
		app,
		"SELECT status, placed_at, ready_at, ended_at, CASE WHEN pickup_deadline = '' THEN 1 ELSE 0 END AS fetching " +
			'FROM holds ' +
			'WHERE (ready_at >= {:from} AND ready_at < {:to}) OR (ended_at >= {:from} AND ended_at < {:to}) ' +
			'LIMIT {:limit}',
		{ status: '', placed_at: '', ready_at: '', ended_at: '', fetching: 0 },
		params
	).map((r) => ({
		status: r.status,
		placed_at: ms(r.placed_at),
		ready_at: ms(r.ready_at),
		ended_at: ms(r.ended_at),
		fetching: Number(r.fetching) === 1
	}));
	const loans = rows(
		app,
		'SELECT start FROM loans WHERE start >= {:from} AND start < {:to} LIMIT {:limit}',
		{ start: '' },
		params
	).map((r) => ({ start: ms(r.start) }));
	const queueNow = rows(
		app,
		"SELECT COUNT(CASE WHEN status = 'waiting' THEN 1 END) AS waiting, " +
			"COUNT(CASE WHEN status = 'paused' THEN 1 END) AS paused, " +
			// ready for pickup once the copy lies on the pickup shelf (its deadline started); before, being fetched
			"COUNT(CASE WHEN status = 'ready' AND pickup_deadline = '' THEN 1 END) AS fetching, " +
			"COUNT(CASE WHEN status = 'ready' AND pickup_deadline != '' THEN 1 END) AS ready FROM holds WHERE " +
			status.activeHoldFilter('status', true),
		{ waiting: 0, paused: 0, fetching: 0, ready: 0 },
		params
	)[0];

	const shifts = rows(
		app,
		'SELECT s.user AS user, e.id AS event, e.title AS title, sh.start AS start, sh.end AS end ' +
			'FROM signups s JOIN shifts sh ON sh.id = s.shift JOIN events e ON e.id = sh.event ' +
			'WHERE ' +
			status.confirmedPlaceFilter('s.status', true) +
			// published events only, as for their room time and their attendees: a draft did not take place
			" AND e.state = 'published' AND sh.end > {:from} AND sh.end <= {:until} " +
			'LIMIT {:limit}',
		{ user: '', event: '', title: '', start: '', end: '' },
		params
	).map((r) => ({ user: r.user, event: r.event, title: r.title, start: ms(r.start), end: ms(r.end) }));
	const registrations = rows(
		app,
		'SELECT e.id AS event, e.title AS title, e.start AS start, r.checked_in_at AS checked ' +
			'FROM registrations r JOIN events e ON e.id = r.event ' +
			'WHERE ' +
			status.confirmedPlaceFilter('r.status', true) +
			" AND e.state = 'published' AND e.end > {:from} AND e.end <= {:until} " +
			'LIMIT {:limit}',
		{ event: '', title: '', start: '', checked: '' },
		params
	).map((r) => ({ event: r.event, title: r.title, start: ms(r.start), checked_in: !!r.checked }));

	// bookings that had to be checked in and have ended: checked in, or released as no-shows
	const attendance = rows(
		app,
		'SELECT b.room AS room, r.name AS name, b.status AS status FROM bookings b JOIN rooms r ON r.id = b.room ' +
			"WHERE (b.status = 'no_show' OR (b.status = 'approved' AND b.checked_in_at != '')) " +
			'AND b.end > {:from} AND b.end <= {:until} LIMIT {:limit}',
		{ room: '', name: '', status: '' },
		params
	).map((r) => ({ room: r.room, name: r.name, no_show: r.status === 'no_show' }));

	return {
		period: { from: fromDate, to: toDate, fromMs: period.from, toMs: period.to },
		rooms: stats.roomUse(time, period, rooms, claims, closures),
		library: Object.assign(stats.holdStats(period, holds, loans), {
			waitingNow: queueNow ? queueNow.waiting : 0,
			pausedNow: queueNow ? queueNow.paused : 0,
			fetchingNow: queueNow ? queueNow.fetching : 0,
			readyNow: queueNow ? queueNow.ready : 0
		}),
		volunteers: stats.volunteerHours(shifts),
		noShows: stats.noShows(registrations),
		roomNoShows: stats.roomNoShows(attendance)
	};
}

module.exports = { statsFor };
