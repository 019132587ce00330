/// <reference path="../../pb_data/types.d.ts" />

// Door signs and the lobby screen (docs/rules.md, "Door signs and the lobby screen"). Both need no sign-in
// and show only what the public room page shows: when a room is busy (room_busy), the `label` that
// projection carries (a published event's title, or an association's name its booker chose to show) and
// whether the claim is `tentative` (a request still waiting for staff: it holds the room, but is not on).
// Never a booking's purpose, booker, or any other field of it; of the booking on now, a door sign also
// tells whether it is checked in, as the people in the room do. `doorState` is pure (the app imports it as
// $rules/screens.js); `lobby` and `door` are the public routes.

/** lib/core/filter.js bindFilter, required at the call: loading this file needs nothing of PocketBase. */
function bindFilter(filter, params) {
	return require(__hooks + '/lib/core/filter.js').bindFilter(filter, params);
}

var MINUTE = 60 * 1000;
var DAY = 24 * 60 * MINUTE;
/** How far ahead a door sign looks for the next claim. */
var LOOKAHEAD_DAYS = 7;

/**
 * @typedef {{ start: number, end: number, kind: string, label: string, tentative?: boolean }} Claim
 * @typedef {{ state: 'busy' | 'free' | 'closed', current: Claim | null, next: Claim | null,
 *   freeUntil: number | null, opensAt: number | null }} DoorState
 */

/**
 * What a door sign says at `now`: busy (with the claim and its end), free (until the next claim, closure or
 * closing time) or closed (until it opens), and the next claim.
 * @param {{ now: number, claims: Claim[], open: number[][], closures: number[][] }} input claims sorted by start
 * @returns {DoorState}
 */
function doorState(input) {
	var now = input.now;
	var claims = input.claims.slice().sort(function (a, b) {
		return a.start - b.start;
	});
	var current = null;
	var next = null;
	for (var i = 0; i < claims.length; i++) {
		var c = claims[i];
		if (c.end <= now) continue;
		if (c.start <= now && !current) current = c;
		else if (c.start > now && !next) next = c;
	}
	var closure = null;
	var nextClosure = null;
	for (var k = 0; k < input.closures.length; k++) {
		var z = input.closures[k];
		if (z[0] <= now && now < z[1]) closure = z;
		else if (z[0] > now && (!nextClosure || z[0] < nextClosure[0])) nextClosure = z;
	}
	var openNow = null;
	for (var j = 0; j < input.open.length; j++) {
		var o = input.open[j];
		if (o[0] <= now && now < o[1]) openNow = o;
	}
	if (current) return { state: 'busy', current: current, next: next, freeUntil: null, opensAt: null };
	if (!openNow || closure) {
		return { state: 'closed', current: null, next: next, freeUntil: null, opensAt: reopening(input, now) };
	}
	var until = openNow[1];
	if (next && next.start < until) until = next.start;
	if (nextClosure && nextClosure[0] < until) until = nextClosure[0];
	return { state: 'free', current: null, next: next, freeUntil: until, opensAt: null };
}

/**
 * When a closed room opens again: the earliest moment after `now` inside opening hours and outside every
 * closure. That is an opening time or the end of a closure (one that ends within opening hours, or the
 * last of closures that follow each other); null when none is known.
 */
function reopening(input, now) {
	var candidates = [];
	for (var i = 0; i < input.open.length; i++) if (input.open[i][0] > now) candidates.push(input.open[i][0]);
	for (var j = 0; j < input.closures.length; j++) {
		if (input.closures[j][1] > now) candidates.push(input.closures[j][1]);
	}
	candidates.sort(function (a, b) {
		return a - b;
	});
	var inside = function (ranges, t) {
		for (var k = 0; k < ranges.length; k++) if (ranges[k][0] <= t && t < ranges[k][1]) return true;
		return false;
	};
	for (var c = 0; c < candidates.length; c++) {
		if (inside(input.open, candidates[c]) && !inside(input.closures, candidates[c])) return candidates[c];
	}
	return null;
}

function lib(name) {
	return require(__hooks + '/lib/' + name + '.js');
}

function toMs(value) {
	return lib('room-claims').toMs(value);
}

function pbDate(ms) {
	return lib('room-claims').toPbDate(ms);
}

/**
 * The public shape of a room_busy row: when, what kind, its public label, and whether it is tentative (held
 * but not on: `isTentative` in rooms-bookings.js). Nothing else.
 */
function claimOf(row) {
	return {
		start: toMs(row.getString('start')),
		end: toMs(row.getString('end')),
		kind: row.getString('kind'),
		label: row.getString('label'),
		tentative: row.getBool('tentative')
	};
}

/**
 * Which of a room's busy rows the screens show. In a room in use, every row. In a room taken out of use,
 * only a published event's: nothing can be booked there, so a row of kind `booking` can only be a draft
 * event's (docs/rules.md, "A draft event is no event in public"), and showing it as "Optaget" would tell
 * that the house plans an event nobody announced. Such a room reads as out of use instead.
 * @param {boolean} inUse the room's `active`
 */
function shownKinds(inUse) {
	return inUse ? '' : ' && kind = "event"';
}

/**
 * The check-in window of each claim a door sign shows in a room that requires check-in (docs/rules.md,
 * "Door signs and the lobby screen"), from the one rule the check-in routes and the release job decide
 * with (`windowOf` in rooms/checkin.js, the room's policy and the booking's approval read as
 * rooms/attendance.js reads them). Every claim of kind `booking` that is on (not tentative) and starts once
 * check-in was required gets its window, `{ opens, closes }` in ms. A tentative claim gets none: a request
 * still waiting for staff cannot be checked in (`rooms_checkin_pending`), and a draft event reads as such a
 * request, which the public must not tell apart from it. Only the approval of a booking approved after its
 * window had opened moves its window's end, as it moves the release. Nothing else of the booking leaves
 * this function but whether it is checked in now (checked in and not checked out), returned per claim for
 * the caller to tell of the claim on now only; a published event and a claim from before check-in was
 * required get null, and are never checked in.
 * @param {core.App} app
 * @param {core.Record} room
 * @param {core.Record[]} rows the room's room_busy rows
 * @param {Claim[]} claims the same rows' public claims (claimOf), given their `checkin` here
 * @returns {boolean[]} per claim, whether its booking is checked in now
 */
function withCheckinWindows(app, room, rows, claims) {
	var attendance = lib('rooms/attendance');
	var rules = lib('rooms/checkin');
	var policy = attendance.policyOf(room);
	var sources = [];
	var checked = function (claim) {
		return claim.kind === 'booking' && !claim.tentative && policy.checkin_since <= claim.start;
	};
	for (var i = 0; i < rows.length; i++) {
		if (checked(claims[i])) sources.push(rows[i].getString('source'));
	}
	var approved = {};
	var kept = {};
	var present = {};
	var bookings = sources.length ? app.findRecordsByIds('bookings', sources) : [];
	for (var b = 0; b < bookings.length; b++) {
		var read = attendance.bookingOf(bookings[b]);
		approved[bookings[b].id] = read.approved_at;
		kept[bookings[b].id] = read.checkin_grace_minutes;
		present[bookings[b].id] = !!read.checked_in_at && !read.checked_out_at;
	}
	var checkedIn = [];
	for (var c = 0; c < claims.length; c++) {
		var claim = claims[c];
		var source = rows[c].getString('source');
		claim.checkin = checked(claim)
			? rules.windowOf(policy, claim.start, approved[source] || 0, kept[source] || 0)
			: null;
		checkedIn.push(!!claim.checkin && present[source] === true);
	}
	return checkedIn;
}

/** The grace of a room's check-in in minutes, as `windowOf` counts it (a policy never set: the default). */
function graceMinutes(room) {
	var window = lib('rooms/checkin').windowOf(lib('rooms/attendance').policyOf(room), 0, 0);
	return Math.round(window.closes / MINUTE);
}

/** The start of the next house day (local midnight) after `now`. */
function endOfHouseDay(now) {
	var time = lib('core/time');
	return time.resolveLenient(time.addDays(time.localParts(now).date, 1), '00:00');
}

/**
 * GET /api/borgerhus/screens/lobby: today's and tonight's published events (not yet over) and the rooms
 * in use until midnight, house time: only the claims that are on, not a request still waiting for staff
 * (nor a draft event, which reads as one). Public; no personal data.
 * @param {core.RequestEvent} e
 */
function lobby(e) {
	var now = Date.now();
	var until = endOfHouseDay(now);
	var range = { now: pbDate(now), until: pbDate(until) };
	var rooms = {};
	// every room, out of use too: the house may still hold its own events in a room taken out of use, and
	// such an event and its row under the rooms in use name their room
	var roomRows = e.app.findRecordsByFilter('rooms', '', 'sort,name', 0, 0);
	for (var r = 0; r < roomRows.length; r++) {
		rooms[roomRows[r].id] = {
			name: roomRows[r].getString('name'),
			slug: roomRows[r].getString('slug'),
			active: roomRows[r].getBool('active')
		};
	}
	var events = e.app
		.findRecordsByFilter(
			'events',
			bindFilter('state = "published" && start < {:until} && end > {:now}', range),
			'start',
			100,
			0
		)
		.map(function (row) {
			var room = rooms[row.getString('room')];
			return {
				title: row.getString('title'),
				category: row.getString('category'),
				start: toMs(row.getString('start')),
				end: toMs(row.getString('end')),
				room: room ? room.name : ''
			};
		});
	var inUse = [];
	var claims = lib('room-claims');
	var floor = claims.overlapFloor(now, claims.longestClaims(e.app).room_busy);
	var busy = e.app.findRecordsByFilter(
		'room_busy',
		bindFilter(
			'start > {:floor} && start < {:until} && end > {:now} && tentative = false',
			Object.assign({ floor: pbDate(floor) }, range)
		),
		'start',
		300,
		0
	);
	for (var b = 0; b < busy.length; b++) {
		var room = rooms[busy[b].getString('room')];
		if (!room) continue;
		var claim = claimOf(busy[b]);
		// the same rows a door sign shows (shownKinds)
		if (!room.active && claim.kind !== 'event') continue;
		inUse.push({
			room: room.name,
			slug: room.slug,
			start: claim.start,
			end: claim.end,
			kind: claim.kind,
			label: claim.label,
			tentative: claim.tentative
		});
	}
	return e.json(200, { now: now, date: lib('core/time').localParts(now).date, events: events, rooms: inUse });
}

/**
 * Whether a room out of use has a published event on the house day of `now` (from its midnight to the
 * next, house time).
 * @param {core.RequestEvent} e
 * @param {string} roomId
 * @param {number} now
 */
function claimedToday(e, roomId, now) {
	var time = lib('core/time');
	var from = time.resolveLenient(time.localParts(now).date, '00:00');
	var rows = e.app.findRecordsByFilter(
		'room_busy',
		bindFilter('room = {:room} && end > {:from} && start < {:until}' + shownKinds(false), {
			room: roomId,
			from: pbDate(from),
			until: pbDate(endOfHouseDay(now))
		}),
		'',
		1,
		0
	);
	return rows.length > 0;
}

/**
 * GET /api/borgerhus/screens/rooms/{slug}: a room's door sign, its state now and the claims ahead today.
 * Public; no personal data. 404 for an unknown room, and for a room out of use except on a day the house
 * holds a published event there (the sign then shows it, and the room as closed outside it: nothing to
 * book or check in to; a draft event's row is not shown).
 * @param {core.RequestEvent} e
 */
function door(e) {
	// a former slug (an old printed sign) leads to the room too; the answer names its slug now
	var room = lib('rooms/slugs').roomBySlug(e.app, e.request.pathValue('slug'));
	if (!room) throw new NotFoundError('Not found.');
	var now = Date.now();
	var inUse = room.getBool('active');
	if (!inUse && !claimedToday(e, room.id, now)) throw new NotFoundError('Not found.');
	var horizon = now + LOOKAHEAD_DAYS * DAY;
	var range = { room: room.id, now: pbDate(now), until: pbDate(horizon) };
	var rows = e.app.findRecordsByFilter(
		'room_busy',
		bindFilter('room = {:room} && end > {:now} && start < {:until}' + shownKinds(inUse), range),
		'start',
		50,
		0
	);
	var claims = rows.map(claimOf);
	// the sign asks people to check in only where the room requires it
	var checkin = inUse && room.getBool('checkin_required');
	var checkedIn = [];
	if (checkin) checkedIn = withCheckinWindows(e.app, room, rows, claims);
	else for (var n = 0; n < claims.length; n++) claims[n].checkin = null;
	var closures = e.app
		.findRecordsByFilter(
			'closures',
			bindFilter('(room = {:room} || room = "") && end > {:now} && start < {:until}', range),
			'start',
			50,
			0
		)
		.map(function (row) {
			return [toMs(row.getString('start')), toMs(row.getString('end'))];
		});
	var policy = lib('rooms-policy');
	var today = policy.localParts(now).date;
	var hours = null;
	try {
		hours = JSON.parse(room.getString('opening_hours') || 'null');
	} catch (_) {
		hours = null;
	}
	var open = inUse ? policy.openIntervals(hours, today, policy.addDays(today, LOOKAHEAD_DAYS)) : [];
	var state = doorState({ now: now, claims: claims, open: open, closures: closures });
	var until = endOfHouseDay(now);
	return e.json(200, {
		now: now,
		room: {
			name: room.getString('name'),
			slug: room.getString('slug'),
			checkin: checkin,
			// how long after its start a booking here waits for its check-in (the room's public policy, read
			// as the window's rule reads it), for the sign's words and its printed form
			checkinGraceMinutes: checkin ? graceMinutes(room) : null
		},
		state: state.state,
		current: state.current,
		// whether the booking on now was checked in, which the people in the room show anyone passing; never
		// of a claim ahead, which nobody can see yet
		checkedIn: !!state.current && checkedIn[claims.indexOf(state.current)] === true,
		next: state.next,
		freeUntil: state.freeUntil,
		opensAt: state.opensAt,
		today: claims.filter(function (c) {
			return c.start < until;
		})
	});
}

module.exports = {
	doorState: doorState,
	lobby: lobby,
	door: door
};
