/// <reference path="../../pb_data/types.d.ts" />

// Rule 1 of docs/rules.md: two active claims on one room never overlap, buffer included.
// Active claims are bookings that are pending or approved, events that are not cancelled, and closures
// (house-wide or of the room). Pure helpers first (shared with the app as `$rules/room-claims.js`), then
// the one query that PocketBase hooks of every area use inside their write's transaction.

var MINUTE = 60 * 1000;

/**
 * Milliseconds since the epoch of a PocketBase date string ("2026-01-02 15:04:05.000Z"), an ISO string,
 * a Date, a number or a PocketBase DateTime. NaN when it is not a date.
 */
function toMs(value) {
	if (typeof value === 'number') return value;
	if (value instanceof Date) return value.getTime();
	if (value && typeof value === 'object' && typeof value.string === 'function') value = value.string();
	if (typeof value !== 'string' || value === '') return NaN;
	return Date.parse(value.replace(' ', 'T'));
}

/** A PocketBase date string in UTC: "2026-01-02 15:04:05.000Z". */
function toPbDate(value) {
	return new Date(toMs(value)).toISOString().replace('T', ' ');
}

/**
 * True when the interval [aStart, aEnd) comes within `bufferMinutes` of [bStart, bEnd).
 * Touching intervals do not overlap when the buffer is 0.
 */
function claimsOverlap(aStart, aEnd, bStart, bEnd, bufferMinutes) {
	var buffer = (bufferMinutes > 0 ? bufferMinutes : 0) * MINUTE;
	return toMs(aStart) < toMs(bEnd) + buffer && toMs(bStart) < toMs(aEnd) + buffer;
}

/** The interval that another claim must stay out of: [start - buffer, end + buffer). */
function bufferedWindow(start, end, bufferMinutes) {
	var buffer = (bufferMinutes > 0 ? bufferMinutes : 0) * MINUTE;
	return { start: toMs(start) - buffer, end: toMs(end) + buffer };
}

/**
 * The first active claim on `room` that [start, end) would collide with, or null.
 * Bookings (pending/approved; until their check-out when checked out early) and events (draft/published)
 * count with the room's buffer on both sides;
 * closures of the room or of the whole house count without buffer.
 * Call it with the transaction's app (txApp) inside the write it guards, so that no other write can
 * slip in between the check and the save.
 * @param {core.App} app
 * @param {{ room: string | core.Record, start: unknown, end: unknown, excludeBookingId?: string, excludeEventId?: string }} claim
 * @returns {{ kind: 'booking' | 'event' | 'closure', id: string } | null}
 */
function findRoomConflict(app, claim) {
	// a room record may be passed in to save a lookup
	var roomId = typeof claim.room === 'string' ? claim.room : claim.room.id;
	var room =
		typeof claim.room === 'string' || typeof claim.room.getInt !== 'function'
			? app.findRecordById('rooms', roomId)
			: claim.room;
	var window = bufferedWindow(claim.start, claim.end, room.getInt('buffer_minutes'));
	var params = {
		room: roomId,
		start: toPbDate(claim.start),
		end: toPbDate(claim.end),
		bstart: toPbDate(window.start),
		bend: toPbDate(window.end),
		booking: claim.excludeBookingId || '',
		event: claim.excludeEventId || ''
	};
	var status = require(__hooks + '/lib/core/status.js');
	// one query for the three kinds of claim, first match only: it runs inside the write's transaction,
	// which holds the one write connection (docs/performance.md, "Writes")
	var found = arrayOf(new DynamicModel({ kind: '', id: '' }));
	app
		.db()
		.newQuery(
			"SELECT * FROM (SELECT 'booking' AS kind, id FROM bookings WHERE room = {:room} AND " +
				status.activeBookingFilter('status', true) +
				' AND start < {:bend} AND [[end]] > {:bstart} AND id != {:booking}' +
				// checked out early: the rest of the slot is free (docs/rules.md, "Check-in and no-shows")
				" AND (checked_out_at = '' OR checked_out_at > {:bstart}) LIMIT 1)" +
				" UNION ALL SELECT * FROM (SELECT 'event' AS kind, id FROM events WHERE room = {:room} AND " +
				status.activeEventFilter('state', true) +
				' AND start < {:bend} AND [[end]] > {:bstart} AND id != {:event} LIMIT 1)' +
				" UNION ALL SELECT * FROM (SELECT 'closure' AS kind, id FROM closures WHERE (room = {:room} OR room = '')" +
				' AND start < {:end} AND [[end]] > {:start} LIMIT 1)' +
				' LIMIT 1'
		)
		.bind(params)
		.all(found);
	if (found.length) return { kind: found[0].kind, id: found[0].id };
	return null;
}

/** The tables whose claims are read by time across rooms, each with an index on a claim's length. */
var LENGTH_TABLES = ['bookings', 'room_busy'];

/**
 * The longest claim stored in each table (ms, rounded up), any status: one index lookup
 * each (`idx_*_length`, an index on the expression below). Only callable inside PocketBase hooks.
 * @param {core.App} app
 * @returns {{ bookings: number, room_busy: number }}
 */
function longestClaims(app) {
	/** @type {Record<string, number>} */
	var longest = {};
	for (var i = 0; i < LENGTH_TABLES.length; i++) {
		var row = new DynamicModel({ ms: 0 });
		app
			.db()
			.newQuery(
				// the expression as the index has it, or SQLite cannot use the index for MAX; whole ms, rounded up
				'SELECT CAST(COALESCE(MAX(julianday(`end`) - julianday(`start`)), 0) * 86400000 AS INTEGER) + 1 AS ms FROM ' +
					LENGTH_TABLES[i]
			)
			.one(row);
		longest[LENGTH_TABLES[i]] = row.ms;
	}
	return /** @type {{ bookings: number, room_busy: number }} */ (longest);
}

/**
 * The earliest start a claim overlapping [from, ...) can have, given the longest claim of its table
 * (longestClaims): a read of claims by time asks `start > floor` beside `end > from`, so that SQLite
 * walks the claims that start after the floor instead of the whole history (docs/performance.md,
 * "Reads of every room at once"). A second to spare covers the rounding of julianday.
 * @param {unknown} from
 * @param {number} longestMs
 */
function overlapFloor(from, longestMs) {
	return toMs(from) - (longestMs > 0 ? longestMs : 0) - 1000;
}

module.exports = {
	toMs,
	toPbDate,
	claimsOverlap,
	bufferedWindow,
	findRoomConflict,
	longestClaims,
	overlapFloor
};
