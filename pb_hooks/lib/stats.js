/// <reference path="../../pb_data/types.d.ts" />

// The back office's statistics (docs/rules.md, "Staff back office"): room use by room, weekday and hour;
// holds served and their waiting times; volunteer hours; no-shows. Pure functions over plain rows, so
// the app and the unit tests import them as `$rules/stats.js`; lib/stats-read.js feeds them from the
// database. House time comes in as `time` (lib/rooms-policy.js): no module here requires another, so
// the same file loads in PocketBase and in Node.

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Longest period one request may cover, in days. */
const MAX_DAYS = 366;
/** Weekdays as the charts show them: Monday first. */
const WEEK = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/**
 * The instants of a period of whole house days, from the first day's midnight to the midnight after
 * the last day, or null (with a reason) when the dates are not a valid period.
 * @param {{ localToUtc: (date: string, time: string) => number | null, addDays: (date: string, days: number) => string }} time
 * @param {string} fromDate "YYYY-MM-DD"
 * @param {string} toDate "YYYY-MM-DD", inclusive
 * @returns {{ from: number, to: number } | { error: 'stats_invalid_period' | 'stats_period_too_long' |
 *   'stats_from_invalid' | 'stats_to_invalid' | 'core_date_out_of_range', field: 'from' | 'to' }}
 */
function periodBounds(time, fromDate, toDate) {
	const core =
		typeof __hooks === 'undefined' ? require('./core/time.js') : require(__hooks + '/lib/core/time.js');
	for (const field of /** @type {const} */ (['from', 'to'])) {
		const date = String(field === 'from' ? fromDate : toDate);
		// a day that is no day of the calendar (30 February) or lies outside the house's years; named by its
		// field, as a date (the period has no times)
		const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
		const at = day ? Date.UTC(+day[1], +day[2] - 1, +day[3]) : NaN;
		if (!day || isNaN(at) || new Date(at).toISOString().slice(0, 10) !== date)
			return { error: field === 'from' ? 'stats_from_invalid' : 'stats_to_invalid', field };
		if (core.yearProblem(at)) return { error: 'core_date_out_of_range', field };
	}
	const from = time.localToUtc(String(fromDate), '00:00');
	const to = time.localToUtc(time.addDays(String(toDate), 1), '00:00');
	if (from === null || to === null || Number.isNaN(to) || to <= from)
		return { error: 'stats_invalid_period', field: 'from' };
	const days = (Date.parse(toDate + 'T00:00:00Z') - Date.parse(fromDate + 'T00:00:00Z')) / DAY + 1;
	if (days > MAX_DAYS) return { error: 'stats_period_too_long', field: 'from' };
	return { from, to };
}

/** Total length of intervals [start, end) clipped to [from, to). */
function clippedLength(intervals, from, to) {
	let total = 0;
	for (const [start, end] of intervals) total += Math.max(0, Math.min(end, to) - Math.max(start, from));
	return total;
}

/** How much of [start, end) lies inside `intervals` (sorted and disjoint), in ms; a binary search finds the first. */
function overlapWith(intervals, start, end) {
	let lo = 0;
	let hi = intervals.length;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (intervals[mid][1] <= start) lo = mid + 1;
		else hi = mid;
	}
	let total = 0;
	for (let i = lo; i < intervals.length && intervals[i][0] < end; i++) {
		total += Math.max(0, Math.min(end, intervals[i][1]) - Math.max(start, intervals[i][0]));
	}
	return total;
}

/** `intervals` minus `holes`; both sorted or not, the result is sorted and disjoint. */
function subtract(intervals, holes) {
	let rest = intervals.map(([s, e]) => [s, e]).sort((a, b) => a[0] - b[0]);
	for (const [hs, he] of holes) {
		const next = [];
		for (const [s, e] of rest) {
			if (he <= s || hs >= e) next.push([s, e]);
			else {
				if (s < hs) next.push([s, hs]);
				if (he < e) next.push([he, e]);
			}
		}
		rest = next;
	}
	return rest;
}

/**
 * When a room was in use, as sorted, disjoint [start, end) spans: from its creation (`created`, ms; 0 when
 * the house cannot know it) through its recorded states (`changes`: at that moment it was in use or not,
 * until the next). Before its first recorded state a room counts as in use: the system's data loads and
 * changes are not recorded (docs/rules.md, "Staff back office").
 * @param {{ created?: number, changes?: { at: number, active: boolean }[] }} room
 * @returns {number[][]}
 */
function inUseSpans(room) {
	const spans = [];
	let from = room.created || -Infinity;
	let on = true;
	const changes = (room.changes || []).slice().sort((a, b) => a.at - b.at);
	for (const change of changes) {
		if (change.at > from) {
			if (on) spans.push([from, change.at]);
			from = change.at;
		}
		on = !!change.active;
	}
	if (on) spans.push([from, Infinity]);
	// a room taken out of use and back within one stretch leaves touching spans: join them
	const joined = [];
	for (const span of spans) {
		const last = joined[joined.length - 1];
		if (last && last[1] >= span[0]) last[1] = Math.max(last[1], span[1]);
		else joined.push(span);
	}
	return joined;
}

/**
 * The house days of a period on which a room was not in use at any moment (before it was made, or out of use
 * the whole day), as sorted [start, end) spans: its open hours on them do not count.
 * @param {number[][]} days each house day of the period as [midnight, next midnight)
 * @param {{ created?: number, changes?: { at: number, active: boolean }[] }} room
 */
function daysOutOfUse(days, room) {
	const spans = inUseSpans(room);
	const holes = [];
	for (const [start, end] of days) {
		if (overlapWith(spans, start, end) > 0) continue;
		const last = holes[holes.length - 1];
		if (last && last[1] === start) last[1] = end;
		else holes.push([start, end]);
	}
	return holes;
}

/**
 * Room use in a period: per room its bookings, events, booked minutes and open minutes (opening hours
 * less closures, on the house days it was in use), and booked minutes by house weekday (Monday first) and
 * by house hour of the day. A room that tells when it was made or in use (`created`, `changes`) and has
 * neither a claim in the period nor a day in use in it is left out: it was not there to be booked.
 * A claim counts for the part of it inside the period; one that spans several hours counts in each.
 * @param {{ localParts: (ms: number) => { date: string, weekday: string, minutes: number },
 *   openIntervals: (hours: object, fromDate: string, toDate: string) => number[][],
 *   localToUtc: (date: string, time: string) => number | null, addDays: (date: string, days: number) => string }} time
 * @param {{ from: number, to: number }} period
 * @param {{ id: string, name: string, opening_hours: object | null, created?: number,
 *   changes?: { at: number, active: boolean }[] }[]} rooms
 * @param {{ room: string, start: number, end: number, kind: 'booking' | 'event' }[]} claims
 * @param {{ room: string, start: number, end: number }[]} closures room '' closes the whole house
 */
function roomUse(time, period, rooms, claims, closures) {
	const fromDate = time.localParts(period.from).date;
	const lastDate = time.localParts(period.to - 1).date;
	const byRoom = new Map();
	// Rooms mostly share their opening hours and closures: each combination is laid out over the period
	// and measured once (the JS runtime is slow at walking hundreds of rooms' days one by one).
	const layouts = new Map();
	const openHours = new Map();
	// each room's open time (opening hours less closures), sorted: occupancy counts only use inside it
	const openOf = new Map();
	// the period's house days, laid out once for the rooms that tell when they were in use
	let days = null;
	const houseDays = () => {
		if (days) return days;
		days = [];
		for (let date = fromDate, start = period.from; start < period.to;) {
			date = time.addDays(date, 1);
			const midnight = time.localToUtc(date, '00:00');
			const end = midnight === null ? period.to : Math.min(period.to, midnight);
			days.push([start, end]);
			start = end;
		}
		return days;
	};
	const told = new Set();
	for (const room of rooms) {
		const tells = !!(room.created || (room.changes && room.changes.length));
		const holes = tells ? daysOutOfUse(houseDays(), room) : [];
		if (tells) told.add(room.id);
		// days out of use close the room as a closure does
		const shut = closures
			.filter((c) => c.room === '' || c.room === room.id)
			.map((c) => [c.start, c.end])
			.concat(holes);
		const hoursKey = JSON.stringify(room.opening_hours || {});
		const key = hoursKey + '|' + JSON.stringify(shut);
		if (!openHours.has(key)) {
			if (!layouts.has(hoursKey)) {
				layouts.set(hoursKey, time.openIntervals(room.opening_hours || {}, fromDate, lastDate));
			}
			const open = subtract(layouts.get(hoursKey), shut);
			openHours.set(key, Math.round(clippedLength(open, period.from, period.to) / MINUTE));
			openOf.set(key, open);
		}
		byRoom.set(room.id, {
			id: room.id,
			name: room.name,
			bookings: 0,
			events: 0,
			minutes: 0,
			openMinutes: openHours.get(key),
			open: openOf.get(key),
			openUsed: 0,
			inUse: holes.length === 0 || clippedLength(holes, period.from, period.to) < period.to - period.from
		});
	}
	const weekdays = WEEK.map(() => 0);
	const hours = Array.from({ length: 24 }, () => 0);
	for (const claim of claims) {
		const room = byRoom.get(claim.room);
		const start = Math.max(claim.start, period.from);
		const end = Math.min(claim.end, period.to);
		if (!room || end <= start) continue;
		if (claim.kind === 'event') room.events++;
		else room.bookings++;
		room.minutes += Math.round((end - start) / MINUTE);
		room.openUsed += overlapWith(room.open, start, end);
		// Walk the claim hour by hour of house time (the offset may change inside it).
		for (let t = start; t < end;) {
			const parts = time.localParts(t);
			const next = Math.min(end, t + (60 - (parts.minutes % 60)) * MINUTE);
			const minutes = (next - t) / MINUTE;
			weekdays[WEEK.indexOf(parts.weekday)] += minutes;
			hours[Math.floor(parts.minutes / 60)] += minutes;
			t = next;
		}
	}
	return {
		rooms: [...byRoom.values()]
			.filter((r) => !told.has(r.id) || r.inUse || r.bookings + r.events > 0)
			.map((r) => ({
				id: r.id,
				name: r.name,
				bookings: r.bookings,
				events: r.events,
				minutes: r.minutes,
				openMinutes: r.openMinutes,
				// never above the open time: claims that overlap each other (an event over a booking) are counted
				// once per claim, as in `minutes`, but occupancy is a share of the open time
				openUsedMinutes: Math.min(r.openMinutes, Math.round(r.openUsed / MINUTE))
			})),
		weekdays: weekdays.map(Math.round),
		hours: hours.map(Math.round)
	};
}

/** Nearest-rank percentile of numbers (0..100); 0 for none. */
function percentile(values, p) {
	if (!values.length) return 0;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/**
 * Holds in a period: served (a copy lay ready for them on their pickup shelf) with the wait from placing the
 * hold until then, collected and expired (not collected in time) pickups, loans started; and the queue right
 * now. A hold whose copy is still being fetched to the pickup shelf (`fetching`: ready without a pickup
 * deadline) has not been served yet, nor one that ended so, unless the desk handed it over (collected).
 * @param {{ from: number, to: number }} period
 * @param {{ status: string, placed_at: number, ready_at: number, ended_at: number, fetching: boolean }[]} holds
 *   times in ms, 0 when empty
 * @param {{ start: number }[]} loans
 */
function holdStats(period, holds, loans) {
	const inPeriod = (ms) => ms >= period.from && ms < period.to;
	const waits = holds
		.filter((h) => h.ready_at && inPeriod(h.ready_at) && h.placed_at)
		.filter((h) => !h.fetching || h.status === 'collected')
		.map((h) => (h.ready_at - h.placed_at) / HOUR);
	return {
		served: waits.length,
		waitMedianHours: Math.round(percentile(waits, 50) * 10) / 10,
		waitP90Hours: Math.round(percentile(waits, 90) * 10) / 10,
		collected: holds.filter((h) => h.status === 'collected' && inPeriod(h.ended_at)).length,
		expired: holds.filter((h) => h.status === 'expired' && inPeriod(h.ended_at)).length,
		loans: loans.filter((l) => inPeriod(l.start)).length
	};
}

/**
 * Volunteer hours: confirmed sign-ups for shifts that have ended inside the period, by event.
 * @param {{ user: string, event: string, title: string, start: number, end: number }[]} shifts one row per confirmed sign-up
 */
function volunteerHours(shifts) {
	const events = new Map();
	const people = new Set();
	let minutes = 0;
	for (const row of shifts) {
		const length = Math.max(0, Math.round((row.end - row.start) / MINUTE));
		minutes += length;
		people.add(row.user);
		const event = events.get(row.event) || { id: row.event, title: row.title, minutes: 0, people: new Set() };
		event.minutes += length;
		event.people.add(row.user);
		events.set(row.event, event);
	}
	return {
		minutes,
		people: people.size,
		signups: shifts.length,
		events: [...events.values()]
			.map((e) => ({ id: e.id, title: e.title, minutes: e.minutes, people: e.people.size }))
			.sort((a, b) => b.minutes - a.minutes || a.title.localeCompare(b.title))
	};
}

/**
 * No-shows at events that have ended inside the period: confirmed attendees never checked in at the
 * door. (Pickups never collected are the library's no-shows: `expired` in holdStats.)
 * @param {{ event: string, title: string, start: number, checked_in: boolean }[]} registrations one row per confirmed registration
 */
function noShows(registrations) {
	const events = new Map();
	for (const row of registrations) {
		const event = events.get(row.event) || {
			id: row.event,
			title: row.title,
			start: row.start,
			registered: 0,
			checkedIn: 0
		};
		event.registered++;
		if (row.checked_in) event.checkedIn++;
		events.set(row.event, event);
	}
	const list = [...events.values()].sort((a, b) => a.start - b.start);
	const registered = list.reduce((sum, e) => sum + e.registered, 0);
	const checkedIn = list.reduce((sum, e) => sum + e.checkedIn, 0);
	return {
		registered,
		checkedIn,
		noShows: registered - checkedIn,
		events: list.map((e) => ({ ...e, noShows: e.registered - e.checkedIn }))
	};
}

/**
 * Room no-shows in the period (docs/rules.md, "Check-in and no-shows"): of the bookings that had to be
 * checked in (checked in, or released as no-shows), how many nobody checked in to, per room.
 * @param {{ room: string, name: string, no_show: boolean }[]} bookings one row per such booking
 */
function roomNoShows(bookings) {
	const rooms = new Map();
	for (const row of bookings) {
		const room = rooms.get(row.room) || { id: row.room, name: row.name, due: 0, checkedIn: 0, noShows: 0 };
		room.due++;
		if (row.no_show) room.noShows++;
		else room.checkedIn++;
		rooms.set(row.room, room);
	}
	const list = [...rooms.values()].sort((a, b) => b.noShows - a.noShows || a.name.localeCompare(b.name));
	const sum = (key) => list.reduce((total, r) => total + r[key], 0);
	return { due: sum('due'), checkedIn: sum('checkedIn'), noShows: sum('noShows'), rooms: list };
}

module.exports = {
	MAX_DAYS,
	WEEK,
	periodBounds,
	subtract,
	inUseSpans,
	roomUse,
	percentile,
	holdStats,
	volunteerHours,
	noShows,
	roomNoShows
};
