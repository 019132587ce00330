/// <reference path="../../../pb_data/types.d.ts" />

// Cancel a period (docs/rules.md, "Cancel a period"): a booker cancels all their own bookings in a period,
// or an admin or booker of an association all of the association's, in one step. The preview and the
// commit run the same checks on the rows as they stand in one transaction; the commit cancels each booking
// through the booking machine's cancel transition (rooms-bookings.js `transition`), never a side path,
// and writes one audit entry and one message per booker, all in that transaction or not at all.

/** lib/core/filter.js bindFilter, required at the call: loading this file needs nothing of PocketBase. */
function bindFilter(filter, params) {
	return require(__hooks + '/lib/core/filter.js').bindFilter(filter, params);
}

var MAX_DAYS = 366;
var MAX_BOOKINGS = 500;

function lib(name) {
	return require(__hooks + '/lib/' + name + '.js');
}

function refusal(code, field) {
	return lib('core/errors').refusal(code, field);
}

var TEXTS = {
	actor: {
		da: {
			title: 'Bookinger aflyst',
			body: 'Du har aflyst {count} {count|booking|bookinger} fra {from} til {to}.{kept}'
		},
		en: {
			title: 'Bookings cancelled',
			body: 'You cancelled {count} {count|booking|bookings} from {from} to {to}.{kept}'
		}
	},
	booker: {
		da: {
			title: 'Dine bookinger er aflyst',
			body: '{count} af dine bookinger fra {from} til {to} er aflyst af {role} i {association}.'
		},
		en: {
			title: 'Your bookings are cancelled',
			body: '{count} of your bookings from {from} to {to} {count|was|were} cancelled by {role} of {association}.'
		}
	},
	// the association's admins, when the booker no longer books for it (rooms/told.js)
	admins: {
		da: {
			title: 'Bookinger for {association} er aflyst',
			body: '{count} af foreningens bookinger fra {from} til {to} er aflyst af {role} i {association}.'
		},
		en: {
			title: 'Bookings for {association} are cancelled',
			body: "{count} of the association's bookings from {from} to {to} {count|was|were} cancelled by {role} of {association}."
		}
	}
};
/** Why bookings were kept, by the refusal's code, in the person's message. */
var KEPT = {
	rooms_cancel_deadline: {
		da: ' {n} kunne ikke aflyses, fordi fristen er overskredet.',
		en: ' {n} could not be cancelled because the deadline has passed.'
	},
	rooms_not_booker: {
		da: ' {n} kunne ikke aflyses, fordi du ikke længere er booker i foreningen.',
		en: ' {n} could not be cancelled because you are no longer a booker of the association.'
	},
	other: {
		da: ' {n} var allerede aflyst eller afsluttet.',
		en: ' {n} had already been cancelled or ended.'
	}
};

/**
 * The request as sent, checked: { from, to, scope, preview, ids, reason } with the period's instants.
 * @param {Record<string, unknown>} body
 */
function readBody(body) {
	var time = lib('core/time');
	var date = function (key) {
		var value = body[key];
		if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value))
			throw refusal('rooms_period_invalid', key);
		var at = time.resolveLenient(value, '00:00');
		if (at === null || time.yearProblem(at)) throw refusal('rooms_period_invalid', key);
		return value;
	};
	var from = date('from');
	var to = date('to');
	if (to < from) throw refusal('rooms_period_invalid', 'to');
	var start = time.resolveLenient(from, '00:00');
	var end = time.resolveLenient(time.addDays(to, 1), '00:00');
	if (end - start > (MAX_DAYS + 1) * 86400000) throw refusal('rooms_period_too_long', 'to');
	var scope = body.scope === undefined ? 'own' : body.scope;
	if (typeof scope !== 'string' || !(scope === 'own' || /^[a-z0-9]{15}$/.test(scope)))
		throw refusal('core_invalid_value', 'scope');
	if (body.preview !== undefined && typeof body.preview !== 'boolean')
		throw refusal('core_invalid_value', 'preview');
	var ids = null;
	if (body.ids !== undefined) {
		if (!Array.isArray(body.ids) || body.ids.length > MAX_BOOKINGS)
			throw refusal('core_invalid_value', 'ids');
		ids = [];
		for (var i = 0; i < body.ids.length; i++) {
			if (typeof body.ids[i] !== 'string' || !/^[a-z0-9]{15}$/.test(body.ids[i]))
				throw refusal('core_invalid_value', 'ids');
			ids.push(body.ids[i]);
		}
	}
	var reason = '';
	if (body.reason !== undefined && body.reason !== null) {
		if (typeof body.reason !== 'string') throw refusal('core_invalid_value', 'reason');
		var problem = lib('input').textProblem(body.reason, 1000);
		if (problem) throw refusal(problem, 'reason');
		reason = body.reason.trim();
	}
	return {
		from: from,
		to: to,
		start: start,
		end: end,
		scope: scope,
		preview: body.preview !== false,
		ids: ids,
		reason: reason
	};
}

/** What a page shows of a booking: the booker sees their own or their association's bookings anyway. */
function itemOf(txApp, booking, rooms) {
	var roomId = booking.getString('room');
	if (!rooms[roomId]) rooms[roomId] = txApp.findRecordById('rooms', roomId);
	var claims = lib('room-claims');
	return {
		id: booking.id,
		room: rooms[roomId].getString('name'),
		start: claims.toMs(booking.getString('start')),
		end: claims.toMs(booking.getString('end')),
		purpose: booking.getString('purpose'),
		association: booking.getString('association'),
		series: booking.getString('series')
	};
}

/**
 * POST /api/borgerhus/bookings/cancel-period { from, to, scope: 'own' | <association id>, preview, ids?,
 * reason? }. Preview (the default) answers { cancellable: [...], kept: [{ ..., code }] } and changes
 * nothing; the commit (preview: false) cancels the cancellable bookings (only those in `ids` when sent,
 * the ones the person saw) in ONE transaction and answers { cancelled, kept }. A booking past its
 * deadline is kept with `rooms_cancel_deadline`; one cancelled since the preview with
 * `rooms_booking_closed`. An id outside the person's bookings in the period refuses the whole request.
 * @param {core.RequestEvent} e
 */
function cancelPeriod(e) {
	var actor = lib('core/auth').requireUser(e);
	var info = e.requestInfo().body;
	var input = readBody(info && typeof info === 'object' ? info : {});
	var answer = lib('core/tx').route(e, function (txApp) {
		var bookings = lib('rooms-bookings');
		var machines = lib('rooms/booking-machine');
		var claims = lib('room-claims');
		var association = null;
		var role = '';
		if (input.scope !== 'own') {
			// an admin or booker (accepted) of the association now: docs/rules.md rule 3
			var rights = txApp.findRecordsByFilter(
				'memberships',
				bindFilter(
					'association = {:a} && user = {:u} && status = "active" && (role = "admin" || role = "booker")',
					{ a: input.scope, u: actor.id }
				),
				'',
				1,
				0
			);
			if (!rights.length) throw refusal('rooms_period_scope', 'scope');
			association = txApp.findRecordById('associations', input.scope);
			role = rights[0].getString('role');
		}
		var now = Date.now();
		var params = {
			me: actor.id,
			association: input.scope,
			start: claims.toPbDate(Math.max(input.start, now)),
			end: claims.toPbDate(input.end)
		};
		var inScope =
			(association ? 'association = {:association}' : 'booker = {:me}') +
			' && start >= {:start} && start < {:end}';
		var found;
		if (input.ids) {
			// the bookings the person saw (at most MAX_BOOKINGS), in any state now: one closed since is listed
			// as kept; one that left the period or the person's bookings since refuses the whole request
			var inPeriod = txApp.findRecordsByFilter('bookings', bindFilter(inScope, params), 'start', 0, 0);
			var byId = {};
			for (var f = 0; f < inPeriod.length; f++) byId[inPeriod[f].id] = inPeriod[f];
			found = [];
			for (var c = 0; c < input.ids.length; c++) {
				if (!byId[input.ids[c]]) throw refusal('rooms_period_changed', 'form');
				if (found.indexOf(byId[input.ids[c]]) < 0) found.push(byId[input.ids[c]]);
			}
		} else {
			// the active ones: cancelled and ended bookings are no part of the limit
			found = txApp.findRecordsByFilter(
				'bookings',
				bindFilter(inScope + ' && ' + lib('core/status').activeBookingFilter(), params),
				'start',
				MAX_BOOKINGS + 1,
				0
			);
			if (found.length > MAX_BOOKINGS) throw refusal('rooms_period_too_many', 'to');
		}
		var rooms = {};
		var cancellable = [];
		var kept = [];
		var isActive = lib('core/status').isActiveBooking;
		for (var i = 0; i < found.length; i++) {
			var booking = found[i];
			var from = booking.getString('status');
			var item = itemOf(txApp, booking, rooms);
			if (!isActive(from)) {
				// only a booking chosen in the preview and closed since is listed; others were never asked for
				if (input.ids) kept.push(Object.assign(item, { code: machines.closedCode(from) }));
				continue;
			}
			var roles = bookings.rolesOf(txApp, booking, actor);
			if (!machines.may(from, 'cancel', roles, 'cancelled')) {
				var lapsed = bookings.lapsedBooker(booking, actor, roles);
				kept.push(Object.assign(item, { code: lapsed ? 'rooms_not_booker' : 'rooms_bad_transition' }));
				continue;
			}
			// a request still pending is withdrawn at any time, as a single booking's cancel is (mayCancel); each
			// booking by the deadline it was given
			if (!lib('rooms-policy').mayCancel(booking.getInt('cancel_hours'), item.start, now, from)) {
				kept.push(Object.assign(item, { code: 'rooms_cancel_deadline' }));
				continue;
			}
			if (!input.preview) {
				// the machine's cancel transition, on the row as read in this transaction
				bookings.transition(txApp, booking, 'cancelled', actor, roles, {
					cancel_reason: input.reason,
					series: true
				});
				txApp.save(booking);
			}
			cancellable.push(item);
			item.booker = booking.getString('booker');
			item.record = booking;
		}
		if (input.preview) return { preview: true, cancellable: strip(cancellable), kept: kept };
		if (!cancellable.length) return { nothing: true, kept: kept };
		tellAll(txApp, actor, input, { association: association, role: role }, cancellable, kept);
		lib('core/audit').record(txApp, {
			actor: actor.id,
			action: 'bookings_period_cancelled',
			collection: 'bookings',
			id: cancellable[0].id,
			details: {
				from: input.from,
				to: input.to,
				scope: input.scope,
				reason: input.reason,
				cancelled: cancellable.map(function (b) {
					return b.id;
				}),
				kept: kept.map(function (b) {
					return { id: b.id, code: b.code };
				})
			}
		});
		return { preview: false, cancelled: strip(cancellable), kept: kept };
	});
	if (answer.nothing) {
		var entry = lib('core/codes').rooms_period_nothing;
		return e.json(400, {
			status: 400,
			message: entry.en,
			data: { form: { code: 'rooms_period_nothing', message: entry.en } },
			kept: answer.kept
		});
	}
	return e.json(200, answer);
}

function strip(items) {
	return items.map(function (item) {
		var copy = Object.assign({}, item);
		delete copy.booker;
		delete copy.record;
		return copy;
	});
}

/** One message to the person who cancelled, and one to each other booker whose bookings went. */
function tellAll(txApp, actor, input, scope, cancelled, kept) {
	var notify = lib('notify').notify;
	var keptText = { da: '', en: '' };
	var counts = {};
	for (var k = 0; k < kept.length; k++) {
		var reason = KEPT[kept[k].code] ? kept[k].code : 'other';
		counts[reason] = (counts[reason] || 0) + 1;
	}
	Object.keys(KEPT).forEach(function (reason) {
		if (!counts[reason]) return;
		keptText.da += KEPT[reason].da.replace('{n}', String(counts[reason]));
		keptText.en += KEPT[reason].en.replace('{n}', String(counts[reason]));
	});
	var texts = {
		da: { title: TEXTS.actor.da.title, body: TEXTS.actor.da.body.replace('{kept}', keptText.da) },
		en: { title: TEXTS.actor.en.title, body: TEXTS.actor.en.body.replace('{kept}', keptText.en) }
	};
	// the days as people read them ("tirsdag 24. november"), never an ISO date
	var from = { date: input.from };
	var to = { date: input.to };
	notify(txApp, actor.id, {
		kind: 'bookings_period_cancelled',
		texts: texts,
		params: { count: cancelled.length, from: from, to: to },
		link: '/bookinger'
	});
	// each other booker while they may book for the association, else its admins but the one who cancelled
	// (rooms/told.js), once with the count of theirs
	var told = lib('rooms/told');
	var others = told.gather(
		txApp,
		cancelled
			.filter(function (item) {
				return item.booker !== actor.id;
			})
			.map(function (item) {
				return item.record;
			})
	);
	for (var n = 0; n < others.length; n++) {
		var one = others[n];
		told.tell(
			txApp,
			one.record,
			{
				kind: 'bookings_period_cancelled',
				texts: TEXTS.booker,
				admins: TEXTS.admins,
				params: {
					count: one.count,
					from: from,
					to: to,
					role: lib('rooms-bookings').cancellerRole(scope.role),
					association: scope.association ? lib('rooms-bookings').namedToBooker(scope.association) : ''
				},
				link: '/bookinger',
				except: actor.id
			},
			one.to
		);
	}
}

module.exports = {
	MAX_DAYS: MAX_DAYS,
	MAX_BOOKINGS: MAX_BOOKINGS,
	cancelPeriod: cancelPeriod,
	readBody: readBody
};
