/// <reference path="../pb_data/types.d.ts" />

// Events and volunteers (DESIGN.md rules 3, 5, 6). Every check runs in the write's transaction; the
// queue logic itself is lib/capacity.js, applied by lib/events-claims.js.

// A new sign-up or registration: the hook decides its status (clients cannot send it), one per person,
// no overlapping shifts; signing up again after cancelling reopens the cancelled row at the back of the queue.
onRecordCreateRequest(
	(e) => {
		const lib = require(`${__hooks}/lib/events-claims.js`);
		const collection = e.collection.name;
		let reopened = null;
		lib.inTransaction(e, (txApp) => {
			reopened = lib.decideNew(txApp, collection, e.record);
			if (!reopened) e.next();
		});
		if (reopened) return e.json(200, reopened);
	},
	'signups',
	'registrations'
);

// Changes through the API: only cancelling (and staff check-in); a volunteer's cancellation after the
// cut-off is refused (staff may still cancel).
onRecordUpdateRequest(
	(e) => {
		const lib = require(`${__hooks}/lib/events-claims.js`);
		const rules = require(`${__hooks}/lib/events-rules.js`);
		const collection = e.collection.name;
		const staff = lib.staffId(e);
		const privileged = staff !== '' || e.hasSuperuserAuth();
		lib.inTransaction(e, (txApp) => {
			const fresh = txApp.findRecordById(collection, e.record.id);
			const before = fresh.getString('status');
			const after = e.record.getString('status');
			for (const field of ['user', 'shift', 'event', 'placed_at', 'ticket_code']) {
				if (!e.collection.fields.getByName(field)) continue;
				if (e.record.getString(field) !== fresh.getString(field)) {
					throw lib.refuse('events_field_locked', 'This field cannot be changed.');
				}
			}
			if (after !== before && after !== 'cancelled') {
				throw lib.refuse('events_status_locked', 'A sign-up can only be cancelled here.');
			}
			if (before === 'cancelled' && after === 'cancelled' && !privileged) {
				throw lib.refuse('events_status_locked', 'A sign-up can only be cancelled here.');
			}
			if (after === 'cancelled' && before !== 'cancelled') {
				if (collection === 'signups' && !privileged) {
					const shift = txApp.findRecordById('shifts', fresh.getString('shift'));
					if (!rules.mayCancelShift({ shiftStart: shift.getString('start'), now: new Date() })) {
						throw lib.refuse(
							'events_cancel_too_late',
							'The shift starts soon: please contact the staff to cancel.'
						);
					}
				}
				e.record.set('cancelled_at', lib.pbNow());
			} else {
				e.record.set('cancelled_at', fresh.getString('cancelled_at'));
			}
			if (collection === 'registrations') {
				const was = fresh.getString('checked_in_at');
				const now = e.record.getString('checked_in_at');
				if (now !== was) {
					if (was !== '')
						throw lib.refuse('events_already_checked_in', 'This ticket was already checked in.');
					if (before !== 'confirmed' || after !== 'confirmed') {
						throw lib.refuse('events_ticket_not_confirmed', 'This ticket is not a confirmed place.');
					}
				}
			}
			e.next();
			if (staff) {
				lib.audit(txApp, staff, collection + '.update', collection, e.record.id, {
					status: after,
					checked_in_at: collection === 'registrations' ? e.record.getString('checked_in_at') : undefined
				});
			}
		});
	},
	'signups',
	'registrations'
);

// Model level, so it also runs when another area saves these rows inside its own transaction (e.g.
// account deletion cancelling sign-ups with txApp.save()): a place given up goes to the waitlist.
onRecordCreate(
	(e) => {
		e.next();
		const lib = require(`${__hooks}/lib/events-claims.js`);
		const collection = e.record.collection().name;
		lib.recount(e.app, collection, e.record.getString(lib.KINDS[collection].parentField));
	},
	'signups',
	'registrations'
);

onRecordUpdate(
	(e) => {
		e.next();
		const lib = require(`${__hooks}/lib/events-claims.js`);
		lib.afterStatusChange(e.app, e.record.collection().name, e.record);
	},
	'signups',
	'registrations'
);

// Events and shifts: staff only (API rules); times must make sense; counters belong to the hooks.
onRecordCreateRequest(
	(e) => {
		const lib = require(`${__hooks}/lib/events-claims.js`);
		const rules = require(`${__hooks}/lib/events-rules.js`);
		lib.checkRange(e.record, rules);
		e.record.set('taken', 0);
		const staff = lib.staffId(e);
		if (e.collection.name === 'events') {
			if (!e.record.getString('state')) e.record.set('state', 'draft');
			if (e.record.getBool('registration') && e.record.getInt('capacity') < 1) {
				const message = 'An event with registration needs a capacity.';
				throw new BadRequestError(message, {
					capacity: new ValidationError('events_capacity_required', message)
				});
			}
			if (staff) e.record.set('created_by', staff);
		}
		lib.inTransaction(e, (txApp) => {
			if (e.collection.name === 'events') {
				require(`${__hooks}/lib/events-rooms.js`).checkRoom(txApp, e.record);
			}
			e.next();
			if (staff) {
				lib.audit(txApp, staff, e.collection.name + '.create', e.collection.name, e.record.id, {
					title: e.record.getString(e.collection.name === 'events' ? 'title' : 'task')
				});
			}
		});
	},
	'events',
	'shifts'
);

onRecordUpdateRequest(
	(e) => {
		const lib = require(`${__hooks}/lib/events-claims.js`);
		const rules = require(`${__hooks}/lib/events-rules.js`);
		lib.checkRange(e.record, rules);
		const staff = lib.staffId(e);
		lib.inTransaction(e, (txApp) => {
			const fresh = txApp.findRecordById(e.collection.name, e.record.id);
			e.record.set('taken', fresh.getInt('taken'));
			if (e.collection.name === 'events') {
				if (e.record.getBool('registration') && e.record.getInt('capacity') < 1) {
					const message = 'An event with registration needs a capacity.';
					throw new BadRequestError(message, {
						capacity: new ValidationError('events_capacity_required', message)
					});
				}
				if (fresh.getString('state') === 'cancelled' && e.record.getString('state') !== 'cancelled') {
					throw lib.refuse('events_cancelled_final', 'A cancelled event cannot be reopened.');
				}
				require(`${__hooks}/lib/events-rooms.js`).checkRoom(txApp, e.record);
			} else if (e.record.getString('event') !== fresh.getString('event')) {
				throw lib.refuse('events_field_locked', 'This field cannot be changed.');
			}
			e.next();
			if (staff) {
				lib.audit(txApp, staff, e.collection.name + '.update', e.collection.name, e.record.id, {
					state: e.collection.name === 'events' ? e.record.getString('state') : undefined
				});
			}
		});
	},
	'events',
	'shifts'
);

onRecordDeleteRequest(
	(e) => {
		const lib = require(`${__hooks}/lib/events-claims.js`);
		const staff = lib.staffId(e);
		lib.inTransaction(e, (txApp) => {
			e.next();
			if (staff) lib.audit(txApp, staff, e.collection.name + '.delete', e.collection.name, e.record.id, {});
		});
	},
	'events',
	'shifts'
);

// Model level: cancelling an event releases every place and tells everyone; more places fill the waitlist.
onRecordUpdate((e) => {
	const lib = require(`${__hooks}/lib/events-claims.js`);
	const original = e.record.original();
	const wasState = original.getString('state');
	const wasCapacity = original.getInt('capacity');
	e.next();
	const state = e.record.getString('state');
	if (state === 'cancelled' && wasState !== 'cancelled') {
		lib.cancelEventEntries(e.app, e.record);
	} else if (
		state === 'published' &&
		(wasState !== 'published' || e.record.getInt('capacity') > wasCapacity)
	) {
		if (e.record.getBool('registration')) lib.fillPlaces(e.app, 'registrations', e.record.id);
	}
}, 'events');

onRecordUpdate((e) => {
	const lib = require(`${__hooks}/lib/events-claims.js`);
	const wasPlaces = e.record.original().getInt('places');
	e.next();
	if (e.record.getInt('places') > wasPlaces) lib.fillPlaces(e.app, 'signups', e.record.id);
}, 'shifts');

// A message from staff to every volunteer of an event, in the app and by email (notify()).
routerAdd(
	'POST',
	'/api/borgerhus/events/{id}/message',
	(e) => {
		const lib = require(`${__hooks}/lib/events-claims.js`);
		const { notify } = require(`${__hooks}/lib/notify.js`);
		const staff = lib.staffId(e);
		if (!staff) throw new ForbiddenError('Only staff can message volunteers.');
		const body = e.requestInfo().body || {};
		const text = typeof body.message === 'string' ? body.message.trim() : '';
		if (text === '' || text.length > 2000) {
			const message = 'Write a message of at most 2000 characters.';
			throw new BadRequestError(message, { message: new ValidationError('events_message_invalid', message) });
		}
		let event;
		try {
			event = e.app.findRecordById('events', e.request.pathValue('id'));
		} catch (_) {
			throw new NotFoundError('No such event.');
		}
		let sent = 0;
		e.app.runInTransaction((txApp) => {
			const signups = txApp.findRecordsByFilter(
				'signups',
				'shift.event = {:event} && status != "cancelled"',
				'',
				0,
				0,
				{ event: event.id }
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
						params: { event: event.getString('title'), message: text },
						link: '/arrangementer/' + event.id
					})
				) {
					sent++;
				}
			}
			lib.audit(txApp, staff, 'events.message', 'events', event.id, { recipients: sent, message: text });
		});
		return e.json(200, { sent: sent });
	},
	$apis.requireAuth()
);

// The signed-in person's own waitlist places (1 = next to move up). Other people's sign-ups stay
// hidden (DESIGN.md rule 3); only the positions of the caller's own rows are computed, with capacity.js.
routerAdd(
	'GET',
	'/api/borgerhus/events/my-places',
	(e) => {
		const capacity = require(`${__hooks}/lib/capacity.js`);
		const lib = require(`${__hooks}/lib/events-claims.js`);
		const auth = e.auth;
		if (!auth || auth.collection().name !== 'users') throw new ForbiddenError('Sign in first.');
		const result = { signups: {}, registrations: {} };
		for (const collection of ['signups', 'registrations']) {
			const parentField = lib.KINDS[collection].parentField;
			const mine = e.app.findRecordsByFilter(
				collection,
				'user = {:user} && status = "waitlisted"',
				'',
				200,
				0,
				{ user: auth.id }
			);
			for (const row of mine) {
				const queue = e.app.findRecordsByFilter(
					collection,
					parentField + ' = {:parent} && status = "waitlisted" && placed_at <= {:placed}',
					'',
					0,
					0,
					{ parent: row.getString(parentField), placed: row.getString('placed_at') }
				);
				result[collection][row.id] = capacity.waitlistPosition({
					id: row.id,
					entries: queue.map((r) => ({ id: r.id, status: 'waitlisted', placedAt: r.getString('placed_at') }))
				});
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
		const lib = require(`${__hooks}/lib/events-claims.js`);
		if (!lib.staffId(e)) throw new ForbiddenError('Only staff can see rosters.');
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
		const row = (r, parentField) =>
			Object.assign(
				{
					id: r.id,
					parent: r.getString(parentField),
					status: r.getString('status'),
					placed_at: r.getString('placed_at'),
					checked_in_at: parentField === 'event' ? r.getString('checked_in_at') : ''
				},
				person(r.getString('user'))
			);
		const signups = e.app.findRecordsByFilter(
			'signups',
			'shift.event = {:event} && status != "cancelled"',
			'placed_at,id',
			0,
			0,
			{ event: event.id }
		);
		const registrations = e.app.findRecordsByFilter(
			'registrations',
			'event = {:event} && status != "cancelled"',
			'placed_at,id',
			0,
			0,
			{ event: event.id }
		);
		return e.json(200, {
			signups: signups.map((r) => row(r, 'shift')),
			registrations: registrations.map((r) => row(r, 'event'))
		});
	},
	$apis.requireAuth()
);
