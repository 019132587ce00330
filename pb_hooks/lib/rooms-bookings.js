/// <reference path="../../pb_data/types.d.ts" />

// The booking rules of DESIGN.md (1, 2, 3, 6) as PocketBase sees them: every create and update of a
// booking is checked and saved in ONE transaction (a global write lock in PocketBase), so two requests
// for one slot can never both pass the overlap check. Pure parts live in room-claims.js and rooms-policy.js.

var MESSAGES = {
	rooms_invalid_time: 'Start and end must be valid times.',
	rooms_end_before_start: 'The booking must end after it starts.',
	rooms_inactive: 'This room cannot be booked.',
	rooms_unknown_room: 'The room does not exist.',
	rooms_in_past: 'The booking must start in the future.',
	rooms_attendees_invalid: 'Attendees must be a whole number of at least 1.',
	rooms_over_capacity: 'More attendees than the room holds.',
	rooms_too_short: 'The booking is shorter than the room allows.',
	rooms_too_long: 'The booking is longer than the room allows.',
	rooms_off_step: "Start and end must follow the room's time step.",
	rooms_beyond_horizon: 'The booking is further ahead than the room can be booked.',
	rooms_outside_hours: "The booking is outside the room's opening hours.",
	rooms_closed: 'The room is closed at that time.',
	rooms_overlap: 'The room is already taken at that time.',
	rooms_association_required: 'This room is booked by associations only.',
	rooms_association_unverified: 'The association is not verified yet.',
	rooms_not_booker: 'Only bookers and admins of the association may book in its name.',
	rooms_booking_closed: 'This booking is rejected or cancelled and cannot change.',
	rooms_bad_transition: 'This change of status is not possible.',
	rooms_cancel_deadline: 'The deadline for cancelling has passed. Contact the house.',
	rooms_reason_required: 'Give a reason.'
};

/** A refusal with a stable code (translated by the app as errors_<code>). */
function refusal(field, code) {
	var message = MESSAGES[code] || 'Invalid booking.';
	var data = {};
	data[field] = new ValidationError(code, message);
	return new BadRequestError(message, data);
}

function parseJson(text) {
	try {
		return text ? JSON.parse(text) : null;
	} catch (_) {
		return null;
	}
}

/** The policy fields of a room record as a plain object for rooms-policy.js. */
function roomPolicy(room) {
	return {
		capacity: room.getInt('capacity'),
		opening_hours: parseJson(room.getString('opening_hours')),
		min_minutes: room.getInt('min_minutes'),
		max_minutes: room.getInt('max_minutes'),
		step_minutes: room.getInt('step_minutes'),
		horizon_days: room.getInt('horizon_days'),
		active: room.getBool('active')
	};
}

/**
 * Checks what does not depend on other claims: the room exists, times, policy (rule 2) and association
 * rights (rule 3). Runs before the transaction, so the global write lock is held only for the claims.
 * Returns { problem } (an ApiError to throw) or { room, start, end }.
 * @param {core.App} app
 * @param {core.Record} booking
 * @param {{ system: boolean, checkPolicy: boolean, checkRights: boolean }} who
 */
function checkBookingAlone(app, booking, who) {
	var claims = require(__hooks + '/lib/room-claims.js');
	var policy = require(__hooks + '/lib/rooms-policy.js');
	var room;
	try {
		room = app.findRecordById('rooms', booking.getString('room'));
	} catch (_) {
		return { problem: refusal('room', 'rooms_unknown_room') };
	}
	var start = claims.toMs(booking.getString('start'));
	var end = claims.toMs(booking.getString('end'));
	if (isNaN(start) || isNaN(end)) return { problem: refusal('start', 'rooms_invalid_time') };
	if (end <= start) return { problem: refusal('end', 'rooms_end_before_start') };
	if (who.checkPolicy) {
		var problem = policy.checkBookingPolicy({
			room: roomPolicy(room),
			start: start,
			end: end,
			attendees: booking.getFloat('attendees'),
			now: Date.now(),
			skipHorizon: who.system
		});
		if (problem) return { problem: refusal(problem.field, problem.code) };
	}
	var associationId = booking.getString('association');
	if (who.checkRights) {
		if (!associationId && room.getString('who_may_book') === 'associations') {
			return { problem: refusal('association', 'rooms_association_required') };
		}
		if (associationId) {
			var association;
			try {
				association = app.findRecordById('associations', associationId);
			} catch (_) {
				return { problem: refusal('association', 'rooms_not_booker') };
			}
			if (!association.getBool('verified')) {
				return { problem: refusal('association', 'rooms_association_unverified') };
			}
			// only an accepted (active) admin or booker: docs/rules.md, "Associations and memberships"
			if (
				!require(__hooks + '/lib/rooms-associations.js').mayBookFor(
					app,
					booking.getString('booker'),
					associationId
				)
			) {
				return { problem: refusal('association', 'rooms_not_booker') };
			}
		}
	}
	return { problem: null, room: room, start: start, end: end };
}

/**
 * Rule 1, inside the write's transaction: the booking collides with no other active claim.
 * @param {core.App} txApp
 */
function checkClaims(txApp, booking, checked) {
	var conflict = require(__hooks + '/lib/room-claims.js').findRoomConflict(txApp, {
		room: checked.room,
		start: checked.start,
		end: checked.end,
		excludeBookingId: booking.id
	});
	if (conflict) return refusal('form', conflict.kind === 'closure' ? 'rooms_closed' : 'rooms_overlap');
	return null;
}

/**
 * Runs `work(txApp)`, the request's own save (e.next()) and `after(txApp)` in one transaction. Errors thrown by
 * either are kept and rethrown outside, so PocketBase answers with them (not with a generic 500).
 */
function inTransaction(e, work, after) {
	var failure = null;
	var original = e.app;
	try {
		original.runInTransaction(function (txApp) {
			try {
				var problem = work(txApp);
				if (problem) throw problem;
				e.app = txApp;
				e.next();
				if (after) after(txApp);
			} catch (err) {
				failure = err;
				throw err;
			} finally {
				e.app = original;
			}
		});
	} catch (err) {
		throw failure || err;
	}
}

function isStaff(e) {
	return !!(e.auth && e.auth.collection().name === 'users' && e.auth.getBool('staff'));
}

/** onRecordCreateRequest for bookings. */
function handleCreate(e) {
	if (!e.auth) return e.next(); // the create rule refuses guests
	var system = e.hasSuperuserAuth();
	// The system account (imports, arranging data) is held to rule 1 and sane times, not to the policy.
	var checked = checkBookingAlone(e.app, e.record, {
		system: system,
		checkPolicy: !system,
		checkRights: !system
	});
	if (checked.problem) throw checked.problem;
	if (!system || !e.record.getString('status')) {
		e.record.set('status', checked.room.getBool('requires_approval') ? 'pending' : 'approved');
	}
	inTransaction(
		e,
		function (txApp) {
			return checkClaims(txApp, e.record, checked);
		},
		function (txApp) {
			// here rather than in a model hook: one pooled JS runtime per request is cheaper under load
			syncBusy(txApp, 'booking', e.record, false, true);
		}
	);
}

var STATUS_TEXTS = {
	approved: {
		da: { title: 'Din booking er godkendt', body: '{room}, {when}, er godkendt.' },
		en: { title: 'Your booking is approved', body: '{room}, {when}, is approved.' }
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

/** "2026-06-10 19:00" in Copenhagen time, for messages. */
function houseWhen(ms) {
	var parts = require(__hooks + '/lib/rooms-policy.js').localParts(ms);
	var h = Math.floor(parts.minutes / 60);
	var m = parts.minutes % 60;
	return parts.date + ' ' + (h < 10 ? '0' : '') + h + ':' + (m < 10 ? '0' : '') + m;
}

function audit(app, actorId, action, target, details) {
	var record = new Record(app.findCollectionByNameOrId('audit_log'));
	record.set('actor', actorId);
	record.set('action', action);
	record.set('target_collection', target.collection().name);
	record.set('target_id', target.id);
	record.set('details', details);
	app.save(record);
}

/** onRecordUpdateRequest for bookings: status changes, cancellation deadline, re-checks when moved. */
function handleUpdate(e) {
	var system = e.hasSuperuserAuth();
	var staff = isStaff(e);
	var actorId = e.auth && !system ? e.auth.id : '';
	inTransaction(e, function (txApp) {
		var claims = require(__hooks + '/lib/room-claims.js');
		var policy = require(__hooks + '/lib/rooms-policy.js');
		var before = txApp.findRecordById('bookings', e.record.id);
		var oldStatus = before.getString('status');
		var newStatus = e.record.getString('status');
		var room = txApp.findRecordById('rooms', before.getString('room'));
		var closed = oldStatus === 'rejected' || oldStatus === 'cancelled';
		if (closed && !system) return refusal('form', 'rooms_booking_closed');

		var moved =
			e.record.getString('room') !== before.getString('room') ||
			e.record.getString('start') !== before.getString('start') ||
			e.record.getString('end') !== before.getString('end') ||
			e.record.getFloat('attendees') !== before.getFloat('attendees');
		var active = newStatus === 'pending' || newStatus === 'approved';
		if (moved && active) {
			var checked = checkBookingAlone(txApp, e.record, {
				system: system || staff,
				checkPolicy: !system,
				checkRights: false
			});
			if (checked.problem) return checked.problem;
			var problem = checkClaims(txApp, e.record, checked);
			if (problem) return problem;
			if (!staff && !system && room.getBool('requires_approval')) e.record.set('status', 'pending');
		}

		if (newStatus === oldStatus || system) return null;
		var now = Date.now();
		var stamp = claims.toPbDate(now);
		if (newStatus === 'cancelled') {
			if (!staff) {
				var start = claims.toMs(before.getString('start'));
				if (!policy.mayCancel(room.getInt('cancel_hours'), start, now)) {
					return refusal('form', 'rooms_cancel_deadline');
				}
			} else if (!e.record.getString('cancel_reason').trim()) {
				return refusal('cancel_reason', 'rooms_reason_required');
			}
			e.record.set('cancelled_by', actorId);
		} else if (staff && oldStatus === 'pending' && (newStatus === 'approved' || newStatus === 'rejected')) {
			if (newStatus === 'rejected' && !e.record.getString('reason').trim()) {
				return refusal('reason', 'rooms_reason_required');
			}
			e.record.set('decided_by', actorId);
			e.record.set('decided_at', stamp);
		} else {
			return refusal('status', 'rooms_bad_transition');
		}
		if (staff) {
			audit(txApp, actorId, 'booking_' + newStatus, e.record, {
				from: oldStatus,
				reason: e.record.getString(newStatus === 'cancelled' ? 'cancel_reason' : 'reason')
			});
		}
		var texts = STATUS_TEXTS[newStatus];
		require(__hooks + '/lib/notify.js').notify(txApp, before.getString('booker'), {
			kind: 'booking_' + newStatus,
			texts: texts,
			params: {
				room: room.getString('name'),
				when: houseWhen(claims.toMs(before.getString('start'))),
				reason: e.record.getString(newStatus === 'cancelled' ? 'cancel_reason' : 'reason')
			},
			link: '/bookinger',
			dedupeKey: 'booking-' + newStatus + '-' + e.record.id
		});
		return null;
	});
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
			? record.getString('status') === 'pending' || record.getString('status') === 'approved'
			: record.getString('state') !== 'cancelled');
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
	var busy = existing || new Record(app.findCollectionByNameOrId('room_busy'));
	busy.set('room', record.getString('room'));
	busy.set('start', record.getString('start'));
	busy.set('end', record.getString('end'));
	busy.set('kind', kind);
	busy.set('source', record.id);
	app.save(busy);
}

/**
 * onRecord{Create,Update,Delete}Request for rooms and closures (staff only by API rule): the write and its
 * audit_log entry in one transaction.
 * @param {'create' | 'update' | 'delete'} verb
 */
function auditedStaffWrite(e, verb) {
	var actorId = e.auth && !e.hasSuperuserAuth() ? e.auth.id : '';
	inTransaction(
		e,
		function () {
			return null;
		},
		function (txApp) {
			if (!actorId) return;
			var fields = {};
			if (verb !== 'delete') {
				var names = [
					'name',
					'room',
					'start',
					'end',
					'reason',
					'capacity',
					'who_may_book',
					'requires_approval',
					'active'
				];
				for (var i = 0; i < names.length; i++) {
					if (e.record.collection().fields.getByName(names[i])) fields[names[i]] = e.record.get(names[i]);
				}
			}
			audit(txApp, actorId, e.record.collection().name + '_' + verb, e.record, fields);
		}
	);
}

module.exports = {
	auditedStaffWrite,
	checkBookingAlone,
	checkClaims,
	handleCreate,
	handleUpdate,
	syncBusy,
	refusal,
	inTransaction,
	isStaff
};
