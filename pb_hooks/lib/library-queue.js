/// <reference path="../../pb_data/types.d.ts" />

// The hold queue of one title, as pure functions (docs/rules.md rule 4). Shared by the PocketBase hooks
// (require) and the app ($rules/library-queue.js), so both compute places the same way.
//
// A place in the queue is never stored: it is the position of a hold among the title's waiting and
// paused holds, ordered by placed_at (set by the server) and then by id. A ready hold has left the
// queue (a copy is waiting for it), so places are always 1..n without gaps or duplicates.
// A paused hold keeps its place but is skipped when a copy is handed out.

/** lib/core/filter.js bindFilter, required at the call: loading this file needs nothing of PocketBase. */
function bindFilter(filter, params) {
	return require(`${__hooks}/lib/core/filter.js`).bindFilter(filter, params);
}

/** Most active (waiting, paused or ready) holds one patron may have at a time. */
const MAX_ACTIVE_HOLDS = 10;
/** Days a patron has to collect a copy that is ready for pickup. */
const PICKUP_DAYS = 7;
/** Days a loan runs. */
const LOAN_DAYS = 28;
/** Titles one bulk load of the catalogue takes at most. */
const BULK_MAX_TITLES = 2000;

/** Statuses of holds that stand in the queue (a subset of the active holds of core/status.js). */
const QUEUED_STATUSES = ['waiting', 'paused'];

/**
 * @typedef {{ id: string, status: string, placed_at: string }} QueueHold
 */

/** Whether a hold stands in the queue (waiting or paused). */
function isQueued(status) {
	return QUEUED_STATUSES.indexOf(status) >= 0;
}

/** Queue order: earliest placed first; the id breaks ties so that the order is strict. */
function compareHolds(a, b) {
	if (a.placed_at < b.placed_at) return -1;
	if (a.placed_at > b.placed_at) return 1;
	if (a.id < b.id) return -1;
	if (a.id > b.id) return 1;
	return 0;
}

/**
 * The title's queue: its waiting and paused holds in order.
 * @template {QueueHold} H
 * @param {H[]} holds all holds of one title (any status)
 * @returns {H[]}
 */
function queueOf(holds) {
	return holds.filter((h) => isQueued(h.status)).sort(compareHolds);
}

/**
 * Places in the queue by hold id (1 = first). Holds outside the queue have no entry.
 * @param {QueueHold[]} holds
 * @returns {Record<string, number>}
 */
function queuePlaces(holds) {
	/** @type {Record<string, number>} */
	const places = {};
	queueOf(holds).forEach((h, index) => {
		places[h.id] = index + 1;
	});
	return places;
}

/**
 * The place of one hold in its title's queue, or 0 when it is not in the queue.
 * @param {QueueHold[]} holds
 * @param {string} holdId
 */
function placeOf(holds, holdId) {
	return queuePlaces(holds)[holdId] || 0;
}

/**
 * The same place in SQL, for a row of holds under `alias` (its id, title, status and placed_at): the
 * count of its title's holds in the queue up to and including it in queue order (placed_at, then id),
 * or 0 when it is not in the queue. For reads that give places with many holds at once (Mit overblik);
 * a test holds it to placeOf.
 * @param {string} alias a table alias of holds in the query, a plain name
 */
function placeSql(alias) {
	var inner = 'queue_hold';
	if (!/^[a-z_]+$/.test(alias) || alias === inner) throw new Error('placeSql: not a table alias: ' + alias);
	var status =
		typeof __hooks === 'undefined' ? require('./core/status.js') : require(__hooks + '/lib/core/status.js');
	var queued = function (table) {
		return status.oneOf(table + '.status', QUEUED_STATUSES, true);
	};
	var col = function (table, column) {
		return table + '.' + column;
	};
	// the holds of the title in the queue up to and including this one, in queue order (compareHolds)
	var placedBefore = col(inner, 'placed_at') + ' < ' + col(alias, 'placed_at');
	var tiedBefore =
		col(inner, 'placed_at') +
		' = ' +
		col(alias, 'placed_at') +
		' AND ' +
		col(inner, 'id') +
		' <= ' +
		col(alias, 'id');
	var upTo = [
		col(inner, 'title') + ' = ' + col(alias, 'title'),
		queued(inner),
		'(' + placedBefore + ' OR (' + tiedBefore + '))'
	];
	return (
		'CASE WHEN ' +
		queued(alias) +
		' THEN (SELECT count(*) FROM holds ' +
		inner +
		' WHERE ' +
		upTo.join(' AND ') +
		') ELSE 0 END'
	);
}

/**
 * The hold that gets the next copy of the title: the first waiting hold; paused holds are skipped.
 * @template {QueueHold} H
 * @param {H[]} holds
 * @returns {H | null}
 */
function nextHold(holds) {
	const queue = queueOf(holds);
	for (let i = 0; i < queue.length; i++) {
		if (queue[i].status === 'waiting') return queue[i];
	}
	return null;
}

/**
 * Whether a ready hold has passed its pickup deadline.
 * @param {{ status: string, pickup_deadline: string }} hold
 * @param {string} now a PocketBase date string
 */
function isExpired(hold, now) {
	return hold.status === 'ready' && !!hold.pickup_deadline && hold.pickup_deadline < now;
}

/** A Date as PocketBase stores and compares it: "2006-01-02 15:04:05.000Z". */
function toPbDate(date) {
	return date.toISOString().replace('T', ' ');
}

/** The date `days` days after `from`, as a PocketBase date string. */
function addDays(from, days) {
	return toPbDate(new Date(from.getTime() + days * 24 * 60 * 60 * 1000));
}

/**
 * The closures of the whole house (an empty room) that end after `from`, as [startMs, endMs], read with
 * `app` (the caller's transaction, so a closure saved in it counts).
 * @param {core.App} app
 * @param {Date} from
 * @returns {number[][]}
 */
function houseClosures(app, from) {
	var ms = function (value) {
		return Date.parse(String(value).replace(' ', 'T'));
	};
	return app
		.findRecordsByFilter(
			'closures',
			bindFilter('room = "" && end > {:from}', { from: toPbDate(from) }),
			'start',
			0,
			0
		)
		.map(function (row) {
			return [ms(row.getString('start')), ms(row.getString('end'))];
		});
}

/**
 * A pickup or loan deadline `days` days after `from`: the house's closing time of that day (the next open
 * day when the house is closed, by its opening hours or a whole-house closure), as a PocketBase date
 * string (docs/rules.md, "The house"). Pass the transaction's app so that closures are counted.
 * @param {Date} from
 * @param {number} days
 * @param {core.App} [app] reads the whole house's closures; without it only the opening hours count
 */
function deadline(from, days, app) {
	var house = typeof __hooks === 'undefined' ? require('./house.js') : require(__hooks + '/lib/house.js');
	var closures = app ? houseClosures(app, from) : [];
	return toPbDate(new Date(house.deadlineAfter(from.getTime(), days, closures)));
}

/**
 * The pickup shelf of a patron: a stable shelf number from the patron's id, so that one patron's
 * copies wait together and the desk finds them by the patron.
 * @param {string} patronId
 */
function pickupShelf(patronId) {
	let sum = 0;
	for (let i = 0; i < patronId.length; i++) sum = (sum * 31 + patronId.charCodeAt(i)) % 9973;
	const n = (sum % 40) + 1;
	return 'R' + (n < 10 ? '0' + n : String(n));
}

module.exports = {
	MAX_ACTIVE_HOLDS,
	PICKUP_DAYS,
	LOAN_DAYS,
	BULK_MAX_TITLES,
	deadline,
	houseClosures,
	QUEUED_STATUSES,
	isQueued,
	compareHolds,
	queueOf,
	queuePlaces,
	placeOf,
	placeSql,
	nextHold,
	isExpired,
	toPbDate,
	addDays,
	pickupShelf
};
