/// <reference path="../../../pb_data/types.d.ts" />

// Season bookings (docs/rules.md, "Rooms and bookings"): a series and its dates are written in ONE
// transaction by the routes here, each date through the same checks as a single booking, so a series
// never exists without a booked date and two requests for overlapping dates never both get one.

/** lib/core/filter.js bindFilter, required at the call: loading this file needs nothing of PocketBase. */
function bindFilter(filter, params) {
	return require(__hooks + '/lib/core/filter.js').bindFilter(filter, params);
}

function lib(name) {
	return require(__hooks + '/lib/' + name + '.js');
}

function refusal(code, field) {
	return lib('core/errors').refusal(code, field);
}

function bodyOf(e) {
	var body = e.requestInfo().body;
	// PocketBase's body is a Go map whose lists are Go slices: make it plain
	return body && typeof body === 'object' ? JSON.parse(JSON.stringify(body)) : {};
}

/** "2026-10-06" to "20261006". */
function compact(date) {
	return date.replace(/-/g, '');
}

/** Thrown inside the transaction when no date could be booked: rolls everything back. */
function Nothing(skipped) {
	this.skipped = skipped;
}

var SERIES_TEXTS = {
	approved: {
		da: {
			title: 'Din sæsonbooking er godkendt',
			body: '{room}: {count} {count|dato|datoer} fra {first} til {last} er godkendt.{note}'
		},
		en: {
			title: 'Your season booking is approved',
			body: '{room}: {count} {count|date|dates} from {first} to {last} {count|is|are} approved.{note}'
		}
	},
	rejected: {
		da: {
			title: 'Din sæsonbooking er afvist',
			body: '{room}: {count} {count|dato|datoer} fra {first} til {last} er afvist. Begrundelse: {reason}'
		},
		en: {
			title: 'Your season booking was rejected',
			body: '{room}: {count} {count|date|dates} from {first} to {last} {count|was|were} rejected. Reason: {reason}'
		}
	},
	withdrawn: {
		da: {
			title: 'Huset har trukket din sæsonbooking tilbage',
			body: '{room}: {count} {count|dato|datoer} fra {first} er trukket tilbage. Begrundelse: {reason}'
		},
		en: {
			title: 'The house has withdrawn your season booking',
			body: '{room}: {count} {count|date|dates} from {first} {count|is|are} withdrawn. Reason: {reason}'
		}
	},
	cancelled: {
		da: {
			title: 'Din sæsonbooking er aflyst',
			body: '{room}: {count} {count|dato|datoer} fra {first} til {last} er aflyst. {reason}'
		},
		en: {
			title: 'Your season booking is cancelled',
			body: '{room}: {count} {count|date|dates} from {first} to {last} {count|is|are} cancelled. {reason}'
		}
	},
	// called off by an admin or booker of its association: who did it, and their reason as theirs
	// (rooms-bookings.js cancelledBy)
	cancelled_by: {
		da: {
			title: 'Din sæsonbooking er aflyst',
			body: '{room}: {count} {count|dato|datoer} fra {first} til {last} er aflyst af {role} i {association}.{note}'
		},
		en: {
			title: 'Your season booking is cancelled',
			body: '{room}: {count} {count|date|dates} from {first} to {last} {count|was|were} cancelled by {role} of {association}.{note}'
		}
	}
};

/** SERIES_TEXTS as the association's admins read them (rooms/told.js: its booker no longer books for it). */
var SERIES_TEXTS_ADMINS = {
	approved: {
		da: {
			title: 'En sæsonbooking for {association} er godkendt',
			body: '{room}: {count} {count|dato|datoer} fra {first} til {last} er godkendt.{note}'
		},
		en: {
			title: 'A season booking for {association} is approved',
			body: '{room}: {count} {count|date|dates} from {first} to {last} {count|is|are} approved.{note}'
		}
	},
	rejected: {
		da: {
			title: 'En sæsonbooking for {association} er afvist',
			body: '{room}: {count} {count|dato|datoer} fra {first} til {last} er afvist. Begrundelse: {reason}'
		},
		en: {
			title: 'A season booking for {association} was rejected',
			body: '{room}: {count} {count|date|dates} from {first} to {last} {count|was|were} rejected. Reason: {reason}'
		}
	},
	withdrawn: {
		da: {
			title: 'Huset har trukket en sæsonbooking for {association} tilbage',
			body: '{room}: {count} {count|dato|datoer} fra {first} er trukket tilbage. Begrundelse: {reason}'
		},
		en: {
			title: 'The house has withdrawn a season booking for {association}',
			body: '{room}: {count} {count|date|dates} from {first} {count|is|are} withdrawn. Reason: {reason}'
		}
	},
	cancelled: {
		da: {
			title: 'En sæsonbooking for {association} er aflyst',
			body: '{room}: {count} {count|dato|datoer} fra {first} til {last} er aflyst. {reason}'
		},
		en: {
			title: 'A season booking for {association} is cancelled',
			body: '{room}: {count} {count|date|dates} from {first} to {last} {count|is|are} cancelled. {reason}'
		}
	},
	cancelled_by: {
		da: {
			title: 'En sæsonbooking for {association} er aflyst',
			body: '{room}: {count} {count|dato|datoer} fra {first} til {last} er aflyst af {role} i {association}.{note}'
		},
		en: {
			title: 'A season booking for {association} is cancelled',
			body: '{room}: {count} {count|date|dates} from {first} to {last} {count|was|were} cancelled by {role} of {association}.{note}'
		}
	}
};

/**
 * POST /api/borgerhus/series { room, association, purpose, attendees, first_date, last_date, interval,
 * start_time, end_time, dates? }: the series and each chosen date that can be booked now, in one
 * transaction. Answers { series, booked: [{ date, id, status }], skipped: [{ date, code }] }; when no date
 * can be booked nothing is stored and the answer is 400 rooms_series_nothing with the skipped dates.
 * @param {core.RequestEvent} e
 */
function create(e) {
	var actor = lib('core/auth').requireUser(e);
	var validate = lib('rooms/validate');
	var time = lib('core/time');
	var claims = lib('room-claims');
	var bookings = lib('rooms-bookings');
	var body = bodyOf(e);
	// every value as sent, never cast: a number for a text or " 5" for a number is refused
	var str = function (key) {
		if (body[key] === undefined || body[key] === null) return '';
		if (typeof body[key] !== 'string') throw refusal('core_invalid_value', key);
		return body[key];
	};
	var interval = body.interval === undefined ? 1 : body.interval;
	if (typeof interval !== 'number' || !(interval >= 1 && interval <= 52) || interval % 1 !== 0)
		throw refusal('core_invalid_value', 'interval');
	if (body.attendees !== undefined && typeof body.attendees !== 'number')
		throw refusal('rooms_attendees_invalid', 'attendees');
	var firstDate = str('first_date').trim().slice(0, 10);
	var lastDate = str('last_date').trim().slice(0, 10);
	var purpose = str('purpose');
	var textProblem =
		lib('input').textProblem(purpose, 200, true) || lib('rooms/validate').purposeProblem(purpose);
	if (textProblem) throw refusal(textProblem, 'purpose');
	var fields = {
		first_date: str('first_date'),
		last_date: str('last_date'),
		start_time: str('start_time'),
		end_time: str('end_time'),
		attendees: body.attendees === undefined ? '' : body.attendees,
		purpose: purpose
	};
	var p = validate.checkSeries(fields);
	if (p) throw refusal(p.code, p.field);
	var all = validate.seriesDates(firstDate, lastDate, interval);
	var chosen = all;
	if (body.dates !== undefined) {
		if (!Array.isArray(body.dates) || body.dates.length > validate.MAX_SERIES_DATES) {
			throw refusal('core_invalid_value', 'dates');
		}
		chosen = [];
		for (var i = 0; i < body.dates.length; i++) {
			var d = body.dates[i];
			if (typeof d !== 'string' || all.indexOf(d) < 0) throw refusal('core_invalid_value', 'dates');
			if (chosen.indexOf(d) < 0) chosen.push(d);
		}
		chosen.sort();
	}
	if (!chosen.length) throw refusal('rooms_series_nothing', 'dates');
	var roomId = str('room');
	var association = str('association');
	var attendees = Number(body.attendees);
	// the booker's choice to show the association's name on the house's screens (docs/rules.md,
	// "Door signs and the lobby screen"); a private season booking is never shown by name
	if (body.show_publicly !== undefined && typeof body.show_publicly !== 'boolean')
		throw refusal('core_invalid_value', 'show_publicly');
	var showPublicly = body.show_publicly === true;
	if (showPublicly && !association) throw refusal('rooms_show_publicly_private', 'show_publicly');
	var rrule =
		'DTSTART:' +
		compact(firstDate) +
		'T000000Z\nRRULE:FREQ=WEEKLY;INTERVAL=' +
		interval +
		';UNTIL=' +
		compact(lastDate) +
		'T235900Z;COUNT=' +
		validate.MAX_SERIES_DATES;

	var answer;
	try {
		answer = lib('core/tx').route(e, function (txApp) {
			var room;
			try {
				room = txApp.findRecordById('rooms', roomId);
			} catch (_) {
				throw refusal('rooms_unknown_room', 'room');
			}
			if (!room.getBool('active')) throw refusal('rooms_inactive', 'room');
			// rule 3 for the whole series, with the rights as they are now
			var rights = bookings.checkRights(txApp, room, actor.id, association);
			if (rights) throw rights.error;
			var series = new Record(txApp.findCachedCollectionByNameOrId('booking_series'));
			series.set('room', roomId);
			series.set('booker', actor.id);
			series.set('association', association);
			series.set('purpose', purpose);
			series.set('attendees', attendees);
			series.set('rrule', rrule);
			series.set('first_date', firstDate + ' 00:00:00.000Z');
			series.set('last_date', lastDate + ' 00:00:00.000Z');
			series.set('start_time', fields.start_time);
			series.set('end_time', fields.end_time);
			series.set('status', 'active');
			series.set('show_publicly', showPublicly);
			txApp.save(series);
			var collection = txApp.findCachedCollectionByNameOrId('bookings');
			var booked = [];
			var skipped = [];
			for (var n = 0; n < chosen.length; n++) {
				var date = chosen[n];
				// a time the date does not have, or has twice, is skipped with the code that says which
				var resolvedStart = time.resolve(date, fields.start_time);
				var resolvedEnd = time.resolveEnd(date, fields.end_time);
				if (!('instant' in resolvedStart) || !('instant' in resolvedEnd)) {
					skipped.push({
						date: date,
						code: 'instant' in resolvedStart ? resolvedEnd.code : resolvedStart.code
					});
					continue;
				}
				var start = resolvedStart.instant;
				var end = resolvedEnd.instant;
				var booking = new Record(collection);
				booking.set('room', roomId);
				booking.set('booker', actor.id);
				booking.set('association', association);
				booking.set('series', series.id);
				booking.set('show_publicly', showPublicly);
				booking.set('purpose', purpose);
				booking.set('attendees', attendees);
				booking.set('start', claims.toPbDate(start));
				booking.set('end', claims.toPbDate(end));
				// the dates saved before this one count towards the room's fair share: a date past it is skipped
				var checked = bookings.checkBooking(txApp, bookings.draftOf(booking), {
					policy: true,
					rights: false,
					share: true
				});
				if (checked.problem) {
					skipped.push({ date: date, code: checked.code });
					continue;
				}
				booking.set('status', bookings.initialStatus(room));
				// approved as it is made, where the room asks for no approval: decided now, by no one, as a single
				// booking made there is (stampDecision); a request waits for its decision
				bookings.stampDecision(booking, booking.getString('status'), '', Date.now());
				bookings.giveDeadline(booking, checked.room);
				txApp.save(booking);
				bookings.syncBusy(txApp, 'booking', booking, false, true);
				booked.push({ date: date, id: booking.id, status: booking.getString('status') });
			}
			if (!booked.length) throw new Nothing(skipped);
			// one receipt for the whole season (docs/rules.md, "Messages")
			lib('receipts').seriesReceived(txApp, series, booked);
			return { series: series.id, booked: booked, skipped: skipped };
		});
	} catch (err) {
		if (err instanceof Nothing) {
			var entry = lib('core/codes').rooms_series_nothing;
			return e.json(400, {
				status: 400,
				message: entry.en,
				data: { dates: { code: 'rooms_series_nothing', message: entry.en } },
				skipped: err.skipped
			});
		}
		throw err;
	}
	return e.json(200, answer);
}

/**
 * The series of a route, read inside the transaction, with the actor's roles; 404 for anyone who may
 * not see it.
 */
function seriesFor(txApp, id, actor) {
	var series;
	try {
		series = txApp.findRecordById('booking_series', id);
	} catch (_) {
		throw new NotFoundError('Not found.');
	}
	var bookings = lib('rooms-bookings');
	var roles = bookings.rolesOf(txApp, series, actor);
	if (bookings.lapsedBooker(series, actor, roles)) throw refusal('rooms_not_booker', 'form');
	if (!roles.length) throw new NotFoundError('Not found.');
	return { series: series, roles: roles };
}

/**
 * Whether cancelling the whole of `series` is beyond `actor`: a series the season plan booked (a season line
 * holds it) is the association's time, given up by its admins (or staff), not by a booker; a booker still
 * cancels its single dates. A booker's own season booking (`create`) stays theirs to cancel.
 */
function seasonPlanNotAdmin(txApp, series, actor, roles) {
	if (roles.indexOf('staff') >= 0 || roles.indexOf('system') >= 0) return false;
	var planned = txApp.findRecordsByFilter(
		'season_lines',
		bindFilter('series = {:series}', { series: series.id }),
		'',
		1,
		0
	);
	if (!planned.length) return false;
	return (
		txApp.findRecordsByFilter(
			'memberships',
			bindFilter('association = {:a} && user = {:u} && status = "active" && role = "admin"', {
				a: series.getString('association'),
				u: actor.id
			}),
			'',
			1,
			0
		).length === 0
	);
}

function activeBookings(txApp, seriesId, extra, params) {
	params.series = seriesId;
	return txApp.findRecordsByFilter(
		'bookings',
		bindFilter(
			'series = {:series} && ' + lib('core/status').activeBookingFilter() + (extra ? ' && ' + extra : ''),
			params
		),
		'start',
		0,
		0
	);
}

/**
 * The reason of a cancellation or decision as sent: text without hostile characters, at most 1000
 * characters (a booking's reason field), '' when none.
 */
function reasonOf(e) {
	var reason = bodyOf(e).reason;
	if (reason === undefined || reason === null) return '';
	if (typeof reason !== 'string') throw refusal('core_invalid_value', 'reason');
	var problem = lib('input').textProblem(reason, 1000);
	if (problem) throw refusal(problem, 'reason');
	return reason.trim();
}

function dateOf(booking) {
	return lib('rooms-policy').localParts(lib('room-claims').toMs(booking.getString('start'))).date;
}

/**
 * One message to the booker for one decision over many dates (docs/rules.md, "Messages"): how many, the
 * first and the last date in the reader's language, and the staff's reason or message; a cancellation by an
 * admin or booker of the association (`by`, rooms-bookings.js cancelledBy) says who, with their reason as
 * theirs.
 * @param {{ role: unknown, association: unknown } | null} [by]
 * @param {{ id: string }} [actor] who decided or cancelled: an admin of the association is not told of their own act
 */
function tell(txApp, series, status, dates, reason, by, actor) {
	var room = txApp.findRecordById('rooms', series.getString('room'));
	var bookings = lib('rooms-bookings');
	// its booker while they may book for its association, else its admins (rooms/told.js)
	lib('rooms/told').tell(txApp, series, {
		kind: 'booking_series_' + status,
		texts: by ? SERIES_TEXTS.cancelled_by : SERIES_TEXTS[status],
		admins: by ? SERIES_TEXTS_ADMINS.cancelled_by : SERIES_TEXTS_ADMINS[status],
		params: {
			room: room.getString('name'),
			count: dates.length,
			first: { date: dates[0].date },
			last: { date: dates[dates.length - 1].date },
			reason: reason,
			note: by ? bookings.reasonNote(reason) : status === 'approved' ? bookings.approvalNote(reason) : '',
			role: by ? by.role : '',
			association: by ? by.association : ''
		},
		link: '/bookinger',
		// an admin of its association who acted is told nothing of their own act
		except: actor ? actor.id : ''
	});
}

/**
 * A season's second-round draft run before staff withdrew one of the season's times: it still holds what
 * the association applied for, and an association whose time staff withdrew takes nothing in the second
 * round. The draft is cleared, so it runs again (leaving the association out) before it can be published.
 * @param {core.App} txApp
 * @param {core.Record} series the series withdrawn
 */
function secondDraftOutdated(txApp, series) {
	var lines = txApp.findRecordsByFilter(
		'season_lines',
		bindFilter('series = {:s}', { s: series.id }),
		'',
		0,
		0
	);
	for (var i = 0; i < lines.length; i++) {
		var season = txApp.findRecordById('seasons', lines[i].getString('season'));
		if (season.getString('status') !== 'second_closed' || !season.getString('second_drafted_at')) continue;
		season.set('second_drafted_at', '');
		txApp.save(season);
	}
}

/**
 * POST /api/borgerhus/series/{id}/cancel { reason?, withdraw? }: cancels the rest of a series, the future
 * dates not past their deadline (staff: every future date, with a reason), in one transaction; a series the
 * season plan booked only by an admin of its association or staff (`rooms_season_series_admin`). `withdraw`
 * (staff only, reason required) is the house withdrawing the season after repeated no-shows: audited as
 * booking_series_withdrawn with the season's no-show count, and the booker is told so. Answers
 * { cancelled: [{ id, date }], kept: [{ id, date, code }] }.
 * @param {core.RequestEvent} e
 */
function cancel(e) {
	var actor = lib('core/auth').requireUser(e);
	var id = e.request.pathValue('id');
	var reason = reasonOf(e);
	// staff withdrawing the rest of a season (repeated no-shows): a reason, its own audit entry and message
	var withdraw = bodyOf(e).withdraw;
	if (withdraw !== undefined && typeof withdraw !== 'boolean')
		throw refusal('core_invalid_value', 'withdraw');
	if (withdraw && actor.kind !== 'staff') throw new ForbiddenError('Staff only.');
	if (withdraw && !reason) throw refusal('rooms_reason_required', 'reason');
	var result = lib('core/tx').route(e, function (txApp) {
		var found = seriesFor(txApp, id, actor);
		var series = found.series;
		var roles = found.roles;
		var machine = lib('core/machine');
		var from = series.getString('status') || 'active';
		if (!machine.permitted(lib('rooms/booking-machine').series, from, 'cancelled', roles)) {
			throw refusal('rooms_bad_transition', 'form');
		}
		if (seasonPlanNotAdmin(txApp, series, actor, roles)) throw refusal('rooms_season_series_admin', 'form');
		var staffOnly = roles.indexOf('staff') >= 0 && roles.indexOf('owner') < 0;
		if (staffOnly && !reason) throw refusal('rooms_reason_required', 'reason');
		var now = Date.now();
		var rest = activeBookings(txApp, series.id, 'start > {:now}', {
			now: lib('room-claims').toPbDate(now)
		});
		var cancelled = [];
		var kept = [];
		for (var i = 0; i < rest.length; i++) {
			var booking = rest[i];
			var bookingRoles = lib('rooms-bookings').rolesOf(txApp, booking, actor);
			// a date staff gave to another booker is theirs now: kept, with its reason, unless the actor may
			// cancel it in its own right (staff; an admin or booker of its association)
			if (
				!lib('rooms/booking-machine').may(booking.getString('status'), 'cancel', bookingRoles, 'cancelled')
			) {
				kept.push({ id: booking.id, date: dateOf(booking), code: 'rooms_series_not_yours' });
				continue;
			}
			var start = lib('room-claims').toMs(booking.getString('start'));
			// a date still pending is withdrawn at any time, as a single booking's cancel is (mayCancel); each
			// date by the deadline it was given
			if (
				roles.indexOf('staff') < 0 &&
				!lib('rooms-policy').mayCancel(
					booking.getInt('cancel_hours'),
					start,
					now,
					booking.getString('status')
				)
			) {
				kept.push({ id: booking.id, date: dateOf(booking), code: 'rooms_cancel_deadline' });
				continue;
			}
			// the series' booker hears of the whole series at once (tell, below); a date's other booker hears
			// of their own date
			lib('rooms-bookings').transition(txApp, booking, 'cancelled', actor, bookingRoles, {
				cancel_reason: reason,
				series: booking.getString('booker') === series.getString('booker')
			});
			txApp.save(booking);
			cancelled.push({
				id: booking.id,
				date: dateOf(booking),
				own: booking.getString('booker') === series.getString('booker')
			});
		}
		if (!kept.length) {
			series.set('status', 'cancelled');
			txApp.save(series);
		}
		if (cancelled.length) {
			var details = {
				bookings: cancelled.map(function (c) {
					return c.id;
				}),
				reason: reason
			};
			if (withdraw && series.getString('association')) {
				var season = lib('rooms/checkin').seasonOf(now);
				details.no_shows = txApp.findRecordsByFilter(
					'bookings',
					bindFilter(
						'association = {:association} && status = "no_show" && start >= {:from} && start < {:to}',
						{
							association: series.getString('association'),
							from: lib('room-claims').toPbDate(season.from),
							to: lib('room-claims').toPbDate(season.to)
						}
					),
					'',
					0,
					0
				).length;
				details.season = season.label;
			}
			if (withdraw) secondDraftOutdated(txApp, series);
			lib('core/audit').staffAction(
				txApp,
				actor,
				withdraw ? 'booking_series_withdrawn' : 'booking_series_cancelled',
				series,
				details
			);
			var own = cancelled.filter(function (c) {
				return c.own;
			});
			// called off by an admin or booker of the association, not the house or the booker: said so
			var by = roles.indexOf('staff') < 0 ? lib('rooms-bookings').cancelledBy(txApp, series, actor) : null;
			if (own.length) tell(txApp, series, withdraw ? 'withdrawn' : 'cancelled', own, reason, by, actor);
		}
		return {
			cancelled: cancelled.map(function (c) {
				return { id: c.id, date: c.date };
			}),
			kept: kept
		};
	});
	return e.json(200, result);
}

/**
 * POST /api/borgerhus/series/{id}/approve and /reject { reason }: staff decide every pending date of a
 * series in one transaction, with one audit entry and one message for the series. Answers
 * { decided: [{ id, date }] }; nothing pending is rooms_bad_transition.
 * @param {core.RequestEvent} e
 * @param {'approved' | 'rejected'} to
 */
function decide(e, to) {
	var actor = lib('core/auth').requireStaff(e);
	var id = e.request.pathValue('id');
	var reason = reasonOf(e);
	if (to === 'rejected' && !reason) throw refusal('rooms_reason_required', 'reason');
	var result = lib('core/tx').route(e, function (txApp) {
		var series = seriesFor(txApp, id, actor).series;
		var pending = txApp.findRecordsByFilter(
			'bookings',
			bindFilter('series = {:series} && status = "pending"', { series: series.id }),
			'start',
			0,
			0
		);
		if (!pending.length) throw refusal('rooms_bad_transition', 'form');
		var decided = [];
		for (var i = 0; i < pending.length; i++) {
			var booking = pending[i];
			// the series' booker hears of the whole series at once (tell, below); a date staff gave to
			// another booker is theirs, and they hear of their own date, as a cancellation tells them
			var own = booking.getString('booker') === series.getString('booker');
			lib('rooms-bookings').transition(txApp, booking, to, actor, ['staff'], {
				reason: reason,
				series: own
			});
			txApp.save(booking);
			decided.push({ id: booking.id, date: dateOf(booking), own: own });
		}
		lib('core/audit').staffAction(txApp, actor, 'booking_series_' + to, series, {
			bookings: decided.map(function (d) {
				return d.id;
			}),
			reason: reason
		});
		var ownDates = decided.filter(function (d) {
			return d.own;
		});
		if (ownDates.length) tell(txApp, series, to, ownDates, reason, null, actor);
		return {
			decided: decided.map(function (d) {
				return { id: d.id, date: d.date };
			})
		};
	});
	return e.json(200, result);
}

/**
 * onRecordCreateRequest / onRecordUpdateRequest for booking_series (only the system account may write
 * series through the record API): the same validation as the route, nothing stored when it fails.
 * @param {core.RecordRequestEvent} e
 */
function validateRecord(e) {
	var p = seriesProblem(e);
	if (p) throw refusal(p.code, p.field);
	if (!e.record.getString('status')) e.record.set('status', 'active');
	e.next();
}

/**
 * A system update of a series through the record API (maintenance; bookers and staff go through the routes
 * above): judged and written on the row as it stands inside a transaction, with only the fields it sent, so
 * it never puts back a cancellation or a decision committed after PocketBase loaded the record.
 * @param {core.RecordRequestEvent} e
 */
function validateUpdate(e) {
	var tx = lib('core/tx');
	tx.request(e, function (txApp) {
		tx.rebase(txApp, e);
		validateRecord(e);
	});
}

/** What is wrong with the series as the request would leave it, or null. @param {core.RecordRequestEvent} e */
function seriesProblem(e) {
	return lib('rooms/validate').checkSeries({
		first_date: e.record.getString('first_date'),
		last_date: e.record.getString('last_date'),
		start_time: e.record.getString('start_time'),
		end_time: e.record.getString('end_time'),
		rrule: e.record.getString('rrule'),
		attendees: e.record.getInt('attendees') || undefined,
		purpose: e.record.getString('purpose')
	});
}

/**
 * The season bookings (series) still going on, of one room or one association: active, with a last date
 * today or later (a day back, for the house's date against UTC). A series whose last date has passed has
 * ended as it was. The staff's list of season bookings to withdraw and a room taken out of use read them.
 * @param {core.App} app
 * @param {'room' | 'association'} field
 * @param {string} id
 * @param {string} [sort]
 * @param {number} [limit] 0 for all
 * @returns {core.Record[]}
 */
function goingOn(app, field, id, sort, limit) {
	return app.findRecordsByFilter(
		'booking_series',
		bindFilter(field + ' = {:id} && status = "active" && last_date >= {:today}', {
			id: id,
			today: lib('room-claims').toPbDate(Date.now() - 24 * 60 * 60 * 1000)
		}),
		sort || '',
		limit || 0,
		0
	);
}

/**
 * Whether a season booking still has a date to come outside `roomId`: an active date (pending or approved)
 * that has not ended, which staff moved to another room. Taking `roomId` out of use leaves such a date, and
 * with it the series, going on.
 * @param {core.App} app
 * @param {core.Record} series
 * @param {string} roomId
 * @returns {boolean}
 */
function hasDatesElsewhere(app, series, roomId) {
	return (
		activeBookings(app, series.id, 'room != {:room} && end > {:now}', {
			room: roomId,
			now: lib('room-claims').toPbDate(Date.now())
		}).length > 0
	);
}

module.exports = {
	goingOn: goingOn,
	hasDatesElsewhere: hasDatesElsewhere,
	create: create,
	cancel: cancel,
	decide: decide,
	validateRecord: validateRecord,
	validateUpdate: validateUpdate
};
