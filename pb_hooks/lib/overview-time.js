/// <reference path="../../pb_data/types.d.ts" />

// Dates for the overview, the reminders and the calendar feed: house time (Europe/Copenhagen) comes from
// core/time.js (docs/rules.md, "House time"); this module keeps the names those callers use and
// PocketBase's date format. Side-effect free; SvelteKit imports it as $rules.

/** core/time.js: through __hooks inside PocketBase, as a relative module in the app's bundle. */
function houseTime() {
	return typeof __hooks === 'undefined' ? require('./core/time.js') : require(__hooks + '/lib/core/time.js');
}

/** Minutes Copenhagen is ahead of UTC at a moment. */
function houseOffsetMinutes(date) {
	return houseTime().offsetMinutes(date.getTime());
}

/** Parses "2026-01-02 15:04:05.000Z" (or ISO) into a Date. */
function parseDate(value) {
	return value instanceof Date ? value : new Date(String(value).replace(' ', 'T'));
}

/**
 * Formats a moment in house time, e.g. "tirsdag 24. november kl. 19:00" or "Tuesday 24 November, 19:00".
 * @param {Date|string} value
 * @param {'da'|'en'} language
 */
function formatHouseTime(value, language) {
	return houseTime().format(parseDate(value), language);
}

/** A Date as PocketBase stores and compares it: "2006-01-02 15:04:05.000Z". */
function toPbDate(date) {
	return date.toISOString().replace('T', ' ');
}

module.exports = { houseOffsetMinutes, formatHouseTime, toPbDate, parseDate };
