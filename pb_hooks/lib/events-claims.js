/// <reference path="../../pb_data/types.d.ts" />

// Sign-ups (volunteer shifts) and registrations (attendees) share one queue mechanism: capacity.js
// decides, this module applies it to the database inside the caller's transaction.
// Exported for other areas: releaseEntry(app, collection, record) and fillPlaces(app, collection, parentId).

const KINDS = {
	signups: { parentField: 'shift', parentCollection: 'shifts', placesField: 'places' },
	registrations: { parentField: 'event', parentCollection: 'events', placesField: 'capacity' }
};

const TEXTS = {
	promoted: {
		signups: {
			da: {
				title: 'Du har fået en vagt: {task}',
				body: 'En plads blev ledig, og du er nu bekræftet på vagten "{task}" til {event}.'
			},
			en: {
				title: 'You have a shift: {task}',
				body: 'A place became free, and you are now confirmed for the shift "{task}" at {event}.'
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
	eventCancelled: {
		da: {
			title: 'Aflyst: {event}',
			body: '{event} er desværre aflyst. Din tilmelding og dine vagter er annulleret.'
		},
		en: {
			title: 'Cancelled: {event}',
			body: 'Unfortunately {event} has been cancelled. Your registration and shifts have been cancelled.'
		}
	}
};

function pbNow() {
	return new Date().toISOString().replace('T', ' ');
}

/** A refusal with a code that the app translates through errors_<code>. */
function refuse(code, message) {
	return new BadRequestError(message, { form: new ValidationError(code, message) });
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

/** Stores the number of confirmed places on the shift or event, so places left are public. */
function recount(app, collection, parentId) {
	const kind = kindOf(collection);
	let parent;
	try {
		parent = app.findRecordById(kind.parentCollection, parentId);
	} catch (_) {
		return; // the parent is being deleted
	}
	const taken = countStatus(app, collection, parentId, 'confirmed');
	if (parent.getInt('taken') !== taken) {
		parent.set('taken', taken);
		app.saveNoValidate(parent);
	}
}

function linkFor(collection, record, event) {
	return collection === 'signups' ? '/arrangementer/' + event.id : '/billet/' + record.id;
}

/**
 * Confirms waitlisted entries, first in sign-up order, while places are free; tells each one.
 * Does nothing for a cancelled event. Call it with the transaction's app.
 * @param {core.App} app
 * @param {'signups' | 'registrations'} collection
 * @param {string} parentId shift id (signups) or event id (registrations)
 */
function fillPlaces(app, collection, parentId) {
	const capacity = require(`${__hooks}/lib/capacity.js`);
	const { notify } = require(`${__hooks}/lib/notify.js`);
	const kind = kindOf(collection);
	const parent = app.findRecordById(kind.parentCollection, parentId);
	const event = eventOfParent(app, collection, parent);
	if (event.getString('state') !== 'published') return [];
	const places = parent.getInt(kind.placesField);
	const confirmed = countStatus(app, collection, parentId, 'confirmed');
	const free = capacity.placesLeft({ places: places, confirmed: confirmed });
	if (free === 0) return [];
	const waiting = app.findRecordsByFilter(
		collection,
		kind.parentField + ' = {:parent} && status = "waitlisted"',
		'placed_at,id',
		free,
		0,
		{ parent: parentId }
	);
	const entries = waiting.map((r) => ({
		id: r.id,
		status: 'waitlisted',
		placedAt: r.getString('placed_at')
	}));
	const ids = capacity.promotions({ places: free, entries: entries });
	const promoted = [];
	for (const record of waiting) {
		if (ids.indexOf(record.id) === -1) continue;
		record.set('status', 'confirmed');
		app.save(record);
		promoted.push(record.id);
		notify(app, record.getString('user'), {
			kind: 'events_promoted',
			texts: TEXTS.promoted[collection],
			params: {
				event: event.getString('title'),
				task: collection === 'signups' ? parent.getString('task') : ''
			},
			link: linkFor(collection, record, event),
			dedupeKey: 'events-promoted-' + record.id + '-' + record.getString('placed_at')
		});
	}
	return promoted;
}

/**
 * Cancels one sign-up or registration (no cut-off: for staff and for other areas, e.g. account deletion).
 * The model-level hook in events.pb.js then moves the waitlist up; calling txApp.save() on a record with
 * status "cancelled" has the same effect.
 * @param {core.App} app
 * @param {'signups' | 'registrations'} collection
 * @param {core.Record} record
 */
function releaseEntry(app, collection, record) {
	kindOf(collection);
	if (record.getString('status') === 'cancelled') return;
	record.set('status', 'cancelled');
	record.set('cancelled_at', pbNow());
	app.save(record);
}

/**
 * The model-level reaction to any saved sign-up or registration (also when another area saves it inside
 * its own transaction): a place that is not (or no longer) confirmed may free one for the waitlist, so
 * the queue is filled from the counts in the database (idempotent, safe with stale copies); counters follow.
 */
function afterStatusChange(app, collection, record) {
	const parentId = record.getString(kindOf(collection).parentField);
	if (record.getString('status') !== 'confirmed') fillPlaces(app, collection, parentId);
	recount(app, collection, parentId);
}

/** Cancels every sign-up and registration of a cancelled event and tells each person once. */
function cancelEventEntries(app, event) {
	const { notify } = require(`${__hooks}/lib/notify.js`);
	const people = {};
	const registrations = app.findRecordsByFilter(
		'registrations',
		'event = {:event} && status != "cancelled"',
		'',
		0,
		0,
		{ event: event.id }
	);
	for (const r of registrations) {
		releaseEntry(app, 'registrations', r);
		people[r.getString('user')] = true;
	}
	const signups = app.findRecordsByFilter(
		'signups',
		'shift.event = {:event} && status != "cancelled"',
		'',
		0,
		0,
		{ event: event.id }
	);
	for (const s of signups) {
		releaseEntry(app, 'signups', s);
		people[s.getString('user')] = true;
	}
	for (const userId of Object.keys(people)) {
		notify(app, userId, {
			kind: 'events_cancelled',
			texts: TEXTS.eventCancelled,
			params: { event: event.getString('title') },
			link: '/arrangementer/' + event.id,
			dedupeKey: 'events-cancelled-' + event.id + '-' + userId
		});
	}
}

/**
 * Decides a new sign-up or registration inside the caller's transaction: checks, then sets status and
 * placed_at on `record`, or reopens the person's cancelled row and returns it.
 * @returns {core.Record | null} the reopened row, or null when `record` is to be created
 */
function decideNew(app, collection, record) {
	const capacity = require(`${__hooks}/lib/capacity.js`);
	const rules = require(`${__hooks}/lib/events-rules.js`);
	const kind = kindOf(collection);
	const parentId = record.getString(kind.parentField);
	const userId = record.getString('user');
	let parent;
	try {
		parent = app.findRecordById(kind.parentCollection, parentId);
	} catch (_) {
		throw refuse('events_not_open', 'This event does not take sign-ups.');
	}
	const event = eventOfParent(app, collection, parent);
	if (event.getString('state') !== 'published') {
		throw refuse('events_not_open', 'This event does not take sign-ups.');
	}
	if (collection === 'registrations' && !event.getBool('registration')) {
		throw refuse('events_not_open', 'This event does not take registrations.');
	}
	if (rules.toMs(parent.getString('start')) <= Date.now()) {
		throw refuse('events_started', 'It has already started.');
	}
	let existing = null;
	try {
		existing = app.findFirstRecordByFilter(collection, kind.parentField + ' = {:parent} && user = {:user}', {
			parent: parentId,
			user: userId
		});
	} catch (_) {
		existing = null;
	}
	if (existing && existing.getString('status') !== 'cancelled') {
		throw refuse('events_already_signed_up', 'You are already signed up.');
	}
	if (collection === 'signups') {
		// No two active shifts at overlapping times, so a move up from the waitlist can never create an
		// overlap of confirmed shifts (DESIGN.md, "Events and volunteers").
		const clash = app.findRecordsByFilter(
			'signups',
			'user = {:user} && status != "cancelled" && shift != {:shift} && shift.start < {:end} && shift.end > {:start}',
			'',
			1,
			0,
			{
				user: userId,
				shift: parentId,
				start: parent.getString('start'),
				end: parent.getString('end')
			}
		);
		if (clash.length > 0) {
			throw refuse('events_shift_overlap', 'You already have a shift at that time.');
		}
	}
	const status = capacity.decideStatus({
		places: parent.getInt(kind.placesField),
		confirmed: countStatus(app, collection, parentId, 'confirmed')
	});
	const target = existing || record;
	target.set('status', status);
	target.set('placed_at', pbNow());
	target.set('cancelled_at', '');
	if (collection === 'registrations') target.set('checked_in_at', '');
	if (existing) {
		app.save(existing);
		return existing;
	}
	return null;
}

/** Refuses a shift or event that does not end after it starts. */
function checkRange(record, rules) {
	if (!rules.validRange({ start: record.getString('start'), end: record.getString('end') })) {
		const message = 'The end must be after the start.';
		throw new BadRequestError(message, { end: new ValidationError('events_end_before_start', message) });
	}
}

/** Writes an audit_log entry for a staff action (inside the write's transaction). */
function audit(app, actorId, action, collection, targetId, details) {
	const entry = new Record(app.findCollectionByNameOrId('audit_log'));
	if (actorId) entry.set('actor', actorId);
	entry.set('action', action);
	entry.set('target_collection', collection);
	entry.set('target_id', targetId);
	entry.set('details', details || {});
	app.save(entry);
}

/** The id of the signed-in staff member (users collection), or "" for anyone else. */
function staffId(e) {
	const auth = e.auth;
	if (!auth || auth.collection().name !== 'users' || !auth.getBool('staff')) return '';
	return auth.id;
}

/**
 * Runs fn(txApp) and then the request's own write in one transaction (NOTES.md pattern). An ApiError
 * thrown inside is rethrown outside with its type intact.
 */
function inTransaction(e, fn) {
	const original = e.app;
	let failure = null;
	try {
		original.runInTransaction((txApp) => {
			try {
				e.app = txApp;
				fn(txApp);
			} catch (err) {
				failure = err;
				throw err;
			}
		});
	} catch (err) {
		e.app = original;
		throw failure || err;
	}
	e.app = original;
}

module.exports = {
	KINDS,
	refuse,
	pbNow,
	fillPlaces,
	releaseEntry,
	afterStatusChange,
	cancelEventEntries,
	decideNew,
	recount,
	audit,
	checkRange,
	staffId,
	inTransaction
};
