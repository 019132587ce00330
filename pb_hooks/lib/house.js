/// <reference path="../../pb_data/types.d.ts" />

// The house itself (docs/rules.md, "The house"): its name, its address (the LOCATION of every calendar
// entry) and its opening hours, which set the time of day of pickup and loan deadlines. One module for the
// hooks and the app (`$rules/house.js`). Pure; house time from core/time.js.

var NAME = 'Kultur- & Borgerhuset';
var ADDRESS = 'Torvet 1';

/** The house's (and the library desk's) opening hours, per weekday, in house time. */
var OPENING_HOURS = {
	mon: [['08:00', '21:00']],
	tue: [['08:00', '21:00']],
	wed: [['08:00', '21:00']],
	thu: [['08:00', '21:00']],
	fri: [['08:00', '18:00']],
	sat: [['10:00', '16:00']],
	sun: [['10:00', '16:00']]
};

function time() {
	return typeof __hooks === 'undefined' ? require('./core/time.js') : require(__hooks + '/lib/core/time.js');
}

/** "Salen, Kultur- & Borgerhuset, Torvet 1": a room (or nothing) and the house's address. */
function locationOf(room) {
	return [room, NAME, ADDRESS].filter(Boolean).join(', ');
}

/**
 * The closing time of a local date "YYYY-MM-DD", as "HH:MM", or null when the house is closed that day.
 * @param {string} date
 */
function closingTime(date) {
	var weekday = time().weekdayOf(date);
	var spans = (weekday && OPENING_HOURS[weekday]) || [];
	var last = null;
	for (var i = 0; i < spans.length; i++) if (!last || spans[i][1] > last) last = spans[i][1];
	return last;
}

/**
 * Whether a whole-house closure covers the closing instant of a day: the house shuts for it before its
 * closing time and is still shut then, so nobody can come by that day's deadline. A closure that ends
 * before closing time (the house opens again) or starts at it leaves the day open.
 * @param {number} closeMs
 * @param {number[][]} closures [startMs, endMs] of closures of the whole house
 */
function closedAtClose(closeMs, closures) {
	for (var i = 0; i < closures.length; i++) {
		if (closures[i][0] < closeMs && closures[i][1] >= closeMs) return true;
	}
	return false;
}

/**
 * A deadline `days` days after `fromMs` (calendar days in house time), at the house's closing time of
 * that day; a day the house is closed (by its opening hours, or by a whole-house closure that covers its
 * closing time) moves it to the next open day. Returns an instant (ms). Clock changes need no care: the
 * day is counted on the wall calendar and its closing time resolved in the zone.
 * @param {number} fromMs
 * @param {number} days
 * @param {number[][]} [closures] [startMs, endMs] of the whole house's closures (room empty), read by the
 *   caller in its transaction; none when omitted
 */
function deadlineAfter(fromMs, days, closures) {
	var t = time();
	var shut = closures || [];
	var date = t.addDays(t.localParts(fromMs).date, days);
	// a year ahead at most: the house is never closed for longer
	for (var i = 0; i < 366; i++) {
		var close = closingTime(date);
		if (close) {
			var at = t.resolveLenient(date, close);
			if (!closedAtClose(at, shut)) return at;
		}
		date = t.addDays(date, 1);
	}
	return fromMs + days * 24 * 60 * 60 * 1000;
}

module.exports = {
	NAME: NAME,
	ADDRESS: ADDRESS,
	OPENING_HOURS: OPENING_HOURS,
	locationOf: locationOf,
	closingTime: closingTime,
	deadlineAfter: deadlineAfter
};
