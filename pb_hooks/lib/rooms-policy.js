/// <reference path="../../pb_data/types.d.ts" />

// Rule 2 of docs/rules.md as pure functions: a booking lies inside the room's opening hours (Copenhagen
// wall-clock time, daylight-saving days included), within its duration limits, time step and horizon,
// and its attendees fit the room. Shared by the PocketBase hook (which decides) and the app (which warns
// early) as `$rules/rooms-policy.js`. House time comes from core/time.js (docs/rules.md, "House time").

var MINUTE = 60 * 1000;
var DAY = 24 * 60 * MINUTE;
var WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** core/time.js: through __hooks inside PocketBase, as a relative module in the app's bundle. */
function houseTime() {
	return typeof __hooks === 'undefined' ? require('./core/time.js') : require(__hooks + '/lib/core/time.js');
}

/** Copenhagen's offset from UTC at an instant, in minutes. */
function houseOffsetMinutes(ms) {
	return houseTime().offsetMinutes(ms);
}

/** Copenhagen wall-clock parts of an instant: date "YYYY-MM-DD", weekday "mon".."sun", minutes of the day. */
function localParts(ms) {
	var parts = houseTime().localParts(ms);
	return { date: parts.date, weekday: parts.weekday, minutes: parts.minutes };
}

/** Adds days to a "YYYY-MM-DD" date. */
function addDays(date, days) {
	return houseTime().addDays(date, days);
}

function parseHhmm(time) {
	var m = /^([01][0-9]|2[0-3]):([0-5][0-9])$/.exec(String(time));
	return m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
}

/**
 * The instant of a Copenhagen wall-clock time, or null when there is not exactly one: the time does not
 * exist (the hour skipped when clocks go forward), occurs twice (the hour repeated when they go back),
 * or the input is not a date and time. core/time.js `resolve` says which.
 */
function localToUtc(date, time) {
	var resolved = houseTime().resolve(date, time);
	return 'instant' in resolved ? resolved.instant : null;
}

/** The instant of the end of a stretch that starts on `date`: "00:00" is the midnight that ends the day. */
function localEndToUtc(date, time) {
	var resolved = houseTime().resolveEnd(date, time);
	return 'instant' in resolved ? resolved.instant : null;
}

/**
 * The room's open intervals [start, end) in ms that touch the local days from `fromDate` to `toDate`,
 * merged where one ends as the next begins. A closing time at or before the opening time closes on the
 * next day (opening hours across midnight).
 * @param {Record<string, [string, string][]>} openingHours e.g. { mon: [["08:00", "22:00"]] }
 */
function openIntervals(openingHours, fromDate, toDate) {
	var time = houseTime();
	var intervals = [];
	for (var date = addDays(fromDate, -1); date <= toDate; date = addDays(date, 1)) {
		var weekday = time.weekdayOf(date);
		var spans = (openingHours && openingHours[weekday]) || [];
		for (var i = 0; i < spans.length; i++) {
			var open = spans[i] && spans[i][0];
			var close = spans[i] && spans[i][1];
			if (isNaN(parseHhmm(open)) || isNaN(parseHhmm(close))) continue;
			var closeDate = parseHhmm(close) <= parseHhmm(open) ? addDays(date, 1) : date;
			// A skipped opening time moves forward, a repeated one counts from its first occurrence.
			intervals.push([time.resolveLenient(date, open), time.resolveLenient(closeDate, close)]);
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

/**
 * True when [startMs, endMs) lies inside one open interval of the room. The hours repeat every week, so a
 * span longer than eight days lies inside them exactly when its first eight days do (open around the clock
 * for eight days is open at every hour of the week; a gap in them is a gap in the span): it is read no
 * further, whatever its end.
 */
function withinOpeningHours(openingHours, startMs, endMs) {
	if (endMs - startMs > 8 * DAY) return withinOpeningHours(openingHours, startMs, startMs + 8 * DAY);
	var intervals = openIntervals(openingHours, localParts(startMs).date, localParts(endMs).date);
	for (var i = 0; i < intervals.length; i++) {
		if (intervals[i][0] <= startMs && endMs <= intervals[i][1]) return true;
	}
	return false;
}

/**
 * The problems of a booking under its room's policy, in the order the rules are checked, at most one per
 * field (the first found there): [] when it is allowed. Each is { code, field } with a code whose message
 * is errors_<code>. A form says them all in one answer; `checkBookingPolicy` is the first of them. Without
 * a room (`room` null: none chosen yet) only the checks that need none: the times' order, the past and
 * the number of attendees.
 * @param {{ room: { capacity: number, opening_hours: object, min_minutes: number, max_minutes: number,
 *   step_minutes: number, horizon_days: number, active: boolean } | null, start: number, end: number,
 *   attendees: number, now: number, skipHorizon?: boolean, running?: boolean }} input `running`: a
 *   booking that has begun gets a new end only (its start stays as it was booked)
 */
function bookingPolicyProblems(input) {
	return policyProblems(input, false);
}

/**
 * Checks a booking against its room's policy. Returns null when it is allowed, otherwise the first of
 * bookingPolicyProblems, { code, field }.
 * @param {{ room: { capacity: number, opening_hours: object, min_minutes: number, max_minutes: number,
 *   step_minutes: number, horizon_days: number, active: boolean }, start: number, end: number,
 *   attendees: number, now: number, skipHorizon?: boolean, running?: boolean }} input
 */
function checkBookingPolicy(input) {
	return policyProblems(input, true)[0] || null;
}

/** The rules of bookingPolicyProblems; `first`: stop at the first problem (the hook's refusal, a search). */
function policyProblems(input, first) {
	var problems = [];
	var add = function (code, field) {
		for (var i = 0; i < problems.length; i++) if (problems[i].field === field) return false;
		problems.push({ code: code, field: field });
		return first;
	};
	var room = input.room;
	var start = input.start;
	var end = input.end;
	if (typeof start !== 'number' || typeof end !== 'number' || isNaN(start) || isNaN(end)) {
		if (add('rooms_invalid_time', 'start')) return problems;
		start = end = NaN;
	} else if (end <= start) {
		if (add('rooms_end_before_start', 'end')) return problems;
	}
	// the rules that read a length of time and where it lies, only for a start before its end
	var timed = end > start;
	if (room && !room.active && add('rooms_inactive', 'room')) return problems;
	// a booking under way may only get a new end (staff: "we stay half an hour longer"), never one past
	if (timed && (input.running ? end <= input.now : start < input.now)) {
		var past = input.running ? add('rooms_end_in_past', 'end') : add('rooms_in_past', 'start');
		if (past) return problems;
	}
	var attendees = input.attendees;
	if (typeof attendees !== 'number' || isNaN(attendees) || attendees < 1 || attendees % 1 !== 0) {
		if (add('rooms_attendees_invalid', 'attendees')) return problems;
	} else if (room && attendees > room.capacity && add('rooms_over_capacity', 'attendees')) return problems;
	if (!room || !timed) return problems;
	var minutes = (end - start) / MINUTE;
	if (room.min_minutes > 0 && minutes < room.min_minutes && add('rooms_too_short', 'end')) return problems;
	if (room.max_minutes > 0 && minutes > room.max_minutes && add('rooms_too_long', 'end')) return problems;
	var step = room.step_minutes > 0 ? room.step_minutes : 1;
	if (localParts(start).minutes % step !== 0 || start % MINUTE !== 0) {
		if (add('rooms_off_step', 'start')) return problems;
	}
	// a start on the step with a length off it is the end's fault (and the only field of a running booking)
	else if (minutes % step !== 0 && add('rooms_off_step', 'end')) return problems;
	if (!input.skipHorizon && start > horizonEnd(room.horizon_days, input.now)) {
		if (add('rooms_beyond_horizon', 'start')) return problems;
	}
	// without a longest booking the horizon still holds for the end: the booking ends by the midnight after the
	// last date it could start on, or one start before it held a room open around the clock for decades
	else if (
		!input.skipHorizon &&
		!(room.max_minutes > 0) &&
		end > horizonEnd(room.horizon_days, input.now) + 1
	) {
		if (add('rooms_beyond_horizon', 'end')) return problems;
	}
	// the hours are read only as far as the room lets a booking last (its longest booking, else its horizon),
	// and a day beyond: past that it is refused for its length or its horizon anyway, and reading the hours day
	// by day up to an end in 2099 kept the server busy for seconds for one request
	var longest =
		room.max_minutes > 0
			? room.max_minutes * MINUTE
			: input.skipHorizon
				? Infinity
				: Math.max(0, horizonEnd(room.horizon_days, input.now) + 1 - start);
	var hoursEnd = Math.min(end, start + longest + DAY);
	if (!withinOpeningHours(room.opening_hours, start, hoursEnd)) add('rooms_outside_hours', 'form');
	return problems;
}

/**
 * The latest instant (ms) a booking may start at: the end of the local date `horizonDays` days after today
 * (lastBookableDate), so the date the page names can be booked all day, whatever the hour and across a
 * change of clocks; Infinity when the room has no horizon (0). The one source of the booking horizon: the
 * hook refuses beyond it, the app shows it.
 */
function horizonEnd(horizonDays, now) {
	if (!(horizonDays > 0)) return Infinity;
	var last = lastBookableDate(horizonDays, now);
	return localToUtc(addDays(last, 1), '00:00') - 1;
}

/** The last local date "YYYY-MM-DD" on which a booking can start, or null when the room has no horizon. */
function lastBookableDate(horizonDays, now) {
	return horizonDays > 0 ? addDays(localParts(now).date, horizonDays) : null;
}

/** The instant (ms) from which the booker can no longer cancel: cancel_hours before the start. */
function cancelDeadline(cancelHours, start) {
	return start - (cancelHours > 0 ? cancelHours : 0) * 60 * MINUTE;
}

/**
 * The latest start a booking made at `now` can have and still never be cancelled by its booker once
 * approved: mayCancel(cancelHours, start, now) is false up to this instant and true after it. The booking
 * form says so before anyone books such a time.
 */
function lastStartWithoutCancel(cancelHours, now) {
	return now + (now - cancelDeadline(cancelHours, now));
}

/**
 * True while the booker may still cancel: before cancelDeadline, and a request still `pending` at any time
 * (it never held the room for anyone, so withdrawing it late harms no one; `status` when the caller knows it).
 */
function mayCancel(cancelHours, start, now, status) {
	return status === 'pending' || now < cancelDeadline(cancelHours, start);
}

/**
 * True while a booking is in use: approved, under way and checked in (docs/rules.md, "A booking keeps its
 * history"). Its use is counted from then on, so it is neither cancelled nor given to another holder; the
 * room is freed for the rest of its time by a check-out. `checkedInAt`: its stamp, '' when nobody came.
 * @param {string} status
 * @param {string} checkedInAt
 * @param {number} start
 * @param {number} now
 */
function inUse(status, checkedInAt, start, now) {
	return status === 'approved' && !!checkedInAt && now >= start;
}

module.exports = {
	WEEKDAYS: WEEKDAYS,
	houseOffsetMinutes: houseOffsetMinutes,
	localParts: localParts,
	localToUtc: localToUtc,
	localEndToUtc: localEndToUtc,
	addDays: addDays,
	openIntervals: openIntervals,
	withinOpeningHours: withinOpeningHours,
	bookingPolicyProblems: bookingPolicyProblems,
	checkBookingPolicy: checkBookingPolicy,
	horizonEnd: horizonEnd,
	lastBookableDate: lastBookableDate,
	cancelDeadline: cancelDeadline,
	lastStartWithoutCancel: lastStartWithoutCancel,
	mayCancel: mayCancel,
	inUse: inUse
};
