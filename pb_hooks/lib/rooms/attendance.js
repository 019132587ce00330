/// <reference path="../../../pb_data/types.d.ts" />

// Check-in, early check-out and the no-show release (docs/rules.md, "Check-in and no-shows"). Every write
// runs in ONE transaction, re-reads the booking there and asks the booking machine (rooms/booking-machine.js)
// with the row as it stands, so a check-in racing the release has exactly one outcome and a booking is
// released once however often the job runs. The busy projection (room_busy) follows in the same
// transaction through the bookings' model hook (rooms.pb.js, syncBusy). Pure rules: rooms/checkin.js.

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

var MINUTE = 60 * 1000;
/** Bookings released per transaction: short write locks, few commits. */
var BATCH = 100;

var RELEASE_TEXTS = {
	da: {
		title: 'Din booking er frigivet',
		body: 'Ingen tjekkede ind til {room} {when}, så lokalet er givet fri til andre. Det tæller som en udeblivelse i sæsonen {season}.'
	},
	en: {
		title: 'Your booking was released',
		body: 'Nobody checked in to {room} {when}, so the room was given to others. It counts as a no-show in the {season} season.'
	}
};

/** RELEASE_TEXTS as the association's admins read them (rooms/told.js). */
var RELEASE_TEXTS_ADMINS = {
	da: {
		title: 'En booking for {association} er frigivet',
		body: 'Ingen tjekkede ind til {room} {when}, så lokalet er givet fri til andre. Det tæller som en udeblivelse i sæsonen {season}.'
	},
	en: {
		title: 'A booking for {association} was released',
		body: 'Nobody checked in to {room} {when}, so the room was given to others. It counts as a no-show in the {season} season.'
	}
};

/** Staff checked someone's booking out before its end (checkOut): its booker learns that it has ended. */
var CHECKED_OUT_TEXTS = {
	da: {
		title: 'Din booking er tjekket ud',
		body: 'Personalet har tjekket din booking i {room} ud {at}. Lokalet er frit for andre resten af tiden.'
	},
	en: {
		title: 'Your booking is checked out',
		body: 'The staff checked out your booking in {room} on {at}. The room is free for others for the rest of the time.'
	}
};

/** CHECKED_OUT_TEXTS as the association's admins read them (rooms/told.js). */
var CHECKED_OUT_TEXTS_ADMINS = {
	da: {
		title: 'En booking for {association} er tjekket ud',
		body: 'Personalet har tjekket bookingen i {room} ud {at}. Lokalet er frit for andre resten af tiden.'
	},
	en: {
		title: 'A booking for {association} is checked out',
		body: 'The staff checked out the booking in {room} on {at}. The room is free for others for the rest of the time.'
	}
};

/** Check-in became required where someone already has bookings (tellCheckinRequired). */
var REQUIRED_TEXTS = {
	da: {
		title: '{room} kræver nu tjek-ind',
		body: '{room} kræver nu, at du tjekker ind, når du kommer. Du har {count} {count|booking|bookinger} der, {count|den|den første} {first}. Tjek ind med "Vi er her" på Mit overblik eller QR-koden ved døren, fra {opens} minutter før starten til {grace} minutter efter. Ellers bliver lokalet givet fri til andre, og bookingen tæller som en udeblivelse.'
	},
	en: {
		title: '{room} now requires check-in',
		body: '{room} now requires you to check in when you arrive. You have {count} {count|booking|bookings} there, {count|on|the first on} {first}. Check in with "We\'re here" in My overview or the QR code at the door, from {opens} minutes before the start until {grace} minutes after. Otherwise the room is given to others and the booking counts as a no-show.'
	}
};

/** REQUIRED_TEXTS as the association's admins read them (rooms/told.js). */
var REQUIRED_TEXTS_ADMINS = {
	da: {
		title: '{room} kræver nu tjek-ind',
		body: '{room} kræver nu, at man tjekker ind ved ankomst. {association} har {count} {count|booking|bookinger} der, {count|den|den første} {first}. Tjek ind med "Vi er her" på Mit overblik eller QR-koden ved døren, fra {opens} minutter før starten til {grace} minutter efter. Ellers bliver lokalet givet fri til andre, og bookingen tæller som en udeblivelse.'
	},
	en: {
		title: '{room} now requires check-in',
		body: '{room} now requires a check-in on arrival. {association} has {count} {count|booking|bookings} there, {count|on|the first on} {first}. Check in with "We\'re here" in My overview or the QR code at the door, from {opens} minutes before the start until {grace} minutes after. Otherwise the room is given to others and the booking counts as a no-show.'
	}
};

var THRESHOLD_TEXTS = {
	da: {
		title: '{association}: {count} udeblivelser i sæsonen',
		body: '{association} har {count} bookinger i sæsonen {season}, hvor ingen tjekkede ind. Husets regel er højst {limit}. Ved flere kan huset trække resten af jeres sæsonbookinger tilbage.'
	},
	en: {
		title: '{association}: {count} no-shows this season',
		body: '{association} has {count} bookings in the {season} season where nobody checked in. The house rule is at most {limit}. With more, the house may withdraw the rest of your season bookings.'
	}
};

/** The house rule: no-shows per season at which the association is warned (BORGERHUS_NOSHOW_THRESHOLD). */
function threshold() {
	return lib('rooms/checkin').thresholdOf($os.getenv('BORGERHUS_NOSHOW_THRESHOLD'));
}

function toMs(value) {
	return lib('room-claims').toMs(value);
}

/** A room's check-in policy as rooms/checkin.js reads it. */
function policyOf(room) {
	var since = room.getString('checkin_since');
	return {
		checkin_required: room.getBool('checkin_required'),
		checkin_opens_minutes: room.getInt('checkin_opens_minutes'),
		checkin_grace_minutes: room.getInt('checkin_grace_minutes'),
		checkin_since: since ? toMs(since) : NaN
	};
}

function bookingOf(record) {
	var status = record.getString('status');
	var decided = record.getString('decided_at');
	return {
		status: status,
		start: toMs(record.getString('start')),
		end: toMs(record.getString('end')),
		checked_in_at: record.getString('checked_in_at'),
		checked_out_at: record.getString('checked_out_at'),
		// when staff approved it; the window's grace runs from there when that was late (checkin.windowOf)
		approved_at: status === 'approved' && decided ? toMs(decided) : 0,
		// the longer grace it keeps from before staff shortened the room's (keepGrace)
		checkin_grace_minutes: record.getInt('checkin_grace_minutes')
	};
}

/**
 * Staff shortened a room's check-in grace (`before` minutes, now less): the bookings already given in the room
 * that have not ended keep the longer grace, in the room update's transaction, so none is released before
 * the time its booker was told (the door's page, the door sign and the message that check-in became required
 * name the room's grace as it was). A longer grace needs nothing: `windowOf` takes the longer of the two.
 * Bookings made from now on get the room's grace as it is. One statement, no record hooks: the field is
 * read by the window alone.
 * @param {core.App} txApp
 * @param {core.Record} room the room as saved
 * @param {number} before the room's grace before this write, in minutes
 */
function keepGrace(txApp, room, before) {
	if (!(before > room.getInt('checkin_grace_minutes'))) return;
	txApp
		.db()
		.newQuery(
			'UPDATE bookings SET checkin_grace_minutes = {:grace} WHERE room = {:room} AND ' +
				'checkin_grace_minutes < {:grace} AND [[end]] > {:now}'
		)
		.bind({ grace: before, room: room.id, now: lib('room-claims').toPbDate(Date.now()) })
		.execute();
}

/**
 * True when `booking` (a record) is due for release as a no-show at `now`, as the release job judges it
 * (releaseOne): until the job runs, it is history already (docs/rules.md, "A booking keeps its history").
 * @param {core.Record} room
 * @param {core.Record} booking
 * @param {number} now
 */
function isDue(room, booking, now) {
	return lib('rooms/checkin').isDue(policyOf(room), bookingOf(booking), now);
}

/**
 * The roles an actor has for checking a booking in or out: owner, member (any active member of the
 * booking's association, whatever their role), staff, system.
 * @param {core.App} app
 * @param {core.Record} booking
 * @param {{ kind: string, id: string }} actor
 */
function presentRoles(app, booking, actor) {
	var roles = [];
	if (actor.kind === 'system') roles.push('system');
	if (actor.kind === 'staff') roles.push('staff');
	var association = booking.getString('association');
	var member = false;
	if (actor.id && association) {
		var rows = app.findRecordsByFilter(
			'memberships',
			bindFilter('association = {:association} && user = {:user} && status = "active"', {
				association: association,
				user: actor.id
			}),
			'',
			1,
			0
		);
		member = rows.length > 0;
	}
	// an association's booking is its booker's while they are still a member (rule 3, as in rolesOf)
	if (actor.id && booking.getString('booker') === actor.id && (!association || member)) roles.push('owner');
	if (member) roles.push('member');
	return roles;
}

/**
 * The booking of a check-in or check-out route, read inside the transaction, with the transition asked of
 * the machine for the actor. Someone else's booking and an unknown id get the same refusal.
 */
function bookingFor(txApp, id, actor, name) {
	var booking;
	try {
		booking = txApp.findRecordById('bookings', id);
	} catch (_) {
		throw refusal('rooms_checkin_not_yours', 'form');
	}
	var roles = presentRoles(txApp, booking, actor);
	var machines = lib('rooms/booking-machine');
	var t = lib('core/machine').named(machines.booking, 'approved', name);
	if (!lib('core/machine').allowed(t, roles)) throw refusal('rooms_checkin_not_yours', 'form');
	var status = booking.getString('status');
	if (status === 'no_show') throw refusal('rooms_booking_no_show', 'form');
	if (status === 'pending') throw refusal('rooms_checkin_pending', 'form');
	if (!machines.may(status, name, roles, status)) throw refusal('rooms_booking_closed', 'form');
	var room = txApp.findRecordById('rooms', booking.getString('room'));
	if (!room.getBool('checkin_required')) throw refusal('rooms_checkin_off', 'form');
	return { booking: booking, room: room, roles: roles };
}

/** A staff member acting on someone else's booking (not their own, nor one of their association's). */
function byStaffFor(actor, roles) {
	return actor.kind === 'staff' && roles.indexOf('owner') < 0 && roles.indexOf('member') < 0;
}

/** Staff acting for the booker is audited with both (the booker's own act and a member's are not). */
function auditFor(txApp, actor, roles, action, booking, details) {
	if (!byStaffFor(actor, roles)) return;
	lib('core/audit').record(txApp, {
		actor: actor.id,
		action: action,
		collection: 'bookings',
		id: booking.id,
		details: details,
		onBehalfOf: booking.getString('booker')
	});
}

/**
 * POST /api/borgerhus/bookings/{id}/check-in: the booker, an active member of the booking's association
 * or staff check an approved booking in while its window is open. Checking in twice answers the first
 * check-in. Answers { id, checked_in_at, already }.
 * @param {core.RequestEvent} e
 */
function checkIn(e) {
	var actor = lib('core/auth').requireUser(e);
	var id = e.request.pathValue('id');
	var result = lib('core/tx').route(e, function (txApp) {
		var found = bookingFor(txApp, id, actor, 'check_in');
		var booking = found.booking;
		if (booking.getString('checked_in_at')) {
			return { id: booking.id, checked_in_at: booking.getString('checked_in_at'), already: true };
		}
		// the clock is read inside the transaction: a release committed before it has already won
		var now = Date.now();
		var phase = lib('rooms/checkin').phase(policyOf(found.room), bookingOf(booking), now);
		if (phase === 'early') throw refusal('rooms_checkin_not_open', 'form');
		if (phase !== 'open') throw refusal('rooms_checkin_closed', 'form');
		var at = lib('room-claims').toPbDate(now);
		booking.set('checked_in_at', at);
		booking.set('checked_in_by', actor.id);
		txApp.save(booking);
		auditFor(txApp, actor, found.roles, 'booking_checked_in', booking, {});
		return { id: booking.id, checked_in_at: at, already: false };
	});
	return e.json(200, result);
}

/**
 * POST /api/borgerhus/bookings/{id}/check-out: ends a checked-in booking now; the rest of its slot is free
 * at once (room_busy and the overlap rule read the check-out). Answers { id, checked_out_at }.
 * @param {core.RequestEvent} e
 */
function checkOut(e) {
	var actor = lib('core/auth').requireUser(e);
	var id = e.request.pathValue('id');
	var result = lib('core/tx').route(e, function (txApp) {
		var found = bookingFor(txApp, id, actor, 'check_out');
		var booking = found.booking;
		if (!booking.getString('checked_in_at')) throw refusal('rooms_checkout_not_checked_in', 'form');
		var now = Date.now();
		if (booking.getString('checked_out_at') || now >= toMs(booking.getString('end'))) {
			throw refusal('rooms_checkout_over', 'form');
		}
		if (now < toMs(booking.getString('start'))) throw refusal('rooms_checkout_not_started', 'form');
		var at = lib('room-claims').toPbDate(now);
		booking.set('checked_out_at', at);
		txApp.save(booking);
		auditFor(txApp, actor, found.roles, 'booking_checked_out', booking, {});
		// staff ending someone's booking early gives the rest of its time to others: its booker is told while
		// they may book for its association, else its admins (rooms/told.js), as a closure that checks a booking
		// out tells them (the booker's own check-out, or a member's, tells nobody)
		if (byStaffFor(actor, found.roles)) {
			lib('rooms/told').tell(txApp, booking, {
				kind: 'booking_ended',
				texts: CHECKED_OUT_TEXTS,
				admins: CHECKED_OUT_TEXTS_ADMINS,
				params: { room: found.room.getString('name'), at: { instant: now } },
				link: '/bookinger',
				// once per check-out: one undone by a new end (a move) and made again is told again
				dedupeKey: 'booking-checked-out-' + booking.id + '-' + at
			});
		}
		return { id: booking.id, checked_out_at: at };
	});
	return e.json(200, result);
}

/**
 * No-shows in the season [from, to) of an association or a booker, counted from the bookings (never
 * stored), inside the caller's transaction.
 */
function seasonCount(app, field, id, season) {
	var rows = arrayOf(new DynamicModel({ n: 0 }));
	app
		.db()
		.newQuery(
			"SELECT COUNT(*) AS n FROM bookings WHERE status = 'no_show' AND " +
				(field === 'association' ? 'association' : 'booker') +
				' = {:id} AND start >= {:from} AND start < {:to}'
		)
		.bind({
			id: id,
			from: lib('room-claims').toPbDate(season.from),
			to: lib('room-claims').toPbDate(season.to)
		})
		.all(rows);
	return rows.length ? rows[0].n : 0;
}

/** Tells an association's active admins once per season when its no-shows reach the house rule. */
function warnAssociation(txApp, associationId, season) {
	var limit = threshold();
	var count = seasonCount(txApp, 'association', associationId, season);
	if (count < limit) return;
	var association = txApp.findRecordById('associations', associationId);
	var admins = txApp.findRecordsByFilter(
		'memberships',
		bindFilter('association = {:association} && status = "active" && role = "admin"', {
			association: associationId
		}),
		'',
		0,
		0
	);
	for (var i = 0; i < admins.length; i++) {
		lib('notify').notify(txApp, admins[i].getString('user'), {
			kind: 'noshow_threshold',
			texts: THRESHOLD_TEXTS,
			params: {
				association: association.getString('name'),
				count: count,
				limit: limit,
				season: season.label
			},
			link: '/bookinger',
			dedupeKey: 'noshow-threshold:' + associationId + ':' + season.label + ':' + admins[i].getString('user')
		});
	}
}

/**
 * Releases one booking as a no-show inside `txApp` when, on the row as it stands there, it is still
 * approved, not checked in and past its grace period. Returns the released booking's association and
 * season (for the house rule, checked once per batch by the caller), or null.
 * @param {core.App} txApp
 * @param {string} id
 * @param {number} now
 * @param {Record<string, core.Record>} [rooms] rooms read in this transaction, by id
 */
function releaseOne(txApp, id, now, rooms) {
	var machines = lib('rooms/booking-machine');
	var checkin = lib('rooms/checkin');
	var booking = txApp.findRecordById('bookings', id);
	var roomId = booking.getString('room');
	var room = rooms && rooms[roomId] ? rooms[roomId] : txApp.findRecordById('rooms', roomId);
	if (rooms) rooms[roomId] = room;
	if (!checkin.isDue(policyOf(room), bookingOf(booking), now)) return null;
	if (!machines.may(booking.getString('status'), 'release', ['system'], 'no_show')) return null;
	booking.set('status', 'no_show');
	booking.set('released_at', lib('room-claims').toPbDate(now));
	// the two fields written are the job's own values: no field validation (its relation look-ups are the
	// bulk of a save); the model hook still removes the room_busy row in this transaction
	txApp.saveNoValidate(booking);
	var start = toMs(booking.getString('start'));
	var season = checkin.seasonOf(start);
	tellReleased(txApp, booking, room, start, season);
	return { association: booking.getString('association'), season: season };
}

/**
 * Tells the booker that their booking was released as a no-show while they may book for its association,
 * else its admins (rooms/told.js), in the release's transaction.
 */
function tellReleased(txApp, booking, room, start, season) {
	lib('rooms/told').tell(txApp, booking, {
		kind: 'booking_no_show',
		texts: RELEASE_TEXTS,
		admins: RELEASE_TEXTS_ADMINS,
		params: {
			room: room.getString('name'),
			when: { instant: start },
			season: season.label
		},
		link: '/bookinger',
		dedupeKey: 'booking-no_show-' + booking.id
	});
}

/**
 * Check-in has just become required in `room` (its `checkin_since` set by this write): the bookings already
 * given there that start from then on can be released as no-shows, although nobody had to check in when they
 * were made. Each of their bookers is told once, in the room update's transaction: how many, the first, and
 * when to check in (docs/rules.md, "The room's policy"). An admin who switched it on is told nothing of it.
 * @param {core.App} txApp
 * @param {core.Record} room the room as saved
 * @param {string} [actorId] who switched it on
 */
function tellCheckinRequired(txApp, room, actorId) {
	var since = room.getString('checkin_since');
	if (!room.getBool('checkin_required') || !since) return;
	var bookings = txApp.findRecordsByFilter(
		'bookings',
		bindFilter('room = {:room} && start >= {:since} && ' + lib('core/status').activeBookingFilter(), {
			room: room.id,
			since: since
		}),
		'start',
		0,
		0
	);
	// one message to each person told of the bookings (rooms/told.js): a booker of their own, an admin of an
	// association whose booker no longer books for it of the association's (each association's on its own);
	// the bookings are in order of start, so the first of each is the first they hold
	var told = lib('rooms/told');
	var each = told.gather(txApp, bookings);
	for (var b = 0; b < each.length; b++) {
		var one = each[b];
		told.tell(
			txApp,
			one.record,
			{
				kind: 'room_checkin_required',
				texts: REQUIRED_TEXTS,
				admins: REQUIRED_TEXTS_ADMINS,
				params: {
					room: room.getString('name'),
					count: one.count,
					first: { instant: toMs(one.record.getString('start')) },
					opens: room.getInt('checkin_opens_minutes'),
					grace: room.getInt('checkin_grace_minutes')
				},
				link: '/bookinger',
				except: actorId,
				// the booker's key as before; an admin's names the association too (told.tell adds the admin)
				dedupeKey:
					'checkin-required:' +
					room.id +
					':' +
					since +
					':' +
					(one.to.admins ? one.record.getString('association') : one.to.users[0])
			},
			one.to
		);
	}
}

/**
 * The release job: every approved booking of a room that requires check-in, not checked in when its grace
 * period ended, becomes a no-show and frees its room. Safe to run any number of times, at once or after a
 * restart: each booking is decided on its row inside a transaction.
 * @param {core.App} app
 * @param {number} [nowMs] the job as at this moment (the system's route, for operations and tests)
 * @param {string} [roomId] only this room
 * @returns {{ due: number, released: number }}
 */
function releaseDue(app, nowMs, roomId) {
	var now = typeof nowMs === 'number' ? nowMs : Date.now();
	var toPbDate = lib('room-claims').toPbDate;
	var rooms = app.findRecordsByFilter(
		'rooms',
		bindFilter('checkin_required = true && checkin_since != ""' + (roomId ? ' && id = {:room}' : ''), {
			room: roomId || ''
		}),
		'',
		0,
		0
	);
	var ids = [];
	for (var r = 0; r < rooms.length; r++) {
		var policy = policyOf(rooms[r]);
		var cutoff = now - policy.checkin_grace_minutes * MINUTE;
		var rows = arrayOf(new DynamicModel({ id: '' }));
		app
			.db()
			.newQuery(
				"SELECT id FROM bookings WHERE room = {:room} AND status = 'approved' AND checked_in_at = '' " +
					'AND start <= {:cutoff} AND start >= {:since} ORDER BY start'
			)
			.bind({ room: rooms[r].id, cutoff: toPbDate(cutoff), since: rooms[r].getString('checkin_since') })
			.all(rows);
		for (var i = 0; i < rows.length; i++) ids.push(rows[i].id);
	}
	var released = 0;
	for (var b = 0; b < ids.length; b += BATCH) {
		var batch = ids.slice(b, b + BATCH);
		released += lib('core/tx').run(app, function (txApp) {
			var n = 0;
			var rooms = {};
			var reached = {};
			for (var k = 0; k < batch.length; k++) {
				var done = releaseOne(txApp, batch[k], now, rooms);
				if (!done) continue;
				n++;
				if (done.association) reached[done.association + '|' + done.season.label] = done;
			}
			// the house rule, once per association and season of this batch, in the same transaction
			var keys = Object.keys(reached);
			for (var w = 0; w < keys.length; w++)
				warnAssociation(txApp, reached[keys[w]].association, reached[keys[w]].season);
			return n;
		});
	}
	return { due: ids.length, released: released };
}

/**
 * No-shows per season, per association and per booker, for staff, with the house rule. Seasons newest
 * first. Counted from the bookings, never stored.
 * @param {core.App} app
 */
function noShowReport(app) {
	var checkin = lib('rooms/checkin');
	var rows = arrayOf(
		new DynamicModel({ start: '', booker: '', booker_name: '', association: '', association_name: '' })
	);
	app
		.db()
		.newQuery(
			'SELECT b.start AS start, b.booker AS booker, COALESCE(u.name, "") AS booker_name, ' +
				'b.association AS association, COALESCE(a.name, "") AS association_name FROM bookings b ' +
				'LEFT JOIN users u ON u.id = b.booker LEFT JOIN associations a ON a.id = b.association ' +
				"WHERE b.status = 'no_show' ORDER BY b.start DESC LIMIT 100000"
		)
		.all(rows);
	var limit = threshold();
	var seasons = {};
	var order = [];
	for (var i = 0; i < rows.length; i++) {
		var row = rows[i];
		var season = checkin.seasonOf(toMs(row.start));
		if (!seasons[season.label]) {
			seasons[season.label] = { label: season.label, total: 0, associations: {}, bookers: {} };
			order.push(season.label);
		}
		var s = seasons[season.label];
		s.total++;
		if (row.association) {
			var a = (s.associations[row.association] = s.associations[row.association] || {
				id: row.association,
				name: row.association_name,
				count: 0
			});
			a.count++;
		}
		var p = (s.bookers[row.booker] = s.bookers[row.booker] || {
			id: row.booker,
			name: row.booker_name,
			count: 0
		});
		p.count++;
	}
	var byCount = function (x, y) {
		return y.count - x.count || (x.name < y.name ? -1 : 1);
	};
	var current = checkin.seasonOf(Date.now()).label;
	// the season bookings staff may withdraw: active series of the associations with no-shows this season
	var withdrawable = [];
	var active = seasons[current] ? Object.keys(seasons[current].associations) : [];
	for (var n = 0; n < active.length; n++) {
		var series = lib('rooms/series').goingOn(app, 'association', active[n], 'first_date', 50);
		app.expandRecords(series, ['room'], null);
		for (var k = 0; k < series.length; k++) {
			var room = series[k].expandedOne('room');
			withdrawable.push({
				id: series[k].id,
				association: active[n],
				room: room ? room.getString('name') : '',
				purpose: series[k].getString('purpose'),
				start_time: series[k].getString('start_time'),
				end_time: series[k].getString('end_time'),
				last_date: series[k].getString('last_date')
			});
		}
	}
	return {
		series: withdrawable,
		threshold: limit,
		current: current,
		seasons: order.map(function (label) {
			var s = seasons[label];
			var list = function (map) {
				return Object.keys(map)
					.map(function (k) {
						return Object.assign(map[k], { reached: map[k].count >= limit });
					})
					.sort(byCount);
			};
			return { label: label, total: s.total, associations: list(s.associations), bookers: list(s.bookers) };
		})
	};
}

module.exports = {
	checkIn: checkIn,
	checkOut: checkOut,
	releaseDue: releaseDue,
	releaseOne: releaseOne,
	tellCheckinRequired: tellCheckinRequired,
	keepGrace: keepGrace,
	isDue: isDue,
	policyOf: policyOf,
	bookingOf: bookingOf,
	noShowReport: noShowReport,
	presentRoles: presentRoles,
	threshold: threshold
};
