/// <reference path="../../pb_data/types.d.ts" />

// The booking rules (docs/rules.md, "Rooms and bookings") as PocketBase applies them. Every write of a
// booking runs in ONE transaction (a global write lock in PocketBase), re-reads the row there, asks the
// booking machine (rooms/booking-machine.js) and writes only what its transition owns. Pure parts live in
// room-claims.js, rooms-policy.js and rooms/validate.js; the season routes in rooms/series.js.

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

function parseJson(text) {
	try {
		return text ? JSON.parse(text) : null;
	} catch (_) {
		return null;
	}
}

/** The room fields rooms-policy.js reads, and how each is read. */
var POLICY_FIELDS = {
	capacity: 'int',
	opening_hours: 'json',
	min_minutes: 'int',
	max_minutes: 'int',
	step_minutes: 'int',
	horizon_days: 'int',
	active: 'bool'
};
var POLICY_NAMES = Object.keys(POLICY_FIELDS);
var READ = {
	int: function (room, name) {
		return room.getInt(name);
	},
	bool: function (room, name) {
		return room.getBool(name);
	},
	json: function (room, name) {
		return parseJson(room.getString(name));
	}
};

/** The policy fields of a room record as a plain object for rooms-policy.js. */
function roomPolicy(room) {
	var policy = {};
	POLICY_NAMES.forEach(function (name) {
		policy[name] = READ[POLICY_FIELDS[name]](room, name);
	});
	return policy;
}

/** The fields of a booking record that the checks read. */
function draftOf(record) {
	return {
		id: record.id,
		room: record.getString('room'),
		booker: record.getString('booker'),
		association: record.getString('association'),
		start: record.getString('start'),
		end: record.getString('end'),
		attendees: record.getFloat('attendees')
	};
}

/**
 * Rule 3 with the rights as they are now: the room's who_may_book, and for an association booking that
 * the association is verified and `booker` is its booker or admin. Returns null or { error, code }.
 * @param {core.App} app
 * @param {core.Record} room
 * @param {string} booker
 * @param {string} associationId
 */
function checkRights(app, room, booker, associationId) {
	var refused = function (code) {
		return { error: refusal(code, 'association'), code: code };
	};
	if (!associationId && room.getString('who_may_book') === 'associations') {
		return refused('rooms_association_required');
	}
	if (!associationId) return null;
	var association;
	try {
		association = app.findRecordById('associations', associationId);
	} catch (_) {
		return refused('rooms_not_booker');
	}
	if (!association.getBool('verified')) return refused('rooms_association_unverified');
	// only an accepted (active) admin or booker: docs/rules.md, "Associations and memberships"
	var mayBook = require(__hooks + '/lib/rooms-associations.js').mayBookFor(app, booker, associationId);
	return mayBook ? null : refused('rooms_not_booker');
}

/**
 * The checks of a booking that read nothing but its room: sane times and, with `what.policy`, the room's
 * policy (rule 2). A pure function of the room's policy fields, the draft and the clock.
 * @param {core.Record} room
 * @param {{ start: string, end: string, attendees: number }} draft
 * @param {{ policy: boolean, skipHorizon?: boolean, running?: boolean }} what
 * @returns {{ problem: Error, code: string } | { problem: null, start: number, end: number }}
 */
function checkAtRoom(room, draft, what) {
	var claims = lib('room-claims');
	var validate = lib('rooms/validate');
	var refused = function (code, field) {
		return { problem: refusal(code, field), code: code };
	};
	var start = claims.toMs(draft.start);
	var end = claims.toMs(draft.end);
	if (isNaN(start) || isNaN(end)) return refused('rooms_invalid_time', 'start');
	var years = validate.checkDate(draft.start, 'start', true) || validate.checkDate(draft.end, 'end', true);
	if (years) return refused(years.code, years.field);
	if (end <= start) return refused('rooms_end_before_start', 'end');
	if (what.policy) {
		var input = {
			room: roomPolicy(room),
			start: start,
			end: end,
			attendees: draft.attendees,
			now: Date.now(),
			skipHorizon: !!what.skipHorizon,
			running: !!what.running
		};
		var policy = lib('rooms-policy');
		var problem = policy.checkBookingPolicy(input);
		// refused: every rule of the room it breaks, each at its field, as the forms show them
		if (problem) {
			return {
				problem: lib('core/errors').refusalOf(policy.bookingPolicyProblems(input)),
				code: problem.code
			};
		}
	}
	return { problem: null, code: '', start: start, end: end };
}

/**
 * What checkAtRoom reads of a room, as one string: equal strings give equal verdicts. The stored values as
 * they are (JSON, numbers and flags as text, joined by a character no value contains), without parsing them.
 */
function policyKey(room) {
	return POLICY_NAMES.map(function (name) {
		return room.getString(name);
	}).join('\u0000');
}

/**
 * checkAtRoom before the write's transaction (docs/performance.md, "Writes"): the room as it is now and
 * the checks that read only it, so that a refused booking never waits for the write connection and an
 * accepted one spends less time holding it. checkBooking decides again inside the transaction; it reuses
 * this verdict only when the room's policy fields are still the same.
 * @param {core.App} app
 * @param {{ room: string, start: string, end: string, attendees: number }} draft
 * @param {{ policy: boolean, skipHorizon?: boolean }} what
 * @returns {{ problem: Error, code: string } | { problem: null, start: number, end: number, key: string,
 *   room: core.Record }}
 */
function precheckBooking(app, draft, what) {
	var room;
	try {
		room = app.findRecordById('rooms', draft.room);
	} catch (_) {
		return { problem: refusal('rooms_unknown_room', 'room'), code: 'rooms_unknown_room' };
	}
	var verdict = checkAtRoom(room, draft, what);
	if (verdict.problem) return verdict;
	return {
		problem: null,
		code: '',
		start: verdict.start,
		end: verdict.end,
		key: policyKey(room),
		room: room
	};
}

/**
 * EVERY create check of a booking at its room and time, inside the write's transaction: a booker whose
 * account is not deleted, the room, sane times, the room's policy (rule 2), the rights (rule 3) and other
 * claims (rule 1), and with `what.share` the room's fair share (overShare). A move runs the same.
 * `earlier` (precheckBooking's verdict for the same draft and `what`) spares the time and policy checks
 * when the room's policy fields read here are those it judged.
 * @param {core.App} txApp
 * @param {{ id: string, room: string, booker: string, association: string, start: string, end: string,
 *   attendees: number }} draft
 * @param {{ policy: boolean, rights: boolean, skipHorizon?: boolean, running?: boolean, share?: boolean }} what
 *   `share`: the room's fair share (overShare) holds for this write
 * @param {{ problem: null, start: number, end: number, key: string }} [earlier]
 * @returns {{ problem: Error } | { problem: null, room: core.Record, start: number, end: number }}
 */
function checkBooking(txApp, draft, what, earlier) {
	var claims = lib('room-claims');
	var refused = function (code, field) {
		return { problem: refusal(code, field), code: code };
	};
	// a deleted account holds no booking: read here, as the deletion may have committed since PocketBase
	// let the request in (docs/rules.md, "Account, feed and reminders")
	if (lib('core/auth').isDeletedAccount(txApp, draft.booker))
		return refused('overview_account_deleted', 'form');
	var room;
	try {
		room = txApp.findRecordById('rooms', draft.room);
	} catch (_) {
		return refused('rooms_unknown_room', 'room');
	}
	var timed = earlier && earlier.key === policyKey(room) ? earlier : checkAtRoom(room, draft, what);
	if (timed.problem) return timed;
	var start = timed.start;
	var end = timed.end;
	if (what.rights) {
		var rights = checkRights(txApp, room, draft.booker, draft.association);
		if (rights) return { problem: rights.error, code: rights.code };
	}
	var conflict = claims.findRoomConflict(txApp, {
		room: room,
		start: start,
		end: end,
		excludeBookingId: draft.id
	});
	if (conflict) return refused(conflict.kind === 'closure' ? 'rooms_closed' : 'rooms_overlap', 'form');
	if (what.share && overShare(txApp, room, draft)) return refused('rooms_too_many_upcoming', 'form');
	return { problem: null, code: '', room: room, start: start, end: end };
}

/**
 * A fair share of a room (docs/rules.md, "Rooms and bookings"): true when the booking `draft` would give
 * its holder more than the room's `max_upcoming` active bookings that have not ended in the room. The
 * holder is the association of an association's booking (all its bookings in the room, whoever made
 * them), else the booker (their private bookings in the room). The booking itself is left out of the
 * count, so a booking already in the room never counts twice. A private booking of a staff booker (the
 * house's own use) is not held to it; an association's booking is the association's share, whoever of its
 * admins and bookers made it, staff too. Reads nothing in a room without a limit; else, for a private
 * booking, the booker's staff flag by its key, and one COUNT over the room's bookings that have not ended
 * (index `(room, end, start)`).
 * @param {core.App} txApp
 * @param {core.Record} room
 * @param {{ id: string, booker: string, association: string }} draft
 */
function overShare(txApp, room, draft) {
	var limit = room.getInt('max_upcoming');
	if (!(limit > 0)) return false;
	if (!draft.association) {
		var staff = arrayOf(new DynamicModel({ id: '' }));
		txApp
			.db()
			.newQuery('SELECT id FROM users WHERE id = {:id} AND staff = TRUE LIMIT 1')
			.bind({ id: draft.booker })
			.all(staff);
		if (staff.length) return false;
	}
	var holder = draft.association ? 'association = {:holder}' : "booker = {:holder} AND association = ''";
	var row = new DynamicModel({ n: 0 });
	txApp
		.db()
		.newQuery(
			'SELECT COUNT(*) AS n FROM bookings WHERE room = {:room} AND ' +
				holder +
				' AND [[end]] > {:now} AND ' +
				lib('core/status').activeBookingFilter('status', true) +
				' AND id != {:id}'
		)
		.bind({
			room: room.id,
			holder: draft.association || draft.booker,
			now: lib('room-claims').toPbDate(Date.now()),
			id: draft.id || ''
		})
		.one(row);
	return row.n >= limit;
}

/**
 * The roles an actor has towards a booking (or series): owner, association (admin or booker of its
 * association now), staff, system. A booking or series in an association's name is its booker's only while
 * they may book for the association (rule 3): removed, or made a plain member, they keep no hand in its
 * times (`lapsedBooker` names that case).
 * @param {core.App} app
 * @param {core.Record} record a booking or booking series
 * @param {{ kind: string, id: string }} actor
 */
function rolesOf(app, record, actor) {
	var roles = [];
	if (actor.kind === 'system') roles.push('system');
	if (actor.kind === 'staff') roles.push('staff');
	var association = record.getString('association');
	var rights = false;
	if (actor.id && association) {
		rights =
			app.findRecordsByFilter(
				'memberships',
				bindFilter(
					'association = {:association} && user = {:user} && status = "active" && (role = "admin" || role = "booker")',
					{ association: association, user: actor.id }
				),
				'',
				1,
				0
			).length > 0;
	}
	if (actor.id && record.getString('booker') === actor.id && (!association || rights)) roles.push('owner');
	if (rights) roles.push('association');
	return roles;
}

/**
 * The booker of an association's booking or series who may no longer book for it (rule 3), asking as
 * themselves: refused by name (`rooms_not_booker`) rather than as a stranger.
 * @param {core.Record} record
 * @param {{ kind: string, id: string }} actor
 * @param {string[]} roles from rolesOf
 */
function lapsedBooker(record, actor, roles) {
	return (
		!!actor.id &&
		record.getString('booker') === actor.id &&
		!!record.getString('association') &&
		roles.indexOf('owner') < 0 &&
		roles.indexOf('staff') < 0 &&
		roles.indexOf('system') < 0
	);
}

function has(roles, role) {
	return roles.indexOf(role) >= 0;
}

/** The status a booking gets at its room: pending where staff approve, else approved. */
function initialStatus(room) {
	return room.getBool('requires_approval') ? 'pending' : 'approved';
}

/**
 * A booking keeps the cancel deadline it was given (docs/rules.md, "Rooms and bookings"): its own
 * `cancel_hours`, the room's as it stands in the write's transaction when the booking is made, or moved to
 * another room or start, as a new booking there would get it. A later change of the room's deadline leaves
 * the bookings already given as they are. Every judge of the deadline reads the booking's value
 * (`mayCancel` in rooms-policy.js). Sets the field on `booking` (not saved here).
 * @param {core.Record} booking
 * @param {core.Record} room the room the booking is made or moved in
 */
function giveDeadline(booking, room) {
	booking.set('cancel_hours', room.getInt('cancel_hours'));
}

/**
 * A booking moved to another room or start is a new slot (docs/rules.md, "Check-in and no-shows"): the longer
 * check-in grace it kept from before staff shortened its room's (`keepGrace` in rooms/attendance.js) was
 * what its booker had been told of the old slot; in the new one the room's grace holds, as for a new
 * booking there, and the pages say that one. A new end, attendees or association keep it. Sets the field on
 * `booking` (not saved here).
 * @param {core.Record} booking
 */
function forgetKeptGrace(booking) {
	booking.set('checkin_grace_minutes', 0);
}

/** The body of a request as sent (keys present = fields sent). */
function bodyOf(e) {
	var body = e.requestInfo().body;
	return body && typeof body === 'object' ? body : {};
}

function sent(body, field) {
	return Object.prototype.hasOwnProperty.call(body, field);
}

/** Only an association's booking can show a name on the screens; a private one is always "Optaget". */
function checkShown(record) {
	if (record.getBool('show_publicly') && !record.getString('association')) {
		throw refusal('rooms_show_publicly_private', 'show_publicly');
	}
}

/** onRecordCreateRequest for bookings. */
function handleCreate(e) {
	var auth = lib('core/auth');
	var actor = auth.actor(e);
	if (actor.kind === 'guest') return e.next(); // the create rule refuses guests
	var system = actor.kind === 'system';
	var body = bodyOf(e);
	if (!system) {
		// the server's fields and those of later transitions: a new booking starts as its room says
		// (initialStatus), so `pending` is the one status a client may send; `booker` the create rule decides
		var machine = lib('rooms/booking-machine');
		var locked = machine.SERVER_OWNED.concat(machine.TRANSITION_FIELDS);
		for (var i = 0; i < locked.length; i++) {
			var field = locked[i];
			if (field === 'booker' || !sent(body, field) || !body[field]) continue;
			if (field === 'status' && body.status === 'pending') continue;
			throw refusal('core_field_locked', field);
		}
		// staff decide a request by what it is for: a purpose is required, as the booking form says
		var purposeProblem = lib('rooms/validate').purposeProblem(e.record.getString('purpose'));
		if (purposeProblem) throw refusal(purposeProblem, 'purpose');
	}
	checkShown(e.record);
	// The system account (imports, arranging data) is held to rule 1 and sane times, not to the policy.
	// staff at the desk may override the horizon for the citizen, with a reason (docs/rules.md,
	// "Service at the desk"); every other check of the citizen's holds
	// the room's fair share holds for everyone but the system (a staff booker's private booking is the
	// house's own use, overShare; an association's booking is its share, whoever made it); staff at the desk
	// book under the citizen's share
	var what = { policy: !system, rights: !system, skipHorizon: auth.overrides(actor), share: !system };
	var earlier = precheckBooking(e.app, draftOf(e.record), what);
	if (earlier.problem) throw earlier.problem;
	var receipts = lib('receipts');
	// the booker's receipt (docs/rules.md, "Messages"), worded before the transaction for the status the
	// room gives now; the system's data loads send none
	var receipt = system
		? null
		: receipts.prepareBookingReceived(e.app, e.record, initialStatus(earlier.room), earlier.room);
	lib('core/tx').request(e, function (txApp) {
		var checked = checkBooking(txApp, draftOf(e.record), what, earlier);
		if (checked.problem) throw checked.problem;
		if (!system || !e.record.getString('status')) {
			e.record.set('status', initialStatus(checked.room));
			// approved as it is made, where the room asks for no approval: decided now, by no one, as every
			// write that makes a booking approved is (stampDecision); a request waits for its decision
			stampDecision(e.record, e.record.getString('status'), '', Date.now());
		}
		if (!system || !sent(body, 'cancel_hours')) giveDeadline(e.record, checked.room);
		e.next();
		// here rather than in a model hook: one pooled JS runtime per request is cheaper under load
		syncBusy(txApp, 'booking', e.record, false, true);
		if (receipt) receipts.deliverBookingReceived(txApp, receipt, e.record, checked.room);
	});
}

var STATUS_TEXTS = {
	approved: {
		da: { title: 'Din booking er godkendt', body: '{room}, {when}, er godkendt.{note}' },
		en: { title: 'Your booking is approved', body: '{room}, {when}, is approved.{note}' }
	},
	rejected: {
		da: { title: 'Din booking er afvist', body: '{room}, {when}, er afvist. Begrundelse: {reason}' },
		en: { title: 'Your booking was rejected', body: '{room}, {when}, was rejected. Reason: {reason}' }
	},
	cancelled: {
		da: { title: 'Din booking er aflyst', body: '{room}, {when}, er aflyst. {reason}' },
		en: { title: 'Your booking is cancelled', body: '{room}, {when}, is cancelled. {reason}' }
	}
};

/** STATUS_TEXTS as the association's admins read them (rooms/told.js: its booker no longer books for it). */
var STATUS_TEXTS_ADMINS = {
	approved: {
		da: { title: 'En booking for {association} er godkendt', body: '{room}, {when}, er godkendt.{note}' },
		en: { title: 'A booking for {association} is approved', body: '{room}, {when}, is approved.{note}' }
	},
	rejected: {
		da: {
			title: 'En booking for {association} er afvist',
			body: '{room}, {when}, er afvist. Begrundelse: {reason}'
		},
		en: {
			title: 'A booking for {association} was rejected',
			body: '{room}, {when}, was rejected. Reason: {reason}'
		}
	},
	cancelled: {
		da: { title: 'En booking for {association} er aflyst', body: '{room}, {when}, er aflyst. {reason}' },
		en: { title: 'A booking for {association} is cancelled', body: '{room}, {when}, is cancelled. {reason}' }
	}
};

/**
 * A booking called off by an admin or booker of its association, told to its booker: who did it, and their
 * reason as theirs. The house's own cancellation gives staff's reason after "er aflyst."; an association's
 * admin's words there read as the house's in the house's mail ("Besked fra personalet: ...").
 */
var CANCELLED_BY = {
	da: { title: 'Din booking er aflyst', body: '{room}, {when}, er aflyst af {role} i {association}.{note}' },
	en: {
		title: 'Your booking is cancelled',
		body: '{room}, {when}, was cancelled by {role} of {association}.{note}'
	}
};

/** CANCELLED_BY as the association's admins read it. */
var CANCELLED_BY_ADMINS = {
	da: {
		title: 'En booking for {association} er aflyst',
		body: '{room}, {when}, er aflyst af {role} i {association}.{note}'
	},
	en: {
		title: 'A booking for {association} is cancelled',
		body: '{room}, {when}, was cancelled by {role} of {association}.{note}'
	}
};

/** Who cancelled for the association, as its booker reads it. */
var CANCELLED_BY_ROLE = {
	admin: { da: 'en administrator', en: 'an admin' },
	booker: { da: 'en booker', en: 'a booker' }
};

/**
 * An association whose name staff have not verified (renamed since its bookings were made), as the booker's
 * message names it: a name nobody at the house has looked at goes out in no mail of the house's (as a swap's
 * message and an invitation name it: docs/rules.md, "Associations and memberships").
 */
var UNVERIFIED_ASSOCIATION = {
	da: 'en forening (navnet venter på godkendelse)',
	en: 'an association (its name awaits approval)'
};

/**
 * Who called `booking` off when it was neither staff nor its booker: an admin or booker of its association,
 * as { role, association } for the booker's message (CANCELLED_BY), the association by a name staff have
 * verified (UNVERIFIED_ASSOCIATION otherwise); null otherwise.
 * @param {core.App} txApp
 * @param {core.Record} booking
 * @param {{ kind: string, id: string }} actor
 */
function cancelledBy(txApp, booking, actor) {
	var associationId = booking.getString('association');
	if (!actor.id || actor.id === booking.getString('booker') || !associationId) return null;
	var rows = txApp.findRecordsByFilter(
		'memberships',
		bindFilter('association = {:a} && user = {:u} && status = "active"', { a: associationId, u: actor.id }),
		'',
		1,
		0
	);
	return {
		role: cancellerRole(rows.length ? rows[0].getString('role') : ''),
		association: namedToBooker(txApp.findRecordById('associations', associationId))
	};
}

/** Who cancelled for an association (its membership's role), as its bookers read it. */
function cancellerRole(role) {
	return CANCELLED_BY_ROLE[role] || CANCELLED_BY_ROLE.admin;
}

/** An association as a booker's message names it: by a name staff have verified, else UNVERIFIED_ASSOCIATION. */
function namedToBooker(association) {
	return association.getBool('verified') ? association.getString('name') : UNVERIFIED_ASSOCIATION;
}

/** The reason someone other than staff gave, as theirs, in the reader's language, or nothing. */
function reasonNote(reason) {
	return reason ? { da: ' Begrundelse: ' + reason, en: ' Reason: ' + reason } : '';
}

/** The staff's message with an approval, in the reader's language, or nothing (docs/rules.md, "Messages"). */
function approvalNote(reason) {
	return reason ? { da: ' Besked fra personalet: ' + reason, en: ' Message from the staff: ' + reason } : '';
}

/**
 * The decision a booking's new status carries, set on `booking` in the write that changes its status, by
 * every path alike (a named decision, a move, the system's plain update): approved or rejected, decided now
 * by `by` (staff's id, or '' for a change no person decided), with its own note (`reason`: staff's message
 * with an approval, the reason of a rejection) or none; back to pending, no decision and no note. A note
 * belongs to the decision it came with: a booking moved back to pending and approved again without one
 * showed the earlier decision's message. A check-in window already open gives its grace from `decided_at`
 * (rooms/attendance.js). Cancelled and released keep the decision they had; a cancelled booking the
 * system opens again (pending or approved) is no longer cancelled, and loses who cancelled it and why.
 * @param {core.Record} booking
 * @param {string} to the new status
 * @param {string} by
 * @param {number} now
 * @param {string} [note] the decision's note
 */
function stampDecision(booking, to, by, now, note) {
	if (to === 'approved' || to === 'rejected') {
		booking.set('decided_by', by);
		booking.set('decided_at', lib('room-claims').toPbDate(now));
		booking.set('reason', note || '');
	} else if (to === 'pending') {
		booking.set('decided_by', '');
		booking.set('decided_at', '');
		booking.set('reason', '');
	}
	if (to === 'pending' || to === 'approved') {
		booking.set('cancelled_by', '');
		booking.set('cancel_reason', '');
	}
}

/**
 * Makes a status transition (approve, reject, cancel) on the fresh row `booking` (not saved here): checks
 * the machine and the transition's own rules, sets the fields it owns, audits staff. Returns what to tell
 * the booker. Used by the record API and the series routes alike.
 * @param {core.App} txApp
 * @param {core.Record} booking the row as read inside the transaction
 * @param {string} to the new status
 * @param {{ kind: string, id: string }} actor
 * @param {string[]} roles
 * @param {{ reason?: string, cancel_reason?: string, series?: boolean, silent?: boolean }} data `series`: the
 *   series route tells the booker once for all dates; `silent`: nobody is told (the booker's account is going)
 */
function transition(txApp, booking, to, actor, roles, data) {
	var machines = lib('rooms/booking-machine');
	var from = booking.getString('status');
	// a target that is none of the machine's states ('' or null sent as the status) is no decision
	if (!machines.isState(to)) throw refusal('core_invalid_value', 'status');
	if (!machines.isOpen(from) && !has(roles, 'system')) throw refusal(machines.closedCode(from), 'status');
	// a status change is one of the named decisions (or a system load), never a move in disguise
	var t = null;
	var names = has(roles, 'system')
		? ['approve', 'reject', 'cancel', 'system']
		: ['approve', 'reject', 'cancel'];
	for (var n = 0; n < names.length && !t; n++) t = machines.may(from, names[n], roles, to);
	if (!t) throw refusal('rooms_bad_transition', 'status');
	var staff = has(roles, 'staff') || has(roles, 'system');
	var now = Date.now();
	var reason = '';
	var room = txApp.findRecordById('rooms', booking.getString('room'));
	var start = lib('room-claims').toMs(booking.getString('start'));
	if (t.name === 'cancel') {
		// an approved booking that has ended is history: used or not, by anyone's hand (docs/rules.md, "A
		// booking keeps its history"); the system arranges history as it finds it
		var over = has(roles, 'system')
			? null
			: machines.cancelProblem({ end: booking.getString('end') }, from, now);
		if (over) throw refusal(over, 'form');
		// one nobody checked in to in time is a no-show already, released by the job's next run: cancelled,
		// it would leave the statistics and the association's count
		if (!has(roles, 'system') && lib('rooms/attendance').isDue(room, booking, now)) {
			throw refusal('rooms_booking_due', 'form');
		}
		// one under way that someone checked in to is in use: cancelled, its use would leave the statistics;
		// a check-out frees the rest of its time (a closure checks it out: rooms/closing.js)
		if (
			!has(roles, 'system') &&
			lib('rooms-policy').inUse(from, booking.getString('checked_in_at'), start, now)
		) {
			throw refusal('rooms_booking_in_use', 'form');
		}
		reason = String(data.cancel_reason || '').trim();
		var overridden = lib('core/auth').overrides(actor);
		// a request never approved may be withdrawn late, even after it ended (mayCancel); the deadline keeps
		// an approved booking from being called off when others can no longer book
		if (
			!staff &&
			!overridden &&
			!lib('rooms-policy').mayCancel(booking.getInt('cancel_hours'), start, now, from)
		) {
			throw refusal('rooms_cancel_deadline', 'form');
		}
		if (staff && !has(roles, 'owner') && !reason && !has(roles, 'system')) {
			throw refusal('rooms_reason_required', 'cancel_reason');
		}
		booking.set('cancelled_by', actor.id);
		booking.set('cancel_reason', reason);
	} else if (t.name === 'approve' || t.name === 'reject') {
		// a request may wait for days: what the house decided since (the association no longer verified or
		// the booker no longer one of its bookers; a closure or the room taken out of use, which since
		// rooms/closing.js cancel the requests inside them, for requests older than that) is asked again
		// before it is approved, on the rows as they are now (rules 2 and 3); the request itself was
		// judged by the room's policy when it was made
		if (t.name === 'approve' && !has(roles, 'system')) {
			if (!room.getBool('active')) throw refusal('rooms_inactive', 'room');
			var closed = txApp.findRecordsByFilter(
				'closures',
				bindFilter("(room = {:room} || room = '') && start < {:end} && end > {:start}", {
					room: room.id,
					start: booking.getString('start'),
					end: booking.getString('end')
				}),
				'',
				1,
				0
			);
			if (closed.length) throw refusal('rooms_closed', 'form');
			var rights = checkRights(txApp, room, booking.getString('booker'), booking.getString('association'));
			if (rights) throw rights.error;
		}
		// a reason is required to reject; approving may carry one too, told to the booker and audited
		reason = String(data.reason || '').trim();
		if (t.name === 'reject' && !reason) throw refusal('rooms_reason_required', 'reason');
	}
	// the system's loads (name `system`) decide too: the decision is the moment of the change, with its note
	stampDecision(booking, to, actor.id, now, reason);
	booking.set('status', to);
	if (!data.series && !data.silent) {
		lib('core/audit').staffAction(txApp, actor, 'booking_' + to, booking, { from: from, reason: reason });
		var by = t.name === 'cancel' && !staff ? cancelledBy(txApp, booking, actor) : null;
		// its booker while they may book for its association, else its admins (rooms/told.js)
		lib('rooms/told').tell(txApp, booking, {
			kind: 'booking_' + to,
			texts: by ? CANCELLED_BY : STATUS_TEXTS[to],
			admins: by ? CANCELLED_BY_ADMINS : STATUS_TEXTS_ADMINS[to],
			params: {
				room: room.getString('name'),
				when: { instant: start },
				reason: reason,
				note: by ? reasonNote(reason) : approvalNote(reason),
				role: by ? by.role : '',
				association: by ? by.association : ''
			},
			link: '/bookinger',
			// an admin of its association who acted is told nothing of their own act
			except: actor.id,
			// a booking moved back to pending is decided again, and told again
			dedupeKey:
				'booking-' +
				to +
				'-' +
				booking.id +
				(t.name === 'cancel' ? '' : '-' + booking.getString('decided_at'))
		});
	}
	return t;
}

/**
 * Tells the booker that a request a move approved is approved (a move into a room that requires no
 * approval: handleUpdate), with the message staff's approval sends, of the booking's new room and time;
 * inside the move's transaction.
 * @param {core.App} txApp
 * @param {core.Record} booking the row with the move applied
 * @param {core.Record} room its new room
 */
function tellMovedApproved(txApp, booking, room) {
	lib('rooms/told').tell(txApp, booking, {
		kind: 'booking_approved',
		texts: STATUS_TEXTS.approved,
		admins: STATUS_TEXTS_ADMINS.approved,
		params: {
			room: room.getString('name'),
			when: { instant: lib('room-claims').toMs(booking.getString('start')) },
			reason: '',
			note: ''
		},
		link: '/bookinger',
		// no decision's time names it: the move's own time does, so a later approval is told again
		dedupeKey: 'booking-approved-' + booking.id + '-moved-' + lib('room-claims').toPbDate(Date.now())
	});
}

var MOVED_TEXTS = {
	da: {
		title: 'Din booking er flyttet: {room}',
		body: 'Personalet har flyttet din booking til {when}, {room}. Før: {before}.{attendees}'
	},
	en: {
		title: 'Your booking has moved: {room}',
		body: 'The staff moved your booking to {when}, {room}. Before: {before}.{attendees}'
	}
};

/** MOVED_TEXTS as the association's admins read them (rooms/told.js). */
var MOVED_TEXTS_ADMINS = {
	da: {
		title: 'En booking for {association} er flyttet: {room}',
		body: 'Personalet har flyttet bookingen til {when}, {room}. Før: {before}.{attendees}'
	},
	en: {
		title: 'A booking for {association} has moved: {room}',
		body: 'The staff moved the booking to {when}, {room}. Before: {before}.{attendees}'
	}
};

/** Staff changed the number of attendees of someone's booking, and nothing else of its time (tellAttendees). */
var ATTENDEES_TEXTS = {
	da: {
		title: 'Nyt antal deltagere: {room}',
		body: 'Personalet har ændret antallet af deltagere i din booking {when}, {room}, til {attendees}. Før: {before}.'
	},
	en: {
		title: 'New number of attendees: {room}',
		body: 'The staff changed the number of attendees of your booking {when}, {room}, to {attendees}. Before: {before}.'
	}
};

/** ATTENDEES_TEXTS as the association's admins read them (rooms/told.js). */
var ATTENDEES_TEXTS_ADMINS = {
	da: {
		title: 'Nyt antal deltagere i en booking for {association}: {room}',
		body: 'Personalet har ændret antallet af deltagere i bookingen {when}, {room}, til {attendees}. Før: {before}.'
	},
	en: {
		title: 'New number of attendees in a booking for {association}: {room}',
		body: 'The staff changed the number of attendees of the booking {when}, {room}, to {attendees}. Before: {before}.'
	}
};

/** The new number of attendees after a move's words, when the move changed it too. */
function attendeesNote(booking, changed) {
	if (!changed) return '';
	var n = booking.getInt('attendees');
	return { da: ' Antal deltagere: ' + n + '.', en: ' Attendees: ' + n + '.' };
}

/**
 * A booking's time in a message, in each language, as core/time.js formatSpan writes it ("tirsdag 24.
 * november kl. 10:00–11:00"); with the room's name when given.
 * @param {string} start
 * @param {string} end
 * @param {string} [room]
 */
function bookingWhen(start, end, room) {
	var time = lib('core/time');
	var when = function (language) {
		return time.formatSpan(start, end, language) + (room ? ', ' + room : '');
	};
	return { da: when('da'), en: when('en') };
}

/**
 * Tells the booker that staff moved their booking to another room or time (docs/rules.md, "The booking
 * machine"): where and when it is now, and where and when it was; inside the move's transaction. A move by
 * the booker themselves, or at the desk with them, tells nobody; a request the move approved is told by
 * its approval (tellMovedApproved), which names the new room and time.
 * @param {core.App} txApp
 * @param {core.Record} booking the row with the move applied
 * @param {core.Record} room its room now
 * @param {{ room: string, start: string, end: string }} before the room, start and end it had
 */
function tellMoved(txApp, booking, room, before) {
	var formerRoom = '';
	try {
		formerRoom = txApp.findRecordById('rooms', before.room).getString('name');
	} catch (_) {
		formerRoom = '';
	}
	lib('rooms/told').tell(txApp, booking, {
		kind: 'booking_moved',
		texts: MOVED_TEXTS,
		admins: MOVED_TEXTS_ADMINS,
		params: {
			room: room.getString('name'),
			when: bookingWhen(booking.getString('start'), booking.getString('end')),
			before: bookingWhen(before.start, before.end, formerRoom),
			attendees: attendeesNote(booking, booking.getInt('attendees') !== before.attendees)
		},
		link: '/bookinger',
		dedupeKey: 'booking-moved-' + booking.id + '-' + lib('room-claims').toPbDate(Date.now())
	});
}

/**
 * Tells whoever hears of the booking (rooms/told.js) that staff changed its number of attendees, and nothing
 * of where or when it is (a move says the new number with its new time: tellMoved); inside the change's
 * transaction. At most one message an hour about one booking to one person (notify.js notifyOncePerHour):
 * staff correcting the number back and forth rewrite the last message to the number now.
 * @param {core.App} txApp
 * @param {core.Record} booking the row with the change applied
 * @param {core.Record} room
 * @param {number} before the number it had
 */
function tellAttendees(txApp, booking, room, before) {
	lib('rooms/told').tell(txApp, booking, {
		kind: 'booking_attendees',
		texts: ATTENDEES_TEXTS,
		admins: ATTENDEES_TEXTS_ADMINS,
		params: {
			room: room.getString('name'),
			when: bookingWhen(booking.getString('start'), booking.getString('end')),
			attendees: booking.getInt('attendees'),
			before: before
		},
		link: '/bookinger',
		about: 'booking:' + booking.id
	});
}

/** True when the body cancels and names the actor as the canceller (or sends no canceller). */
function selfCancel(body, actor) {
	return (
		String(body.status) === 'cancelled' &&
		(!sent(body, 'cancelled_by') || String(body.cancelled_by) === actor.id)
	);
}

/** Copies every field of `from` onto `to` (the request's record becomes the fresh row). */
function copyFields(from, to) {
	var fields = from.collection().fields;
	for (var i = 0; i < fields.length; i++) {
		var name = fields[i].getName();
		if (name === 'id') continue;
		to.set(name, from.get(name));
	}
}

/** What a check-in stands for: the check-in, who made it and the check-out. */
var ATTENDANCE_FIELDS = ['checked_in_at', 'checked_in_by', 'checked_out_at'];

/**
 * A check-in belongs to the slot it was made for (docs/rules.md, "Check-in and no-shows"). A move to
 * another room or start clears the check-in and the check-out: the booking must be checked in again in its
 * new slot, or the release job frees it there as a no-show. A new end alone clears the check-out (the
 * booking holds its room again until its new end) and keeps the check-in. Attendees or association alone
 * keep both. Sets the fields on `booking` (the row read in the transaction, the move applied) and returns
 * the names of those it cleared.
 * @param {core.Record} booking
 * @param {string[]} moved the move fields whose value changes
 * @returns {string[]}
 */
function clearAttendance(booking, moved) {
	var slot = moved.indexOf('room') >= 0 || moved.indexOf('start') >= 0;
	var fields = slot ? ATTENDANCE_FIELDS : moved.indexOf('end') >= 0 ? ['checked_out_at'] : [];
	var cleared = [];
	for (var i = 0; i < fields.length; i++) {
		if (!booking.getString(fields[i])) continue;
		booking.set(fields[i], '');
		cleared.push(fields[i]);
	}
	return cleared;
}

/**
 * onRecordUpdateRequest for bookings. Inside one transaction: the row is read again, the request is
 * either one status transition (approve, reject, cancel) or a move/edit; server-owned fields are refused;
 * a move runs every create check again with today's rights; only what the transition owns is written.
 */
function handleUpdate(e) {
	var machines = lib('rooms/booking-machine');
	var actor = lib('core/auth').actor(e);
	var body = bodyOf(e);
	var system = actor.kind === 'system';
	var staff = actor.kind === 'staff';
	if (!system) {
		for (var i = 0; i < machines.SERVER_OWNED.length; i++) {
			var owned = machines.SERVER_OWNED[i];
			// a cancel may name its own actor as the canceller: that is what the server writes anyway
			if (owned === 'cancelled_by' && selfCancel(body, actor)) continue;
			if (sent(body, owned)) throw refusal('core_field_locked', owned);
		}
		var purposeProblem = sent(body, 'purpose') && lib('rooms/validate').purposeProblem(String(body.purpose));
		if (purposeProblem) throw refusal(purposeProblem, 'purpose');
	}
	lib('core/tx').request(e, function (txApp) {
		var fresh = txApp.findRecordById('bookings', e.record.id);
		var from = fresh.getString('status');
		var roles = rolesOf(txApp, fresh, actor);
		if (lapsedBooker(fresh, actor, roles)) throw refusal('rooms_not_booker', 'form');
		var to = sent(body, 'status') ? e.record.getString('status') : from;

		if (system) {
			// imports and maintenance: whatever was sent, still held to rule 1 while active
			var names = Object.keys(body);
			var slotMoved = false;
			for (var s = 0; s < names.length; s++) {
				if (!fresh.collection().fields.getByName(names[s])) continue;
				if (
					(names[s] === 'room' || names[s] === 'start') &&
					e.record.getString(names[s]) !== fresh.getString(names[s])
				) {
					slotMoved = true;
				}
				fresh.set(names[s], e.record.get(names[s]));
			}
			// a change of status is a decision made now, by no person, unless the write names the decision itself
			if (fresh.getString('status') !== from && !sent(body, 'decided_at') && !sent(body, 'decided_by')) {
				stampDecision(
					fresh,
					fresh.getString('status'),
					'',
					Date.now(),
					sent(body, 'reason') ? fresh.getString('reason') : ''
				);
			}
			if (machines.isOpen(fresh.getString('status'))) {
				var sys = checkBooking(txApp, draftOf(fresh), { policy: false, rights: false });
				if (sys.problem) throw sys.problem;
			}
			// moved to another room or start, it has the deadline a new booking there would get
			if (slotMoved && !sent(body, 'cancel_hours')) {
				giveDeadline(fresh, txApp.findRecordById('rooms', fresh.getString('room')));
			}
			// and the check-in grace of its new room
			if (slotMoved && !sent(body, 'checkin_grace_minutes')) forgetKeptGrace(fresh);
		} else if (to !== from) {
			// a status transition carries only its own reason
			var keys = Object.keys(body);
			for (var k = 0; k < keys.length; k++) {
				if (keys[k] === 'cancelled_by' && selfCancel(body, actor)) continue;
				if (machines.TRANSITION_FIELDS.indexOf(keys[k]) < 0) throw refusal('rooms_bad_transition', keys[k]);
			}
			if (sent(body, 'reason') && to !== 'rejected' && to !== 'approved') {
				throw refusal('core_field_locked', 'reason');
			}
			if (sent(body, 'cancel_reason') && to !== 'cancelled')
				throw refusal('core_field_locked', 'cancel_reason');
			transition(txApp, fresh, to, actor, roles, {
				reason: e.record.getString('reason'),
				cancel_reason: e.record.getString('cancel_reason')
			});
		} else {
			// the same status with another reason: a decision or cancellation someone else made first (say so),
			// or a reason changed without a decision (locked)
			var lockedOr = sent(body, 'status') ? 'rooms_booking_decided' : 'core_field_locked';
			if (sent(body, 'reason') && e.record.getString('reason') !== fresh.getString('reason')) {
				throw refusal(lockedOr, 'reason');
			}
			if (
				sent(body, 'cancel_reason') &&
				e.record.getString('cancel_reason') !== fresh.getString('cancel_reason')
			) {
				throw refusal(lockedOr, 'cancel_reason');
			}
			var moved = [];
			for (var m = 0; m < machines.MOVE_FIELDS.length; m++) {
				var field = machines.MOVE_FIELDS[m];
				if (sent(body, field) && e.record.getString(field) !== fresh.getString(field)) moved.push(field);
			}
			var edited = sent(body, 'purpose') && e.record.getString('purpose') !== fresh.getString('purpose');
			var shown =
				sent(body, 'show_publicly') && e.record.getBool('show_publicly') !== fresh.getBool('show_publicly');
			if ((moved.length || edited || shown) && !machines.isOpen(from))
				throw refusal(machines.closedCode(from), 'form');
			if (shown) {
				// the booker's choice (or the association's), never staff's: docs/rules.md, "Door signs and the lobby screen"
				// the association's admins and bookers as they are now (rule 3): a booker removed since is no
				// longer its owner (rolesOf) and was refused above
				if (!machines.may(from, 'show', roles, from)) throw refusal('core_forbidden', 'show_publicly');
				fresh.set('show_publicly', e.record.getBool('show_publicly'));
			}
			if (edited) {
				if (!machines.may(from, 'edit', roles, from)) throw refusal('core_forbidden', 'purpose');
				fresh.set('purpose', e.record.getString('purpose'));
				// staff rewording what someone's booking is for is a staff act like a move: in the audit log, by
				// the field's name (never its text, which the booker's account deletion clears)
				lib('core/audit').staffAction(txApp, actor, 'booking_update', fresh, { fields: ['purpose'] });
			}
			if (moved.length) {
				if (!machines.may(from, 'move', roles, from)) throw refusal('core_forbidden', moved[0]);
				// a booking that has ended is not moved, one under way keeps its room and start: a move would
				// clear its check-in, and its no-show or its use would count elsewhere (docs/rules.md, "A
				// booking keeps its history"); judged on the stored times, for every role alike
				var history = machines.historyProblem(
					{ start: fresh.getString('start'), end: fresh.getString('end') },
					moved,
					Date.now()
				);
				if (history) throw refusal(history.code, history.field);
				// a no-show not yet released is its association's, as a released one is
				if (
					moved.indexOf('association') >= 0 &&
					lib('rooms/attendance').isDue(
						txApp.findRecordById('rooms', fresh.getString('room')),
						fresh,
						Date.now()
					)
				) {
					throw refusal('rooms_booking_due', 'association');
				}
				// nor one in use: its check-in is its holder's
				if (
					moved.indexOf('association') >= 0 &&
					lib('rooms-policy').inUse(
						from,
						fresh.getString('checked_in_at'),
						lib('room-claims').toMs(fresh.getString('start')),
						Date.now()
					)
				) {
					throw refusal('rooms_booking_in_use', 'association');
				}
				// staff change who books through the audited reassign action, not a plain update
				if (moved.indexOf('association') >= 0 && !has(roles, 'owner')) {
					throw refusal('core_field_locked', 'association');
				}
				// a season date is its series' association's; the series moves as a whole (swaps, reassign)
				if (moved.indexOf('association') >= 0 && fresh.getString('series')) {
					throw refusal('core_field_locked', 'association');
				}
				var start = lib('room-claims').toMs(fresh.getString('start'));
				// judged on the booking as it stands, with the deadline it was given: inside it, it stays where it is
				if (!staff && !lib('rooms-policy').mayCancel(fresh.getInt('cancel_hours'), start, Date.now())) {
					throw refusal('rooms_change_deadline', 'form');
				}
				var before = {
					room: fresh.getString('room'),
					start: fresh.getString('start'),
					end: fresh.getString('end'),
					attendees: fresh.getInt('attendees')
				};
				for (var f = 0; f < moved.length; f++) fresh.set(moved[f], e.record.get(moved[f]));
				// before the checks and the save: the overlap rule and the busy projection (syncBusy, in the
				// model hook of this save) read the booking without the old slot's check-in and check-out
				var cleared = clearAttendance(fresh, moved);
				// a booking under way may get a new end or number of attendees ("two more came"), judged without
				// its start (it was judged on it when it was made; its room and start stay, above) and against the
				// room's capacity; only staff change it, as its change deadline has passed for the booker
				var running = start < Date.now();
				// a move within its room and holder leaves the holder's share of the room as it was; a move to
				// another room, or to another association, takes a place of the share there (a booking that has
				// ended, which held no place, is not moved: above)
				var checked = checkBooking(txApp, draftOf(fresh), {
					policy: true,
					rights: true,
					skipHorizon: staff,
					running: running,
					share: moved.indexOf('room') >= 0 || moved.indexOf('association') >= 0
				});
				if (checked.problem) throw checked.problem;
				// moved to another room or start, it has the deadline and the check-in grace a new booking there
				// would get
				if (moved.indexOf('room') >= 0 || moved.indexOf('start') >= 0) {
					giveDeadline(fresh, checked.room);
					forgetKeptGrace(fresh);
				}
				// after a move a booking has the status a new booking at its room and time would get
				// (initialStatus): an approved one moved by its booker into a room that requires approval waits
				// for staff again, a request moved into a room that requires none is approved at once; staff
				// moving an approved booking keep it approved (docs/rules.md, "The booking machine")
				var status = initialStatus(checked.room);
				if (status !== from && !(staff && status === 'pending')) {
					if (!machines.may(from, 'move', roles, status)) throw refusal('core_forbidden', moved[0]);
					fresh.set('status', status);
					// approved now, by no one: a check-in window already open gives its grace from this moment, as
					// after staff's approval; back to pending, it loses its decision
					stampDecision(fresh, status, '', Date.now());
					// approved without a decision: the booker is told as with staff's approval, of the new time
					if (status === 'approved') tellMovedApproved(txApp, fresh, checked.room);
				}
				// the house moved someone's booking to another room or time: they are told where and when it is now
				var placed = moved.some(function (name) {
					return name === 'room' || name === 'start' || name === 'end';
				});
				var approvedNow = fresh.getString('status') === 'approved' && from !== 'approved';
				if (staff && placed && fresh.getString('booker') !== actor.id && !approvedNow) {
					tellMoved(txApp, fresh, checked.room, before);
				} else if (
					staff &&
					!placed &&
					moved.indexOf('attendees') >= 0 &&
					fresh.getString('booker') !== actor.id
				) {
					// nor are they left unaware of a new number of attendees (the booker's own change tells nobody)
					tellAttendees(txApp, fresh, checked.room, before.attendees);
				}
				var details = cleared.length ? { fields: moved, cleared: cleared } : { fields: moved };
				if (fresh.getString('status') !== from)
					details.status = { from: from, to: fresh.getString('status') };
				lib('core/audit').staffAction(txApp, actor, 'booking_moved', fresh, details);
			}
			checkShown(fresh);
		}
		copyFields(fresh, e.record);
		e.next();
	});
}

/**
 * Staff's named action that changes who books: a new booker and/or association, checked against rule 3
 * as it is now, audited. POST /api/borgerhus/bookings/{id}/reassign { booker?, association?, reason? }.
 * @param {core.RequestEvent} e
 */
function reassign(e) {
	var actor = lib('core/auth').requireStaff(e);
	var id = e.request.pathValue('id');
	var body = bodyOf(e);
	var result = lib('core/tx').route(e, function (txApp) {
		var booking;
		try {
			booking = txApp.findRecordById('bookings', id);
		} catch (_) {
			throw new NotFoundError('Not found.');
		}
		var machines = lib('rooms/booking-machine');
		var from = booking.getString('status');
		if (!machines.isOpen(from)) throw refusal(machines.closedCode(from), 'form');
		if (!machines.may(from, 'reassign', ['staff'], from)) throw refusal('rooms_bad_transition', 'form');
		// the values as sent, never cast: a list or a number is no person and no association
		if (!sent(body, 'booker') && !sent(body, 'association')) throw refusal('core_invalid_value', 'booker');
		var booker = sent(body, 'booker') ? body.booker : booking.getString('booker');
		if (typeof booker !== 'string') throw refusal('core_invalid_value', 'booker');
		var association = sent(body, 'association') ? body.association : booking.getString('association');
		if (association === null) association = '';
		if (typeof association !== 'string') throw refusal('core_invalid_value', 'association');
		// a reassign names a new holder: one that gives the booking to whom it already belongs changes nothing,
		// and would tell its booker that it is now theirs and audit a change of booker that never was
		if (booker === booking.getString('booker') && association === booking.getString('association'))
			throw refusal('rooms_reassign_unchanged', sent(body, 'booker') ? 'booker' : 'association');
		// a booking that has ended stays its holder's: its check-in or no-show is theirs (docs/rules.md, "A
		// booking keeps its history")
		var history = machines.historyProblem(
			{ start: booking.getString('start'), end: booking.getString('end') },
			[sent(body, 'booker') ? 'booker' : 'association'],
			Date.now()
		);
		if (history) throw refusal(history.code, history.field);
		var room = txApp.findRecordById('rooms', booking.getString('room'));
		// nor one nobody checked in to in time, until the release job makes it the no-show it is
		if (lib('rooms/attendance').isDue(room, booking, Date.now())) {
			throw refusal('rooms_booking_due', sent(body, 'booker') ? 'booker' : 'association');
		}
		// nor one in use: the check-in is its holder's (a check-out, then a booking of their own, serves another)
		if (
			lib('rooms-policy').inUse(
				from,
				booking.getString('checked_in_at'),
				lib('room-claims').toMs(booking.getString('start')),
				Date.now()
			)
		) {
			throw refusal('rooms_booking_in_use', sent(body, 'booker') ? 'booker' : 'association');
		}
		// a season date is its series' association's: the season moves as a whole (a swap or hand-over)
		if (association !== booking.getString('association') && booking.getString('series'))
			throw refusal('core_field_locked', 'association');
		try {
			txApp.findRecordById('users', booker);
		} catch (_) {
			throw refusal('core_invalid_value', 'booker');
		}
		// a deleted account holds no booking (docs/rules.md, "Account, feed and reminders")
		if (lib('core/auth').isDeletedAccount(txApp, booker)) throw refusal('overview_account_deleted', 'booker');
		var rights = checkRights(txApp, room, booker, association);
		if (rights) throw rights.error;
		// a new holder of a booking that has not ended takes a place of their fair share of the room, as a
		// booking of their own would (an association's booking given to another of its bookers keeps its
		// holder); staff booking for the house and handing it on do not lift a citizen's limit
		var newHolder = association
			? association !== booking.getString('association')
			: booking.getString('association') !== '' || booker !== booking.getString('booker');
		if (
			newHolder &&
			lib('room-claims').toMs(booking.getString('end')) > Date.now() &&
			overShare(txApp, room, { id: booking.id, booker: booker, association: association })
		) {
			throw refusal('rooms_too_many_upcoming', 'booker');
		}
		// the reason is shown in the audit log and told to the bookers: written text, if any
		var reason = sent(body, 'reason') && body.reason !== null ? body.reason : '';
		if (typeof reason !== 'string') throw refusal('core_invalid_value', 'reason');
		var reasonProblem = lib('input').textProblem(reason, 1000);
		if (reasonProblem) throw refusal(reasonProblem, 'reason');
		reason = reason.trim();
		var before = { booker: booking.getString('booker'), association: booking.getString('association') };
		// who heard of the booking before the move (rooms/told.js): they hear that it moved away
		var toldBefore = lib('rooms/told').toldOf(txApp, booking);
		if (booker !== before.booker) forgetHolderMessages(booking);
		booking.set('booker', booker);
		// showing the name was the old association's choice: nobody of the new one chose it (docs/rules.md,
		// "Door signs and the lobby screen"); the model hook updates the room_busy label with the save
		if (association !== before.association) booking.set('show_publicly', false);
		booking.set('association', association);
		txApp.save(booking);
		lib('core/audit').staffAction(txApp, actor, 'booking_reassigned', booking, {
			from: before,
			to: { booker: booker, association: association },
			reason: reason
		});
		tellReassigned(txApp, booking, room, before, reason, toldBefore);
		return { id: booking.id, booker: booker, association: association };
	});
	return e.json(200, result);
}

/**
 * What staff wrote to a booking's holder: the decision's message (`reason`, "Besked fra personalet" with an
 * approval) and a cancellation's (`cancel_reason`). A booking given to another person (staff's reassign, a
 * season swap or hand-over) keeps its decision (status, `decided_by`, `decided_at`) and its `purpose`, but
 * not these: they were addressed to the one who held it (docs/rules.md, "The booking machine"). Cleared on the
 * record the caller saves.
 * @param {core.Record} booking
 */
function forgetHolderMessages(booking) {
	booking.set('reason', '');
	booking.set('cancel_reason', '');
}

var REASSIGNED_TEXTS = {
	// the new booker (or the same booker, for another association)
	to: {
		da: {
			title: 'Du har fået en booking: {room}',
			body: '{room}, {when}, står nu i dit navn{association}. Personalet har flyttet den.{reason}'
		},
		en: {
			title: 'A booking is now yours: {room}',
			body: '{room}, {when}, is now in your name{association}. The staff moved it.{reason}'
		}
	},
	// the booker it was taken from; who has it now is not theirs to know
	from: {
		da: {
			title: 'En booking er flyttet fra dig: {room}',
			body: '{room}, {when}, står ikke længere i dit navn. Personalet har flyttet den.{reason}'
		},
		en: {
			title: 'A booking has moved from you: {room}',
			body: '{room}, {when}, is no longer in your name. The staff moved it.{reason}'
		}
	},
	// `from` as the former association's admins read it (rooms/told.js: its booker no longer books for it)
	fromAdmins: {
		da: {
			title: 'En booking for {association} er flyttet fra foreningen: {room}',
			body: '{room}, {when}, står ikke længere i foreningens navn. Personalet har flyttet den.{reason}'
		},
		en: {
			title: 'A booking for {association} has moved away: {room}',
			body: "{room}, {when}, is no longer in the association's name. The staff moved it.{reason}"
		}
	},
	// given to another of the association's bookers when its booker no longer booked for it: the admins who
	// heard of it for the association hear who books it now, and that the messages of it go to them
	withinAdmins: {
		da: {
			title: 'En booking for {association} har fået en ny booker: {room}',
			body: '{room}, {when}, står stadig i foreningens navn. Personalet har givet den til {booker}, som får besked om den fremover.{reason}'
		},
		en: {
			title: 'A booking for {association} has a new booker: {room}',
			body: "{room}, {when}, is still in the association's name. The staff gave it to {booker}, who is told of it from now on.{reason}"
		}
	}
};

/**
 * Tells the bookers of a reassigned booking, in the reassignment's transaction: the new booker that it is
 * theirs (for which association), and whoever heard of it before the move (rooms/told.js) that it moved
 * away: its former booker when it was theirs and went to someone else, or, when its booker no longer booked
 * for its association, the association's active admins: that it went to another association or to none, or
 * to whom of the association's bookers it went, who is told of it from now on.
 * @param {core.App} txApp
 * @param {core.Record} booking as saved
 * @param {core.Record} room
 * @param {{ booker: string, association: string }} before
 * @param {string} reason
 * @param {{ users: string[], admins: boolean, association: unknown }} toldBefore toldOf the booking before
 */
function tellReassigned(txApp, booking, room, before, reason, toldBefore) {
	var notify = lib('notify').notify;
	var association = booking.getString('association');
	var name = '';
	if (association) {
		try {
			name = txApp.findRecordById('associations', association).getString('name');
		} catch (_) {
			name = '';
		}
	}
	var params = {
		room: room.getString('name'),
		when: { instant: lib('room-claims').toMs(booking.getString('start')) },
		reason: reason ? { da: ' Begrundelse: ' + reason, en: ' Reason: ' + reason } : ''
	};
	var stamp = booking.getString('updated');
	notify(txApp, booking.getString('booker'), {
		kind: 'booking_reassigned',
		texts: REASSIGNED_TEXTS.to,
		params: Object.assign({}, params, {
			association: name ? { da: ' for ' + name, en: ' for ' + name } : ''
		}),
		link: '/bookinger',
		dedupeKey: 'booking-reassigned-to-' + booking.id + '-' + stamp
	});
	// A former booker hears it was theirs only while it was: one who had left its association (or may no
	// longer book for it) is told nothing more of the association's times; its admins heard of it for the
	// association then, and hear that it left the association, or, when it stays, to whom of it it went and
	// that they are no longer the ones told of it (one who is its new booker knows already).
	var within = toldBefore.admins && booking.getString('association') === before.association;
	var movedAway = toldBefore.admins || before.booker !== booking.getString('booker');
	if (!movedAway) return;
	var newBooker = '';
	if (within) {
		try {
			newBooker = txApp.findRecordById('users', booking.getString('booker')).getString('name').trim();
		} catch (_) {
			newBooker = '';
		}
	}
	lib('rooms/told').tell(
		txApp,
		booking,
		{
			kind: 'booking_reassigned',
			texts: REASSIGNED_TEXTS.from,
			admins: within ? REASSIGNED_TEXTS.withinAdmins : REASSIGNED_TEXTS.fromAdmins,
			params: within
				? Object.assign({}, params, {
						booker: newBooker || { da: 'en anden, der booker for foreningen', en: 'another of its bookers' }
					})
				: params,
			link: '/bookinger',
			dedupeKey: 'booking-reassigned-from-' + booking.id + '-' + stamp,
			except: booking.getString('booker')
		},
		toldBefore
	);
}

/**
 * Keeps room_busy (the public "busy" projection) in step with a booking or event, with the app of the
 * caller's transaction. Active bookings (pending/approved) and events with a room that are not cancelled
 * are busy; anything else is removed.
 * @param {core.App} app
 * @param {'booking' | 'event'} kind
 * @param {core.Record} record
 * @param {boolean} [deleted]
 * @param {boolean} [created] a new record has no projection yet: skip the lookup
 */
function syncBusy(app, kind, record, deleted, created) {
	var active =
		!deleted &&
		!!record.getString('room') &&
		(kind === 'booking'
			? require(__hooks + '/lib/core/status.js').isActiveBooking(record.getString('status'))
			: record.getString('state') !== 'cancelled');
	// a booking checked out early holds its room only until the check-out (docs/rules.md, "Check-in and
	// no-shows"); one checked out at or before its start holds nothing
	var end = record.getString('end');
	var out = kind === 'booking' ? record.getString('checked_out_at') : '';
	if (active && out) {
		var claims = require(__hooks + '/lib/room-claims.js');
		if (claims.toMs(out) <= claims.toMs(record.getString('start'))) active = false;
		else if (claims.toMs(out) < claims.toMs(end)) end = out;
	}
	var existing = null;
	if (!created)
		try {
			existing = app.findFirstRecordByData('room_busy', 'source', record.id);
		} catch (_) {
			existing = null;
		}
	if (!active) {
		if (existing) app.delete(existing);
		return;
	}
	writeBusy(app, existing, record.id, {
		room: record.getString('room'),
		start: record.getString('start'),
		end: end,
		kind: publicKind(kind, record),
		label: publicLabel(app, kind, record),
		tentative: isTentative(kind, record)
	});
}

/** The fields of a room_busy row the public reads, besides its id. */
var BUSY_FIELDS = ['room', 'start', 'end', 'kind', 'label', 'tentative'];
/** The fields that say what a claim is; a change of any of them writes a new row (writeBusy). */
var BUSY_WHAT = ['kind', 'label', 'tentative'];

/**
 * Writes a claim's room_busy row as `row` says, inside the caller's transaction (docs/rules.md, "Door
 * signs and the lobby screen"). Nothing is saved when every field is as stored, so /live tells nobody of a
 * change the public cannot see (a draft event's description, a private booking's purpose). A row whose
 * kind, label or tentative mark changes is deleted and written again with a new id: an id the public saw on
 * a published event or under an association's name must not follow the claim once it is a draft or
 * nameless (and the other way round), or it would tell that the event is still planned, and where it moves;
 * nor tell, once a request is approved, which of the tentative rows had been a request.
 * @param {core.App} app
 * @param {core.Record | null} existing the claim's row as stored, if any
 * @param {string} source the booking's or event's id
 * @param {{ room: string, start: string, end: string, kind: string, label: string, tentative: boolean }} row
 */
function writeBusy(app, existing, source, row) {
	if (existing) {
		var changed = BUSY_FIELDS.filter(function (field) {
			return existing.getString(field) !== String(row[field]);
		});
		if (!changed.length) return;
		var what = changed.filter(function (field) {
			return BUSY_WHAT.indexOf(field) >= 0;
		});
		if (what.length) {
			app.delete(existing);
			existing = null;
		}
	}
	var busy = existing || new Record(app.findCachedCollectionByNameOrId('room_busy'));
	for (var i = 0; i < BUSY_FIELDS.length; i++) busy.set(BUSY_FIELDS[i], row[BUSY_FIELDS[i]]);
	busy.set('source', source);
	app.save(busy);
}

/**
 * The kind of claim the public may read (docs/rules.md, "Door signs and the lobby screen"): an event only
 * once it is published. A draft event holds its room as any claim does, but says no more than a private
 * booking without a name ('booking', no label), so nobody learns that an event nobody announced is planned,
 * when or where; publishing it writes 'event' and its title in the same transaction, on a new row
 * (writeBusy).
 * @param {'booking' | 'event'} kind
 * @param {core.Record} record
 */
function publicKind(kind, record) {
	return kind === 'event' && record.getString('state') !== 'published' ? 'booking' : kind;
}

/**
 * Whether a claim holds its room without being on (docs/rules.md, "Door signs and the lobby screen"): a
 * booking not confirmed by staff (`isConfirmedBooking`), and a draft event, which says no more than such a
 * booking (publicKind). The lobby screen lists only claims that are not tentative; a door sign shows their
 * time as reserved and awaiting approval, and asks nobody to check in to it.
 * @param {'booking' | 'event'} kind
 * @param {core.Record} record
 */
function isTentative(kind, record) {
	if (kind === 'event') return record.getString('state') !== 'published';
	return !require(__hooks + '/lib/core/status.js').isConfirmedBooking(record.getString('status'));
}

/**
 * What the house's screens may say about a claim (docs/rules.md, "Door signs and the lobby screen"): a
 * published event's title; an association's name only when its booker chose to show it; else '' ("Optaget").
 * Never the purpose or the booker.
 * @param {core.App} app
 * @param {'booking' | 'event'} kind
 * @param {core.Record} record
 */
function publicLabel(app, kind, record) {
	if (kind === 'event') return record.getString('state') === 'published' ? record.getString('title') : '';
	var association = record.getString('association');
	if (!association || !record.getBool('show_publicly')) return '';
	try {
		// only a name staff have verified goes on the house's screens (a renamed association is unverified
		// until staff look at it again)
		var row = app.findRecordById('associations', association);
		return row.getBool('verified') ? row.getString('name') : '';
	} catch (_) {
		return '';
	}
}

/**
 * Writes again the public labels of an association's bookings still to come or running today, after its
 * name or its verification changed (inside the caller's transaction): the screens show the verified name,
 * or nothing.
 * @param {core.App} app
 * @param {string} associationId
 */
function relabelAssociation(app, associationId) {
	var since = new Date(Date.now() - 24 * 3600 * 1000).toISOString().replace('T', ' ');
	var bookings = app.findRecordsByFilter(
		'bookings',
		bindFilter('association = {:a} && show_publicly = true && end > {:since}', {
			a: associationId,
			since: since
		}),
		'',
		0,
		0
	);
	for (var i = 0; i < bookings.length; i++) {
		var busy;
		try {
			busy = app.findFirstRecordByData('room_busy', 'source', bookings[i].id);
		} catch (_) {
			continue;
		}
		writeBusy(app, busy, bookings[i].id, {
			room: busy.getString('room'),
			start: busy.getString('start'),
			end: busy.getString('end'),
			kind: busy.getString('kind'),
			label: publicLabel(app, 'booking', bookings[i]),
			tentative: busy.getBool('tentative')
		});
	}
}

/** A room or closure as it would be stored (the record after the request's changes). */
function validateStaffWrite(e, verb) {
	if (verb === 'delete') return;
	var validate = lib('rooms/validate');
	var name = e.record.collection().name;
	var body = bodyOf(e);
	var p = null;
	if (name === 'rooms') {
		if (sent(body, 'name') && validate.blank(String(body.name)))
			p = { code: 'core_text_blank', field: 'name' };
		if (!p) {
			p = validate.checkRoom({
				name: e.record.getString('name'),
				slug: e.record.getString('slug'),
				capacity: e.record.getInt('capacity'),
				opening_hours: parseJson(e.record.getString('opening_hours')),
				min_minutes: e.record.getInt('min_minutes'),
				max_minutes: e.record.getInt('max_minutes'),
				step_minutes: e.record.getInt('step_minutes')
			});
		}
		if (!p && sent(body, 'checkin_since') && lib('core/auth').actor(e).kind !== 'system') {
			p = { code: 'core_field_locked', field: 'checkin_since' };
		}
		if (
			!p &&
			(e.record.getBool('checkin_required') ||
				sent(body, 'checkin_opens_minutes') ||
				sent(body, 'checkin_grace_minutes'))
		) {
			p = lib('rooms/checkin').checkPolicy({
				checkin_required: e.record.getBool('checkin_required'),
				checkin_opens_minutes: e.record.getInt('checkin_opens_minutes'),
				checkin_grace_minutes: e.record.getInt('checkin_grace_minutes')
			});
		}
	} else if (name === 'closures') {
		if (!p) {
			p = validate.checkClosure({
				start: e.record.getString('start'),
				end: e.record.getString('end'),
				reason: e.record.getString('reason')
			});
		}
	}
	if (p) throw refusal(p.code, p.field);
}

/**
 * A closure written, or a room taken out of use, with active claims inside: refused, or the bookings staff
 * confirmed cancelled in this transaction (rooms/closing.js).
 * @param {core.App} txApp
 * @param {core.RecordRequestEvent} e
 * @param {{ kind: string, id: string }} actor
 * @param {Record<string, unknown>} body
 * @param {boolean} rooms a room's write (else a closure's)
 * @param {boolean} closedBefore the room was out of use before this write
 */
function closeClaims(txApp, e, actor, body, rooms, closedBefore) {
	var closing = lib('rooms/closing');
	var now = Date.now();
	if (!rooms) {
		var claims = lib('room-claims');
		var start = claims.toMs(e.record.getString('start'));
		var end = claims.toMs(e.record.getString('end'));
		if (end <= now) return;
		closing.close(
			txApp,
			actor,
			{ room: e.record.getString('room'), from: Math.max(start, now), to: end },
			{
				kind: 'closure',
				target: e.record,
				reason: e.record.getString('reason'),
				body: body,
				start: start,
				end: end
			}
		);
		// the library's deadlines inside a closure of the whole house move past it
		if (!e.record.getString('room'))
			lib('library-desk').moveDeadlinesPastClosure(txApp, Math.max(start, now), end);
		return;
	}
	if (e.record.getBool('active') || closedBefore) return;
	var reason = body.cancel_reason === undefined || body.cancel_reason === null ? '' : body.cancel_reason;
	if (typeof reason !== 'string') throw refusal('core_invalid_value', 'cancel_reason');
	var problem = lib('input').textProblem(reason, 1000);
	if (problem) throw refusal(problem, 'cancel_reason');
	closing.close(
		txApp,
		actor,
		{ room: e.record.id, from: now, to: null },
		{ kind: 'room', target: e.record, reason: reason, body: body }
	);
}

/**
 * onRecord{Create,Update,Delete}Request for rooms, closures and associations (staff only by API rule):
 * validated, then the write and its audit_log entry in one transaction.
 * @param {'create' | 'update' | 'delete'} verb
 */
function auditedStaffWrite(e, verb) {
	var body = bodyOf(e);
	var rooms = e.record.collection().name === 'rooms';
	if (rooms && verb === 'create') {
		var checkin = lib('rooms/checkin');
		if (!sent(body, 'checkin_opens_minutes')) e.record.set('checkin_opens_minutes', checkin.DEFAULT_OPENS);
		if (!sent(body, 'checkin_grace_minutes')) e.record.set('checkin_grace_minutes', checkin.DEFAULT_GRACE);
	}
	var actor = lib('core/auth').actor(e);
	lib('core/tx').request(e, function (txApp) {
		// an update is judged and written on the row as it stands now, with only what this request sent
		// written onto it: two staff members changing different fields at once both keep their change
		if (verb === 'update') {
			var rebased = lib('core/tx').rebase(txApp, e);
			if (rooms && rebased.sent.opening_hours) mergeOpeningHours(e, rebased.fresh);
		}
		validateStaffWrite(e, verb);
		// the room keeps the slugs it had, and no other room takes them (rooms/slugs.js)
		if (rooms && verb !== 'delete')
			lib('rooms/slugs').keepFormer(txApp, e, verb, sent(body, 'former_slugs'), actor.kind === 'system');
		// check-in switched on over bookings already given: their bookers are told, after the write
		var checkinFrom = false;
		if (rooms && verb !== 'delete' && !(actor.kind === 'system' && sent(body, 'checkin_since'))) {
			// when check-in became required: bookings that started before it are never released
			var before = verb === 'create' ? null : txApp.findRecordById('rooms', e.record.id);
			var required = e.record.getBool('checkin_required');
			if (!required) e.record.set('checkin_since', '');
			else if (!before || !before.getBool('checkin_required')) {
				e.record.set('checkin_since', lib('room-claims').toPbDate(Date.now()));
				checkinFrom = !!before;
			} else e.record.set('checkin_since', before.getString('checkin_since'));
		}
		if (rooms && verb === 'delete') refuseRoomWithHistory(txApp, e.record);
		var stored = rooms && verb === 'update' ? txApp.findRecordById('rooms', e.record.id) : null;
		var closedBefore = rooms && (!stored || !stored.getBool('active'));
		// the grace the room's bookings were told, before this write (keepGrace)
		var graceBefore =
			stored && stored.getBool('checkin_required') ? stored.getInt('checkin_grace_minutes') : 0;
		e.next();
		if (stored) lib('rooms/attendance').keepGrace(txApp, e.record, graceBefore);
		if (verb !== 'delete') closeClaims(txApp, e, actor, body, rooms, closedBefore);
		if (checkinFrom) lib('rooms/attendance').tellCheckinRequired(txApp, e.record, actor.id);
		// what the row held, also when it is gone: a deleted room or closure is named in its audit entry
		var fields = {};
		var names = [
			'name',
			'slug',
			'room',
			'start',
			'end',
			'reason',
			'capacity',
			'who_may_book',
			'requires_approval',
			'active',
			'checkin_required',
			'checkin_opens_minutes',
			'checkin_grace_minutes',
			'opening_hours',
			'min_minutes',
			'max_minutes',
			'step_minutes',
			'buffer_minutes',
			'horizon_days',
			'max_upcoming',
			'cancel_hours'
		];
		for (var i = 0; i < names.length; i++) {
			if (e.record.collection().fields.getByName(names[i])) fields[names[i]] = e.record.get(names[i]);
		}
		lib('core/audit').staffAction(txApp, actor, e.record.collection().name + '_' + verb, e.record, fields);
	});
}

/** The header in which the staff form names the opening hours it showed (mergeOpeningHours). */
var BASE_HOURS_HEADER = 'X-Borgerhus-Base-Hours';

/**
 * Opening hours are one field, edited day by day: two staff members changing different days at once must
 * both keep their change. When the request names the hours it was edited from (BASE_HOURS_HEADER, the
 * staff form sends it), each day the request left as it was takes the stored day, as it stands inside this
 * transaction; a day it changed takes the request's. Without the header the field is written whole.
 * @param {core.RecordRequestEvent} e
 * @param {core.Record} fresh the room as stored now
 */
function mergeOpeningHours(e, fresh) {
	// PocketBase's request info names headers in lower case with underscores
	var raw = String(e.requestInfo().headers[BASE_HOURS_HEADER.toLowerCase().replace(/-/g, '_')] || '');
	if (!raw) return;
	var base;
	try {
		base = JSON.parse(decodeURIComponent(raw));
	} catch (_) {
		throw refusal('core_invalid_value', 'opening_hours');
	}
	if (!base || typeof base !== 'object' || Array.isArray(base))
		throw refusal('core_invalid_value', 'opening_hours');
	// the hours sent are judged as sent, before the merge: read as no days at all, hours of another shape
	// would take every stored day and the save would answer as if it had kept them
	var sentProblem = lib('rooms/validate').checkOpeningHours(parseJson(e.record.getString('opening_hours')));
	if (sentProblem) throw refusal(sentProblem.code, sentProblem.field);
	var parse = function (record) {
		try {
			var value = JSON.parse(record.getString('opening_hours') || '{}');
			return value && typeof value === 'object' && !Array.isArray(value) ? value : {};
		} catch (_) {
			return {};
		}
	};
	var mine = parse(e.record);
	var stored = parse(fresh);
	var same = function (a, b) {
		return JSON.stringify(a && a.length ? a : []) === JSON.stringify(b && b.length ? b : []);
	};
	var days = {};
	[mine, base, stored].forEach(function (hours) {
		Object.keys(hours).forEach(function (day) {
			days[day] = true;
		});
	});
	var merged = {};
	Object.keys(days).forEach(function (day) {
		var periods = same(mine[day], base[day]) ? stored[day] : mine[day];
		if (periods && periods.length) merged[day] = periods;
	});
	e.record.set('opening_hours', merged);
}

/**
 * A room that anything was ever booked, held or planned in stays (take it out of use instead): deleting it
 * would empty the room of its events and season lines, which PocketBase's relations do without a word,
 * and lose where its history happened. Every relation to rooms counts but those whose rows go with the
 * room (the busy projection, its closures), and so does a season's times (`slots`) in the room. Refused
 * with `rooms_room_has_history`.
 * @param {core.App} txApp
 * @param {core.Record} room
 */
function refuseRoomWithHistory(txApp, room) {
	var collections = txApp.findAllCollections();
	for (var i = 0; i < collections.length; i++) {
		var collection = collections[i];
		if (collection.system) continue;
		var fields = collection.fields;
		for (var j = 0; j < fields.length; j++) {
			var field = fields[j];
			if (field.type() !== 'relation' || field.collectionId !== room.collection().id) continue;
			// rows that go with the room (the busy projection, its closures) are no history of it
			if (field.cascadeDelete) continue;
			var used = txApp.findRecordsByFilter(
				collection.name,
				bindFilter(field.getName() + ' ?= {:room}', {
					room: room.id
				}),
				'',
				1,
				0
			);
			if (used.length) throw refusal('rooms_room_has_history', 'form');
		}
	}
	// a season's weekly times are kept in its own row (`slots`, no relation): a room a season offers times in
	// was planned in, whether or not anyone has applied for them yet
	var offered = arrayOf(new DynamicModel({ n: 0 }));
	txApp
		.db()
		.newQuery(
			'SELECT 1 AS n FROM seasons s, json_each(CASE WHEN json_valid(s.slots) ' +
				"AND json_type(s.slots) = 'array' THEN s.slots ELSE '[]' END) j " +
				"WHERE json_type(j.value) = 'object' AND json_extract(j.value, '$.room') = {:room} LIMIT 1"
		)
		.bind({ room: room.id })
		.all(offered);
	if (offered.length) throw refusal('rooms_room_has_history', 'form');
}

module.exports = {
	auditedStaffWrite,
	checkBooking,
	checkRights,
	precheckBooking,
	checkShown,
	giveDeadline,
	draftOf,
	forgetHolderMessages,
	handleCreate,
	handleUpdate,
	initialStatus,
	lapsedBooker,
	reassign,
	rolesOf,
	roomPolicy,
	syncBusy,
	relabelAssociation,
	stampDecision,
	transition,
	approvalNote,
	cancelledBy,
	cancellerRole,
	namedToBooker,
	reasonNote
};
