/// <reference path="../../pb_data/types.d.ts" />

// Rule 2 of DESIGN.md as pure functions: a booking lies inside the room's opening hours (Copenhagen
// wall-clock time, daylight-saving days included), within its duration limits, time step and horizon,
// and its attendees fit the room. Shared by the PocketBase hook (which decides) and the app (which warns
// early) as `$rules/rooms-policy.js`. No Intl here: goja has no time-zone data, so Copenhagen time follows
// the EU rule (UTC+1, UTC+2 from the last Sunday of March to the last Sunday of October, 01:00 UTC).

var MINUTE = 60 * 1000;
var DAY = 24 * 60 * MINUTE;
var WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

function pad(n) {
	return (n < 10 ? '0' : '') + n;
}

/** 01:00 UTC on the last Sunday of a month (0-based), in ms. */
function lastSundayAt1Utc(year, month) {
	var last = new Date(Date.UTC(year, month + 1, 0, 1, 0, 0));
	return last.getTime() - last.getUTCDay() * DAY;
}

/** Copenhagen's offset from UTC at an instant, in minutes (60 or 120). */
function houseOffsetMinutes(ms) {
	var year = new Date(ms).getUTCFullYear();
	return ms >= lastSundayAt1Utc(year, 2) && ms < lastSundayAt1Utc(year, 9) ? 120 : 60;
}

/** Copenhagen wall-clock parts of an instant: date "YYYY-MM-DD", weekday "mon".."sun", minutes of the day. */
function localParts(ms) {
	var local = new Date(ms + houseOffsetMinutes(ms) * MINUTE);
	return {
		date: local.getUTCFullYear() + '-' + pad(local.getUTCMonth() + 1) + '-' + pad(local.getUTCDate()),
		weekday: WEEKDAYS[local.getUTCDay()],
		minutes: local.getUTCHours() * 60 + local.getUTCMinutes()
	};
}

/** Adds days to a "YYYY-MM-DD" date. */
function addDays(date, days) {
	var d = new Date(Date.parse(date + 'T00:00:00Z') + days * DAY);
	return d.getUTCFullYear() + '-' + pad(d.getUTCMonth() + 1) + '-' + pad(d.getUTCDate());
}

function parseHhmm(time) {
	var m = /^([01][0-9]|2[0-3]):([0-5][0-9])$/.exec(String(time));
	return m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
}

/**
 * The instant of a Copenhagen wall-clock time, or null when that time does not exist (the hour skipped
 * when clocks go forward) or the input is not a date and time. An hour that occurs twice (clocks going
 * back) gives its first occurrence.
 */
function localToUtc(date, time) {
	var minutes = parseHhmm(time);
	if (!/^\d{4}-\d{2}-\d{2}$/.test(String(date)) || isNaN(minutes)) return null;
	var midnight = Date.parse(date + 'T00:00:00Z');
	if (isNaN(midnight) || new Date(midnight).toISOString().slice(0, 10) !== date) return null;
	var naive = midnight + minutes * MINUTE;
	var offsets = [120, 60];
	for (var i = 0; i < offsets.length; i++) {
		var candidate = naive - offsets[i] * MINUTE;
		if (houseOffsetMinutes(candidate) === offsets[i]) return candidate;
	}
	return null;
}

/** Like localToUtc, but a skipped time moves forward by the skipped hour (for opening hours). */
function localToUtcLenient(date, time) {
	var exact = localToUtc(date, time);
	if (exact !== null) return exact;
	var naive = Date.parse(date + 'T00:00:00Z') + parseHhmm(time) * MINUTE;
	return naive - 60 * MINUTE;
}

/**
 * The room's open intervals [start, end) in ms that touch the local days from `fromDate` to `toDate`,
 * merged where one ends as the next begins. A closing time at or before the opening time closes on the
 * next day (opening hours across midnight).
 * @param {Record<string, [string, string][]>} openingHours e.g. { mon: [["08:00", "22:00"]] }
 */
function openIntervals(openingHours, fromDate, toDate) {
	var intervals = [];
	for (var date = addDays(fromDate, -1); date <= toDate; date = addDays(date, 1)) {
		var weekday = WEEKDAYS[new Date(Date.parse(date + 'T00:00:00Z')).getUTCDay()];
		var spans = (openingHours && openingHours[weekday]) || [];
		for (var i = 0; i < spans.length; i++) {
			var open = spans[i] && spans[i][0];
			var close = spans[i] && spans[i][1];
			if (isNaN(parseHhmm(open)) || isNaN(parseHhmm(close))) continue;
			var closeDate = parseHhmm(close) <= parseHhmm(open) ? addDays(date, 1) : date;
			intervals.push([localToUtcLenient(date, open), localToUtcLenient(closeDate, close)]);
		}
	}
	intervals.sort(function (a, b) {
		return a[0] - b[0];
	});
	var merged = [];
	for (var j = 0; j < intervals.length; j++) {
		var last = merged[merged.length - 1];
		if (last && intervals[j][0] <= last[1]) last[1] = Math.max(last[1], intervals[j][1]);
		else merged.push([intervals[j][0], intervals[j][1]]);
	}
	return merged;
}

/** True when [startMs, endMs) lies inside one open interval of the room. */
function withinOpeningHours(openingHours, startMs, endMs) {
	var intervals = openIntervals(openingHours, localParts(startMs).date, localParts(endMs).date);
	for (var i = 0; i < intervals.length; i++) {
		if (intervals[i][0] <= startMs && endMs <= intervals[i][1]) return true;
	}
	return false;
}

/**
 * Checks a booking against its room's policy. Returns null when it is allowed, otherwise
 * { code, field } with a code whose message is errors_<code>.
 * @param {{ room: { capacity: number, opening_hours: object, min_minutes: number, max_minutes: number,
 *   step_minutes: number, horizon_days: number, active: boolean }, start: number, end: number,
 *   attendees: number, now: number, skipHorizon?: boolean }} input
 */
function checkBookingPolicy(input) {
	var room = input.room;
	var start = input.start;
	var end = input.end;
	if (typeof start !== 'number' || typeof end !== 'number' || isNaN(start) || isNaN(end)) {
		return { code: 'rooms_invalid_time', field: 'start' };
	}
	if (end <= start) return { code: 'rooms_end_before_start', field: 'end' };
	if (!room.active) return { code: 'rooms_inactive', field: 'room' };
	if (start < input.now) return { code: 'rooms_in_past', field: 'start' };
	var attendees = input.attendees;
	if (typeof attendees !== 'number' || isNaN(attendees) || attendees < 1 || attendees % 1 !== 0) {
		return { code: 'rooms_attendees_invalid', field: 'attendees' };
	}
	if (attendees > room.capacity) return { code: 'rooms_over_capacity', field: 'attendees' };
	var minutes = (end - start) / MINUTE;
	if (room.min_minutes > 0 && minutes < room.min_minutes) return { code: 'rooms_too_short', field: 'end' };
	if (room.max_minutes > 0 && minutes > room.max_minutes) return { code: 'rooms_too_long', field: 'end' };
	var step = room.step_minutes > 0 ? room.step_minutes : 1;
	if (localParts(start).minutes % step !== 0 || minutes % step !== 0 || start % MINUTE !== 0) {
		return { code: 'rooms_off_step', field: 'start' };
	}
	if (!input.skipHorizon && room.horizon_days > 0 && start > input.now + room.horizon_days * DAY) {
		return { code: 'rooms_beyond_horizon', field: 'start' };
	}
	if (!withinOpeningHours(room.opening_hours, start, end)) {
		return { code: 'rooms_outside_hours', field: 'form' };
	}
	return null;
}

/** The instant (ms) from which the booker can no longer cancel: cancel_hours before the start. */
function cancelDeadline(cancelHours, start) {
	return start - (cancelHours > 0 ? cancelHours : 0) * 60 * MINUTE;
}

/** True while the booker may still cancel: before cancelDeadline. */
function mayCancel(cancelHours, start, now) {
	return now < cancelDeadline(cancelHours, start);
}

module.exports = {
	WEEKDAYS: WEEKDAYS,
	houseOffsetMinutes: houseOffsetMinutes,
	localParts: localParts,
	localToUtc: localToUtc,
	addDays: addDays,
	openIntervals: openIntervals,
	withinOpeningHours: withinOpeningHours,
	checkBookingPolicy: checkBookingPolicy,
	cancelDeadline: cancelDeadline,
	mayCancel: mayCancel
};
