/// <reference path="../../../pb_data/types.d.ts" />

// House time (docs/rules.md, "House time"): the wall clock of the house, Europe/Copenhagen, from the IANA
// time-zone database. One module for the hooks and the app (`$rules/core/time.js`). The zone itself comes
// from one of two readers of that database: inside PocketBase the `__houseTime` binding of our own
// binary (Go's time package, pocketbase/main.go; goja has no Intl), elsewhere Intl.DateTimeFormat (ICU).
// Everything else here is plain arithmetic on their answers, and tests/fixtures/house-time.json proves
// that both readers agree. No daylight-saving rule is written down anywhere in this code base.

var ZONE = 'Europe/Copenhagen';
var MINUTE = 60 * 1000;
var DAY = 24 * 60 * MINUTE;
/** Weekdays as Date#getUTCDay numbers them: Sunday first. */
var WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

var NAMES = {
	da: {
		days: ['søndag', 'mandag', 'tirsdag', 'onsdag', 'torsdag', 'fredag', 'lørdag'],
		months: [
			'januar',
			'februar',
			'marts',
			'april',
			'maj',
			'juni',
			'juli',
			'august',
			'september',
			'oktober',
			'november',
			'december'
		]
	},
	en: {
		days: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
		months: [
			'January',
			'February',
			'March',
			'April',
			'May',
			'June',
			'July',
			'August',
			'September',
			'October',
			'November',
			'December'
		]
	}
};

function pad(n) {
	return (n < 10 ? '0' : '') + n;
}

/** The Go binding of our PocketBase binary, or null outside PocketBase. */
function binding() {
	return typeof __houseTime === 'undefined' ? null : __houseTime;
}

var formatter = null;
var HOUR = 60 * MINUTE;
/** Since 1900 the house's offset changes only on whole UTC hours: Intl's answers are kept per hour. */
var CACHE_FROM = Date.UTC(1900, 0, 1);
var cache = {};
var cached = 0;

/** The house's offset from UTC at an instant, in minutes, read through Intl (ICU's IANA data). */
function intlOffsetMinutes(ms) {
	if (ms < CACHE_FROM) return intlRead(ms);
	var hour = Math.floor(ms / HOUR);
	var known = cache[hour];
	if (known !== undefined) return known;
	if (cached >= 10000) {
		cache = {};
		cached = 0;
	}
	cached++;
	return (cache[hour] = intlRead(hour * HOUR));
}

function intlRead(ms) {
	if (!formatter) {
		formatter = new Intl.DateTimeFormat('en-US', {
			timeZone: ZONE,
			hourCycle: 'h23',
			era: 'short',
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: 'numeric',
			minute: 'numeric',
			second: 'numeric'
		});
	}
	var whole = Math.floor(ms / 1000) * 1000;
	var parts = {};
	var list = formatter.formatToParts(new Date(whole));
	for (var i = 0; i < list.length; i++) parts[list[i].type] = list[i].value;
	var year = Number(parts.year);
	if (parts.era === 'BC' || parts.era === 'B') year = 1 - year;
	var local = utcOf(year, Number(parts.month), Number(parts.day), Number(parts.hour), Number(parts.minute));
	return Math.round((local + Number(parts.second) * 1000 - whole) / MINUTE);
}

/** ms of a date and time read as UTC; years 0..99 stay years 0..99. */
function utcOf(year, month, day, hour, minute) {
	var d = new Date(0);
	d.setUTCFullYear(year, month - 1, day);
	d.setUTCHours(hour, minute, 0, 0);
	return d.getTime();
}

/**
 * The house's offset from UTC at an instant, in minutes (60 in winter, 120 in summer today).
 * @param {number} ms
 */
function offsetMinutes(ms) {
	var go = binding();
	return go ? Number(go.offsetMinutes(ms)) : intlOffsetMinutes(ms);
}

/**
 * The house's wall clock at an instant: date "YYYY-MM-DD", weekday "mon".."sun", time "HH:MM", minutes
 * of the day, and the offset in force.
 * @param {number} ms
 */
function localParts(ms) {
	var offset = offsetMinutes(ms);
	var local = new Date(ms + offset * MINUTE);
	var year = local.getUTCFullYear();
	var hours = local.getUTCHours();
	var minutes = local.getUTCMinutes();
	return {
		date:
			(year < 1000 ? ('000' + year).slice(-4) : String(year)) +
			'-' +
			pad(local.getUTCMonth() + 1) +
			'-' +
			pad(local.getUTCDate()),
		weekday: WEEKDAYS[local.getUTCDay()],
		time: pad(hours) + ':' + pad(minutes),
		minutes: hours * 60 + minutes,
		offset: offset
	};
}

/** { year, month, day } of a valid "YYYY-MM-DD", else null. */
function parseDate(date) {
	var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(date));
	if (!m) return null;
	var year = Number(m[1]);
	var month = Number(m[2]);
	var day = Number(m[3]);
	var check = new Date(utcOf(year, month, day, 0, 0));
	if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
		return null;
	}
	return { year: year, month: month, day: day };
}

/** { hour, minute } of "HH:MM" (00:00..23:59), else null. */
function parseTime(time) {
	var m = /^([01][0-9]|2[0-3]):([0-5][0-9])$/.exec(String(time));
	return m ? { hour: Number(m[1]), minute: Number(m[2]) } : null;
}

/** The instants at which the house's clock shows a local time, read through Intl. */
function intlInstants(year, month, day, hour, minute) {
	var naive = utcOf(year, month, day, hour, minute);
	var found = [];
	var probes = [naive - DAY, naive + DAY];
	for (var i = 0; i < probes.length; i++) {
		var offset = intlOffsetMinutes(probes[i]);
		var candidate = naive - offset * MINUTE;
		if (intlOffsetMinutes(candidate) === offset && found.indexOf(candidate) < 0) found.push(candidate);
	}
	return found.sort(function (a, b) {
		return a - b;
	});
}

/**
 * Every instant at which the house's clock shows `time` on `date`, earliest first: none in the hour that
 * is skipped when clocks go forward, two in the hour that is repeated when they go back. null when the
 * input is not a real date "YYYY-MM-DD" and time "HH:MM".
 * @param {string} date
 * @param {string} time
 * @returns {number[] | null}
 */
function instantsOf(date, time) {
	var d = parseDate(date);
	var t = parseTime(time);
	if (!d || !t) return null;
	var go = binding();
	if (!go) return intlInstants(d.year, d.month, d.day, t.hour, t.minute);
	var answer = go.resolve(d.year, d.month, d.day, t.hour, t.minute);
	if (String(answer.status) === 'invalid') return null;
	var instants = [];
	for (var i = 0; i < answer.instants.length; i++) instants.push(Number(answer.instants[i]));
	return instants;
}

/**
 * The one instant of a local date and time, or a refusal code instead of a guess:
 * `core_invalid_date` (not a real date "YYYY-MM-DD" and time "HH:MM"), `core_time_nonexistent` (the hour
 * skipped when clocks go forward), `core_time_ambiguous` (the hour that occurs twice when they go back).
 * @param {string} date
 * @param {string} time
 * @returns {{ instant: number } | { code: 'core_invalid_date' | 'core_time_nonexistent' | 'core_time_ambiguous', instants: number[] }}
 */
function resolve(date, time) {
	var instants = instantsOf(date, time);
	if (!instants) return { code: 'core_invalid_date', instants: [] };
	if (instants.length === 0) return { code: 'core_time_nonexistent', instants: instants };
	if (instants.length > 1) return { code: 'core_time_ambiguous', instants: instants };
	return { instant: instants[0] };
}

/**
 * The end of a stretch of time that starts on `date`, as `resolve` answers it: "00:00" is the midnight that
 * ends the day (the staff form writes a room open until midnight so), any other time is on `date` itself.
 * @param {string} date
 * @param {string} time
 */
function resolveEnd(date, time) {
	return time === '00:00' ? resolve(addDays(date, 1), time) : resolve(date, time);
}

/**
 * An end time "HH:MM" in minutes of its day, read as `resolveEnd` reads it: "00:00" is the midnight that
 * ends the day (1440). NaN when it is not a time.
 * @param {string} time
 */
function endMinutes(time) {
	if (time === '00:00') return 24 * 60;
	var t = parseTime(time);
	return t ? t.hour * 60 + t.minute : NaN;
}

/**
 * The instant of a local date and time for opening hours and period bounds, where a clock change must not
 * close the house: a skipped time moves forward by the length of the gap (02:30 becomes 03:30), a repeated
 * one takes its first occurrence. null only for input that is not a date and time.
 * @param {string} date
 * @param {string} time
 * @returns {number | null}
 */
function resolveLenient(date, time) {
	var instants = instantsOf(date, time);
	if (!instants) return null;
	if (instants.length > 0) return instants[0];
	var d = parseDate(date);
	var t = parseTime(time);
	var naive = utcOf(d.year, d.month, d.day, t.hour, t.minute);
	// The offset before the gap: the same wall-clock reading then lies as far past the gap as into it.
	return naive - offsetMinutes(naive - DAY) * MINUTE;
}

/**
 * Adds days to a local date "YYYY-MM-DD" (calendar days; no time zone involved).
 * @param {string} date
 * @param {number} days
 */
function addDays(date, days) {
	var d = parseDate(date);
	if (!d) return 'Invalid Date';
	var next = new Date(utcOf(d.year, d.month, d.day + days, 0, 0));
	var year = next.getUTCFullYear();
	return (
		(year < 1000 ? ('000' + year).slice(-4) : String(year)) +
		'-' +
		pad(next.getUTCMonth() + 1) +
		'-' +
		pad(next.getUTCDate())
	);
}

/**
 * The weekday "mon".."sun" of a local date "YYYY-MM-DD", or null for one that is not a date.
 * @param {string} date
 */
function weekdayOf(date) {
	var d = parseDate(date);
	return d ? WEEKDAYS[new Date(utcOf(d.year, d.month, d.day, 0, 0)).getUTCDay()] : null;
}

/** An instant as ms from a number, a Date, or a PocketBase or ISO date string. */
function toMs(value) {
	if (typeof value === 'number') return value;
	if (value instanceof Date) return value.getTime();
	return Date.parse(String(value).replace(' ', 'T'));
}

/**
 * An instant in house time for messages, e.g. "tirsdag 24. november kl. 19:00" or
 * "Tuesday 24 November, 19:00".
 * @param {number | Date | string} value
 * @param {'da' | 'en'} language
 */
function format(value, language) {
	var ms = toMs(value);
	var parts = localParts(ms);
	var names = NAMES[language === 'en' ? 'en' : 'da'];
	var local = new Date(ms + parts.offset * MINUTE);
	var day = names.days[local.getUTCDay()];
	var month = names.months[local.getUTCMonth()];
	return language === 'en'
		? day + ' ' + local.getUTCDate() + ' ' + month + ', ' + parts.time
		: day + ' ' + local.getUTCDate() + '. ' + month + ' kl. ' + parts.time;
}

/** The dash between a range's two ends: an en dash without spaces, "10:00–12:00" (RANGE_DASH in src/lib/dates.ts). */
var RANGE_DASH = '–';

/**
 * The one way the hooks write a range of two ends already written, in a message: "10:00–12:00",
 * "tirsdag 24. november kl. 19:00–21:00". Not for machine formats (ISO dates, iCalendar, CSV).
 * @param {string} from
 * @param {string} to
 */
function range(from, to) {
	return from + RANGE_DASH + to;
}

/**
 * A stretch of time in a message, "tirsdag 24. november kl. 19:00–21:00": its start, then its end's time
 * alone when it ends on the start's day or at the midnight right after it ("… kl. 22:00–00:00"), else the
 * end with its day too. The app writes a range so (formatRangeEnd in src/lib/dates.ts).
 * @param {number | Date | string} start
 * @param {number | Date | string} end
 * @param {'da' | 'en'} language
 */
function formatSpan(start, end, language) {
	var from = toMs(start);
	var until = toMs(end);
	var sameDay = localParts(from).date === localParts(until - 1).date;
	return range(format(from, language), sameDay ? localParts(until).time : format(until, language));
}

/**
 * Checks a date value sent to the API (docs/rules.md, "House time"): an instant must name its zone, as
 * `Z` or `±hh:mm` at its end. Returns null for an empty value or a zoned, parseable date, otherwise
 * `core_time_no_zone` or `core_invalid_date`.
 * @param {unknown} value
 * @returns {null | 'core_time_no_zone' | 'core_invalid_date'}
 */
function zoneProblem(value) {
	if (value === null || value === undefined || value === '') return null;
	if (typeof value !== 'string') return 'core_invalid_date';
	var text = value.trim();
	if (text === '') return null;
	var m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?$/i.exec(
		text
	);
	if (!m) {
		// A date or time without any zone at all is the usual mistake; say so rather than "invalid".
		return /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$/.test(text)
			? 'core_time_no_zone'
			: 'core_invalid_date';
	}
	if (!parseDate(m[1]) || Number(m[2]) > 23 || Number(m[3]) > 59 || Number(m[4] || 0) > 59) {
		return 'core_invalid_date';
	}
	if (!m[5]) return 'core_time_no_zone';
	var offset = /^[+-](\d{2}):(\d{2})$/.exec(m[5]);
	if (offset && (Number(offset[1]) > 23 || Number(offset[2]) > 59)) return 'core_invalid_date';
	return null;
}

/**
 * The first date field of a PocketBase collection whose value in a raw request body breaks the rule of
 * zoneProblem, as { field, code }, or null. For the record request hooks of pb_hooks/time.pb.js.
 * @param {{ fields: { length: number, [i: number]: { getName(): string, type(): string } } }} collection
 * @param {Record<string, unknown>} body
 */
function unzonedDateField(collection, body) {
	var fields = collection.fields;
	for (var i = 0; i < fields.length; i++) {
		var name = fields[i].getName();
		var raw = body ? body[name] : undefined;
		if (raw === undefined || fields[i].type() !== 'date') continue;
		var values = Array.isArray(raw) ? raw : [raw];
		for (var j = 0; j < values.length; j++) {
			var code = zoneProblem(values[j]);
			if (code) return { field: name, code: code };
		}
	}
	return null;
}

/**
 * The years a date of the house can lie in (docs/rules.md, "House time"): 0001 or 9999 is a typing slip,
 * not a plan. Every area's date checks use these two.
 */
var FIRST_YEAR = 2000;
var LAST_YEAR = 2100;

/** core_date_out_of_range when an instant (ms) falls outside the house's years, else null. */
function yearProblem(ms) {
	var year = new Date(ms).getUTCFullYear();
	return year < FIRST_YEAR || year > LAST_YEAR ? 'core_date_out_of_range' : null;
}

/** A weekday "mon".."sun" by its name in the language: "mandag" / "Monday" (the code itself when unknown). */
function weekdayName(weekday, language) {
	var i = WEEKDAYS.indexOf(weekday);
	return i < 0 ? String(weekday) : NAMES[language === 'en' ? 'en' : 'da'].days[i];
}

module.exports = {
	weekdayName: weekdayName,
	ZONE: ZONE,
	FIRST_YEAR: FIRST_YEAR,
	LAST_YEAR: LAST_YEAR,
	yearProblem: yearProblem,
	WEEKDAYS: WEEKDAYS,
	offsetMinutes: offsetMinutes,
	localParts: localParts,
	instantsOf: instantsOf,
	resolve: resolve,
	resolveEnd: resolveEnd,
	endMinutes: endMinutes,
	resolveLenient: resolveLenient,
	addDays: addDays,
	weekdayOf: weekdayOf,
	format: format,
	RANGE_DASH: RANGE_DASH,
	range: range,
	formatSpan: formatSpan,
	zoneProblem: zoneProblem,
	unzonedDateField: unzonedDateField
};
