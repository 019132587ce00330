/// <reference path="../../pb_data/types.d.ts" />

// The public programme (/arrangementer): the coming published events, soonest first, with their room's
// name and their coming shifts, in one request and two indexed SQL reads with bound parameters, instead
// of three record-API requests (the events, their rooms, their shifts in groups of ids) with rule joins
// and filter parsing each (docs/performance.md, "Reads"). Who may see an event or a shift stays
// PocketBase's own view rule of the collection, asked for all the rows at once (`__viewable`, our
// PocketBase build, pocketbase/main.go); the reads only narrow to what the page lists.

/** How many events one page of the programme lists (a phone's screenful or five; the rest on later pages). */
const LIMIT = 30;
/** The last page anyone can ask for. */
const MAX_PAGE = 1000;

/** `IN ({:p0}, ...)` with each value bound as a parameter added to `params`. */
function inList(prefix, values, params) {
	return (
		'(' +
		values
			.map((value, i) => {
				params[prefix + i] = value;
				return '{:' + prefix + i + '}';
			})
			.join(', ') +
		')'
	);
}

/** The rows whose id the request may view under the collection's view rule. */
function viewableOnly(e, collection, rows) {
	const ids = [];
	for (const row of rows) ids.push(row.id);
	if (!ids.length) return rows;
	const seen = __viewable(e.app, collection, ids, e.requestInfo());
	if (seen.length === ids.length) return rows;
	return rows.filter((row) => seen.indexOf(row.id) >= 0);
}

/**
 * One page of the programme for the request: published events not yet over (of one category, or all),
 * soonest first, the coming shifts of those events, and whether there is a next page.
 * @param {core.RequestEvent} e
 * @param {string} category '' for all (any other value is only compared, as a bound parameter)
 * @param {number} page 1 for the first
 * @param {string} now a PocketBase date string
 */
function programme(e, category, page, now) {
	const offset = (Math.min(MAX_PAGE, Math.max(1, Math.floor(page) || 1)) - 1) * LIMIT;
	const params = { now: now, category: category };
	const events = arrayOf(
		new DynamicModel({
			id: '',
			title: '',
			title_en: '',
			description: '',
			description_en: '',
			category: '',
			image: '',
			start: '',
			end: '',
			room: '',
			registration: false,
			capacity: 0,
			taken: 0
		})
	);
	e.app
		.db()
		.newQuery(
			'SELECT e.id, e.title, e.title_en, e.description, e.description_en, e.category, e.image, e.start, e.end, ' +
				"COALESCE(r.name, '') AS room, e.registration, e.capacity, e.taken FROM events e " +
				"LEFT JOIN rooms r ON r.id = e.room WHERE e.state = 'published' AND e.end >= {:now}" +
				(category ? ' AND e.category = {:category}' : '') +
				' ORDER BY e.start, e.id LIMIT ' +
				(LIMIT + 1) +
				' OFFSET ' +
				offset
		)
		.bind(params)
		.all(events);
	const more = events.length > LIMIT;
	const listed = viewableOnly(e, 'events', more ? events.slice(0, LIMIT) : events);
	const ids = [];
	for (const event of listed) ids.push(event.id);
	let shifts = [];
	if (ids.length) {
		const rows = arrayOf(new DynamicModel({ id: '', event: '', task: '', start: '', places: 0, taken: 0 }));
		e.app
			.db()
			.newQuery(
				'SELECT id, event, task, start, places, taken FROM shifts WHERE event IN ' +
					inList('e', ids, params) +
					' AND start > {:now} ORDER BY start'
			)
			.bind(params)
			.all(rows);
		shifts = viewableOnly(e, 'shifts', rows);
	}
	return { events: listed, shifts: shifts, more: more };
}

module.exports = { LIMIT, MAX_PAGE, programme };
