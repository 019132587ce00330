/// <reference path="../../../pb_data/types.d.ts" />

// Server validation of rooms, closures, booking series and the free text of bookings (docs/rules.md,
// "Rooms and bookings"). Pure: each check returns null or { code, field } for a refusal; nothing here
// touches the database. SvelteKit imports it as $rules/rooms/validate.js.

var WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
/** The most dates one season booking may hold (the app's limit too). */
var MAX_SERIES_DATES = 60;
/** The most attendees a booking or a season booking can name (the collections' own limit). */
var MAX_ATTENDEES = 100000;
/** A season booking's dates span at most this many days. */
var MAX_SERIES_DAYS = 400;
var HHMM = /^([01][0-9]|2[0-3]):([0-5][0-9])$/;

/** The house's clock (core/time.js), in PocketBase and in the app. */
function houseTime() {
	return typeof __hooks === 'undefined' ? require('../core/time.js') : require(__hooks + '/lib/core/time.js');
}

function problem(code, field) {
	return { code: code, field: field || 'form' };
}

/** Minutes of the day of "HH:MM", or NaN. */
function minutesOf(time) {
	var m = HHMM.exec(String(time));
	return m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
}

/** True for text that is given but only spaces. */
function blank(value) {
	return typeof value === 'string' && value.length > 0 && value.trim() === '';
}

/**
 * What is wrong with a booking's purpose as a citizen or staff gives it: none (`core_required`), or only
 * spaces (`core_text_blank`); null when it says something. The system account may leave it out.
 * @param {string} value
 * @returns {string | null}
 */
function purposeProblem(value) {
	if (value === '') return 'core_required';
	return blank(value) ? 'core_text_blank' : null;
}

/**
 * Ms of a date value as PocketBase takes it ("2026-01-02 15:04:05.000Z", ISO, "2026-01-02"), or NaN.
 * @param {unknown} value
 */
function dateMs(value) {
	if (typeof value !== 'string' || !value) return NaN;
	var text = value.trim().replace(' ', 'T');
	if (/^\d{4}-\d{2}-\d{2}$/.test(text)) text += 'T00:00:00Z';
	if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) return NaN;
	var ms = Date.parse(text);
	if (isNaN(ms)) return NaN;
	// "2026-02-30" parses in some engines by rolling over: refuse it, whatever zone it is written in
	var day = text.slice(0, 10);
	var calendar = Date.parse(day + 'T00:00:00Z');
	if (isNaN(calendar) || new Date(calendar).toISOString().slice(0, 10) !== day) return NaN;
	return ms;
}

/**
 * A date field's value: null when fine, else the refusal (unparseable, or a year outside 2000-2200).
 * @param {unknown} value
 * @param {string} field
 * @param {boolean} [required]
 */
function checkDate(value, field, required) {
	if (value === '' || value === null || value === undefined) {
		return required ? problem('core_invalid_date', field) : null;
	}
	var ms = dateMs(value);
	if (isNaN(ms)) return problem('core_invalid_date', field);
	var outOfRange = houseTime().yearProblem(ms);
	return outOfRange ? problem(outOfRange, field) : null;
}

/**
 * Opening hours: { mon: [["08:00", "22:00"], ...], ... } with weekday keys only and HH:MM pairs (an end at
 * or before the start runs past midnight; "00:00"-"00:00" is the whole day). Empty (null, {}) means closed.
 * @param {unknown} hours
 */
function checkOpeningHours(hours) {
	if (hours === null || hours === undefined || hours === '') return null;
	if (typeof hours === 'string') {
		try {
			hours = JSON.parse(hours);
		} catch (_) {
			return problem('rooms_opening_hours_invalid', 'opening_hours');
		}
		if (hours === null) return null;
	} else if (typeof hours === 'object') {
		// values from PocketBase's request body are Go maps and slices: make them plain
		try {
			hours = JSON.parse(JSON.stringify(hours));
		} catch (_) {
			return problem('rooms_opening_hours_invalid', 'opening_hours');
		}
	}
	if (typeof hours !== 'object' || Array.isArray(hours)) {
		return problem('rooms_opening_hours_invalid', 'opening_hours');
	}
	for (var key in hours) {
		if (!Object.prototype.hasOwnProperty.call(hours, key)) continue;
		if (WEEKDAYS.indexOf(key) < 0) return problem('rooms_opening_hours_invalid', 'opening_hours');
		var spans = hours[key];
		if (!Array.isArray(spans) || spans.length > 6) {
			return problem('rooms_opening_hours_invalid', 'opening_hours');
		}
		for (var i = 0; i < spans.length; i++) {
			var span = spans[i];
			if (!Array.isArray(span) || span.length !== 2) {
				return problem('rooms_opening_hours_invalid', 'opening_hours');
			}
			var open = minutesOf(span[0]);
			var close = minutesOf(span[1]);
			if (isNaN(open) || isNaN(close)) {
				return problem('rooms_opening_hours_invalid', 'opening_hours');
			}
		}
	}
	return null;
}

/**
 * Facilities: a list of short words ("Skærm", "Whiteboard"), or its JSON text as a form sends it; empty
 * (null, '') means none. Each word is text without hostile characters, not blank, at most 100 characters.
 * @param {unknown} facilities
 */
function checkFacilities(facilities) {
	var invalid = problem('core_invalid_value', 'facilities');
	if (facilities === null || facilities === undefined || facilities === '') return null;
	var list;
	try {
		// a JSON text from a form, or PocketBase's Go slice from a JSON body: make it plain
		list = typeof facilities === 'string' ? JSON.parse(facilities) : JSON.parse(JSON.stringify(facilities));
	} catch (_) {
		return invalid;
	}
	if (list === null) return null;
	if (!Array.isArray(list) || list.length > 50) return invalid;
	var input = typeof __hooks === 'undefined' ? require('../input.js') : require(__hooks + '/lib/input.js');
	for (var i = 0; i < list.length; i++) {
		if (typeof list[i] !== 'string' || list[i].trim() === '') return invalid;
		var text = input.textProblem(list[i], 100, true);
		if (text) return problem(text, 'facilities');
	}
	return null;
}

/**
 * A room as it would be stored (record values after the request's changes).
 * @param {{ name: string, slug: string, capacity: number, opening_hours: unknown, min_minutes: number,
 *   max_minutes: number, step_minutes: number, buffer_minutes?: number, horizon_days?: number }} room
 */
function checkRoom(room) {
	if (typeof room.name === 'string' && room.name.trim() === '') return problem('core_text_blank', 'name');
	if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(String(room.slug || ''))) return problem('rooms_slug_invalid', 'slug');
	if (!(room.capacity >= 1) || room.capacity % 1 !== 0) return problem('rooms_capacity_invalid', 'capacity');
	var hours = checkOpeningHours(room.opening_hours);
	if (hours) return hours;
	var min = room.min_minutes || 0;
	var max = room.max_minutes || 0;
	var step = room.step_minutes || 0;
	if (min > 0 && max > 0 && min > max) return problem('rooms_min_above_max', 'min_minutes');
	if (step > 0) {
		// slots line up across the day, and the limits are whole steps
		if (1440 % step !== 0 || min % step !== 0 || max % step !== 0) {
			return problem('rooms_step_invalid', 'step_minutes');
		}
	}
	return null;
}

/**
 * A closure as it would be stored.
 * @param {{ start: unknown, end: unknown, reason?: string }} closure
 */
function checkClosure(closure) {
	var p = checkDate(closure.start, 'start', true) || checkDate(closure.end, 'end', true);
	if (p) return p;
	if (dateMs(closure.end) <= dateMs(closure.start)) return problem('core_end_before_start', 'end');
	if (blank(closure.reason)) return problem('core_text_blank', 'reason');
	return null;
}

/** "20261006" or "20261006T000000Z" to "2026-10-06", or null. */
function rruleDate(text) {
	var m = /^(\d{4})(\d{2})(\d{2})(T\d{6}Z?)?$/.exec(text);
	return m ? m[1] + '-' + m[2] + '-' + m[3] : null;
}

/**
 * Parses the RRULE of a season booking, only of the shape the app makes: an optional DTSTART line and
 * `RRULE:FREQ=WEEKLY;INTERVAL=n` with optional UNTIL and COUNT, nothing else.
 * @param {string} text
 * @returns {{ interval: number, dtstart: string | null, until: string | null, count: number | null } | null}
 */
function parseSeriesRule(text) {
	if (typeof text !== 'string' || text.length > 500) return null;
	var lines = text.split(/\r?\n/);
	var dtstart = null;
	if (lines.length === 2) {
		var d = /^DTSTART:(\d{8}T\d{6}Z)$/.exec(lines[0]);
		if (!d) return null;
		dtstart = rruleDate(d[1]);
		lines = [lines[1]];
	}
	if (lines.length !== 1 || lines[0].indexOf('RRULE:') !== 0) return null;
	var parts = lines[0].slice(6).split(';');
	var seen = {};
	for (var i = 0; i < parts.length; i++) {
		var kv = /^([A-Z]+)=([0-9A-Z]+)$/.exec(parts[i]);
		if (!kv || seen[kv[1]] !== undefined) return null;
		seen[kv[1]] = kv[2];
	}
	for (var key in seen) {
		if (['FREQ', 'INTERVAL', 'UNTIL', 'COUNT'].indexOf(key) < 0) return null;
	}
	if (seen.FREQ !== 'WEEKLY') return null;
	var interval = seen.INTERVAL === undefined ? 1 : Number(seen.INTERVAL);
	if (!/^\d{1,2}$/.test(String(seen.INTERVAL === undefined ? '1' : seen.INTERVAL))) return null;
	if (interval < 1 || interval > 52) return null;
	var until = null;
	if (seen.UNTIL !== undefined) {
		until = rruleDate(seen.UNTIL);
		if (!until) return null;
	}
	var count = null;
	if (seen.COUNT !== undefined) {
		if (!/^\d{1,3}$/.test(seen.COUNT)) return null;
		count = Number(seen.COUNT);
		if (count < 1 || count > MAX_SERIES_DATES) return null;
	}
	return { interval: interval, dtstart: dtstart, until: until, count: count };
}

/** Adds days to "YYYY-MM-DD". */
function addDays(date, days) {
	return new Date(Date.parse(date + 'T00:00:00Z') + days * 86400000).toISOString().slice(0, 10);
}

/**
 * The local dates of a season booking: every `interval` weeks from the first date up to the last,
 * at most MAX_SERIES_DATES.
 * @param {string} firstDate "YYYY-MM-DD"
 * @param {string} lastDate
 * @param {number} interval
 */
function seriesDates(firstDate, lastDate, interval) {
	var dates = [];
	for (var d = firstDate; d <= lastDate && dates.length < MAX_SERIES_DATES; d = addDays(d, 7 * interval)) {
		dates.push(d);
	}
	return dates;
}

/**
 * A booking series as it would be stored: first and last date in sane years and in order, HH:MM times
 * with the end after the start, a weekly rule of the app's shape, attendees, purpose.
 * @param {{ first_date: unknown, last_date: unknown, start_time: unknown, end_time: unknown,
 *   rrule?: unknown, attendees?: unknown, purpose?: unknown }} series
 */
function checkSeries(series) {
	var p = checkDate(series.first_date, 'first_date', true) || checkDate(series.last_date, 'last_date', true);
	if (p) return p;
	// the dates as written, which the series books (a zone written after them moves no date to another day)
	var first = String(series.first_date).trim().slice(0, 10);
	var last = String(series.last_date).trim().slice(0, 10);
	if (last < first) return problem('core_end_before_start', 'last_date');
	if (Date.parse(last) - Date.parse(first) > MAX_SERIES_DAYS * 86400000)
		return problem('rooms_series_too_long', 'last_date');
	var start = minutesOf(series.start_time);
	// an end at 00:00 is the midnight that ends the day, as in the opening hours
	var end = houseTime().endMinutes(series.end_time);
	if (isNaN(start)) return problem('rooms_time_invalid', 'start_time');
	if (isNaN(end)) return problem('rooms_time_invalid', 'end_time');
	if (end <= start) return problem('rooms_end_before_start', 'end_time');
	if (series.rrule !== undefined && series.rrule !== null && series.rrule !== '') {
		var rule = parseSeriesRule(String(series.rrule));
		if (!rule || (rule.dtstart && rule.dtstart !== first)) return problem('rooms_rrule_invalid', 'rrule');
	}
	if (series.attendees !== undefined) {
		var n = Number(series.attendees);
		if (typeof series.attendees === 'boolean' || !(n >= 1) || n > MAX_ATTENDEES || n % 1 !== 0) {
			return problem('rooms_attendees_invalid', 'attendees');
		}
	}
	if (blank(series.purpose)) return problem('core_text_blank', 'purpose');
	return null;
}

module.exports = {
	MAX_SERIES_DATES: MAX_SERIES_DATES,
	MAX_SERIES_DAYS: MAX_SERIES_DAYS,
	blank: blank,
	purposeProblem: purposeProblem,
	dateMs: dateMs,
	checkDate: checkDate,
	checkOpeningHours: checkOpeningHours,
	checkFacilities: checkFacilities,
	checkRoom: checkRoom,
	checkClosure: checkClosure,
	parseSeriesRule: parseSeriesRule,
	seriesDates: seriesDates,
	checkSeries: checkSeries
};
