/// <reference path="../../pb_data/types.d.ts" />

// Queue places for a patron's holds (DESIGN.md: "sees their place in the queue at all times").
// A patron may not list other patrons' holds, so the place is counted here: 1 + the number of holds
// on the same title still in the queue (waiting or paused; a paused hold keeps its place) that were
// placed earlier (ties broken by id, so two holds never share a place). Ready holds have left the
// queue: they wait at the desk. One indexed query (idx_holds_title_status_placed).

const QUEUED = "('', 'waiting', 'paused')";

/**
 * @param {core.App} app
 * @param {string} patronId
 * @returns {Record<string, number>} hold id -> place in the queue
 */
function queuePlaces(app, patronId) {
	const rows = arrayOf(new DynamicModel({ id: '', place: 0 }));
	app
		.db()
		.newQuery(
			'SELECT h.id AS id, 1 + (SELECT COUNT(*) FROM holds o WHERE o.title = h.title AND o.status IN ' +
				QUEUED +
				' AND (o.placed_at < h.placed_at OR (o.placed_at = h.placed_at AND o.id < h.id))) AS place ' +
				'FROM holds h WHERE h.patron = {:patron} AND h.status IN ' +
				QUEUED
		)
		.bind({ patron: patronId })
		.all(rows);
	const places = {};
	for (const row of rows) places[row.id] = row.place;
	return places;
}

module.exports = { queuePlaces };
