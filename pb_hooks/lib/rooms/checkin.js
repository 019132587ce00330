/// <reference path="../../../pb_data/types.d.ts" />

// Check-in and no-shows as pure rules (docs/rules.md, "Check-in and no-shows"): the check-in window of a
// booking, the room policy's sane ranges, the house's season, and the no-show threshold. The routes and
// the release job (rooms/attendance.js) decide with these inside their transactions; the app imports the
// same module as $rules/rooms/checkin.js to offer "Vi er her" exactly while the server would accept it.

var MINUTE = 60 * 1000;

/** Sane ranges of a room's check-in policy, in minutes. */
var OPENS_MAX = 240;
var GRACE_MIN = 5;
var GRACE_MAX = 120;
/** A policy for rooms that never had one set. */
var DEFAULT_OPENS = 15;
var DEFAULT_GRACE = 15;
/** No-shows in one season at which the association is warned and staff see it (house rule). */
var DEFAULT_THRESHOLD = 3;
/** The house's season starts on this month and day (house time) and runs a year: 1 August - 31 July. */
var SEASON_START_MONTH = 8;

function houseTime() {
	return typeof __hooks === 'undefined' ? require('../core/time.js') : require(__hooks + '/lib/core/time.js');
}

function whole(value) {
	return typeof value === 'number' && isFinite(value) && value % 1 === 0;
}

/**
 * A room's check-in policy as it would be stored: null when fine, else { code, field }.
 * @param {{ checkin_required: boolean, checkin_opens_minutes: number, checkin_grace_minutes: number }} policy
 */
function checkPolicy(policy) {
	var opens = policy.checkin_opens_minutes;
	var grace = policy.checkin_grace_minutes;
	if (!whole(opens) || opens < 0 || opens > OPENS_MAX) {
		return { code: 'rooms_checkin_opens_invalid', field: 'checkin_opens_minutes' };
	}
	if (!whole(grace) || grace < GRACE_MIN || grace > GRACE_MAX) {
		return { code: 'rooms_checkin_grace_invalid', field: 'checkin_grace_minutes' };
	}
	return null;
}

/**
 * The check-in window of a booking: it opens `opens` minutes before the start and closes when the grace
 * period after the start ends (the release deadline), or after the approval of a booking staff approved
 * once the window had opened. Times in ms. The grace is the room's, or the longer one the booking keeps
 * from before staff shortened the room's (`keptGrace`): a booking is never released before the time its
 * booker was told.
 * @param {{ checkin_opens_minutes: number, checkin_grace_minutes: number }} room
 * @param {number} startMs
 * @param {number} [approvedAt] when staff approved the booking (0 or none: approved from the start)
 * @param {number} [keptGrace] the booking's `checkin_grace_minutes` (0 or none: the room's)
 */
function windowOf(room, startMs, approvedAt, keptGrace) {
	var opens = whole(room.checkin_opens_minutes) ? room.checkin_opens_minutes : DEFAULT_OPENS;
	var grace = whole(room.checkin_grace_minutes) ? room.checkin_grace_minutes : DEFAULT_GRACE;
	if (whole(keptGrace) && keptGrace > grace) grace = keptGrace;
	var window = { opens: startMs - opens * MINUTE, closes: startMs + grace * MINUTE };
	// approved by staff after the window opened: nobody could check in before (a pending booking cannot),
	// so the grace runs from the approval
	if (approvedAt > window.opens) window.closes = Math.max(window.closes, approvedAt + grace * MINUTE);
	return window;
}

/**
 * Where a booking stands for check-in at `now`:
 *  - 'off': the room does not require check-in;
 *  - 'early': the window has not opened; 'open': check-in is possible; 'late': the grace period is over;
 *  - 'checked_in': done (check-out is possible while the booking runs).
 * Only approved bookings can be checked in; any other status is 'closed'.
 * @param {{ checkin_required: boolean, checkin_opens_minutes: number, checkin_grace_minutes: number }} room
 * @param {{ status: string, start: number, end: number, checked_in_at?: string, checked_out_at?: string,
 *   approved_at?: number, checkin_grace_minutes?: number }} booking
 * @param {number} now
 * @returns {'off' | 'closed' | 'early' | 'open' | 'late' | 'checked_in' | 'checked_out'}
 */
function phase(room, booking, now) {
	if (!room.checkin_required) return 'off';
	if (booking.checked_out_at) return 'checked_out';
	if (booking.status !== 'approved') return 'closed';
	if (booking.checked_in_at) return 'checked_in';
	var w = windowOf(room, booking.start, booking.approved_at, booking.checkin_grace_minutes);
	if (now < w.opens) return 'early';
	if (now >= w.closes || now >= booking.end) return 'late';
	return 'open';
}

/**
 * True when a booking not checked in is due for release at `now`: the room requires check-in (since
 * before the booking started) and its grace period has ended (counted from a late approval).
 * @param {{ checkin_required: boolean, checkin_opens_minutes: number, checkin_grace_minutes: number, checkin_since: number }} room
 * @param {{ status: string, start: number, end?: number, checked_in_at?: string, approved_at?: number,
 *   checkin_grace_minutes?: number }} booking
 * @param {number} now
 */
function isDue(room, booking, now) {
	if (!room.checkin_required || booking.status !== 'approved' || booking.checked_in_at) return false;
	if (!(room.checkin_since <= booking.start)) return false;
	// approved only after it ended: nobody ever could check in
	if (booking.approved_at && booking.end && booking.approved_at >= booking.end) return false;
	return now >= windowOf(room, booking.start, booking.approved_at, booking.checkin_grace_minutes).closes;
}

/**
 * The house's season holding an instant: 1 August to 31 July in house time (there is no season entity;
 * this is the one place that says what a season is). `from` inclusive, `to` exclusive, in ms.
 * @param {number} ms
 * @returns {{ label: string, from: number, to: number }}
 */
function seasonOf(ms) {
	var time = houseTime();
	var date = time.localParts(ms).date;
	var year = Number(date.slice(0, 4));
	var month = Number(date.slice(5, 7));
	var first = month >= SEASON_START_MONTH ? year : year - 1;
	var pad = SEASON_START_MONTH < 10 ? '0' + SEASON_START_MONTH : String(SEASON_START_MONTH);
	var from = time.resolveLenient(first + '-' + pad + '-01', '00:00');
	var to = time.resolveLenient(first + 1 + '-' + pad + '-01', '00:00');
	return { label: first + '/' + String(first + 1).slice(2), from: from, to: to };
}

/**
 * The no-show threshold of the house: a whole number of at least 1 from the environment value given,
 * else the default (3).
 * @param {unknown} value
 */
function thresholdOf(value) {
	var n = parseInt(String(value || ''), 10);
	return n >= 1 && n <= 100 ? n : DEFAULT_THRESHOLD;
}

module.exports = {
	OPENS_MAX: OPENS_MAX,
	GRACE_MIN: GRACE_MIN,
	GRACE_MAX: GRACE_MAX,
	DEFAULT_OPENS: DEFAULT_OPENS,
	DEFAULT_GRACE: DEFAULT_GRACE,
	DEFAULT_THRESHOLD: DEFAULT_THRESHOLD,
	checkPolicy: checkPolicy,
	windowOf: windowOf,
	phase: phase,
	isDue: isDue,
	seasonOf: seasonOf,
	thresholdOf: thresholdOf
};
