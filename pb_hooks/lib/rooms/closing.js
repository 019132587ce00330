/// <reference path="../../../pb_data/types.d.ts" />

// Closing a room (docs/rules.md, "Closures and rooms taken out of use"): a closure, or a room taken out of
// use, would leave the bookings already given inside it breaking rule 2. So the write that closes is
// refused while active claims lie inside, unless staff confirm the bookings they were shown: then each is
// cancelled through the booking machine with the closure's reason, in the closing write's transaction, and
// each booker gets one message (of an association's bookings whose booker no longer books for it, each of
// its active admins: rooms/told.js); one in use (checked in and under way) is checked out as the room closes
// instead, and whoever hears of it told when it ends. Events are the house's own: a closure waits until they are moved or
// cancelled; a room taken out of use (no longer bookable) may still hold them.

/** lib/core/filter.js bindFilter, required at the call: loading this file needs nothing of PocketBase. */
function bindFilter(filter, params) {
	return require(__hooks + '/lib/core/filter.js').bindFilter(filter, params);
}

var MAX_IDS = 5000;

function lib(name) {
	return require(__hooks + '/lib/' + name + '.js');
}

function refusal(code, field) {
	return lib('core/errors').refusal(code, field);
}

var TEXTS = {
	closure: {
		da: {
			title: '{count|Din booking er aflyst|Dine bookinger er aflyst}',
			body: '{count} {count|booking|bookinger} i {room} er aflyst, fordi lokalet er lukket fra {from} til {to}. Begrundelse: {reason}'
		},
		en: {
			title: '{count|Your booking is cancelled|Your bookings are cancelled}',
			body: '{count} {count|booking|bookings} in {room} {count|was|were} cancelled because the room is closed from {from} to {to}. Reason: {reason}'
		}
	},
	house: {
		da: {
			title: '{count|Din booking er aflyst|Dine bookinger er aflyst}',
			body: '{count} {count|booking|bookinger} er aflyst, fordi huset er lukket fra {from} til {to}. Begrundelse: {reason}'
		},
		en: {
			title: '{count|Your booking is cancelled|Your bookings are cancelled}',
			body: '{count} {count|booking|bookings} {count|was|were} cancelled because the house is closed from {from} to {to}. Reason: {reason}'
		}
	},
	room: {
		da: {
			title: '{count|Din booking er aflyst|Dine bookinger er aflyst}',
			body: '{count} {count|booking|bookinger} i {room} er aflyst, fordi lokalet ikke længere kan bookes. Begrundelse: {reason}'
		},
		en: {
			title: '{count|Your booking is cancelled|Your bookings are cancelled}',
			body: '{count} {count|booking|bookings} in {room} {count|was|were} cancelled because the room can no longer be booked. Reason: {reason}'
		}
	}
};

/** TEXTS as the association's admins read them (rooms/told.js: its booker no longer books for it). */
var TEXTS_ADMINS = {
	closure: {
		da: {
			title: '{count|En booking|Bookinger} for {association} er aflyst',
			body: '{count} {count|booking|bookinger} for {association} i {room} er aflyst, fordi lokalet er lukket fra {from} til {to}. Begrundelse: {reason}'
		},
		en: {
			title: '{count|A booking|Bookings} for {association} {count|is|are} cancelled',
			body: '{count} {count|booking|bookings} for {association} in {room} {count|was|were} cancelled because the room is closed from {from} to {to}. Reason: {reason}'
		}
	},
	house: {
		da: {
			title: '{count|En booking|Bookinger} for {association} er aflyst',
			body: '{count} {count|booking|bookinger} for {association} er aflyst, fordi huset er lukket fra {from} til {to}. Begrundelse: {reason}'
		},
		en: {
			title: '{count|A booking|Bookings} for {association} {count|is|are} cancelled',
			body: '{count} {count|booking|bookings} for {association} {count|was|were} cancelled because the house is closed from {from} to {to}. Reason: {reason}'
		}
	},
	room: {
		da: {
			title: '{count|En booking|Bookinger} for {association} er aflyst',
			body: '{count} {count|booking|bookinger} for {association} i {room} er aflyst, fordi lokalet ikke længere kan bookes. Begrundelse: {reason}'
		},
		en: {
			title: '{count|A booking|Bookings} for {association} {count|is|are} cancelled',
			body: '{count} {count|booking|bookings} for {association} in {room} {count|was|were} cancelled because the room can no longer be booked. Reason: {reason}'
		}
	}
};

/** A booking in use when its room closes ends then (a check-out by the house), and its booker is told. */
var ENDED = {
	closure: {
		da: {
			title: 'Din booking slutter tidligere',
			body: 'Din booking i {room} slutter {at}, fordi lokalet er lukket fra {from} til {to}. Begrundelse: {reason}'
		},
		en: {
			title: 'Your booking ends early',
			body: 'Your booking in {room} ends {at} because the room is closed from {from} to {to}. Reason: {reason}'
		}
	},
	house: {
		da: {
			title: 'Din booking slutter tidligere',
			body: 'Din booking i {room} slutter {at}, fordi huset er lukket fra {from} til {to}. Begrundelse: {reason}'
		},
		en: {
			title: 'Your booking ends early',
			body: 'Your booking in {room} ends {at} because the house is closed from {from} to {to}. Reason: {reason}'
		}
	},
	room: {
		da: {
			title: 'Din booking slutter tidligere',
			body: 'Din booking i {room} slutter {at}, fordi lokalet ikke længere kan bookes. Begrundelse: {reason}'
		},
		en: {
			title: 'Your booking ends early',
			body: 'Your booking in {room} ends {at} because the room can no longer be booked. Reason: {reason}'
		}
	}
};

/** ENDED as the association's admins read it (rooms/told.js). */
var ENDED_ADMINS = {
	closure: {
		da: {
			title: 'En booking for {association} slutter tidligere',
			body: 'Bookingen i {room} slutter {at}, fordi lokalet er lukket fra {from} til {to}. Begrundelse: {reason}'
		},
		en: {
			title: 'A booking for {association} ends early',
			body: 'The booking in {room} ends {at} because the room is closed from {from} to {to}. Reason: {reason}'
		}
	},
	house: {
		da: {
			title: 'En booking for {association} slutter tidligere',
			body: 'Bookingen i {room} slutter {at}, fordi huset er lukket fra {from} til {to}. Begrundelse: {reason}'
		},
		en: {
			title: 'A booking for {association} ends early',
			body: 'The booking in {room} ends {at} because the house is closed from {from} to {to}. Reason: {reason}'
		}
	},
	room: {
		da: {
			title: 'En booking for {association} slutter tidligere',
			body: 'Bookingen i {room} slutter {at}, fordi lokalet ikke længere kan bookes. Begrundelse: {reason}'
		},
		en: {
			title: 'A booking for {association} ends early',
			body: 'The booking in {room} ends {at} because the room can no longer be booked. Reason: {reason}'
		}
	}
};

/**
 * The active claims that closing `scope.room` ('' for the whole house) from `scope.from` to `scope.to`
 * (ms; null: taking the room out of use, which concerns bookings only) would leave inside a closed room:
 * bookings (pending or approved, not checked out before it) and events (draft or published) that have not
 * ended by `scope.from`.
 * @param {core.App} app
 * @param {{ room: string, from: number, to: number | null }} scope
 * @returns {{ bookings: core.Record[], events: core.Record[] }}
 */
function claimsInside(app, scope) {
	var claims = lib('room-claims');
	var status = lib('core/status');
	var params = {
		room: scope.room,
		from: claims.toPbDate(scope.from),
		to: scope.to === null ? '' : claims.toPbDate(scope.to)
	};
	var where =
		(scope.room ? 'room = {:room} && ' : '') +
		(scope.to === null ? '' : 'start < {:to} && ') +
		'end > {:from}';
	var bookings = app.findRecordsByFilter(
		'bookings',
		bindFilter(
			where + ' && ' + status.activeBookingFilter() + " && (checked_out_at = '' || checked_out_at > {:from})",
			params
		),
		'start',
		0,
		0
	);
	var events =
		scope.to === null
			? []
			: app.findRecordsByFilter(
					'events',
					bindFilter(where + " && room != '' && " + status.activeEventFilter('state'), params),
					'start',
					0,
					0
				);
	return { bookings: bookings, events: events };
}

/**
 * What staff are shown before they confirm: each booking with its room, time, booker and association, each
 * event with its title (staff may read all of these anyway).
 * @param {core.App} app
 * @param {{ bookings: core.Record[], events: core.Record[] }} found
 */
function describe(app, found) {
	var claims = lib('room-claims');
	var names = {};
	var nameOf = function (collection, id, field) {
		if (!id) return '';
		var key = collection + ':' + id;
		if (!(key in names)) {
			try {
				names[key] = app.findRecordById(collection, id).getString(field);
			} catch (_) {
				names[key] = '';
			}
		}
		return names[key];
	};
	return {
		bookings: found.bookings.map(function (b) {
			return {
				id: b.id,
				room: nameOf('rooms', b.getString('room'), 'name'),
				start: claims.toMs(b.getString('start')),
				end: claims.toMs(b.getString('end')),
				status: b.getString('status'),
				// in use: checked out as the room closes instead of cancelled (closeRoom)
				in_use: lib('rooms-policy').inUse(
					b.getString('status'),
					b.getString('checked_in_at'),
					claims.toMs(b.getString('start')),
					Date.now()
				),
				purpose: b.getString('purpose'),
				booker: nameOf('users', b.getString('booker'), 'name'),
				association: nameOf('associations', b.getString('association'), 'name')
			};
		}),
		events: found.events.map(function (ev) {
			return {
				id: ev.id,
				title: ev.getString('title'),
				room: nameOf('rooms', ev.getString('room'), 'name'),
				start: claims.toMs(ev.getString('start')),
				end: claims.toMs(ev.getString('end'))
			};
		})
	};
}

/**
 * The ids staff confirm to cancel, as sent in `cancel_bookings` (a list of booking ids), or null when the
 * request confirms nothing.
 * @param {Record<string, unknown>} body
 * @returns {string[] | null}
 */
function confirmedIds(body) {
	if (!Object.prototype.hasOwnProperty.call(body, 'cancel_bookings') || body.cancel_bookings === null)
		return null;
	var ids = body.cancel_bookings;
	// a form sent as multipart (one value) or url-encoded carries the list as comma-separated text
	if (typeof ids === 'string') ids = ids ? ids.split(',') : [];
	if (!Array.isArray(ids) || ids.length > MAX_IDS) throw refusal('core_invalid_value', 'cancel_bookings');
	for (var i = 0; i < ids.length; i++) {
		if (typeof ids[i] !== 'string' || !/^[a-z0-9]{15}$/.test(ids[i]))
			throw refusal('core_invalid_value', 'cancel_bookings');
	}
	return ids;
}

/**
 * Inside the closing write's transaction: refuses while events lie inside (`rooms_closing_events`) or
 * bookings the request did not confirm (`rooms_closing_bookings`: one made since staff were shown the list
 * is refused too, so nobody's booking is cancelled unseen); otherwise cancels the confirmed bookings with
 * `reason`, tells each booker once and audits the lot. Returns the ids cancelled.
 * @param {core.App} txApp
 * @param {{ kind: string, id: string }} actor
 * @param {{ room: string, from: number, to: number | null }} scope
 * @param {{ kind: 'closure' | 'room', target: core.Record, reason: string, body: Record<string, unknown>,
 *   start?: number, end?: number }} why the closing write; a closure's own start and end for the message
 * @returns {string[]}
 */
function closeRoom(txApp, actor, scope, why) {
	var confirmed = confirmedIds(why.body);
	var found = claimsInside(txApp, scope);
	if (found.events.length) throw refusal('rooms_closing_events', 'form');
	// a room out of use keeps no season booking going: its series that still have dates to come end with it,
	// also when none of those dates was left to cancel (each cancelled or refused on its own); a season that
	// has ended stays as it ended. One with a date staff moved to another room goes on with that date: only its
	// dates in this room are cancelled (found.bookings)
	var series = lib('rooms/series');
	var goingOn =
		why.kind === 'room'
			? series.goingOn(txApp, 'room', scope.room).filter(function (row) {
					return !series.hasDatesElsewhere(txApp, row, scope.room);
				})
			: [];
	if (!found.bookings.length && !goingOn.length) return [];
	for (var i = 0; i < found.bookings.length; i++) {
		if (!confirmed || confirmed.indexOf(found.bookings[i].id) < 0)
			throw refusal('rooms_closing_bookings', 'form');
	}
	var reason = String(why.reason || '').trim();
	// the bookers of the bookings cancelled are told why; a series without dates to cancel tells nobody
	if (!reason && found.bookings.length)
		throw refusal('rooms_reason_required', why.kind === 'room' ? 'cancel_reason' : 'reason');
	var bookings = lib('rooms-bookings');
	var cancelled = [];
	var ids = [];
	var ended = [];
	var endedBookings = [];
	var now = Date.now();
	for (var b = 0; b < found.bookings.length; b++) {
		var booking = found.bookings[b];
		// one nobody checked in to in time is a no-show the release job is about to free: it holds the room for
		// nobody, and cancelled it would leave its holder's no-shows (rooms_booking_due)
		if (
			lib('rooms/attendance').isDue(txApp.findRecordById('rooms', booking.getString('room')), booking, now)
		) {
			continue;
		}
		// one in use was used until the room closes: the house checks it out then, and its use and check-in
		// stay its holder's (rooms_booking_in_use); the rest of its time is the closure's
		var start = lib('room-claims').toMs(booking.getString('start'));
		if (
			lib('rooms-policy').inUse(booking.getString('status'), booking.getString('checked_in_at'), start, now)
		) {
			booking.set('checked_out_at', lib('room-claims').toPbDate(scope.from));
			txApp.save(booking);
			ended.push(booking.id);
			endedBookings.push(booking);
			continue;
		}
		var roles = bookings.rolesOf(txApp, booking, actor);
		// the machine's cancel transition with the house's reason; the booker is told below, once
		bookings.transition(txApp, booking, 'cancelled', actor, roles, { cancel_reason: reason, series: true });
		txApp.save(booking);
		ids.push(booking.id);
		cancelled.push(booking);
	}
	for (var s = 0; s < goingOn.length; s++) {
		goingOn[s].set('status', 'cancelled');
		txApp.save(goingOn[s]);
	}
	var endedSeries = goingOn.map(function (row) {
		return row.id;
	});
	// its booker while they may book for its association, else its admins (rooms/told.js), each once
	tell(txApp, actor, scope, why, lib('rooms/told').gather(txApp, cancelled), reason);
	tellEnded(txApp, actor, scope, why, endedBookings, reason);
	lib('core/audit').record(txApp, {
		actor: actor.kind === 'staff' ? actor.id : '',
		action: why.kind === 'room' ? 'room_closed_bookings_cancelled' : 'closure_bookings_cancelled',
		collection: why.target.collection().name,
		id: why.target.id,
		details: { cancelled: ids, checked_out: ended, series: endedSeries, reason: reason }
	});
	return ids;
}

/**
 * One message to each person told of the bookings cancelled (rooms/told.js): to a booker, how many of their
 * bookings went and why; to an admin of an association whose booker no longer books for it, how many of the
 * association's went.
 */
function tell(txApp, actor, scope, why, told, reason) {
	var room = scope.room ? txApp.findRecordById('rooms', scope.room).getString('name') : '';
	var kind = why.kind === 'room' ? 'room' : scope.room ? 'closure' : 'house';
	for (var i = 0; i < told.length; i++) {
		var one = told[i];
		lib('rooms/told').tell(
			txApp,
			one.record,
			{
				kind: 'booking_cancelled',
				texts: TEXTS[kind],
				admins: TEXTS_ADMINS[kind],
				params: {
					count: one.count,
					room: room,
					from: { instant: why.start || scope.from },
					to: { instant: why.end || scope.from },
					reason: reason
				},
				link: '/bookinger',
				// staff who are an admin of the association are told nothing of their own closure
				except: actor.id
			},
			one.to
		);
	}
}

/**
 * One message for each booking in use that the closing ended early, with the time it ended and why, to
 * whoever is told of it (rooms/told.js).
 */
function tellEnded(txApp, actor, scope, why, ended, reason) {
	var kind = why.kind === 'room' ? 'room' : scope.room ? 'closure' : 'house';
	for (var b = 0; b < ended.length; b++) {
		var booking = ended[b];
		lib('rooms/told').tell(txApp, booking, {
			kind: 'booking_ended',
			texts: ENDED[kind],
			admins: ENDED_ADMINS[kind],
			params: {
				room: txApp.findRecordById('rooms', booking.getString('room')).getString('name'),
				at: { instant: scope.from },
				from: { instant: why.start || scope.from },
				to: { instant: why.end || scope.from },
				reason: reason
			},
			link: '/bookinger',
			except: actor.id
		});
	}
}

/**
 * GET /api/borgerhus/rooms/closing?room=&start=&end= (staff): what closing the room (or the house, with no
 * room) from `start` to `end` would cancel, or what taking the room out of use would (no `end`), as
 * { bookings: [...], events: [...] }; changes nothing. Times are PocketBase dates.
 * @param {core.RequestEvent} e
 */
function preview(e) {
	lib('core/auth').requireStaff(e);
	var query = e.requestInfo().query || {};
	var room = String(query.room || '');
	if (room && !/^[a-z0-9]{15}$/.test(room)) throw refusal('core_invalid_value', 'room');
	var validate = lib('rooms/validate');
	var start = String(query.start || '');
	var end = String(query.end || '');
	if (start && validate.checkDate(start, 'start', true)) throw refusal('core_invalid_date', 'start');
	if (end && validate.checkDate(end, 'end', true)) throw refusal('core_invalid_date', 'end');
	if (!end && !room) throw refusal('core_invalid_value', 'end');
	var now = Date.now();
	var from = Math.max(start ? validate.dateMs(start) : now, now);
	var found = claimsInside(e.app, { room: room, from: from, to: end ? validate.dateMs(end) : null });
	return e.json(200, describe(e.app, found));
}

module.exports = {
	claimsInside: claimsInside,
	close: closeRoom,
	confirmedIds: confirmedIds,
	preview: preview
};
