/// <reference path="../pb_data/types.d.ts" />

// Events and volunteers (docs/rules.md, "Events and volunteers"). This file only binds PocketBase's events to
// the area's modules: lib/events-machines.js (the state machines), lib/events-claims.js (places, the
// waitlist and the transitions), lib/events-validate.js (fields), lib/events-rooms.js (the room claim).
// Every write runs in one transaction (core/tx.js) and decides from the row re-read inside it.

// A new sign-up or registration: the hook decides its status (clients cannot send it), one per person,
// no overlapping shifts; signing up again after cancelling reopens the cancelled row at the back of the queue.
onRecordCreateRequest(
	(e) => {
		const lib = require(`${__hooks}/lib/events-claims.js`);
		const tx = require(`${__hooks}/lib/core/tx.js`);
		const { actor } = require(`${__hooks}/lib/core/auth.js`);
		const { refusal } = require(`${__hooks}/lib/core/errors.js`);
		const collection = e.collection.name;
		const who = actor(e);
		const body = e.requestInfo().body || {};
		// Server-owned fields; the system's data loads may send a status, which is decided here all the same.
		const owned = [
			'status',
			'cancelled_at',
			'cancelled_by_house',
			'off_waitlist_by_house',
			'placed_at',
			'promoted_at',
			'ticket_code',
			'checked_in_at'
		];
		for (const field of owned) {
			if (field in body && !(who.kind === 'system' && field === 'status')) {
				throw refusal('events_field_locked', field);
			}
		}
		let reopened = null;
		tx.request(e, (txApp) => {
			const receipts = require(`${__hooks}/lib/receipts.js`);
			reopened = lib.decideNew(txApp, collection, e.record, who);
			if (reopened) {
				// a desk act answered here, without e.next(), is audited here (docs/rules.md, "Service at the desk")
				require(`${__hooks}/lib/desk.js`).act(txApp, e, 'create', reopened, 'cancelled');
				// a receipt for the reopened place too (docs/rules.md, "Messages")
				if (who.kind !== 'system') {
					receipts.placeReceived(txApp, collection, txApp.findRecordById(collection, reopened.id));
				}
				return;
			}
			e.next();
			lib.recount(txApp, collection, e.record.getString(lib.KINDS[collection].parentField));
			if (who.kind !== 'system') receipts.placeReceived(txApp, collection, e.record);
		});
		if (reopened) return e.json(200, reopened);
	},
	'signups',
	'registrations'
);

// Changes through the API: the transition "cancel" only (status = "cancelled"); every other field of a
// sign-up or registration is the server's (check-in has its own route). The row PocketBase loaded before
// the transaction is never saved: the transition writes its own fields onto the row read inside it.
// The request may say which status the person saw when they asked (`seen`, not a field): "waitlisted"
// lets a person leave the waitlist whom a promotion reached just before (lib/events-claims.js cancelPlace).
onRecordUpdateRequest(
	(e) => {
		const lib = require(`${__hooks}/lib/events-claims.js`);
		const tx = require(`${__hooks}/lib/core/tx.js`);
		const { actor } = require(`${__hooks}/lib/core/auth.js`);
		const { refusal } = require(`${__hooks}/lib/core/errors.js`);
		const collection = e.collection.name;
		const who = actor(e);
		const body = e.requestInfo().body || {};
		const fields = Object.keys(body).filter((key) => key !== 'status' && e.collection.fields.getByName(key));
		// The system (data loads and maintenance, never a browser) may correct the server's fields directly,
		// e.g. a check-in time recorded on paper; everyone else is refused.
		if (fields.length > 0 && who.kind !== 'system') throw refusal('events_field_locked', fields[0]);
		let result = null;
		tx.request(e, (txApp) => {
			const fresh = txApp.findRecordById(collection, e.record.id);
			if (fields.length > 0) {
				const parentField = lib.KINDS[collection].parentField;
				const before = fresh.getString(parentField);
				const was = fresh.getString('status');
				const person = fresh.getString('user');
				for (const key of fields.concat('status' in body ? ['status'] : []))
					fresh.set(key, e.record.get(key));
				txApp.save(fresh);
				const parentId = fresh.getString(parentField);
				lib.fillPlaces(txApp, collection, parentId);
				lib.recount(txApp, collection, parentId);
				// a place moved to another shift, event or person, or no longer confirmed, leaves what it held: that
				// waitlist moves up into the place and its counter follows, and a volunteer passed over elsewhere
				// for holding it gets their turn, as after a cancellation
				const left =
					before !== parentId ||
					person !== fresh.getString('user') ||
					(was === 'confirmed' && fresh.getString('status') !== 'confirmed');
				if (before && left) lib.placeLeft(txApp, collection, before, person, was);
				result = fresh;
				return;
			}
			if (!('status' in body)) {
				result = fresh;
				return;
			}
			if (body.status !== 'cancelled') throw refusal('events_status_locked');
			if (fresh.getString('status') === 'cancelled') {
				// already cancelled (e.g. by a simultaneous request): nothing to do, for staff; the owner's
				// update rule hides cancelled rows
				if (who.kind !== 'staff' && who.kind !== 'system') throw refusal('events_already_cancelled');
				result = fresh;
				return;
			}
			result = lib.cancelPlace(txApp, collection, fresh.id, who, { seen: body.seen });
			// a desk act answered here, without e.next(), is audited here (docs/rules.md, "Service at the desk")
			require(`${__hooks}/lib/desk.js`).act(txApp, e, 'update', result, fresh.getString('status'));
		});
		return e.json(200, result);
	},
	'signups',
	'registrations'
);

// Sign-ups and registrations are history (statistics, "Mine data"): only the system removes one, and the
// waitlist then moves up as after a cancellation.
onRecordDeleteRequest(
	(e) => {
		const lib = require(`${__hooks}/lib/events-claims.js`);
		const tx = require(`${__hooks}/lib/core/tx.js`);
		const collection = e.collection.name;
		tx.request(e, (txApp) => {
			const row = txApp.findRecordById(collection, e.record.id);
			e.next();
			// as after a cancellation: its waitlist moves up into a confirmed place, its counter follows, and a
			// volunteer passed over elsewhere for holding this shift gets their turn (placeLeft)
			lib.placeLeft(
				txApp,
				collection,
				row.getString(lib.KINDS[collection].parentField),
				row.getString('user'),
				row.getString('status')
			);
		});
	},
	'signups',
	'registrations'
);

// Events and shifts: staff only (API rules). Fields validated, counters and authorship the server's.
onRecordCreateRequest(
	(e) => {
		const tx = require(`${__hooks}/lib/core/tx.js`);
		const { actor } = require(`${__hooks}/lib/core/auth.js`);
		const { refusal } = require(`${__hooks}/lib/core/errors.js`);
		const audit = require(`${__hooks}/lib/core/audit.js`);
		const validate = require(`${__hooks}/lib/events-validate.js`);
		const machines = require(`${__hooks}/lib/events-machines.js`);
		const collection = e.collection.name;
		const who = actor(e);
		const body = validate.rawBody(e);
		if ('taken' in body) throw refusal('events_field_locked', 'taken');
		e.record.set('taken', 0);
		if (collection === 'events') {
			if ('created_by' in body && who.kind !== 'system') throw refusal('events_field_locked', 'created_by');
			if (!e.record.getString('state')) e.record.set('state', 'draft');
			if (machines.INITIAL_EVENT.indexOf(e.record.getString('state')) < 0) {
				throw refusal('core_bad_transition', 'state');
			}
			if (who.kind === 'staff') e.record.set('created_by', who.id);
			validate.checkEvent(e.record, body);
		} else {
			validate.checkShift(e.record, body);
		}
		// a new event or shift starts from now on: one saved with a past date by mistake could never be
		// corrected, as an event or shift that has begun is not moved, unpublished, cancelled or deleted by
		// staff; the system's data loads write history as they find it
		if (
			who.kind !== 'system' &&
			require(`${__hooks}/lib/events-rules.js`).toMs(e.record.getString('start')) < Date.now()
		) {
			throw refusal(
				collection === 'events' ? 'events_created_in_past' : 'events_shift_created_in_past',
				'start'
			);
		}
		tx.request(e, (txApp) => {
			if (collection === 'events') {
				require(`${__hooks}/lib/events-rooms.js`).checkRoom(txApp, e.record);
				require(`${__hooks}/lib/events-rooms.js`).checkCapacity(txApp, e.record);
			} else {
				let event;
				try {
					event = txApp.findRecordById('events', e.record.getString('event'));
				} catch (_) {
					throw refusal('core_invalid_value', 'event');
				}
				if (event.getString('state') === 'cancelled') throw refusal('events_shift_event_cancelled', 'form');
				// the system's data loads (and repairs) place shifts as they find them
				if (who.kind !== 'system') validate.checkShiftAroundEvent(e.record, event);
			}
			e.next();
			audit.staffAction(txApp, who, collection + '.create', e.record, {
				title: e.record.getString(collection === 'events' ? 'title' : 'task')
			});
		});
	},
	'events',
	'shifts'
);

// A staff edit of an event or a shift. Inside the transaction the row is read again and every field the
// request did not change is taken from it, so two simultaneous edits of different fields both survive.
// A change of state is a transition of the event machine; places and capacity never fall below the
// confirmed places; a shift is not moved onto another confirmed shift of one of its volunteers.
onRecordUpdateRequest(
	(e) => {
		const lib = require(`${__hooks}/lib/events-claims.js`);
		const tx = require(`${__hooks}/lib/core/tx.js`);
		const { actor } = require(`${__hooks}/lib/core/auth.js`);
		const { refusal } = require(`${__hooks}/lib/core/errors.js`);
		const { permitted } = require(`${__hooks}/lib/core/machine.js`);
		const audit = require(`${__hooks}/lib/core/audit.js`);
		const validate = require(`${__hooks}/lib/events-validate.js`);
		const machines = require(`${__hooks}/lib/events-machines.js`);
		const collection = e.collection.name;
		const who = actor(e);
		const roles = lib.rolesOf(who);
		const body = validate.rawBody(e);
		const locked = collection === 'events' ? ['taken', 'created_by'] : ['taken', 'event'];
		for (const field of locked) if (field in body) throw refusal('events_field_locked', field);
		const stale = e.record.original();
		const valueOf = (record, field) =>
			field.type() === 'file'
				? JSON.stringify(record.get(field.getName()))
				: record.getString(field.getName());
		const changed = [];
		for (const field of e.collection.fields) {
			const name = field.getName();
			if (name === 'id' || field.type() === 'autodate') continue;
			if (valueOf(e.record, field) !== valueOf(stale, field)) changed.push(name);
		}
		let transition = null;
		tx.request(e, (txApp) => {
			const fresh = txApp.findRecordById(collection, e.record.id);
			/** @type {core.Record[]} confirmed sign-ups of a shift moved to another time */
			let movedAway = [];
			/** check-ins of tickets made before a moved event's new door opening, undone */
			let checkInsCleared = 0;
			/** an event's shifts moved along with its start, and the volunteers told of it */
			let shiftsMoved = { shifts: [], told: [] };
			for (const field of e.collection.fields) {
				const name = field.getName();
				if (name === 'id' || field.type() === 'autodate' || changed.indexOf(name) >= 0) continue;
				e.record.set(name, fresh.get(name));
			}
			// a coming event or shift is not moved to before now (nobody could take or leave a place, and its
			// waitlist would stand still); one under way may still be corrected; the system arranges as it finds
			const movedIntoPast =
				who.kind !== 'system' &&
				e.record.getString('start') !== fresh.getString('start') &&
				new Date(fresh.getString('start').replace(' ', 'T')).getTime() > Date.now() &&
				new Date(e.record.getString('start').replace(' ', 'T')).getTime() <= Date.now();
			if (collection === 'events') {
				validate.checkEvent(e.record, body);
				// a cancelled event keeps the time and room it was cancelled at: they are what its people were told
				// was called off, and its shifts, no longer moved along with it, would be left behind; the system
				// arranges data as it finds it
				if (fresh.getString('state') === 'cancelled' && who.kind !== 'system') {
					for (const field of ['start', 'end', 'room']) {
						if (e.record.getString(field) !== fresh.getString(field))
							throw refusal('events_cancelled_kept', field);
					}
				}
				if (movedIntoPast) throw refusal('events_moved_into_past', 'start');
				// an event that has ended keeps its times and room (they are history), and one under way keeps
				// its start and room once people have come (a move would undo their check-ins, and the event could then be
				// cancelled as if it had not begun); its end may still move. Judged on the stored times; the
				// system arranges history as it finds it
				if (who.kind !== 'system') {
					const rules = require(`${__hooks}/lib/events-rules.js`);
					const now = Date.now();
					let attendance = null;
					const attended = () => {
						if (attendance === null)
							attendance = lib.hasAttendance(txApp, fresh.id, now, rules.toMs(fresh.getString('start')));
						return attendance;
					};
					const stored = { start: fresh.getString('start'), end: fresh.getString('end') };
					// people may come before its start: its door opens early, its volunteers set up
					const moveProblem = rules.eventMoveProblem(
						stored,
						{ start: e.record.getString('start'), end: e.record.getString('end') },
						now,
						attended,
						true
					);
					if (moveProblem === 'over') {
						const field = e.record.getString('start') !== fresh.getString('start') ? 'start' : 'end';
						throw refusal('events_move_event_over', field);
					}
					if (moveProblem === 'started') throw refusal('events_move_event_started', 'start');
					// and its room, like its start: where it happened is the room's history (its use in the
					// statistics, the door sign and the lobby), given another room or none afterwards
					if (e.record.getString('room') !== fresh.getString('room')) {
						const roomProblem = rules.eventRoomProblem(stored, now, attended);
						if (roomProblem === 'over') throw refusal('events_room_event_over', 'room');
						if (roomProblem === 'started') throw refusal('events_room_event_started', 'room');
					}
				}
				const from = fresh.getString('state');
				const to = e.record.getString('state');
				if (from !== to) {
					if (from === 'cancelled') throw refusal('events_cancelled_final', 'state');
					transition = permitted(machines.EVENT, from, to, roles);
					if (!transition) throw refusal('core_bad_transition', 'state');
					// an event that has begun is not cancelled: its confirmed places are attendance or no-shows
					// and its used tickets attendance, which the cancellation would erase and tell of afterwards
					// (judged on the stored times; the system arranges history as it finds it)
					if (transition.name === 'cancel' && who.kind !== 'system') {
						// so it has once volunteers are at work on it, setting up before its start
						const rules = require(`${__hooks}/lib/events-rules.js`);
						const at = Date.now();
						const late = rules.eventCancelProblem(
							{ start: fresh.getString('start'), end: fresh.getString('end') },
							at,
							() => lib.hasAttendance(txApp, fresh.id, at, rules.toMs(fresh.getString('start')))
						);
						if (late === 'over') throw refusal('events_cancel_event_over', 'state');
						if (late === 'started') throw refusal('events_cancel_event_started', 'state');
					}
					// nor made a draft again: a draft is in no statistics, so where and when it happened would go
					if (transition.name === 'unpublish' && who.kind !== 'system') {
						const late = require(`${__hooks}/lib/events-rules.js`).eventCancelProblem(
							{ start: fresh.getString('start'), end: fresh.getString('end') },
							Date.now()
						);
						if (late) throw refusal('events_unpublish_event_begun', 'state');
					}
					// nor is a draft whose time has begun published: it would join the statistics and the room's
					// history as held, where it then stays (a published event that has begun is neither made a
					// draft again, cancelled nor deleted); judged on the times it is saved with, so a start moved
					// ahead in the same save may be published (the system arranges history as it finds it)
					if (transition.name === 'publish' && who.kind !== 'system') {
						const begun = require(`${__hooks}/lib/events-rules.js`).eventCancelProblem(
							{ start: e.record.getString('start'), end: e.record.getString('end') },
							Date.now()
						);
						if (begun) throw refusal('events_publish_event_begun', 'state');
					}
					// a draft is hidden from the people holding places in it (their tickets and shifts would
					// lose their event): such an event is cancelled, which tells them, not unpublished (the system
					// corrects data as it finds it)
					if (
						transition.name === 'unpublish' &&
						who.kind !== 'system' &&
						lib.hasActivePlaces(txApp, fresh.id)
					) {
						throw refusal('events_unpublish_has_places', 'state');
					}
				}
				// Confirmed registrations stay when registration is switched off, so a capacity this request
				// changes must still hold them, whatever the flag (else capacity 0 and registration off in one
				// request would slip under them). An unchanged capacity is only checked while registration is
				// on, so an old event with registration off is not blocked for an edit of its title.
				const capacity = e.record.getInt('capacity');
				if (
					(e.record.getBool('registration') || capacity !== fresh.getInt('capacity')) &&
					capacity < lib.confirmedCount(txApp, 'registrations', fresh.id)
				) {
					throw refusal('events_capacity_below_confirmed', 'capacity');
				}
				require(`${__hooks}/lib/events-rooms.js`).checkRoom(txApp, e.record);
				require(`${__hooks}/lib/events-rooms.js`).checkCapacity(txApp, e.record, fresh);
			} else {
				validate.checkShift(e.record, body);
				if (movedIntoPast) throw refusal('events_shift_into_past', 'start');
				if (e.record.getInt('places') < lib.confirmedCount(txApp, 'signups', fresh.id)) {
					throw refusal('events_places_below_confirmed', 'places');
				}
				const moved =
					e.record.getString('start') !== fresh.getString('start') ||
					e.record.getString('end') !== fresh.getString('end');
				if (moved) {
					if (who.kind !== 'system') {
						// a shift that has ended with volunteers on it keeps its times, and one under way its start:
						// their places are attendance, and moved ahead the shift would no longer keep its event's
						// start (eventMoveProblem), which could then be moved and cancelled
						const shiftProblem = require(`${__hooks}/lib/events-rules.js`).eventMoveProblem(
							{ start: fresh.getString('start'), end: fresh.getString('end') },
							{ start: e.record.getString('start'), end: e.record.getString('end') },
							Date.now(),
							true
						);
						if (shiftProblem && lib.confirmedCount(txApp, 'signups', fresh.id) > 0) {
							const field = e.record.getString('start') !== fresh.getString('start') ? 'start' : 'end';
							if (shiftProblem === 'over') throw refusal('events_shift_move_over', field);
							throw refusal('events_shift_move_started', 'start');
						}
						validate.checkShiftAroundEvent(
							e.record,
							txApp.findRecordById('events', e.record.getString('event'))
						);
					}
					movedAway = lib.checkShiftMove(txApp, {
						id: fresh.id,
						start: e.record.getString('start'),
						end: e.record.getString('end')
					});
				}
			}
			e.next();
			if (collection === 'events') {
				const state = e.record.getString('state');
				if (transition && transition.name === 'cancel') {
					lib.cancelEventEntries(txApp, e.record);
				} else if (state !== 'cancelled') {
					// its coming shifts keep their distance to its start, and their volunteers are told
					shiftsMoved = lib.moveShiftsAlong(txApp, fresh, e.record, who.kind === 'system');
					// and no coming one is left behind by an end drawn in (asked only of new times: a shift the
					// system placed outside stays, and does not block an edit of anything else)
					const timesChanged =
						e.record.getString('start') !== fresh.getString('start') ||
						e.record.getString('end') !== fresh.getString('end');
					if (who.kind !== 'system' && timesChanged) lib.checkShiftsAround(txApp, e.record);
				}
				// a ticket checked in before the moved event's door opens was not used at this event's door
				if (e.record.getString('start') !== fresh.getString('start')) {
					checkInsCleared = lib.clearEarlyCheckIns(txApp, e.record);
				}
				if (state === 'published' && !(transition && transition.name === 'cancel')) {
					lib.fillPlaces(txApp, 'registrations', e.record.id);
					if (transition) {
						const shifts = txApp.findRecordsByFilter(
							'shifts',
							require(`${__hooks}/lib/core/filter.js`).bindFilter('event = {:event}', {
								event: e.record.id
							}),
							'',
							0,
							0
						);
						for (const s of shifts) lib.fillPlaces(txApp, 'signups', s.id);
					}
					// a new time or room is told to everyone with a place
					lib.tellMoved(txApp, fresh, e.record, shiftsMoved.told);
				}
			} else {
				const moved =
					e.record.getString('start') !== fresh.getString('start') ||
					e.record.getString('end') !== fresh.getString('end');
				if (moved) lib.afterShiftMove(txApp, fresh, e.record, movedAway);
				// more places: the waitlist moves up
				else if (e.record.getInt('places') > fresh.getInt('places'))
					lib.fillPlaces(txApp, 'signups', e.record.id);
			}
			audit.staffAction(txApp, who, collection + '.' + (transition ? transition.name : 'update'), e.record, {
				changed: changed,
				state: collection === 'events' ? e.record.getString('state') : undefined,
				shifts_moved: shiftsMoved.shifts.length || undefined,
				check_ins_cleared: checkInsCleared || undefined
			});
			// the answer is written from this record once the transaction commits: it says the confirmed places as
			// stored, recounted after the save when the waitlist moved up, a move let places go or a cancellation
			// ended them (recount saves the stored row, not this one)
			const stored = txApp.findRecordById(collection, e.record.id);
			e.record.set('taken', stored.getInt('taken'));
			// an autodate field takes no set(): its stored value is copied raw
			e.record.setRaw('updated', stored.getRaw('updated'));
		});
	},
	'events',
	'shifts'
);

// Deleting an event or a shift would take its sign-ups and registrations with it (cascade), and they are
// history (statistics, "Mine data"). So only one that never had a place may be deleted (a draft, a
// mistake); anyone but the system is refused once someone has signed up, cancelled or not, and staff cancel
// the event instead. Decided inside the transaction, so a sign-up arriving at the same moment is counted.
onRecordDeleteRequest(
	(e) => {
		const lib = require(`${__hooks}/lib/events-claims.js`);
		const tx = require(`${__hooks}/lib/core/tx.js`);
		const { actor } = require(`${__hooks}/lib/core/auth.js`);
		const { refusal } = require(`${__hooks}/lib/core/errors.js`);
		const audit = require(`${__hooks}/lib/core/audit.js`);
		const who = actor(e);
		tx.request(e, (txApp) => {
			if (who.kind !== 'system' && lib.hasPlaces(txApp, e.collection.name, e.record.id)) {
				throw refusal('events_has_places');
			}
			// a published event that has begun is the house's history (the room's use in the statistics)
			if (who.kind !== 'system' && e.collection.name === 'events') {
				const fresh = txApp.findRecordById('events', e.record.id);
				const begun = require(`${__hooks}/lib/events-rules.js`).eventCancelProblem(
					{ start: fresh.getString('start'), end: fresh.getString('end') },
					Date.now()
				);
				if (begun && fresh.getString('state') === 'published') throw refusal('events_delete_event_begun');
			}
			// the confirmed shifts the deletion takes with it (the system's): a volunteer passed over elsewhere for
			// holding one gets their turn, as after a cancellation (placeLeft)
			const held = lib.confirmedShiftsOf(txApp, e.collection.name, e.record.id);
			e.next();
			for (const place of held) lib.refillSkipped(txApp, place.user, place.shift);
			audit.staffAction(txApp, who, e.collection.name + '.delete', e.record, {});
		});
	},
	'events',
	'shifts'
);

// Check-in at the door: the named transition "check_in" of a confirmed registration, by staff, once.
routerAdd('POST', '/api/borgerhus/registrations/{id}/check-in', (e) => {
	const lib = require(`${__hooks}/lib/events-claims.js`);
	const tx = require(`${__hooks}/lib/core/tx.js`);
	const auth = require(`${__hooks}/lib/core/auth.js`);
	const who = auth.actor(e);
	if (who.kind !== 'system') auth.requireStaff(e);
	const id = e.request.pathValue('id');
	const row = tx.route(e, (txApp) => {
		try {
			txApp.findRecordById('registrations', id);
		} catch (_) {
			throw new NotFoundError('No such ticket.');
		}
		return lib.checkIn(txApp, id, who);
	});
	return e.json(200, { id: row.id, checked_in_at: row.getString('checked_in_at') });
});

// A message from staff to every volunteer of an event, in the app and by email (notify()).
routerAdd(
	'POST',
	'/api/borgerhus/events/{id}/message',
	(e) => {
		const { notify } = require(`${__hooks}/lib/notify.js`);
		const auth = require(`${__hooks}/lib/core/auth.js`);
		const audit = require(`${__hooks}/lib/core/audit.js`);
		const { refusal } = require(`${__hooks}/lib/core/errors.js`);
		const status = require(`${__hooks}/lib/core/status.js`);
		const staff = auth.requireStaff(e);
		const body = e.requestInfo().body || {};
		const text = typeof body.message === 'string' ? body.message.trim() : '';
		const problem =
			text === ''
				? 'core_text_blank'
				: require(`${__hooks}/lib/input.js`).textProblem(
						text,
						require(`${__hooks}/lib/events-rules.js`).EVENT_MESSAGE_MAX
					);
		// a character nobody sees (pasted along with the text) is named as such, not as a wrong length
		if (problem === 'core_text_hidden') throw refusal(problem, 'message');
		if (problem) throw refusal('events_message_invalid', 'message');
		let event;
		try {
			event = e.app.findRecordById('events', e.request.pathValue('id'));
		} catch (_) {
			throw new NotFoundError('No such event.');
		}
		let sent = 0;
		require(`${__hooks}/lib/core/tx.js`).route(e, (txApp) => {
			// the same text sent to the event a moment ago is a repeat: decided in the transaction, after the
			// one before it committed, so two sends at once give one message
			const repeatMinutes = require(`${__hooks}/lib/events-rules.js`).EVENT_MESSAGE_REPEAT_MINUTES;
			const repeat = txApp.findRecordsByFilter(
				'audit_log',
				require(`${__hooks}/lib/core/filter.js`).bindFilter(
					'action = "events.message" && target_id = {:event} && created >= {:since} && details.message = {:text}',
					{
						event: event.id,
						since: require(`${__hooks}/lib/overview-time.js`).toPbDate(
							new Date(Date.now() - repeatMinutes * 60000)
						),
						text: text
					}
				),
				'',
				1,
				0
			);
			if (repeat.length > 0) throw refusal('events_message_repeat', 'message');
			const signups = txApp.findRecordsByFilter(
				'signups',
				require(`${__hooks}/lib/core/filter.js`).bindFilter(
					'shift.event = {:event} && ' + status.activePlaceFilter(),
					{ event: event.id }
				),
				'',
				0,
				0
			);
			const seen = {};
			for (const s of signups) {
				const userId = s.getString('user');
				if (seen[userId]) continue;
				seen[userId] = true;
				if (
					notify(txApp, userId, {
						kind: 'events_message',
						texts: {
							da: { title: 'Besked om {event}', body: '{message}' },
							en: { title: 'Message about {event}', body: '{message}' }
						},
						params: {
							event: require(`${__hooks}/lib/content-language.js`).contentParam(event, 'title'),
							message: text
						},
						link: '/arrangementer/' + event.id
					})
				) {
					sent++;
				}
			}
			audit.staffAction(txApp, staff, 'events.message', event, { recipients: sent, message: text });
		});
		return e.json(200, { sent: sent });
	},
	$apis.requireAuth()
);

// The signed-in person's own waitlist places (1 = next to move up). Other people's sign-ups stay
// hidden (docs/rules.md, "Events and volunteers"); only the positions of the caller's own rows are computed, with capacity.js.
// `skipped` names, for each of their waiting sign-ups that promotions pass over because they hold a confirmed
// shift at the same time, that shift (the same decision as fillPlaces: events-claims.js overlappingSignup).
// `withoutTerms` marks the waiting sign-ups promotions pass over because the volunteer has withdrawn the
// volunteer terms (the same decision as fillPlaces: events-claims.js hasVolunteerTerms).
routerAdd(
	'GET',
	'/api/borgerhus/events/my-places',
	(e) => {
		const capacity = require(`${__hooks}/lib/capacity.js`);
		const lib = require(`${__hooks}/lib/events-claims.js`);
		const auth = e.auth;
		if (!auth || auth.collection().name !== 'users') throw new ForbiddenError('Sign in first.');
		const result = { signups: {}, registrations: {}, skipped: {}, withoutTerms: {} };
		const terms = lib.hasVolunteerTerms(e.app, auth.id);
		for (const collection of ['signups', 'registrations']) {
			const parentField = lib.KINDS[collection].parentField;
			const mine = e.app.findRecordsByFilter(
				collection,
				require(`${__hooks}/lib/core/filter.js`).bindFilter('user = {:user} && status = "waitlisted"', {
					user: auth.id
				}),
				'',
				200,
				0
			);
			for (const row of mine) {
				const queue = e.app.findRecordsByFilter(
					collection,
					require(`${__hooks}/lib/core/filter.js`).bindFilter(
						parentField + ' = {:parent} && status = "waitlisted" && placed_at <= {:placed}',
						{ parent: row.getString(parentField), placed: row.getString('placed_at') }
					),
					'',
					0,
					0
				);
				result[collection][row.id] = capacity.waitlistPosition({
					id: row.id,
					entries: queue.map((r) => ({ id: r.id, status: 'waitlisted', placedAt: r.getString('placed_at') }))
				});
				if (collection === 'signups' && !terms) result.withoutTerms[row.id] = true;
				if (collection === 'signups') {
					const waited = e.app.findRecordById('shifts', row.getString('shift'));
					const clash = lib.overlappingSignup(e.app, auth.id, {
						id: waited.id,
						start: waited.getString('start'),
						end: waited.getString('end')
					});
					if (clash) {
						const other = e.app.findRecordById('shifts', clash.getString('shift'));
						const event = e.app.findRecordById('events', other.getString('event'));
						result.skipped[row.id] = {
							shift: other.id,
							task: other.getString('task'),
							start: other.getString('start'),
							end: other.getString('end'),
							event: event.id,
							title: event.getString('title'),
							title_en: event.getString('title_en')
						};
					}
				}
			}
		}
		return e.json(200, result);
	},
	$apis.requireAuth()
);

// Staff only: the roster of an event with contact details. Staff cannot read other users' emails through
// the records API (PocketBase hides them), so the roster is assembled here after checking the staff flag.
routerAdd(
	'GET',
	'/api/borgerhus/events/{id}/roster',
	(e) => {
		const status = require(`${__hooks}/lib/core/status.js`);
		require(`${__hooks}/lib/core/auth.js`).requireStaff(e);
		let event;
		try {
			event = e.app.findRecordById('events', e.request.pathValue('id'));
		} catch (_) {
			throw new NotFoundError('No such event.');
		}
		const people = {};
		const person = (userId) => {
			if (!people[userId]) {
				try {
					const u = e.app.findRecordById('users', userId);
					people[userId] = { name: u.getString('name'), email: u.email(), phone: u.getString('phone') };
				} catch (_) {
					people[userId] = { name: '', email: '', phone: '' };
				}
			}
			return people[userId];
		};
		const { passedOver } = require(`${__hooks}/lib/events-claims.js`);
		const shifts = {};
		const shiftOf = (id) => {
			if (!shifts[id]) {
				const s = e.app.findRecordById('shifts', id);
				shifts[id] = { id: s.id, start: s.getString('start'), end: s.getString('end') };
			}
			return shifts[id];
		};
		const row = (r, parentField) =>
			Object.assign(
				{
					id: r.id,
					parent: r.getString(parentField),
					status: r.getString('status'),
					placed_at: r.getString('placed_at'),
					checked_in_at: parentField === 'event' ? r.getString('checked_in_at') : '',
					// why promotions pass over a volunteer waiting for this shift ('overlap', 'terms' or '')
					passed_over:
						parentField === 'shift' && r.getString('status') === 'waitlisted'
							? passedOver(e.app, r.getString('user'), shiftOf(r.getString('shift')))
							: ''
				},
				person(r.getString('user'))
			);
		const signups = e.app.findRecordsByFilter(
			'signups',
			require(`${__hooks}/lib/core/filter.js`).bindFilter(
				'shift.event = {:event} && ' + status.activePlaceFilter(),
				{ event: event.id }
			),
			'placed_at,id',
			0,
			0
		);
		const registrations = e.app.findRecordsByFilter(
			'registrations',
			require(`${__hooks}/lib/core/filter.js`).bindFilter(
				'event = {:event} && ' + status.activePlaceFilter(),
				{ event: event.id }
			),
			'placed_at,id',
			0,
			0
		);
		return e.json(200, {
			signups: signups.map((r) => row(r, 'shift')),
			registrations: registrations.map((r) => row(r, 'event'))
		});
	},
	$apis.requireAuth()
);

// The public programme (/arrangementer) in one request: lib/events-programme.js.
routerAdd('GET', '/api/borgerhus/events/programme', (e) => {
	const { programme } = require(`${__hooks}/lib/events-programme.js`);
	const { toPbDate } = require(`${__hooks}/lib/overview-time.js`);
	const query = e.request.url.query();
	const page = Number(query.get('page') || '1');
	return e.json(200, programme(e, query.get('category') || '', page, toPbDate(new Date())));
});
