/// <reference path="../../pb_data/types.d.ts" />

// The library's writes: holds becoming ready, the desk (check-in, pickup, return) and expiry.
// Every function takes the app it must write with; call it with the transaction's app (txApp), so that a
// desk operation and everything it moves (the next hold, the copy, the notification, the audit entry)
// commit together or not at all. The queue order itself lives in library-queue.js.

const queue = require(`${__hooks}/lib/library-queue.js`);
const { notify } = require(`${__hooks}/lib/notify.js`);

const ACTIVE_FILTER = '(status = "" || status = "waiting" || status = "paused" || status = "ready")';

const TEXTS = {
	ready: {
		da: {
			title: 'Klar til afhentning: {title}',
			body: 'Du kan hente {title} på afhentningshylde {shelf} senest {deadline}.'
		},
		en: {
			title: 'Ready for pickup: {title}',
			body: 'You can collect {title} from pickup shelf {shelf} by {deadline}.'
		}
	},
	expired: {
		da: {
			title: 'Reservering udløbet: {title}',
			body: 'Du hentede ikke {title} inden fristen, så den er givet videre. Du kan reservere den igen.'
		},
		en: {
			title: 'Hold expired: {title}',
			body: 'You did not collect {title} in time, so it has gone to the next in line. You can place a new hold.'
		}
	}
};

/** A refusal the app translates through `errors_<code>`. */
function refuse(code, message, field) {
	const data = {};
	data[field || 'form'] = new ValidationError(code, message);
	return new BadRequestError(message, data);
}

function nowPb() {
	return queue.toPbDate(new Date());
}

/** The active holds of a title, as plain queue entries with their records. */
function titleHolds(app, titleId) {
	const records = app.findRecordsByFilter('holds', 'title = {:t} && ' + ACTIVE_FILTER, '', 0, 0, {
		t: titleId
	});
	return records.map((r) => ({
		id: r.id,
		status: r.getString('status'),
		placed_at: r.getString('placed_at'),
		record: r
	}));
}

/** The number of a title's copies on the shelf, counted (never kept as a running total). */
function countOnShelf(app, titleId) {
	return app.findRecordsByFilter('copies', 'title = {:t} && status = "shelf"', '', 0, 0, { t: titleId })
		.length;
}

/**
 * Saves the title with its recounted copies on the shelf, so that search sees availability and everyone
 * watching the title hears that its queue or copies moved.
 */
function touchTitle(app, titleId) {
	let title;
	try {
		title = app.findRecordById('titles', titleId);
	} catch (_) {
		return; // a title that is gone has nobody to tell
	}
	title.set('on_shelf', countOnShelf(app, titleId));
	app.save(title);
}

/** Writes an audit entry for a staff action. */
function audit(app, actorId, action, collection, targetId, details) {
	const record = new Record(app.findCollectionByNameOrId('audit_log'));
	record.set('actor', actorId || '');
	record.set('action', action);
	record.set('target_collection', collection);
	record.set('target_id', targetId);
	record.set('details', details || {});
	app.save(record);
}

/** Audits a staff member's write through the API (system writes, e.g. data loads, are not staff actions). */
function auditRequest(app, e, action, collection) {
	if (!e.auth || e.hasSuperuserAuth()) return;
	audit(app, e.auth.id, action, collection, e.record.id, { title: e.record.getString('title') });
}

/**
 * Sets a hold ready for pickup with a copy (on the record, not saved) and reserves the copy (saved).
 * @param {core.App} app
 * @param {core.Record} hold
 * @param {core.Record} copy
 */
function prepareReady(app, hold, copy) {
	const now = new Date();
	hold.set('status', 'ready');
	hold.set('copy', copy.id);
	hold.set('pickup_shelf', queue.pickupShelf(hold.getString('patron')));
	hold.set('pickup_deadline', queue.addDays(now, queue.PICKUP_DAYS));
	hold.set('ready_at', queue.toPbDate(now));
	copy.set('status', 'reserved');
	app.save(copy);
}

/**
 * Gives a copy that has come free (checked in, released by an expired or cancelled hold, new) to the
 * first unpaused waiting hold of its title, or puts it back on the shelf.
 * @returns {core.Record | null} the hold that got the copy
 */
function handOutCopy(app, copy) {
	const next = queue.nextHold(titleHolds(app, copy.getString('title')));
	if (!next) {
		copy.set('status', 'shelf');
		app.save(copy);
		return null;
	}
	prepareReady(app, next.record, copy);
	app.save(next.record);
	return next.record;
}

/**
 * A new copy on the shelf goes to the first waiting hold, if any (cheap when nobody waits: one indexed
 * read, which keeps loading a catalogue fast).
 */
function assignNewCopy(app, copy) {
	const titleId = copy.getString('title');
	const next = queue.nextHold(titleHolds(app, titleId));
	if (!next) {
		touchTitle(app, titleId);
		return null;
	}
	prepareReady(app, next.record, app.findRecordById('copies', copy.id));
	app.save(next.record);
	return next.record;
}

/** A copy on the shelf for a title, if any. */
function shelfCopy(app, titleId) {
	try {
		return app.findFirstRecordByFilter('copies', 'title = {:t} && status = "shelf"', { t: titleId });
	} catch (_) {
		return null;
	}
}

/**
 * Checks a hold that is about to be created and stamps what the server owns: status and placed_at.
 * When nobody unpaused waits and a copy is on the shelf, the hold is ready at once with that copy.
 * @param {core.App} app the transaction's app
 * @param {core.Record} hold
 */
function prepareNewHold(app, hold) {
	const titleId = hold.getString('title');
	const patronId = hold.getString('patron');
	try {
		app.findRecordById('titles', titleId);
	} catch (_) {
		throw refuse('library_title_unknown', 'The title does not exist.', 'title');
	}
	const mine = app.findRecordsByFilter('holds', 'patron = {:p} && ' + ACTIVE_FILTER, '', 0, 0, {
		p: patronId
	});
	if (mine.some((h) => h.getString('title') === titleId)) {
		throw refuse('library_hold_exists', 'You already have an active hold on this title.');
	}
	if (mine.length >= queue.MAX_ACTIVE_HOLDS) {
		throw refuse('library_hold_limit', 'You have reached the limit of active holds.');
	}
	for (const field of ['copy', 'pickup_shelf', 'pickup_deadline', 'ready_at', 'ended_at'])
		hold.set(field, '');
	hold.set('status', 'waiting');
	hold.set('placed_at', nowPb());
	if (!queue.nextHold(titleHolds(app, titleId))) {
		const copy = shelfCopy(app, titleId);
		if (copy) prepareReady(app, hold, copy);
	}
}

/**
 * Rule 4: a copy serves at most one hold or loan. Checked whenever a hold becomes ready.
 */
function assertCopyFree(app, hold) {
	const copyId = hold.getString('copy');
	if (!copyId) throw refuse('library_copy_busy', 'A ready hold needs a copy.');
	const others = app.findRecordsByFilter(
		'holds',
		'copy = {:c} && status = "ready" && id != {:id}',
		'',
		1,
		0,
		{
			c: copyId,
			id: hold.id
		}
	);
	const loans = app.findRecordsByFilter('loans', 'copy = {:c} && returned_at = ""', '', 1, 0, { c: copyId });
	if (others.length > 0 || loans.length > 0) {
		throw refuse('library_copy_busy', 'The copy already serves another hold or loan.');
	}
}

/** Tells the patron that a copy is waiting. */
function notifyReady(app, hold) {
	const title = app.findRecordById('titles', hold.getString('title'));
	notify(app, hold.getString('patron'), {
		kind: 'hold_ready',
		texts: TEXTS.ready,
		params: {
			title: title.getString('title'),
			shelf: hold.getString('pickup_shelf'),
			deadline: hold.getString('pickup_deadline').slice(0, 10)
		},
		link: '/bibliotek/' + title.id,
		dedupeKey: 'hold_ready:' + hold.id + ':' + hold.getString('ready_at')
	});
}

/**
 * Cancels a hold and moves the queue: a copy that was waiting for it goes to the next in line.
 * For other areas (account deletion): call with the transaction's app. Saving a hold with
 * status "cancelled" directly has the same effect (the model hook in library.pb.js does the rest).
 * @param {core.App} app
 * @param {string} holdId
 * @returns {boolean} false when the hold was not active
 */
function cancelHold(app, holdId) {
	const hold = app.findRecordById('holds', holdId);
	if (!queue.isActive(hold.getString('status'))) return false;
	hold.set('status', 'cancelled');
	hold.set('ended_at', nowPb());
	app.save(hold);
	return true;
}

/** Finds a copy by its barcode or id. */
function findCopy(app, code) {
	const value = String(code || '').trim();
	if (!value || value.length > 64) throw refuse('library_copy_unknown', 'No copy has this barcode.', 'code');
	try {
		return app.findFirstRecordByFilter('copies', 'barcode = {:v} || id = {:v}', { v: value });
	} catch (_) {
		throw refuse('library_copy_unknown', 'No copy has this barcode.', 'code');
	}
}

/** Closes the open loan of a copy, if there is one. */
function closeLoan(app, copyId) {
	const open = app.findRecordsByFilter('loans', 'copy = {:c} && returned_at = ""', '', 1, 0, { c: copyId });
	if (open.length === 0) return null;
	open[0].set('returned_at', nowPb());
	app.save(open[0]);
	return open[0];
}

/**
 * The desk checks in a copy (returned, found, or new on the shelf): the open loan ends, and the copy goes
 * to the first unpaused waiting hold (ready for pickup, patron notified) or back on the shelf.
 */
function checkIn(app, code, actorId) {
	const copy = findCopy(app, code);
	if (copy.getString('status') === 'reserved') {
		throw refuse('library_copy_reserved', 'The copy is already waiting for pickup.', 'code');
	}
	const loan = closeLoan(app, copy.id);
	const hold = handOutCopy(app, copy);
	const result = {
		copy: copy.id,
		barcode: copy.getString('barcode'),
		title: copy.getString('title'),
		returnedLoan: loan ? loan.id : '',
		outcome: hold ? 'hold' : 'shelf',
		hold: hold ? hold.id : '',
		patron: hold ? hold.getString('patron') : '',
		pickupShelf: hold ? hold.getString('pickup_shelf') : '',
		pickupDeadline: hold ? hold.getString('pickup_deadline') : ''
	};
	if (hold) {
		const patron = app.findRecordById('users', hold.getString('patron'));
		result.patronName = patron.getString('name');
	}
	audit(app, actorId, 'library_checkin', 'copies', copy.id, result);
	touchTitle(app, copy.getString('title'));
	return result;
}

/** The desk hands a ready copy to its patron: the hold is collected and a loan starts. */
function collect(app, holdId, actorId) {
	let hold;
	try {
		hold = app.findRecordById('holds', String(holdId || ''));
	} catch (_) {
		throw refuse('library_hold_unknown', 'The hold does not exist.', 'hold');
	}
	if (hold.getString('status') !== 'ready') {
		throw refuse('library_hold_not_ready', 'The hold is not ready for pickup.', 'hold');
	}
	const copy = app.findRecordById('copies', hold.getString('copy'));
	hold.set('status', 'collected');
	hold.set('ended_at', nowPb());
	app.save(hold);
	const now = new Date();
	const loan = new Record(app.findCollectionByNameOrId('loans'));
	loan.set('copy', copy.id);
	loan.set('patron', hold.getString('patron'));
	loan.set('title', hold.getString('title'));
	loan.set('start', queue.toPbDate(now));
	loan.set('due', queue.addDays(now, queue.LOAN_DAYS));
	loan.set('returned_at', '');
	app.save(loan);
	copy.set('status', 'loan');
	app.save(copy);
	audit(app, actorId, 'library_collect', 'holds', hold.id, { loan: loan.id, copy: copy.id });
	touchTitle(app, hold.getString('title'));
	return { hold: hold.id, loan: loan.id, due: loan.getString('due') };
}

/** The desk takes back a loan: the same as checking in its copy. */
function returnLoan(app, loanId, actorId) {
	let loan;
	try {
		loan = app.findRecordById('loans', String(loanId || ''));
	} catch (_) {
		throw refuse('library_loan_unknown', 'The loan does not exist.', 'loan');
	}
	if (loan.getString('returned_at')) {
		throw refuse('library_loan_returned', 'The loan has been returned already.', 'loan');
	}
	return checkIn(app, loan.getString('copy'), actorId);
}

/**
 * Expires one ready hold whose pickup deadline has passed, in the caller's transaction: the copy goes
 * to the next in line (model hook) and the patron is told.
 * @returns {boolean} whether the hold was expired
 */
function expireHold(app, holdId, now) {
	const hold = app.findRecordById('holds', holdId);
	if (
		!queue.isExpired(
			{ status: hold.getString('status'), pickup_deadline: hold.getString('pickup_deadline') },
			now
		)
	) {
		return false;
	}
	hold.set('status', 'expired');
	hold.set('ended_at', now);
	app.save(hold);
	const title = app.findRecordById('titles', hold.getString('title'));
	notify(app, hold.getString('patron'), {
		kind: 'hold_expired',
		texts: TEXTS.expired,
		params: { title: title.getString('title') },
		link: '/bibliotek/' + title.id,
		dedupeKey: 'hold_expired:' + hold.id
	});
	return true;
}

/**
 * Expires every ready hold past its deadline, each in its own short transaction.
 * @param {core.App} app the app (not inside a transaction)
 * @returns {number} how many were expired
 */
function expireOverdue(app) {
	const now = nowPb();
	const due = app.findRecordsByFilter(
		'holds',
		'status = "ready" && pickup_deadline < {:now}',
		'pickup_deadline',
		500,
		0,
		{
			now: now
		}
	);
	let count = 0;
	for (const hold of due) {
		app.runInTransaction((txApp) => {
			if (expireHold(txApp, hold.id, now)) count++;
		});
	}
	return count;
}

/**
 * What a reader may know of a title's queue: its length, the copies on the shelf, and the reader's own
 * hold with its place. Other patrons' holds are never revealed, only counted.
 */
function queueInfo(app, titleId, patronId) {
	const holds = titleHolds(app, titleId);
	const places = queue.queuePlaces(holds);
	const onShelf = app.findRecordsByFilter('copies', 'title = {:t} && status = "shelf"', '', 0, 0, {
		t: titleId
	});
	let mine = null;
	if (patronId) {
		const own = holds.filter((h) => h.record.getString('patron') === patronId)[0];
		if (own) mine = holdView(own.record, places[own.id] || 0);
	}
	return { queueLength: queue.queueOf(holds).length, onShelf: onShelf.length, mine: mine };
}

function holdView(record, place) {
	return {
		id: record.id,
		title: record.getString('title'),
		status: record.getString('status') || 'waiting',
		place: place,
		placed_at: record.getString('placed_at'),
		pickup_shelf: record.getString('pickup_shelf'),
		pickup_deadline: record.getString('pickup_deadline')
	};
}

/**
 * The active holds of several titles, grouped by title id, in one query (the shape titleHolds gives
 * for one title).
 * @param {string[]} titleIds
 */
function titlesHolds(app, titleIds) {
	/** @type {Record<string, { id: string, status: string, placed_at: string, record: core.Record }[]>} */
	const byTitle = {};
	if (titleIds.length === 0) return byTitle;
	const records = arrayOf(new Record());
	app
		.recordQuery('holds')
		.andWhere($dbx.in('title', ...titleIds))
		.andWhere($dbx.in('status', ...queue.ACTIVE_STATUSES))
		.all(records);
	for (const r of records) {
		const title = r.getString('title');
		(byTitle[title] = byTitle[title] || []).push({
			id: r.id,
			status: r.getString('status'),
			placed_at: r.getString('placed_at'),
			record: r
		});
	}
	return byTitle;
}

/**
 * Views of the given hold records with their places (0 outside the queue) and queue lengths; every
 * title's queue is read once, whatever the number of holds.
 * @param {core.Record[]} records
 */
function holdViews(app, records) {
	const titles = [];
	for (const r of records) {
		if (titles.indexOf(r.getString('title')) < 0) titles.push(r.getString('title'));
	}
	const byTitle = titlesHolds(app, titles);
	return records.map((record) => {
		const holds = byTitle[record.getString('title')] || [];
		const view = holdView(record, queue.placeOf(holds, record.id));
		view.queueLength = queue.queueOf(holds).length;
		return view;
	});
}

/** The patron's active holds with their places and queue lengths (for the title page and the overview). */
function patronHolds(app, patronId) {
	const mine = app.findRecordsByFilter('holds', 'patron = {:p} && ' + ACTIVE_FILTER, 'placed_at', 0, 0, {
		p: patronId
	});
	return holdViews(app, mine);
}

/**
 * Runs fn(txApp) in one transaction and returns its result. An ApiError thrown inside is kept and
 * rethrown as itself (it may lose its type crossing the transaction boundary).
 */
function inTransaction(app, fn) {
	let result = null;
	let failure = null;
	try {
		app.runInTransaction((txApp) => {
			try {
				result = fn(txApp);
			} catch (err) {
				failure = err;
				throw err;
			}
		});
	} catch (err) {
		if (!failure) failure = err;
	}
	if (failure) throw failure;
	return result;
}

/**
 * The race-free request pattern: checks (before) and the write (e.next) and its effects (after) in one
 * transaction, with e.app pointing at the transaction while it runs.
 * @param {core.RecordRequestEvent} e
 * @param {(txApp: core.App) => void} before
 * @param {((txApp: core.App) => void) | undefined} after
 */
function requestInTransaction(e, before, after) {
	const app = e.app;
	try {
		inTransaction(app, (txApp) => {
			e.app = txApp;
			if (before) before(txApp);
			e.next();
			if (after) after(txApp);
		});
	} finally {
		e.app = app;
	}
}

/** Desk routes are for staff only. */
function requireStaff(e) {
	if (!e.auth || !e.auth.getBool('staff')) throw new ForbiddenError('Only staff may do this.');
}

module.exports = {
	ACTIVE_FILTER,
	inTransaction,
	requestInTransaction,
	requireStaff,
	refuse,
	titleHolds,
	touchTitle,
	countOnShelf,
	audit,
	auditRequest,
	prepareReady,
	prepareNewHold,
	handOutCopy,
	assignNewCopy,
	shelfCopy,
	assertCopyFree,
	notifyReady,
	cancelHold,
	checkIn,
	collect,
	returnLoan,
	expireHold,
	expireOverdue,
	queueInfo,
	holdViews,
	patronHolds
};
