/// <reference path="../../pb_data/types.d.ts" />

// House time (Europe/Copenhagen) for texts written inside PocketBase, where no time zone database is
// at hand. EU rule: summer time from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last
// Sunday of October (+02:00), otherwise +01:00. Side-effect free; SvelteKit imports it as $rules.

const WEEKDAYS = {
	da: ['søndag', 'mandag', 'tirsdag', 'onsdag', 'torsdag', 'fredag', 'lørdag'],
	en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']
};
const MONTHS = {
	da: [
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
	],
	en: [
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
};

/** 01:00 UTC on the last Sunday of a month (month 0-based). */
function lastSundayAtOne(year, month) {
	const d = new Date(Date.UTC(year, month + 1, 0, 1, 0, 0));
	d.setUTCDate(d.getUTCDate() - d.getUTCDay());
	return d;
}

/** Minutes Copenhagen is ahead of UTC at a moment. */
function houseOffsetMinutes(date) {
	const year = date.getUTCFullYear();
	const summer = date >= lastSundayAtOne(year, 2) && date < lastSundayAtOne(year, 9);
	return summer ? 120 : 60;
}

/** Parses "2026-01-02 15:04:05.000Z" (or ISO) into a Date. */
function parseDate(value) {
	return value instanceof Date ? value : new Date(String(value).replace(' ', 'T'));
}

function pad(n) {
	return n < 10 ? '0' + n : String(n);
}

/**
 * Formats a moment in house time, e.g. "tirsdag 24. november kl. 19:00" or "Tuesday 24 November, 19:00".
 * @param {Date|string} value
 * @param {'da'|'en'} language
 */
function formatHouseTime(value, language) {
	const date = parseDate(value);
	const local = new Date(date.getTime() + houseOffsetMinutes(date) * 60000);
	const lang = language === 'en' ? 'en' : 'da';
	const day = WEEKDAYS[lang][local.getUTCDay()];
	const month = MONTHS[lang][local.getUTCMonth()];
	const time = pad(local.getUTCHours()) + ':' + pad(local.getUTCMinutes());
	return lang === 'da'
		? day + ' ' + local.getUTCDate() + '. ' + month + ' kl. ' + time
		: day + ' ' + local.getUTCDate() + ' ' + month + ', ' + time;
}

/** A Date as PocketBase stores and compares it: "2006-01-02 15:04:05.000Z". */
function toPbDate(date) {
	return date.toISOString().replace('T', ' ');
}

module.exports = { houseOffsetMinutes, formatHouseTime, toPbDate, parseDate };
