/// <reference path="../../pb_data/types.d.ts" />

// Sign-ups (volunteer shifts) and registrations (attendees) share one queue mechanism: capacity.js
// decides, this module applies it to the database inside the caller's transaction, and every change of a
// row's status goes through a transition of events-machines.js (docs/rules.md, "Events and volunteers").
// Call every function with the transaction's app; each re-reads the rows it decides from.
// Exported for other areas: releaseEntry(app, collection, record) and fillPlaces(app, collection, parentId).

/** lib/core/filter.js bindFilter, required at the call: loading this file needs nothing of PocketBase. */
function bindFilter(filter, params) {
	return require(`${__hooks}/lib/core/filter.js`).bindFilter(filter, params);
}

/** An event's title as a message parameter, in each reader's language (lib/content-language.js). */
function eventTitle(event) {
	return require(`${__hooks}/lib/content-language.js`).contentParam(event, 'title');
}

const KINDS = {
	signups: { parentField: 'shift', parentCollection: 'shifts', placesField: 'places' },
	registrations: { parentField: 'event', parentCollection: 'events', placesField: 'capacity' }
};

const TEXTS = {
	promoted: {
		signups: {
			da: {
				title: 'Du har fået en vagt: {task}',
				body: 'En plads blev ledig, og du er nu bekræftet på vagten "{task}" til {event}, {when}.'
			},
			en: {
				title: 'You have a shift: {task}',
				body: 'A place became free, and you are now confirmed for the shift "{task}" at {event}, {when}.'
			}
		},
		// moved up inside the cut-off: the volunteer can no longer cancel on their own, and is told how to
		// reach the house instead, as the volunteer terms and the cut-off's refusal say
		signupsInsideCutoff: {
			da: {
				title: 'Du har fået en vagt: {task}',
				body: 'En plads blev ledig, og du er nu bekræftet på vagten "{task}" til {event}, {when}. Der er under {hours} timer til vagten, så du kan ikke længere afmelde dig selv. Kan du ikke komme, så kontakt personalet.'
			},
			en: {
				title: 'You have a shift: {task}',
				body: 'A place became free, and you are now confirmed for the shift "{task}" at {event}, {when}. The shift is less than {hours} hours away, so you can no longer cancel it yourself. If you cannot come, please contact the staff.'
			}
		},
		registrations: {
			da: {
				title: 'Du har fået en plads: {event}',
				body: 'En plads blev ledig, og din tilmelding til {event} er nu bekræftet. Din billet ligger i appen.'
			},
			en: {
				title: 'You have a place: {event}',
				body: 'A place became free, and your registration for {event} is now confirmed. Your ticket is in the app.'
			}
		}
	},
	// a place cancelled by someone other than its person (staff, the system); the desk tells the citizen
	// itself (desk.js act), and a cancelled event has its own message
	placeCancelled: {
		signups: {
			da: {
				title: 'Din vagt er annulleret: {task}',
				body: 'Huset har annulleret din vagt "{task}" til {event}, {start}.'
			},
			en: {
				title: 'Your shift has been cancelled: {task}',
				body: 'The house has cancelled your shift "{task}" at {event}, {start}.'
			}
		},
		registrations: {
			da: {
				title: 'Din tilmelding er annulleret: {event}',
				body: 'Huset har annulleret din tilmelding til {event}, {start}.'
			},
			en: {
				title: 'Your registration has been cancelled: {event}',
				body: 'The house has cancelled your registration for {event}, {start}.'
			}
		}
	},
	// a waiting volunteer held no shift: they are told they are off its waitlist, not that a shift was cancelled
	waitlistCancelled: {
		da: {
			title: 'Du er ikke længere på ventelisten: {task}',
			body: 'Huset har taget dig af ventelisten til vagten "{task}" til {event}, {start}.'
		},
		en: {
			title: 'You are no longer on the waitlist: {task}',
			body: 'The house has taken you off the waitlist for the shift "{task}" at {event}, {start}.'
		}
	},
	eventMoved: {
		da: {
			title: 'Flyttet: {event}',
			body: '{event} er flyttet til {when}. Din plads gælder stadig; se tider og vagter på arrangementets side.'
		},
		en: {
			title: 'Moved: {event}',
			body: '{event} has moved to {when}. Your place still stands; see times and shifts on the event page.'
		}
	},
	shiftMoved: {
		da: {
			title: 'Din vagt er flyttet: {task}',
			body: 'Din vagt som {task} til {event} er flyttet til {when}. Kan du ikke komme på det nye tidspunkt, så {advice}.'
		},
		en: {
			title: 'Your shift has moved: {task}',
			body: 'Your shift as {task} at {event} has moved to {when}. If you cannot come at the new time, {advice}.'
		}
	},
	shiftsMoved: {
		da: {
			title: 'Dine vagter er flyttet: {event}',
			body: 'Dine vagter til {event} er flyttet: {shifts}. Kan du ikke komme på de nye tidspunkter, så {advice}.'
		},
		en: {
			title: 'Your shifts have moved: {event}',
			body: 'Your shifts at {event} have moved: {shifts}. If you cannot come at the new times, {advice}.'
		}
	},
	// by what the person held: a ticket (or its waitlist), shifts, both, or only places on shifts' waitlists
	eventCancelled: {
		registration: {
			da: { title: 'Aflyst: {event}', body: '{event} er desværre aflyst. Din tilmelding er annulleret.' },
			en: {
				title: 'Cancelled: {event}',
				body: 'Unfortunately {event} has been cancelled. Your registration has been cancelled.'
			}
		},
		shifts: {
			da: {
				title: 'Aflyst: {event}',
				body: '{event} er desværre aflyst. {shifts|Din vagt er annulleret.|Dine vagter er annulleret.}'
			},
			en: {
				title: 'Cancelled: {event}',
				body: 'Unfortunately {event} has been cancelled. {shifts|Your shift has been cancelled.|Your shifts have been cancelled.}'
			}
		},
		both: {
			da: {
				title: 'Aflyst: {event}',
				body: '{event} er desværre aflyst. Din tilmelding og {shifts|din vagt|dine vagter} er annulleret.'
			},
			en: {
				title: 'Cancelled: {event}',
				body: 'Unfortunately {event} has been cancelled. Your registration and {shifts|shift|shifts} have been cancelled.'
			}
		},
		// a ticket, and only places on shifts' waitlists
		registrationWaitlist: {
			da: {
				title: 'Aflyst: {event}',
				body: '{event} er desværre aflyst. Din tilmelding er annulleret, og du er ikke længere på ventelisten til {shifts|vagten|vagterne}.'
			},
			en: {
				title: 'Cancelled: {event}',
				body: 'Unfortunately {event} has been cancelled. Your registration has been cancelled, and you are no longer on the waitlist for {shifts|the shift|the shifts}.'
			}
		},
		waitlist: {
			da: {
				title: 'Aflyst: {event}',
				body: '{event} er desværre aflyst. Du er ikke længere på ventelisten til {shifts|vagten|vagterne}.'
			},
			en: {
				title: 'Cancelled: {event}',
				body: 'Unfortunately {event} has been cancelled. You are no longer on the waitlist for {shifts|the shift|the shifts}.'
			}
		}
	}
};

function pbNow() {
	return new Date().toISOString().replace('T', ' ');
}

function kindOf(collection) {
	const kind = KINDS[collection];
	if (!kind) throw new Error('unknown queue collection ' + collection);
	return kind;
}

function eventOfParent(app, collection, parent) {
	return collection === 'signups' ? app.findRecordById('events', parent.getString('event')) : parent;
}

function countStatus(app, collection, parentId, status) {
	const where = {};
	where[kindOf(collection).parentField] = parentId;
	where.status = status;
	return app.countRecords(collection, $dbx.hashExp(where));
}

/** The number of confirmed places of a shift (signups) or an event (registrations). */
function confirmedCount(app, collection, parentId) {
	return countStatus(app, collection, parentId, 'confirmed');
}

/**
 * Whether a shift or an event has ever had a place: a sign-up or registration in any status, cancelled
 * ones included, because they are history (statistics, "Mine data"). An event counts the sign-ups of all
 * its shifts too.
 * @param {core.App} app
 * @param {'events' | 'shifts'} collection
 * @param {string} id
 * @returns {boolean}
 */
function hasPlaces(app, collection, id) {
	if (collection === 'shifts') return app.countRecords('signups', $dbx.hashExp({ shift: id })) > 0;
	if (app.countRecords('registrations', $dbx.hashExp({ event: id })) > 0) return true;
	return (
		app.findRecordsByFilter('signups', bindFilter('shift.event = {:event}', { event: id }), '', 1, 0).length >
		0
	);
}

/**
 * The places held in an event now, confirmed or waiting: its registrations and the sign-ups for its shifts.
 * @param {core.App} app
 * @param {string} eventId
 * @param {number} [limit] at most this many of each (0: all)
 * @returns {{ registrations: core.Record[], signups: core.Record[] }}
 */
function activePlaces(app, eventId, limit) {
	const active = require(`${__hooks}/lib/core/status.js`).activePlaceFilter();
	const p = { event: eventId };
	return {
		registrations: app.findRecordsByFilter(
			'registrations',
			bindFilter('event = {:event} && ' + active, p),
			'',
			limit || 0,
			0
		),
		signups: app.findRecordsByFilter(
			'signups',
			bindFilter('shift.event = {:event} && ' + active, p),
			'',
			limit || 0,
			0
		)
	};
}

/**
 * Whether people have come to an event by `now`: once it has begun (`start`, ms), a ticket checked in at
 * the door; at any time, a shift of it that has begun with a confirmed volunteer (setting up before it, or
 * during it). Such an event keeps its start and room and is not cancelled (`eventMoveProblem`,
 * `eventRoomProblem`, `eventCancelProblem`). A ticket checked in before the start does not hold the
 * event: moved past its door, the check-in is undone (`clearEarlyCheckIns`).
 * @param {core.App} app
 * @param {string} eventId
 * @param {number} now ms
 * @param {number} start ms, the event's stored start
 * @returns {boolean}
 */
function hasAttendance(app, eventId, now, start) {
	const checkedIn =
		now >= start
			? app.findRecordsByFilter(
					'registrations',
					bindFilter('event = {:event} && status = "confirmed" && checked_in_at != ""', { event: eventId }),
					'',
					1,
					0
				)
			: [];
	if (checkedIn.length > 0) return true;
	const on = app.findRecordsByFilter(
		'signups',
		bindFilter('shift.event = {:event} && shift.start <= {:now} && status = "confirmed"', {
			event: eventId,
			now: new Date(now).toISOString().replace('T', ' ')
		}),
		'',
		1,
		0
	);
	return on.length > 0;
}

/** Whether anyone holds a place in an event now (`activePlaces`). */
function hasActivePlaces(app, eventId) {
	const places = activePlaces(app, eventId, 1);
	return places.registrations.length > 0 || places.signups.length > 0;
}

/**
 * The machine roles of an actor for one row: the row's own person is its "owner" (staff included, for
 * their own rows), staff is "staff", the system is "system".
 * @param {{ kind: string, id: string }} actor
 * @param {string} [ownerId]
 * @returns {string[]}
 */
function rolesOf(actor, ownerId) {
	if (actor.kind === 'system') return ['system'];
	const roles = [];
	if (ownerId && actor.id === ownerId) roles.push('owner');
	if (actor.kind === 'staff') roles.push('staff');
	return roles;
}

/** Stores the number of confirmed places on the shift or event, so places left are public. */
function recount(app, collection, parentId) {
	const kind = kindOf(collection);
	let parent;
	try {
		parent = app.findRecordById(kind.parentCollection, parentId);
	} catch (_) {
		return; // the parent is being deleted
	}
	const taken = confirmedCount(app, collection, parentId);
	if (parent.getInt('taken') !== taken) {
		parent.set('taken', taken);
		app.saveNoValidate(parent);
	}
}

/**
 * A shift's time as a message parameter in both languages, as core/time.js formatSpan writes it: its start,
 * and the end's time on the day it starts, else the end's day too (a shift through the night, clearing up).
 * @param {core.Record} shift
 * @returns {{ da: string, en: string }}
 */
function shiftWhen(shift) {
	const time = require(`${__hooks}/lib/core/time.js`);
	const when = (language) => time.formatSpan(shift.getString('start'), shift.getString('end'), language);
	return { da: when('da'), en: when('en') };
}

function linkFor(collection, record, event) {
	return collection === 'signups' ? '/arrangementer/' + event.id : '/billet/' + record.id;
}

/**
 * The volunteer's sign-up (other than for `shift`) whose shift overlaps `shift`'s time, or null: the rule
 * that skips a waiting volunteer in promotions (fillPlaces) and that the app tells them about (the
 * `my-places` route names the shift it found).
 * @param {core.App} app
 * @param {string} userId
 * @param {{ id: string, start: string, end: string }} shift
 * @param {string} [status] a filter on the other sign-ups' status; confirmed ones when omitted
 * @returns {core.Record | null}
 */
function overlappingSignup(app, userId, shift, status) {
	const clash = app.findRecordsByFilter(
		'signups',
		bindFilter(
			'user = {:user} && ' +
				(status || 'status = "confirmed"') +
				' && shift != {:shift} && shift.start < {:end} && shift.end > {:start}',
			{ user: userId, shift: shift.id, start: shift.start, end: shift.end }
		),
		'',
		1,
		0
	);
	return clash.length > 0 ? clash[0] : null;
}

/**
 * Whether the volunteer holds a confirmed shift (other than `shift`) that overlaps `shift`'s time.
 * @param {core.App} app
 * @param {string} userId
 * @param {{ id: string, start: string, end: string }} shift
 * @param {string} [status] a filter on the other sign-ups' status; confirmed ones when omitted
 */
function holdsOverlappingShift(app, userId, shift, status) {
	return overlappingSignup(app, userId, shift, status) !== null;
}

/**
 * Whether the person has the volunteer terms accepted now, read from their row in the caller's transaction:
 * the rule that skips a waiting volunteer without them in promotions (fillPlaces) and that the app tells
 * them about (the `my-places` route marks their waiting sign-ups).
 * @param {core.App} app
 * @param {string} userId
 */
function hasVolunteerTerms(app, userId) {
	try {
		return app.findRecordById('users', userId).getString('volunteer_terms_at') !== '';
	} catch (_) {
		return false;
	}
}

/**
 * Why promotions pass over a volunteer waiting for `shift`, or '' when they do not: 'overlap' when they
 * hold a confirmed shift at the same time, 'terms' when they have withdrawn the volunteer terms (nobody
 * takes a shift without them, decideNew, so nobody is moved up into one either). Promotions (fillPlaces)
 * and the staff roster ask this one question.
 * @param {core.App} app
 * @param {string} userId
 * @param {{ id: string, start: string, end: string }} shift
 * @returns {'overlap' | 'terms' | ''}
 */
function passedOver(app, userId, shift) {
	if (holdsOverlappingShift(app, userId, shift)) return 'overlap';
	if (!hasVolunteerTerms(app, userId)) return 'terms';
	return '';
}

/**
 * Confirms waitlisted entries, first in sign-up order, while places are free (transition "promote", made
 * by the system); tells each one. A volunteer who meanwhile holds an overlapping confirmed shift, or has
 * withdrawn the volunteer terms, is skipped and keeps their place in the queue. Does nothing for an event
 * that is not published. Counts from the database, so calling it twice promotes nobody twice.
 * @param {core.App} app
 * @param {'signups' | 'registrations'} collection
 * @param {string} parentId shift id (signups) or event id (registrations)
 * @returns {string[]} the promoted ids
 */
function fillPlaces(app, collection, parentId) {
	const capacity = require(`${__hooks}/lib/capacity.js`);
	const machines = require(`${__hooks}/lib/events-machines.js`);
	const { permitted } = require(`${__hooks}/lib/core/machine.js`);
	const { notify } = require(`${__hooks}/lib/notify.js`);
	const kind = kindOf(collection);
	const parent = app.findRecordById(kind.parentCollection, parentId);
	const event = eventOfParent(app, collection, parent);
	if (event.getString('state') !== 'published') return [];
	// with registration switched off nobody new registers (decideNew), but those already waiting keep their
	// turn: a place freed or added still goes to the first of them, as their receipt promised
	// nobody is moved up into a shift or an event that has begun (as nobody may sign up for one): a place
	// given up afterwards stays free, and the waitlist stays what it was
	if (require(`${__hooks}/lib/events-rules.js`).toMs(parent.getString('start')) <= Date.now()) return [];
	let free = capacity.placesLeft({
		places: parent.getInt(kind.placesField),
		confirmed: confirmedCount(app, collection, parentId)
	});
	const promoted = [];
	if (free === 0) return promoted;
	const waiting = app.findRecordsByFilter(
		collection,
		bindFilter(kind.parentField + ' = {:parent} && status = "waitlisted"', { parent: parentId }),
		'placed_at,id',
		0,
		0
	);
	const shift =
		collection === 'signups'
			? { id: parent.id, start: parent.getString('start'), end: parent.getString('end') }
			: null;
	// a volunteer moved up inside the cut-off can no longer cancel the shift themselves: the notice says so
	const rules = require(`${__hooks}/lib/events-rules.js`);
	const texts =
		shift && !rules.mayCancelShift({ shiftStart: shift.start, now: new Date() })
			? TEXTS.promoted.signupsInsideCutoff
			: TEXTS.promoted[collection];
	for (const record of waiting) {
		if (free === 0) break;
		if (!permitted(machines.machineOf(collection), record.getString('status'), 'confirmed', ['system']))
			continue;
		if (shift && passedOver(app, record.getString('user'), shift)) continue;
		record.set('status', 'confirmed');
		// when: a person leaving the waitlist just as this reaches them is let go (cancelPlace)
		record.set('promoted_at', pbNow());
		app.save(record);
		free--;
		promoted.push(record.id);
		notify(app, record.getString('user'), {
			kind: 'events_promoted',
			texts: texts,
			params: {
				event: eventTitle(event),
				task: collection === 'signups' ? parent.getString('task') : '',
				// which of the event's shifts (two may share a task), and when
				when: collection === 'signups' ? shiftWhen(parent) : '',
				hours: String(rules.SHIFT_CANCEL_CUTOFF_HOURS)
			},
			link: linkFor(collection, record, event),
			dedupeKey: 'events-promoted-' + record.id + '-' + record.getString('placed_at')
		});
	}
	if (promoted.length > 0) recount(app, collection, parentId);
	return promoted;
}

/**
 * Fills again the places a volunteer was skipped for: the shifts where `userId` waits that overlap `span`,
 * the time of a confirmed shift of theirs that was just cancelled or moved away. fillPlaces decides each
 * one from the database (the volunteer may still hold another overlapping shift).
 * @param {core.App} app the transaction's app
 * @param {string} userId
 * @param {{ id: string, start: string, end: string }} span
 */
function refillSkipped(app, userId, span) {
	const waiting = app.findRecordsByFilter(
		'signups',
		bindFilter(
			'user = {:user} && status = "waitlisted" && shift != {:shift} && shift.start < {:end} && shift.end > {:start}',
			{ user: userId, shift: span.id, start: span.start, end: span.end }
		),
		'',
		0,
		0
	);
	for (const s of waiting) fillPlaces(app, 'signups', s.getString('shift'));
}

/**
 * Fills again the places a volunteer was skipped for while without the volunteer terms: every shift they
 * wait for, once they have accepted the terms again. fillPlaces decides each one from the database.
 * @param {core.App} app the transaction's app
 * @param {string} userId
 */
function refillAfterTerms(app, userId) {
	const waiting = app.findRecordsByFilter(
		'signups',
		bindFilter('user = {:user} && status = "waitlisted"', { user: userId }),
		'',
		0,
		0
	);
	for (const s of waiting) fillPlaces(app, 'signups', s.getString('shift'));
}

/**
 * A place has left its shift or event (cancelled, or moved elsewhere by the system), saved already: a
 * confirmed one's place goes to the waitlist, the counter follows, and a volunteer passed over elsewhere for
 * holding that shift gets their turn again.
 * @param {core.App} app the transaction's app
 * @param {'signups' | 'registrations'} collection
 * @param {string} parentId the shift or event the place left
 * @param {string} userId the place's person
 * @param {string} from the status the place had there
 */
function placeLeft(app, collection, parentId, userId, from) {
	if (from === 'confirmed') fillPlaces(app, collection, parentId);
	recount(app, collection, parentId);
	if (from === 'confirmed' && collection === 'signups') {
		const shift = app.findRecordById('shifts', parentId);
		refillSkipped(app, userId, {
			id: shift.id,
			start: shift.getString('start'),
			end: shift.getString('end')
		});
	}
}

/**
 * The confirmed sign-ups of a shift, or of every shift of an event, each with its person and its shift's
 * time: what a deletion of the shift or event takes with it (refillSkipped follows it up).
 * @param {core.App} app the deletion's transaction
 * @param {'events' | 'shifts'} collection
 * @param {string} id
 * @returns {{ user: string, shift: { id: string, start: string, end: string } }[]}
 */
function confirmedShiftsOf(app, collection, id) {
	const rows = app.findRecordsByFilter(
		'signups',
		bindFilter((collection === 'shifts' ? 'shift' : 'shift.event') + ' = {:id} && status = "confirmed"', {
			id: id
		}),
		'',
		0,
		0
	);
	app.expandRecords(rows, ['shift'], null);
	return rows.map((row) => {
		const shift = row.expandedOne('shift');
		return {
			user: row.getString('user'),
			shift: { id: shift.id, start: shift.getString('start'), end: shift.getString('end') }
		};
	});
}

/**
 * Tells a person that someone else (staff, the system) cancelled their sign-up or registration: once per
 * place (a place reopened later is a new one), naming the shift or event and when it starts. A volunteer
 * who was waiting is told they are off the shift's waitlist (they never had the shift).
 * @param {core.App} app the transaction's app
 * @param {'signups' | 'registrations'} collection
 * @param {core.Record} row the cancelled row
 * @param {string} from the status the row had before
 */
function tellCancelled(app, collection, row, from) {
	const { notify } = require(`${__hooks}/lib/notify.js`);
	const parent = app.findRecordById(
		kindOf(collection).parentCollection,
		row.getString(kindOf(collection).parentField)
	);
	const event = eventOfParent(app, collection, parent);
	notify(app, row.getString('user'), {
		kind: 'events_place_cancelled',
		texts:
			collection === 'signups' && from === 'waitlisted'
				? TEXTS.waitlistCancelled
				: TEXTS.placeCancelled[collection],
		params: {
			event: eventTitle(event),
			task: collection === 'signups' ? parent.getString('task') : '',
			start: { instant: parent.getString('start') }
		},
		link: '/arrangementer/' + event.id,
		dedupeKey: 'events-place-cancelled-' + row.id + '-' + row.getString('placed_at')
	});
}

/**
 * The transition "cancel" of a sign-up or registration, on the row as it stands in the database: checks
 * the machine and (for a volunteer's own sign-up) the cut-off, writes status and cancelled_at only, moves
 * the waitlist up (and, for a confirmed shift, the places its volunteer was skipped for), keeps the
 * counter, audits a staff member's act and tells the person when someone else cancelled it. A desk act is
 * the citizen's own (the desk tells them itself); `options.quiet` is for callers that tell in their own
 * words or not at all (a cancelled event, account deletion). `options.seen` is the status the person's
 * request was sent from: a person leaving the waitlist whom a promotion reached just before
 * (events-rules.js leavesWaitlist) is judged as leaving the waitlist, not as giving up a confirmed place.
 * @param {core.App} app the transaction's app
 * @param {'signups' | 'registrations'} collection
 * @param {string} id
 * @param {{ kind: string, id: string }} actor
 * @param {{ quiet?: boolean, seen?: unknown }} [options]
 * @returns {core.Record} the row after the transition
 */
function cancelPlace(app, collection, id, actor, options) {
	const machines = require(`${__hooks}/lib/events-machines.js`);
	const { permitted } = require(`${__hooks}/lib/core/machine.js`);
	const { refusal } = require(`${__hooks}/lib/core/errors.js`);
	const audit = require(`${__hooks}/lib/core/audit.js`);
	const kind = kindOf(collection);
	const row = app.findRecordById(collection, id);
	const roles = rolesOf(actor, row.getString('user'));
	const from = row.getString('status');
	const t = permitted(machines.machineOf(collection), from, 'cancelled', roles);
	if (!t) throw refusal('events_status_locked');
	// a ticket used at the door is attendance: cancelling it would hand its place on and, reopened, clear the
	// check-in; only the system (account deletion, a cancelled event) releases it
	if (collection === 'registrations' && row.getString('checked_in_at') && roles.indexOf('system') < 0) {
		throw refusal('events_already_checked_in');
	}
	const ownAct = roles.indexOf('staff') < 0 && roles.indexOf('system') < 0;
	// the person asked to leave the waitlist, and a promotion confirmed the place only just before their
	// request arrived: what they asked for is honoured, as the waitlist place they saw is judged (no cut-off)
	const leaving =
		ownAct &&
		require(`${__hooks}/lib/events-rules.js`).leavesWaitlist({
			seen: options && options.seen,
			status: from,
			promotedAt: row.getString('promoted_at'),
			now: Date.now()
		});
	const judged = leaving ? 'waitlisted' : from;
	// Once the shift or event has begun, the person's own place is history, at the desk too (staff can
	// still correct it; nobody is moved up then, see fillPlaces): a confirmed one is attendance or a no-show,
	// and one still waiting records that they waited and got no place. A place a promotion confirmed just
	// before a leave sent from the waitlist is let go (above): a place they never chose is no attendance.
	if (ownAct) {
		const parent = app.findRecordById(kind.parentCollection, row.getString(kind.parentField));
		if (require(`${__hooks}/lib/events-rules.js`).toMs(parent.getString('start')) <= Date.now()) {
			if (judged === 'confirmed') throw refusal('events_cancel_started');
			if (from === 'waitlisted') throw refusal('events_waitlist_started');
		}
	}
	const overridden = require(`${__hooks}/lib/core/auth.js`).overrides(actor);
	// the cut-off guards the confirmed places the event counts on; a waitlist may be left until the start
	if (collection === 'signups' && judged === 'confirmed' && ownAct && !overridden) {
		const rules = require(`${__hooks}/lib/events-rules.js`);
		const shift = app.findRecordById('shifts', row.getString('shift'));
		if (!rules.mayCancelShift({ shiftStart: shift.getString('start'), now: new Date() })) {
			throw refusal('events_cancel_too_late');
		}
	}
	row.set('status', 'cancelled');
	row.set('cancelled_at', pbNow());
	// the calendar feed keeps a confirmed place (one it showed) that someone else cancelled (staff, the
	// event's cancellation), marked so
	row.set('cancelled_by_house', from === 'confirmed' && roles.indexOf('owner') < 0);
	// a waiting place someone else ended: the person reads that the house took them off the waitlist, not
	// that they left it (never in the feed, which shows confirmed places only)
	row.set('off_waitlist_by_house', from === 'waitlisted' && roles.indexOf('owner') < 0);
	app.save(row);
	placeLeft(app, collection, row.getString(kind.parentField), row.getString('user'), from);
	audit.staffAction(app, actor, collection + '.' + t.name, row, { from: from, to: 'cancelled' });
	if (roles.indexOf('owner') < 0 && !(options && options.quiet)) tellCancelled(app, collection, row, from);
	return row;
}

/**
 * Cancels one sign-up or registration as the system (no cut-off, no message to the person): for other
 * areas, e.g. account deletion. Re-reads the row inside `app`; a row that is already cancelled stays as it is.
 * @param {core.App} app
 * @param {'signups' | 'registrations'} collection
 * @param {core.Record} record
 */
function releaseEntry(app, collection, record) {
	const fresh = app.findRecordById(collection, record.id);
	if (fresh.getString('status') === 'cancelled') return fresh;
	return cancelPlace(app, collection, fresh.id, { kind: 'system', id: '' }, { quiet: true });
}

/**
 * The named transition "check_in" of a confirmed registration (staff at the door): once per ticket.
 * @param {core.App} app the transaction's app
 * @param {string} id
 * @param {{ kind: string, id: string }} actor
 */
function checkIn(app, id, actor) {
	const machines = require(`${__hooks}/lib/events-machines.js`);
	const { named, allowed } = require(`${__hooks}/lib/core/machine.js`);
	const { refusal } = require(`${__hooks}/lib/core/errors.js`);
	const audit = require(`${__hooks}/lib/core/audit.js`);
	const row = app.findRecordById('registrations', id);
	const t = named(machines.REGISTRATION, row.getString('status'), 'check_in');
	if (t && !allowed(t, rolesOf(actor))) throw new ForbiddenError('Only staff can check in tickets.');
	if (row.getString('checked_in_at') !== '') throw refusal('events_already_checked_in');
	if (!t) throw refusal('events_ticket_not_confirmed');
	// at the door of the event: not weeks early by a mistyped code, not after it ended
	const event = app.findRecordById('events', row.getString('event'));
	const when = require(`${__hooks}/lib/events-rules.js`).ticketCheckinProblem(
		{ start: event.getString('start'), end: event.getString('end') },
		Date.now()
	);
	if (when === 'early') throw refusal('events_checkin_not_open');
	if (when === 'over') throw refusal('events_checkin_over');
	row.set('checked_in_at', pbNow());
	app.save(row);
	audit.staffAction(app, actor, 'registrations.check_in', row, {
		checked_in_at: row.getString('checked_in_at')
	});
	return row;
}

/**
 * Undoes the check-ins of an event's tickets made before its door opens (TICKET_CHECKIN_OPENS_MINUTES
 * before its start): after a move to a later time they were not made at this event's door, and a ticket
 * counted as used could be neither cancelled nor checked in. Returns how many were undone.
 * @param {core.App} app the transaction's app
 * @param {core.Record} event as it is now
 */
function clearEarlyCheckIns(app, event) {
	const rules = require(`${__hooks}/lib/events-rules.js`);
	const opens = new Date(rules.ticketCheckinOpens(event.getString('start'))).toISOString().replace('T', ' ');
	const early = app.findRecordsByFilter(
		'registrations',
		require(`${__hooks}/lib/core/filter.js`).bindFilter(
			'event = {:event} && checked_in_at != "" && checked_in_at < {:opens}',
			{ event: event.id, opens: opens }
		),
		'',
		0,
		0
	);
	for (const r of early) {
		r.set('checked_in_at', '');
		app.save(r);
	}
	return early.length;
}

/**
 * Cancels every active sign-up and registration of a cancelled event and tells each person once, of the
 * places they held: a guest with a ticket had no shift, a volunteer no ticket, and one who only waited for
 * a shift never had it.
 */
function cancelEventEntries(app, event) {
	const { notify } = require(`${__hooks}/lib/notify.js`);
	const system = { kind: 'system', id: '' };
	/** @type {Record<string, { registration: boolean, shifts: number, confirmed: number }>} */
	const people = {};
	const held = (userId) =>
		(people[userId] = people[userId] || { registration: false, shifts: 0, confirmed: 0 });
	const { registrations, signups } = activePlaces(app, event.id);
	for (const r of registrations) {
		cancelPlace(app, 'registrations', r.id, system, { quiet: true });
		held(r.getString('user')).registration = true;
	}
	for (const s of signups) {
		cancelPlace(app, 'signups', s.id, system, { quiet: true });
		const person = held(s.getString('user'));
		person.shifts++;
		if (s.getString('status') === 'confirmed') person.confirmed++;
	}
	for (const userId of Object.keys(people)) {
		const person = people[userId];
		const cancelled = TEXTS.eventCancelled;
		// the shifts named are those held, or, for one who held none, those waited for
		const texts =
			person.confirmed > 0
				? person.registration
					? cancelled.both
					: cancelled.shifts
				: person.shifts > 0
					? person.registration
						? cancelled.registrationWaitlist
						: cancelled.waitlist
					: cancelled.registration;
		notify(app, userId, {
			kind: 'events_cancelled',
			texts: texts,
			params: { event: eventTitle(event), shifts: person.confirmed || person.shifts },
			link: '/arrangementer/' + event.id,
			dedupeKey: 'events-cancelled-' + event.id + '-' + userId
		});
	}
}

/**
 * Tells everyone with a place (registered, signed up for one of its shifts, or waiting for either) that a
 * published event moved to another time or room: once per person and move, in their language.
 * @param {core.App} app the transaction of the move
 * @param {core.Record} before the event as it stood
 * @param {core.Record} event the event as saved
 * @param {string[]} [told] users already told of their moved shift (moveShiftsAlong), told no more
 */
function tellMoved(app, before, event, told) {
	const moved = ['start', 'end', 'room'].some((f) => before.getString(f) !== event.getString(f));
	if (!moved || before.getString('state') !== 'published' || event.getString('state') !== 'published') return;
	const { notify } = require(`${__hooks}/lib/notify.js`);
	const time = require(`${__hooks}/lib/core/time.js`);
	const places = activePlaces(app, event.id);
	const people = {};
	for (const place of places.registrations.concat(places.signups)) people[place.getString('user')] = true;
	// a volunteer told of their moved shift hears no more, unless they also hold a ticket or the event
	// changed room (the shift's message names its time, not the event's time or room)
	if (before.getString('room') === event.getString('room')) {
		const ticket = {};
		for (const r of places.registrations) ticket[r.getString('user')] = true;
		for (const userId of told || []) if (!ticket[userId]) delete people[userId];
	}
	let room = '';
	try {
		room = app.findRecordById('rooms', event.getString('room')).getString('name');
	} catch (_) {
		room = '';
	}
	// the new start and end (a change of the end alone is news too): the end's time, or its day too
	const when = (language) =>
		time.formatSpan(event.getString('start'), event.getString('end'), language) + (room ? ', ' + room : '');
	for (const userId of Object.keys(people)) {
		notify(app, userId, {
			kind: 'events_moved',
			texts: TEXTS.eventMoved,
			params: { event: eventTitle(event), when: { da: when('da'), en: when('en') } },
			link: '/arrangementer/' + event.id
		});
	}
}

/**
 * The confirmed volunteers of a shift that is being moved to `span`. Refuses the move when one of them
 * would hold two overlapping confirmed shifts (events_shift_move_overlap).
 * @param {core.App} app the move's transaction
 * @param {{ id: string, start: string, end: string }} span the shift's new time
 * @returns {core.Record[]} the confirmed sign-ups
 */
function checkShiftMove(app, span) {
	const { refusal } = require(`${__hooks}/lib/core/errors.js`);
	const confirmed = app.findRecordsByFilter(
		'signups',
		bindFilter('shift = {:shift} && status = "confirmed"', { shift: span.id }),
		'',
		0,
		0
	);
	for (const s of confirmed) {
		if (holdsOverlappingShift(app, s.getString('user'), span)) {
			throw refusal('events_shift_move_overlap', 'start');
		}
	}
	return confirmed;
}

/**
 * What follows a shift's move, once it is saved: a volunteer skipped for overlapping another shift may fit
 * now; those skipped for the places its volunteers held at the old time may move up; its volunteers are
 * told (tellShiftMoved).
 * @param {core.App} app the move's transaction
 * @param {core.Record} before the shift as it was
 * @param {core.Record} shift the shift as saved
 * @param {core.Record[]} confirmed its confirmed sign-ups (checkShiftMove)
 * @returns {string[]} the users told
 */
function afterShiftMove(app, before, shift, confirmed, notes) {
	fillPlaces(app, 'signups', shift.id);
	const old = { id: before.id, start: before.getString('start'), end: before.getString('end') };
	for (const s of confirmed) refillSkipped(app, s.getString('user'), old);
	if (notes) {
		const found = movedShiftNotes(app, before, shift);
		notes.push(...found);
		return found.map((n) => n.user);
	}
	return tellShiftMoved(app, before, shift);
}

/**
 * Moves an event's coming shifts along with its start (docs/rules.md, "Events and volunteers"): each keeps
 * its distance to the event's start. A shift that has begun stays, as its places are attendance by then.
 * Saves every shift first, then checks their confirmed volunteers, so shifts of one event that move
 * together are judged at their new times.
 * @param {core.App} app the event's move transaction
 * @param {core.Record} before the event as it was
 * @param {core.Record} event the event as saved
 * @param {boolean} [system] the system account moves it (data arranged as found: shifts may land in the past)
 * @returns {{ shifts: string[], told: string[] }} the shifts moved and the users told of it
 */
function moveShiftsAlong(app, before, event, system) {
	const { refusal } = require(`${__hooks}/lib/core/errors.js`);
	const rules = require(`${__hooks}/lib/events-rules.js`);
	const delta = rules.toMs(event.getString('start')) - rules.toMs(before.getString('start'));
	if (!delta) return { shifts: [], told: [] };
	const shifts = app.findRecordsByFilter(
		'shifts',
		bindFilter('event = {:event} && start > {:now}', { event: event.id, now: pbNow() }),
		'start',
		0,
		0
	);
	const toPb = (ms) => new Date(ms).toISOString().replace('T', ' ');
	const moved = [];
	for (const shift of shifts) {
		const was = shift.fresh();
		shift.set('start', toPb(rules.toMs(was.getString('start')) + delta));
		shift.set('end', toPb(rules.toMs(was.getString('end')) + delta));
		const problem = rules.rangeProblem({ start: shift.getString('start'), end: shift.getString('end') });
		if (problem) throw refusal(problem.code, 'start');
		// a shift still to come is not moved into the past (nobody could sign up, and it would stay there);
		// the system, which arranges data as it finds it, may
		if (!system && rules.toMs(shift.getString('start')) <= Date.now()) {
			throw refusal('events_shifts_into_past', 'start');
		}
		app.save(shift);
		moved.push({ was, shift });
	}
	const confirmed = moved.map(({ shift }) =>
		checkShiftMove(app, { id: shift.id, start: shift.getString('start'), end: shift.getString('end') })
	);
	// one message per person for the move, naming each of their shifts, not one per shift
	const notes = [];
	moved.forEach(({ was, shift }, i) => afterShiftMove(app, was, shift, confirmed[i], notes));
	return { shifts: moved.map(({ shift }) => shift.id), told: tellShiftsMoved(app, notes) };
}

/**
 * Refuses an event's new times that leave a coming shift outside the time around the event (after
 * moveShiftsAlong has moved them with its start): an end drawn in would leave volunteers a shift days after
 * the event. A shift that has begun stays as it is, as moveShiftsAlong leaves it.
 * @param {core.App} app
 * @param {core.Record} event the event as it will be saved
 */
function checkShiftsAround(app, event) {
	const rules = require(`${__hooks}/lib/events-rules.js`);
	const shifts = app.findRecordsByFilter(
		'shifts',
		bindFilter('event = {:event} && start > {:now}', { event: event.id, now: pbNow() }),
		'',
		0,
		0
	);
	const around = { start: event.getString('start'), end: event.getString('end') };
	for (const shift of shifts) {
		const problem = rules.shiftEventProblem(
			{ start: shift.getString('start'), end: shift.getString('end') },
			around
		);
		if (problem) {
			throw require(`${__hooks}/lib/core/errors.js`).refusal(
				problem.field === 'end' ? 'events_end_leaves_shifts' : 'events_shift_outside_event',
				problem.field
			);
		}
	}
}

/**
 * What to tell each volunteer with a place on a moved shift (confirmed or waiting): the shift's task and
 * new time in both languages, and whether they may still cancel it themselves. None when the times did
 * not change or the event is not published.
 * @param {core.App} app
 * @param {core.Record} before the shift as it was
 * @param {core.Record} shift the shift as saved
 * @returns {{ user: string, event: core.Record, task: string, when: { da: string, en: string }, mayCancel: boolean }[]}
 */
function movedShiftNotes(app, before, shift) {
	const moved = ['start', 'end'].some((f) => before.getString(f) !== shift.getString(f));
	if (!moved) return [];
	let event;
	try {
		event = app.findRecordById('events', shift.getString('event'));
	} catch (_) {
		return [];
	}
	if (event.getString('state') !== 'published') return [];
	const active = require(`${__hooks}/lib/core/status.js`).activePlaceFilter();
	const places = app.findRecordsByFilter(
		'signups',
		bindFilter('shift = {:shift} && ' + active, { shift: shift.id }),
		'',
		0,
		0
	);
	const when = shiftWhen(shift);
	// inside the cut-off a volunteer can no longer cancel on their own: the notice sends them to staff
	const { mayCancelShift } = require(`${__hooks}/lib/events-rules.js`);
	const mayCancel = mayCancelShift({ shiftStart: shift.getString('start'), now: new Date() });
	return places.map((place) => ({
		user: place.getString('user'),
		event: event,
		task: shift.getString('task'),
		when: when,
		mayCancel: mayCancel
	}));
}

/**
 * Tells each volunteer once that their shifts moved, in the move's transaction, as tellMoved does for an
 * event: one shift by its task and time, several of one event (moved along with it) in one message.
 * @param {core.App} app
 * @param {ReturnType<typeof movedShiftNotes>} notes
 * @returns {string[]} the users told
 */
function tellShiftsMoved(app, notes) {
	const { notify } = require(`${__hooks}/lib/notify.js`);
	const byUser = {};
	for (const note of notes) (byUser[note.user] = byUser[note.user] || []).push(note);
	const told = Object.keys(byUser);
	for (const user of told) {
		const mine = byUser[user];
		const event = mine[0].event;
		const advice = mine.every((n) => n.mayCancel)
			? {
					da: 'afmeld dig på arrangementets side eller kontakt personalet',
					en: 'cancel on the event page or contact the staff'
				}
			: { da: 'kontakt personalet', en: 'please contact the staff' };
		const list = (language) => mine.map((n) => n.task + ' ' + n.when[language]).join(', ');
		notify(app, user, {
			kind: 'events_shift_moved',
			texts: mine.length === 1 ? TEXTS.shiftMoved : TEXTS.shiftsMoved,
			params: {
				advice: advice,
				task: mine[0].task,
				event: eventTitle(event),
				when: mine[0].when,
				shifts: { da: list('da'), en: list('en') }
			},
			link: '/arrangementer/' + event.id
		});
	}
	return told;
}

/**
 * Tells each volunteer with a place on a moved shift that its time changed (tellShiftsMoved).
 * @param {core.App} app
 * @param {core.Record} before the shift as it was
 * @param {core.Record} shift the shift as saved
 * @returns {string[]} the users told
 */
function tellShiftMoved(app, before, shift) {
	return tellShiftsMoved(app, movedShiftNotes(app, before, shift));
}

/**
 * Decides a new sign-up or registration inside the caller's transaction: checks, then sets status and
 * placed_at on `record` (a new row, to be saved by the caller), or reopens the person's cancelled row
 * (transition "reopen") and returns it.
 * @param {core.App} app
 * @param {'signups' | 'registrations'} collection
 * @param {core.Record} record
 * @param {{ kind: string, id: string }} actor
 * @returns {core.Record | null} the reopened row, or null when `record` is to be created
 */
function decideNew(app, collection, record, actor) {
	const capacity = require(`${__hooks}/lib/capacity.js`);
	const rules = require(`${__hooks}/lib/events-rules.js`);
	const machines = require(`${__hooks}/lib/events-machines.js`);
	const { permitted } = require(`${__hooks}/lib/core/machine.js`);
	const { refusal } = require(`${__hooks}/lib/core/errors.js`);
	const status = require(`${__hooks}/lib/core/status.js`);
	const kind = kindOf(collection);
	const parentId = record.getString(kind.parentField);
	const userId = record.getString('user');
	// a deleted account holds no place: read here, as the deletion may have committed since PocketBase let
	// the request in (docs/rules.md, "Account, feed and reminders")
	if (require(`${__hooks}/lib/core/auth.js`).isDeletedAccount(app, userId)) {
		throw refusal('overview_account_deleted');
	}
	// a volunteer's shift needs the volunteer terms accepted; read here, in the write's transaction, as for
	// the state of the event below (the collections' create rules name only whose place it is). The
	// system's data loads are not held to it, as they were not to the create rule.
	if (
		collection === 'signups' &&
		actor.kind !== 'system' &&
		!app.findRecordById('users', userId).getString('volunteer_terms_at')
	) {
		throw refusal('events_volunteer_terms');
	}
	let parent;
	try {
		parent = app.findRecordById(kind.parentCollection, parentId);
	} catch (_) {
		throw refusal('events_not_open', kind.parentField);
	}
	const event = eventOfParent(app, collection, parent);
	if (event.getString('state') !== 'published') throw refusal('events_not_open', kind.parentField);
	if (collection === 'registrations' && !event.getBool('registration')) {
		throw refusal('events_not_open', kind.parentField);
	}
	if (rules.toMs(parent.getString('start')) <= Date.now()) throw refusal('events_started');
	let existing = null;
	try {
		existing = app.findFirstRecordByFilter(
			collection,
			bindFilter(kind.parentField + ' = {:parent} && user = {:user}', {
				parent: parentId,
				user: userId
			})
		);
	} catch (_) {
		existing = null;
	}
	// a place only waited for is named as such: the person has no place yet, and is told where they stand
	if (existing && status.isActivePlace(existing.getString('status'))) {
		throw refusal(
			existing.getString('status') === 'waitlisted' ? 'events_already_waiting' : 'events_already_signed_up'
		);
	}
	// No two active shifts at overlapping times, so a move up from the waitlist cannot create an overlap of
	// confirmed shifts either (docs/rules.md, "Events and volunteers").
	// A place only waited for is named as such: the volunteer has no shift then, and may leave that waitlist.
	// A waitlist of a shift that has begun moves nobody up any more (fillPlaces), so it holds nobody back.
	if (collection === 'signups') {
		const span = { id: parentId, start: parent.getString('start'), end: parent.getString('end') };
		if (holdsOverlappingShift(app, userId, span)) throw refusal('events_shift_overlap');
		const waiting = bindFilter('status = "waitlisted" && shift.start > {:now}', { now: pbNow() });
		if (holdsOverlappingShift(app, userId, span, waiting)) throw refusal('events_shift_overlap_waiting');
	}
	// A free place goes to the waitlist first, in sign-up order: someone skipped earlier (an overlapping
	// shift since moved or cancelled) may take it now, ahead of this newcomer (docs/rules.md, "Places, the
	// waitlist and overlapping shifts").
	fillPlaces(app, collection, parentId);
	const next = capacity.decideStatus({
		places: parent.getInt(kind.placesField),
		confirmed: confirmedCount(app, collection, parentId)
	});
	if (existing) {
		const roles = rolesOf(actor, userId);
		if (!permitted(machines.machineOf(collection), existing.getString('status'), next, roles)) {
			throw refusal('events_status_locked');
		}
	}
	const target = existing || record;
	target.set('status', next);
	target.set('placed_at', pbNow());
	target.set('cancelled_at', '');
	target.set('cancelled_by_house', false);
	target.set('off_waitlist_by_house', false);
	// a place the person takes themselves was not moved up
	target.set('promoted_at', '');
	if (collection === 'registrations') target.set('checked_in_at', '');
	if (existing) {
		app.save(existing);
		recount(app, collection, parentId);
		return existing;
	}
	return null;
}

module.exports = {
	clearEarlyCheckIns,
	KINDS,
	pbNow,
	rolesOf,
	hasActivePlaces,
	hasAttendance,
	tellMoved,
	tellShiftMoved,
	checkShiftMove,
	afterShiftMove,
	moveShiftsAlong,
	checkShiftsAround,
	confirmedCount,
	hasPlaces,
	holdsOverlappingShift,
	overlappingSignup,
	hasVolunteerTerms,
	passedOver,
	fillPlaces,
	refillSkipped,
	placeLeft,
	confirmedShiftsOf,
	refillAfterTerms,
	cancelPlace,
	releaseEntry,
	checkIn,
	cancelEventEntries,
	decideNew,
	recount
};
