/// <reference path="../../pb_data/types.d.ts" />

// The library's writes (docs/rules.md, "Library"): holds becoming ready, the desk (check-in, pickup,
// return) and expiry. Every function takes the app it must write with; call it with the transaction's app
// (txApp), so that a desk operation and everything it moves (the next hold, the copy, the notification, the
// audit entry) commit together or not at all. Every status change goes through the machines of
// library-machine.js, decided on rows read inside the transaction. The queue order lives in
// library-queue.js.

/** lib/core/filter.js bindFilter, required at the call: loading this file needs nothing of PocketBase. */
function bindFilter(filter, params) {
	return require(`${__hooks}/lib/core/filter.js`).bindFilter(filter, params);
}

const queue = require(`${__hooks}/lib/library-queue.js`);
const machine = require(`${__hooks}/lib/library-machine.js`);
const predicates = require(`${__hooks}/lib/core/status.js`);
const audit = require(`${__hooks}/lib/core/audit.js`);
const tx = require(`${__hooks}/lib/core/tx.js`);
const { refuse } = require(`${__hooks}/lib/core/errors.js`);
const { notify, notifyOncePerHour } = require(`${__hooks}/lib/notify.js`);

/** Active holds (in the queue or on the pickup shelf), from the one definition in core/status.js. */
const ACTIVE_FILTER = predicates.activeHoldFilter();

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
	pickupMoved: {
		da: {
			title: 'Ny frist: {title}',
			body: 'Huset er lukket, når {title} skulle hentes. Du kan hente den på afhentningshylde {shelf} senest {deadline}.'
		},
		en: {
			title: 'New deadline: {title}',
			body: 'The house is closed when {title} was due to be collected. You can collect it from pickup shelf {shelf} by {deadline}.'
		}
	},
	dueMoved: {
		da: {
			title: 'Ny afleveringsdato: {title}',
			body: 'Huset er lukket, når {title} skulle afleveres. Du kan aflevere den senest {deadline}.'
		},
		en: {
			title: 'New return date: {title}',
			body: 'The house is closed when {title} was due back. You can return it by {deadline}.'
		}
	},
	// staff moved the due date of the loan by hand (a closure's move says why in its own words, above)
	dueSet: {
		da: {
			title: 'Ny afleveringsdato: {title}',
			body: 'Personalet har flyttet afleveringsdatoen for {title}. Du kan aflevere den senest {deadline}.'
		},
		en: {
			title: 'New return date: {title}',
			body: 'The staff moved the return date of {title}. You can return it by {deadline}.'
		}
	},
	// staff paused, resumed or cancelled the patron's hold (by the hold machine's transition name)
	changedByHouse: {
		pause: {
			da: {
				title: 'Reservation sat på pause: {title}',
				body: 'Personalet har sat din reservation af {title} på pause. Du beholder din plads i køen, men får ikke et eksemplar, før reservationen er genoptaget. Du kan genoptage den på titlens side.'
			},
			en: {
				title: 'Hold paused: {title}',
				body: 'The staff paused your hold on {title}. You keep your place in the queue, but get no copy until the hold is resumed. You can resume it on the title’s page.'
			}
		},
		resume: {
			da: {
				title: 'Reservation genoptaget: {title}',
				body: 'Personalet har genoptaget din reservation af {title}. Du får besked, når et eksemplar ligger klar til dig.'
			},
			en: {
				title: 'Hold resumed: {title}',
				body: 'The staff resumed your hold on {title}. We will let you know when a copy is ready for you.'
			}
		},
		cancel: {
			da: {
				title: 'Reservation annulleret: {title}',
				body: 'Personalet har annulleret din reservation af {title}. Du kan reservere den igen.'
			},
			en: {
				title: 'Hold cancelled: {title}',
				body: 'The staff cancelled your hold on {title}. You can place a new hold.'
			}
		}
	},
	// staff wrote off the patron's loan as lost: the loan has ended, and the copy goes to nobody until it turns up
	lost: {
		da: {
			title: 'Meldt bortkommet: {title}',
			body: 'Personalet har meldt dit lån af {title} bortkommet, og lånet er afsluttet. Du skal ikke aflevere den, og du får ikke flere påmindelser om den. Finder du den alligevel, så aflever den på biblioteket.'
		},
		en: {
			title: 'Reported lost: {title}',
			body: 'The staff reported your loan of {title} as lost, and the loan has ended. You do not need to return it, and you will get no more reminders about it. If you find it after all, please bring it back to the library.'
		}
	},
	notFound: {
		da: {
			title: 'Vi kunne ikke finde {title}',
			body: 'Vi kunne ikke finde det eksemplar af {title}, som vi var ved at finde frem til dig. Du beholder din plads i køen, hvor du er nr. {place}. Du får besked, når et eksemplar ligger klar til dig.'
		},
		en: {
			title: 'We could not find {title}',
			body: 'We could not find the copy of {title} that we were fetching for you. You keep your place in the queue, where you are number {place}. We will let you know when a copy is ready for you.'
		}
	},
	expired: {
		da: {
			title: 'Reservation udløbet: {title}',
			body: 'Du hentede ikke {title} inden fristen, så den er givet videre. Du kan reservere den igen.'
		},
		en: {
			title: 'Hold expired: {title}',
			body: 'You did not collect {title} in time, so it has gone to the next in line. You can place a new hold.'
		}
	},
	// nobody waited: the copy went back to the shelf, not to anyone
	expiredNobodyNext: {
		da: {
			title: 'Reservation udløbet: {title}',
			body: 'Du hentede ikke {title} inden fristen, så reservationen er udløbet. Du kan reservere den igen.'
		},
		en: {
			title: 'Hold expired: {title}',
			body: 'You did not collect {title} in time, so your hold has expired. You can place a new hold.'
		}
	}
};

function nowPb() {
	return queue.toPbDate(new Date());
}

/** The active holds of a title, as plain queue entries with their records. */
function titleHolds(app, titleId) {
	const records = app.findRecordsByFilter(
		'holds',
		bindFilter('title = {:t} && ' + ACTIVE_FILTER, {
			t: titleId
		}),
		'',
		0,
		0
	);
	return records.map((r) => ({
		id: r.id,
		status: r.getString('status'),
		placed_at: r.getString('placed_at'),
		record: r
	}));
}

/** The number of a title's copies on the shelf, counted (never kept as a running total). */
function countOnShelf(app, titleId) {
	return app.findRecordsByFilter(
		'copies',
		bindFilter('title = {:t} && status = "shelf"', { t: titleId }),
		'',
		0,
		0
	).length;
}

/**
 * True when a title has been reserved or lent out: a hold (any status) or a loan (returned or not) of the
 * title or of one of its copies. That is the queue and history (statistics, "Mine data"), so the title is
 * kept (docs/rules.md, "Server-owned fields", titles). Ask it inside the delete's transaction.
 * @param {core.App} app the transaction's app
 * @param {string} titleId
 * @returns {boolean}
 */
function titleHasHistory(app, titleId) {
	const any = (collection) =>
		app.findRecordsByFilter(
			collection,
			bindFilter('title = {:t} || copy.title = {:t}', { t: titleId }),
			'',
			1,
			0
		).length > 0;
	return any('holds') || any('loans');
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

// -- reading a request against the row as it stands ------------------------------------------------

/**
 * Refuses every sent field outside `writable` with `core_field_locked` on that field.
 * @param {Record<string, boolean>} sent
 * @param {string[]} writable
 */
function lockFields(sent, writable) {
	for (const name of Object.keys(sent)) {
		if (writable.indexOf(name) < 0) refuse('core_field_locked', name);
	}
}

/**
 * The machine roles of an actor towards a hold or loan of `patronId`.
 * @param {{ kind: string, id: string }} actor
 * @param {string} patronId
 * @returns {string[]}
 */
function rolesFor(actor, patronId) {
	const roles = [];
	if (actor.kind === 'system') roles.push('system');
	if (actor.kind === 'staff') roles.push('staff');
	if (actor.id && actor.id === patronId) roles.push('owner');
	return roles;
}

// -- validation ------------------------------------------------------------------------------------

/** Refuses a required text that is empty or only spaces. */
function requireText(record, field) {
	if (record.getString(field).trim() === '') refuse('core_text_blank', field);
}

/**
 * A copy's barcode: not blank, without spaces around it, and not the id of another copy. The desk finds a scanned code by barcode
 * first and by id after (findCopy), so a barcode equal to another copy's id would hide that copy.
 * @param {core.App} app
 * @param {core.Record} record the copy being written
 */
function checkBarcode(app, record) {
	requireText(record, 'barcode');
	// stored as the desk reads a scan (findCopy trims it): " BH1" would be a barcode nobody can scan
	const barcode = record.getString('barcode').trim();
	record.set('barcode', barcode);
	if (barcode === record.id) return;
	try {
		app.findRecordById('copies', barcode);
	} catch (_) {
		return;
	}
	refuse('library_barcode_is_copy_id', 'barcode');
}

/**
 * A copy's shelf: its place in the house, which the title page shows patrons as where to find it. A new copy
 * has one, and a change of it keeps one (`library_shelf_required`); a copy stored without one before keeps
 * working until its shelf is written.
 * @param {core.Record} record
 * @param {Record<string, boolean>} sent
 * @param {boolean} isNew
 */
function checkShelf(record, sent, isNew) {
	if ((isNew || sent.shelf) && record.getString('shelf').trim() === '')
		refuse('library_shelf_required', 'shelf');
}

/**
 * Refuses a date that is not a date or lies outside 1900..2200, as stored by PocketBase.
 * @returns {string} the date as PocketBase stores it
 */
function checkDate(record, field) {
	const value = record.getString(field);
	if (!value) refuse('core_invalid_date', field);
	const year = Number(value.slice(0, 4));
	if (!(year >= 1900 && year <= 2200)) refuse('core_date_out_of_range', field);
	return value;
}

/** The kinds of title in the catalogue. */
const TITLE_TYPES = ['book', 'audiobook', 'film', 'game', 'magazine', 'thing'];

/**
 * The first problem of a title's values, as { code, field }, or null: a title without a real title, a year
 * after next year (or before -5000: clay tablets are the oldest), a type that is not known. Only the
 * fields given are checked (also for the bulk load, library.pb.js).
 * @param {{ title?: string, year?: number, type?: string }} values
 * @returns {{ code: string, field: string } | null}
 */
function titleProblem(values) {
	if ('title' in values && String(values.title).trim() === '')
		return { code: 'core_text_blank', field: 'title' };
	if ('year' in values) {
		const year = Number(values.year);
		if (!(year >= -5000 && year <= new Date().getUTCFullYear() + 1)) {
			return { code: 'library_year_invalid', field: 'year' };
		}
	}
	if ('type' in values && TITLE_TYPES.indexOf(String(values.type)) < 0) {
		return { code: 'library_type_invalid', field: 'type' };
	}
	return null;
}

/**
 * Refuses a title that titleProblem finds wrong. `isNew` checks every field, an update only what it sent.
 * @param {core.Record} record
 * @param {Record<string, boolean>} sent
 * @param {boolean} isNew
 */
function checkTitle(record, sent, isNew) {
	/** @type {{ title?: string, year?: number, type?: string }} */
	const values = {};
	if (isNew || sent.title) values.title = record.getString('title');
	if (isNew || sent.year) values.year = record.getInt('year');
	if (isNew || sent.type) values.type = record.getString('type');
	const problem = titleProblem(values);
	if (problem) refuse(problem.code, problem.field);
}

/**
 * One ISBN, one title: sets a title's `identifier_key` before any save (the API, the desk, the system's
 * saves), and refuses an identifier another title has (`library_identifier_taken`), read with the saving
 * app so it is decided in the write's transaction; the unique index on the key holds behind it. A title
 * whose identifier and type are unchanged keeps its key: one stored before the rule with a taken
 * identifier (it has none) can still be edited.
 * @param {core.App} app
 * @param {core.Record} record
 * @param {boolean} isNew
 */
function keyIdentifier(app, record, isNew) {
	if (!isNew) {
		const before = record.original();
		if (
			before.getString('identifier') === record.getString('identifier') &&
			before.getString('type') === record.getString('type')
		) {
			record.set('identifier_key', before.getString('identifier_key'));
			return;
		}
	}
	const key = require(`${__hooks}/lib/library-identifier.js`).identifierKey(
		record.getString('identifier'),
		record.getString('type')
	);
	if (key !== '') {
		const other = app.findRecordsByFilter(
			'titles',
			bindFilter('identifier_key = {:key} && id != {:id}', { key: key, id: record.id }),
			'',
			1,
			0
		);
		if (other.length > 0) refuse('library_identifier_taken', 'identifier');
	}
	record.set('identifier_key', key);
}

/**
 * A catalogue import's create (`?unlisted=1`) of a title whose identifier is no key (none given, a
 * magazine's): refused with `library_title_listed` when a title with the same identifier, title, creator,
 * type and year is stored, read with the saving app so that two imports of one file at the same moment
 * add it once. Two such titles may exist otherwise (two board games may share a name), so only the import
 * asks; a title with a key is held by keyIdentifier.
 * @param {core.App} app
 * @param {core.Record} record
 */
function refuseListedTitle(app, record) {
	const identifier = record.getString('identifier');
	const type = record.getString('type');
	if (require(`${__hooks}/lib/library-identifier.js`).identifierKey(identifier, type) !== '') return;
	const same = app.findRecordsByFilter(
		'titles',
		bindFilter(
			'title = {:title} && creator = {:creator} && identifier = {:identifier} && type = {:type} && year = {:year}',
			{
				title: record.getString('title'),
				creator: record.getString('creator'),
				identifier: identifier,
				type: type,
				year: record.getInt('year')
			}
		),
		'',
		1,
		0
	);
	if (same.length > 0) refuse('library_title_listed');
}

// -- copies and holds ------------------------------------------------------------------------------

/**
 * Moves a copy to `to` through its machine (no change when it is there already); the caller saves it.
 * @param {core.Record} copy
 * @param {string} to
 * @param {string[]} roles
 */
function copyTo(copy, to, roles) {
	const from = copy.getString('status');
	if (from === to) return null;
	const code = from === 'loan' || from === 'reserved' ? 'library_copy_busy' : 'library_copy_status';
	return machine.transition(machine.COPY, from, to, roles, code, 'status');
}

/**
 * Rule 4: a copy serves at most one hold or loan. Checked whenever a hold becomes ready.
 * @param {core.App} app
 * @param {string} holdId the hold that gets the copy ('' for a new one)
 * @param {string} copyId
 */
function assertCopyFree(app, holdId, copyId) {
	const others = app.findRecordsByFilter(
		'holds',
		bindFilter('copy = {:c} && status = "ready" && id != {:id}', { c: copyId, id: holdId }),
		'',
		1,
		0
	);
	const loans = app.findRecordsByFilter(
		'loans',
		bindFilter('copy = {:c} && returned_at = ""', { c: copyId }),
		'',
		1,
		0
	);
	if (others.length > 0 || loans.length > 0) refuse('library_copy_busy', 'copy');
}

/**
 * Makes a waiting hold ready with a copy (hold fields set on the record, not saved) and reserves the copy
 * (saved): the hold machine's make_ready and the copy's reserve, both by the server. Only a copy in staff's
 * hands (`inHand`: checked in at the desk, staff are told which pickup shelf) gets a pickup deadline at
 * once; any other copy (on the open shelf, on another patron's pickup shelf, new) must first be fetched to
 * the pickup shelf, so the hold is ready with an empty deadline until the desk scans it (shelveCopy).
 * @param {core.App} app
 * @param {core.Record} hold
 * @param {core.Record} copy
 * @param {boolean} [inHand]
 */
function makeReady(app, hold, copy, inHand) {
	machine.transition(
		machine.HOLD,
		hold.getString('status'),
		'ready',
		['system'],
		'library_hold_change_refused'
	);
	if (copy.getString('status') !== 'reserved') copyTo(copy, 'reserved', ['system']);
	assertCopyFree(app, hold.id, copy.id);
	const now = new Date();
	hold.set('status', 'ready');
	hold.set('copy', copy.id);
	hold.set('pickup_shelf', queue.pickupShelf(hold.getString('patron')));
	hold.set('pickup_deadline', inHand ? queue.deadline(now, queue.PICKUP_DAYS, app) : '');
	hold.set('ready_at', queue.toPbDate(now));
	copy.set('status', 'reserved');
	app.save(copy);
}

/**
 * Gives a copy that has come free (checked in, found, released by an ended hold, new) to the first
 * unpaused waiting hold of its title, or puts it on the shelf. `copy` is a row read in this transaction.
 * Only a copy in staff's hands (`inHand`, the desk's check-in) makes the hold ready for pickup with a
 * deadline and a notification; any other is reserved to be fetched to the pickup shelf (makeReady).
 * @param {core.App} app
 * @param {core.Record} copy
 * @param {boolean} [inHand]
 * @returns {core.Record | null} the hold that got the copy
 */
function handOutCopy(app, copy, inHand) {
	const next = queue.nextHold(titleHolds(app, copy.getString('title')));
	if (!next) {
		if (copy.getString('status') !== 'shelf') {
			copyTo(copy, 'shelf', ['system']);
			copy.set('status', 'shelf');
			app.save(copy);
		}
		return null;
	}
	makeReady(app, next.record, copy, !!inHand);
	app.save(next.record);
	if (inHand) notifyReady(app, next.record);
	return next.record;
}

/**
 * A copy that waited for a hold that has ended (saved already) goes to the next in line, or to the shelf.
 * Returns the hold that got it, if any.
 * A copy that is no longer reserved (lent meanwhile) is left alone. `lyingOn` is the pickup shelf the copy
 * lies on when the ended hold had it there (its deadline had started): the copy stays there, in the data
 * too (`on_pickup_shelf`), until the desk scans it, whether the next in line gets it ("Til
 * afhentningshylden", from that shelf) or nobody waits ("Til hylderne igen"). A copy still being fetched
 * for the ended hold lies where it lay before, as its row already says.
 * @param {core.App} app
 * @param {string} copyId
 * @param {string} [lyingOn]
 */
function releaseCopy(app, copyId, lyingOn) {
	if (!copyId) return null;
	let copy;
	try {
		copy = app.findRecordById('copies', copyId);
	} catch (_) {
		return null;
	}
	if (copy.getString('status') !== 'reserved') return null;
	const still = app.findRecordsByFilter(
		'holds',
		bindFilter('copy = {:c} && status = "ready"', { c: copyId }),
		'',
		1,
		0
	);
	if (still.length > 0) return null;
	if (lyingOn) copy.set('on_pickup_shelf', lyingOn);
	return handOutCopy(app, copy);
}

/**
 * The pickup shelf a ready hold's copy lies on: its own, once its deadline has started (the desk put the
 * copy there); '' while the copy is still being fetched. Ask it of a hold that is ready before its change.
 * @param {core.Record} hold
 */
function pickupShelfHolding(hold) {
	return hold.getString('pickup_deadline') !== '' ? hold.getString('pickup_shelf') : '';
}

/**
 * A new copy on the shelf goes to the first waiting hold, if any (cheap when nobody waits: one indexed
 * read, which keeps loading a catalogue fast).
 */
function assignNewCopy(app, copy) {
	return handOutCopy(app, app.findRecordById('copies', copy.id));
}

/** A copy on the shelf for a title, if any. */
function shelfCopy(app, titleId) {
	try {
		return app.findFirstRecordByFilter(
			'copies',
			bindFilter('title = {:t} && status = "shelf"', { t: titleId })
		);
	} catch (_) {
		return null;
	}
}

/**
 * True when the patron has a copy of the title on loan (an open loan, read with `app`).
 * @param {core.App} app
 * @param {string} patronId
 * @param {string} titleId
 */
function hasOnLoan(app, patronId, titleId) {
	return (
		app.findRecordsByFilter(
			'loans',
			bindFilter('patron = {:p} && title = {:t} && ' + predicates.openLoanFilter(), {
				p: patronId,
				t: titleId
			}),
			'',
			1,
			0
		).length > 0
	);
}

/**
 * True when `copy` is the only copy of its title (as stored, read with `app`) and a hold on the title is
 * active: deleted or moved to another title, it would leave those holds waiting on a title without copies,
 * which takes no new holds (library_title_no_copies).
 * @param {core.App} app
 * @param {core.Record} copy the copy as it stands in the transaction
 */
function lastCopyHeld(app, copy) {
	const titleId = copy.getString('title');
	const others = app.findRecordsByFilter(
		'copies',
		bindFilter('title = {:t} && id != {:c}', { t: titleId, c: copy.id }),
		'',
		1,
		0
	);
	if (others.length) return false;
	return (
		app.findRecordsByFilter('holds', bindFilter('title = {:t} && ' + ACTIVE_FILTER, { t: titleId }), '', 1, 0)
			.length > 0
	);
}

/**
 * Checks a hold that is about to be created (one active hold per title, none on a title the patron has on
 * loan or one without copies, the hold limit) and stamps what the server owns: status and placed_at.
 * When nobody unpaused waits and a copy is on the shelf, the hold is ready at once with that copy.
 * Returns what must run once the hold is saved.
 * @param {core.App} app the transaction's app
 * @param {core.Record} hold
 * @param {{ overrideLimit?: boolean, system?: boolean }} [options] staff at the desk overriding the hold
 *   limit, with a reason; a superuser's write (data loads), not held to the title having a copy
 * @returns {() => void}
 */
function prepareNewHold(app, hold, options) {
	const titleId = hold.getString('title');
	const patronId = hold.getString('patron');
	// a deleted account holds nothing: read here, as the deletion may have committed since PocketBase let
	// the request in (docs/rules.md, "Account, feed and reminders")
	if (require(`${__hooks}/lib/core/auth.js`).isDeletedAccount(app, patronId))
		refuse('overview_account_deleted');
	try {
		app.findRecordById('titles', titleId);
	} catch (_) {
		refuse('library_title_unknown', 'title');
	}
	const mine = app.findRecordsByFilter(
		'holds',
		bindFilter('patron = {:p} && ' + ACTIVE_FILTER, {
			p: patronId
		}),
		'',
		0,
		0
	);
	if (mine.some((h) => h.getString('title') === titleId)) refuse('library_hold_exists');
	// a title the patron has on loan is theirs already: a hold would hand them a second copy of it
	if (hasOnLoan(app, patronId, titleId)) refuse('library_hold_on_loan');
	// a title without a single copy has nothing to wait for (a missing copy may be found, so it counts); a
	// superuser's data load may bring holds before their copies (docs/rules.md, "One copy, one hold or loan")
	if (
		!(options && options.system) &&
		app.findRecordsByFilter('copies', bindFilter('title = {:t}', { t: titleId }), '', 1, 0).length === 0
	)
		refuse('library_title_no_copies');
	if (mine.length >= queue.MAX_ACTIVE_HOLDS && !(options && options.overrideLimit))
		refuse('library_hold_limit');
	for (const field of ['copy', 'pickup_shelf', 'pickup_deadline', 'ready_at', 'ended_at'])
		hold.set(field, '');
	hold.set('status', 'waiting');
	hold.set('placed_at', nowPb());
	if (!queue.nextHold(titleHolds(app, titleId))) {
		const copy = shelfCopy(app, titleId);
		if (copy) makeReady(app, hold, copy);
	}
	// a copy on the open shelf is fetched to the pickup shelf first: the patron is told when it lies there
	return () => touchTitle(app, titleId);
}

/**
 * Applies the hold transition `from` -> `to` to `hold` (a row as it stands in this transaction, or a
 * request's record rebased onto it), with the fields the transition owns; the caller saves the hold and
 * then runs the returned follow-up (a released copy goes to the next in line, the title is touched).
 * @param {core.App} app
 * @param {core.Record} hold
 * @param {string} from the status the row has now
 * @param {string} to
 * @param {string[]} roles
 * @param {string} [lent] for `collected`, the copy lent to the patron when it is not the one the hold had set
 *   aside (a loan over the counter of another copy): that one is released as an ended pickup's is
 * @returns {{ name: string, after: () => core.Record | null }} `after` returns the hold the released copy
 *   went to, if any
 */
function changeHold(app, hold, from, to, roles, lent) {
	const t = machine.transition(machine.HOLD, from, to, roles, 'library_hold_change_refused', 'status');
	const titleId = hold.getString('title');
	// a paused hold is not resumed while its patron has the title on loan: it would take a second copy, as a
	// new hold would (library_hold_on_loan); it may still be cancelled
	if (t.name === 'resume' && hasOnLoan(app, hold.getString('patron'), titleId))
		refuse('library_hold_on_loan', 'status');
	const copyId = from === 'ready' ? hold.getString('copy') : '';
	// where the copy lies, read before the change: a pickup that ends without a loan leaves it on the shelf
	const lyingOn = from === 'ready' ? pickupShelfHolding(hold) : '';
	hold.set('status', to);
	if (!predicates.isActiveHold(to)) hold.set('ended_at', nowPb());
	// A resumed hold is first among the unpaused when nobody else waits: it takes a copy on the shelf, to be
	// fetched to the pickup shelf (the patron is told when it lies there).
	if (t.name === 'resume' && !queue.nextHold(titleHolds(app, titleId))) {
		const copy = shelfCopy(app, titleId);
		if (copy) makeReady(app, hold, copy);
	}
	return {
		name: t.name,
		after: () => {
			// a pickup handed over keeps its copy (lent now); any other end frees it for the next in line
			const kept = to === 'collected' && (lent === undefined || lent === copyId);
			const next = copyId && !kept ? releaseCopy(app, copyId, lyingOn) : null;
			touchTitle(app, titleId);
			return next;
		}
	};
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
			deadline: { instant: hold.getString('pickup_deadline') }
		},
		link: '/bibliotek/' + title.id,
		dedupeKey: 'hold_ready:' + hold.id + ':' + hold.getString('ready_at')
	});
}

/**
 * A closure of the whole house saved over deadlines already given (docs/rules.md, "The house"): each ready
 * hold's pickup deadline and each open loan's due date that the closure covers moves to the closing time
 * of the next day the house is open, as a deadline set now would be; a deadline never moves earlier, so a
 * closure shortened or removed leaves them. Each patron is told, in the closure's transaction.
 * @param {core.App} app the closure's transaction, with the closure saved
 * @param {number} startMs
 * @param {number} endMs
 * @returns {number} deadlines moved
 */
function moveDeadlinesPastClosure(app, startMs, endMs) {
	const house = require(`${__hooks}/lib/house.js`);
	const claims = require(`${__hooks}/lib/room-claims.js`);
	const closures = queue.houseClosures(app, new Date(startMs));
	const span = { from: queue.toPbDate(new Date(startMs)), to: queue.toPbDate(new Date(endMs)) };
	const kinds = [
		{
			collection: 'holds',
			field: 'pickup_deadline',
			filter: 'status = "ready" && pickup_deadline != ""',
			texts: TEXTS.pickupMoved
		},
		{ collection: 'loans', field: 'due', filter: predicates.openLoanFilter(), texts: TEXTS.dueMoved }
	];
	let moved = 0;
	for (const kind of kinds) {
		const rows = app.findRecordsByFilter(
			kind.collection,
			bindFilter(kind.filter + ' && ' + kind.field + ' > {:from} && ' + kind.field + ' <= {:to}', span),
			kind.field,
			0,
			0
		);
		for (const row of rows) {
			const before = claims.toMs(row.getString(kind.field));
			const after = house.deadlineAfter(before, 0, closures);
			if (!(after > before)) continue;
			row.set(kind.field, queue.toPbDate(new Date(after)));
			app.save(row);
			moved++;
			const title = app.findRecordById('titles', row.getString('title'));
			notify(app, row.getString('patron'), {
				kind: kind.collection === 'holds' ? 'hold_deadline_moved' : 'loan_due_moved',
				texts: kind.texts,
				params: {
					title: title.getString('title'),
					shelf: row.getString('pickup_shelf'),
					deadline: { instant: row.getString(kind.field) }
				},
				link: kind.collection === 'holds' ? '/bibliotek/' + title.id : '/bibliotek/mine',
				dedupeKey: kind.collection + '-moved:' + row.id + ':' + row.getString(kind.field)
			});
		}
	}
	return moved;
}

/**
 * Tells the patron that staff paused, resumed or cancelled their hold (a plain update of the hold by a staff
 * member, not the patron's own act nor a desk act, which the desk's message tells): in the change's
 * transaction, one message an hour at most about one hold, as staff may pause and resume it at will; the
 * latest change is the one it says.
 * @param {core.App} app the change's transaction
 * @param {core.Record} hold
 * @param {'pause' | 'resume' | 'cancel'} name the hold machine's transition
 */
function tellHoldChanged(app, hold, name) {
	const texts = TEXTS.changedByHouse[name];
	if (!texts) return;
	const title = app.findRecordById('titles', hold.getString('title'));
	notifyOncePerHour(
		app,
		hold.getString('patron'),
		{
			kind: 'hold_changed_by_house',
			texts: texts,
			params: { title: title.getString('title') },
			link: '/bibliotek/' + title.id
		},
		hold.id
	);
}

/**
 * Tells the patron that staff moved the due date of their open loan by hand, with the new date: in the
 * move's transaction, one message an hour at most about one loan (the latest date).
 * @param {core.App} app the move's transaction
 * @param {core.Record} loan the loan with its new due date
 */
function tellDueSet(app, loan) {
	const title = app.findRecordById('titles', loan.getString('title'));
	notifyOncePerHour(
		app,
		loan.getString('patron'),
		{
			kind: 'loan_due_moved',
			texts: TEXTS.dueSet,
			params: { title: title.getString('title'), deadline: { instant: loan.getString('due') } },
			link: '/bibliotek/mine'
		},
		loan.id
	);
}

/**
 * Cancels a hold through its machine and moves the queue: a copy that was waiting for it goes to the
 * next in line. For other areas (account deletion): call with the transaction's app.
 * @param {core.App} app
 * @param {string} holdId
 * @param {string[]} [roles] who cancels; the server (`system`) when omitted
 * @returns {boolean} false when the hold was not active
 */
function cancelHold(app, holdId, roles) {
	const hold = app.findRecordById('holds', holdId);
	const from = hold.getString('status');
	if (!predicates.isActiveHold(from)) return false;
	const change = changeHold(app, hold, from, 'cancelled', roles || ['system']);
	app.save(hold);
	change.after();
	return true;
}

/**
 * A code or id the desk sent: a text (or a scanner's number), never a list or an object, which `String()`
 * would read as the text of its first element.
 * @param {unknown} value
 * @param {string} field
 */
function plainText(value, field) {
	if (value === undefined || value === null) return '';
	if (typeof value === 'string') return value;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return refuse('core_invalid_value', field);
}

/**
 * Finds a scanned copy: by its barcode first, then by its id (one query could match one copy's barcode and
 * another's id, and take either).
 */
function findCopy(app, code) {
	const value = plainText(code, 'code').trim();
	if (!value || value.length > 64) refuse('library_copy_unknown', 'code');
	const byBarcode = app.findRecordsByFilter('copies', bindFilter('barcode = {:v}', { v: value }), '', 1, 0);
	if (byBarcode.length) return byBarcode[0];
	try {
		return app.findRecordById('copies', value);
	} catch (_) {
		return refuse('library_copy_unknown', 'code');
	}
}

/**
 * Closes the open loan of a copy through the loan machine, if there is one; `lost` ends it as lost (the
 * copy did not come back: `returned_at` says when it was written off, `lost` that it was).
 */
function closeLoan(app, copyId, roles, lost) {
	const open = app.findRecordsByFilter(
		'loans',
		bindFilter('copy = {:c} && returned_at = ""', { c: copyId }),
		'',
		1,
		0
	);
	if (open.length === 0) return null;
	machine.transition(machine.LOAN, 'open', 'returned', roles, 'library_loan_returned', 'loan');
	open[0].set('returned_at', nowPb());
	if (lost) open[0].set('lost', true);
	app.save(open[0]);
	return open[0];
}

/**
 * A copy staff mark missing (a record update of its status, decided on the row as it stands in the
 * transaction): what it served ends with it. A copy being fetched for a ready hold whose pickup deadline has
 * not started (fetchedFor) was not found: the hold goes back to the queue in its place (`placed_at` kept, its
 * pickup fields emptied). A copy on loan was lost: the loan ends as lost, and nobody gets the copy. Any other
 * reserved copy (it lies on its hold's pickup shelf) is refused with `library_copy_busy`. The copy is the
 * caller's to save; run the returned follow-up after it is saved (a copy on the shelf goes to the hold sent
 * back, or to the next in line; the patron of a hold sent back that got none is told it waits again).
 * @param {core.App} app the transaction's app
 * @param {core.Record} copy the copy as it stands in the transaction
 * @param {string} name the copy transition (`not_found` or `lost`)
 * @returns {{ hold: string, loan: string, patron: string, after: () => void }}
 */
function endWithCopy(app, copy, name) {
	const titleId = copy.getString('title');
	if (name === 'lost') {
		const loan = closeLoan(app, copy.id, ['staff'], true);
		if (!loan) refuse('library_copy_busy', 'status');
		return {
			hold: '',
			loan: loan.id,
			patron: loan.getString('patron'),
			after: () => {
				tellLost(app, loan);
				touchTitle(app, titleId);
			}
		};
	}
	const hold = fetchedFor(app, copy.id);
	if (!hold) refuse('library_copy_busy', 'status');
	machine.transition(machine.HOLD, 'ready', 'waiting', ['system'], 'library_hold_change_refused', 'status');
	// the readiness that ends, read before it is emptied: it names the notice (one per copy not found)
	const readyAt = hold.getString('ready_at');
	hold.set('status', 'waiting');
	for (const field of ['copy', 'pickup_shelf', 'pickup_deadline', 'ready_at']) hold.set(field, '');
	app.save(hold);
	return {
		hold: hold.id,
		loan: '',
		patron: hold.getString('patron'),
		after: () => {
			const served = serveQueue(app, titleId);
			// served another copy at once, it is being fetched again, as the patron's page already said:
			// nothing to tell. Otherwise it waits in its place, and the patron is told so.
			if (!served || served.id !== hold.id) notifyNotFound(app, hold, readyAt);
			touchTitle(app, titleId);
		}
	};
}

/**
 * Tells the patron that staff wrote off their loan as lost (the desk's "Meld bortkommet" or a plain update of
 * the copy's status), in the write-off's transaction: the loan has ended, nothing is to be returned, and a
 * copy that turns up is checked in at the desk. Once per loan: a loan is written off only once.
 * @param {core.App} app
 * @param {core.Record} loan the loan ended as lost (saved)
 */
function tellLost(app, loan) {
	const title = app.findRecordById('titles', loan.getString('title'));
	notify(app, loan.getString('patron'), {
		kind: 'loan_lost',
		texts: TEXTS.lost,
		params: { title: title.getString('title') },
		link: '/overblik',
		dedupeKey: 'loan_lost:' + loan.id
	});
}

/**
 * Tells the patron that the copy being fetched for their hold was not found and that the hold waits in its
 * place again (its place as the queue stands now, in this transaction).
 * @param {core.App} app
 * @param {core.Record} hold the hold sent back to the queue (saved)
 * @param {string} readyAt when it had become ready with the copy not found
 */
function notifyNotFound(app, hold, readyAt) {
	const titleId = hold.getString('title');
	const title = app.findRecordById('titles', titleId);
	notify(app, hold.getString('patron'), {
		kind: 'hold_not_found',
		texts: TEXTS.notFound,
		params: {
			title: title.getString('title'),
			place: queue.placeOf(titleHolds(app, titleId), hold.id)
		},
		link: '/bibliotek/' + title.id,
		dedupeKey: 'hold_not_found:' + hold.id + ':' + readyAt
	});
}

/**
 * A title's queue served again after a hold came back to it: the first unpaused waiting hold takes a copy on
 * the shelf, if there is one, to be fetched to its pickup shelf (makeReady).
 * @param {core.App} app
 * @param {string} titleId
 * @returns {core.Record | null} the hold that got a copy
 */
function serveQueue(app, titleId) {
	const next = queue.nextHold(titleHolds(app, titleId));
	if (!next) return null;
	const copy = shelfCopy(app, titleId);
	if (!copy) return null;
	makeReady(app, next.record, copy);
	app.save(next.record);
	return next.record;
}

/**
 * The open loan a desk request names, read in the caller's transaction: refused when there is none
 * (`library_loan_unknown`) or it has ended (`library_loan_returned`).
 * @param {core.App} app
 * @param {unknown} loanId
 */
function namedOpenLoan(app, loanId) {
	const id = plainText(loanId, 'loan');
	let loan;
	try {
		loan = app.findRecordById('loans', id);
	} catch (_) {
		return refuse('library_loan_unknown', 'loan');
	}
	if (!predicates.isOpenLoan(loan.getString('returned_at'))) refuse('library_loan_returned', 'loan');
	return loan;
}

/**
 * The desk writes off a copy lost on loan (`POST /api/library/lost`): the loan's own copy is missing, the
 * loan ends as lost, and the copy goes to nobody; the queue waits for another copy.
 * @param {core.App} app the transaction's app
 * @param {string} loanId
 * @param {{ kind: string, id: string }} actor
 */
function loseLoan(app, loanId, actor) {
	const loan = namedOpenLoan(app, loanId);
	const copy = app.findRecordById('copies', loan.getString('copy'));
	copyTo(copy, 'missing', ['staff']);
	const ended = endWithCopy(app, copy, 'lost');
	copy.set('status', 'missing');
	copy.set('on_pickup_shelf', '');
	app.save(copy);
	ended.after();
	const result = {
		loan: ended.loan,
		copy: copy.id,
		barcode: copy.getString('barcode'),
		title: copy.getString('title')
	};
	audit.staffAction(app, actor, 'library_lost', loan, {
		copy: copy.id,
		barcode: copy.getString('barcode'),
		on_behalf_of: ended.patron
	});
	return result;
}

/**
 * The desk checks in a copy (returned, found, or on the shelf): the open loan ends, and the copy goes to
 * the first unpaused waiting hold (ready for pickup, patron notified) or back on the shelf. A button of the
 * desk's lists says what it expects of the copy, decided here on the copy as it stands: `hold`, the pickup
 * the copy is being fetched for ("Lagt på hylde"); `stacks`, a copy nobody waits for that lies on a pickup
 * shelf ("Sat tilbage på hylden"). A copy that has moved on since the list was shown is refused
 * (`library_copy_moved_on`), so a stale button never takes back a loan just made.
 * @param {core.App} app the transaction's app
 * @param {string} code barcode or copy id
 * @param {{ kind: string, id: string }} actor
 * @param {{ hold?: string, stacks?: boolean }} [expected]
 */
function checkIn(app, code, actor, expected) {
	const copy = findCopy(app, code);
	if (expected && expected.hold) {
		const fetched = copy.getString('status') === 'reserved' ? fetchedFor(app, copy.id) : null;
		if (!fetched || fetched.id !== expected.hold) refuse('library_copy_moved_on', 'code');
	}
	if (expected && expected.stacks) {
		if (copy.getString('status') !== 'shelf' || copy.getString('on_pickup_shelf') === '')
			refuse('library_copy_moved_on', 'code');
	}
	return checkInCopy(app, copy, actor);
}

/**
 * The ready hold a reserved copy is being fetched for (its pickup deadline still empty), or null.
 * @param {core.App} app
 * @param {string} copyId
 */
function fetchedFor(app, copyId) {
	const holds = app.findRecordsByFilter(
		'holds',
		bindFilter('copy = {:c} && status = "ready"', { c: copyId }),
		'',
		1,
		0
	);
	return holds.length > 0 && holds[0].getString('pickup_deadline') === '' ? holds[0] : null;
}

/**
 * A reserved copy scanned at the desk after it was fetched to its hold's pickup shelf: the pickup deadline
 * starts now and the patron is told it lies ready. Answers as a check-in to a hold.
 */
function shelveCopy(app, copy, hold, actor) {
	const now = new Date();
	// it lies on its hold's pickup shelf now, wherever it was fetched from
	if (copy.getString('on_pickup_shelf') !== '') {
		copy.set('on_pickup_shelf', '');
		app.save(copy);
	}
	hold.set('pickup_deadline', queue.deadline(now, queue.PICKUP_DAYS, app));
	hold.set('ready_at', queue.toPbDate(now));
	app.save(hold);
	notifyReady(app, hold);
	const result = {
		copy: copy.id,
		barcode: copy.getString('barcode'),
		title: copy.getString('title'),
		returnedLoan: '',
		outcome: 'hold',
		hold: hold.id,
		patron: hold.getString('patron'),
		pickupShelf: hold.getString('pickup_shelf'),
		pickupDeadline: hold.getString('pickup_deadline'),
		patronName: app.findRecordById('users', hold.getString('patron')).getString('name')
	};
	audit.staffAction(app, actor, 'library_checkin', copy, result);
	touchTitle(app, copy.getString('title'));
	return result;
}

/** checkIn of a copy already read in the caller's transaction. */
function checkInCopy(app, copy, actor) {
	const from = copy.getString('status');
	if (from === 'reserved') {
		const fetched = fetchedFor(app, copy.id);
		if (!fetched) refuse('library_copy_reserved', 'code');
		return shelveCopy(app, copy, fetched, actor);
	}
	if (from !== 'shelf') {
		copyTo(copy, 'shelf', ['staff']);
		copy.set('status', 'shelf');
	}
	// in staff's hands now, wherever it lay: a copy left on a pickup shelf goes back to the stacks (or to the
	// pickup shelf of the next in line) from here
	const fromPickup = copy.getString('on_pickup_shelf');
	copy.set('on_pickup_shelf', '');
	const loan = closeLoan(app, copy.id, ['staff']);
	const hold = handOutCopy(app, copy, true);
	if (!hold && (from !== 'shelf' || fromPickup !== '')) app.save(copy);
	const result = {
		copy: copy.id,
		barcode: copy.getString('barcode'),
		title: copy.getString('title'),
		returnedLoan: loan ? loan.id : '',
		outcome: hold ? 'hold' : 'shelf',
		hold: hold ? hold.id : '',
		patron: hold ? hold.getString('patron') : '',
		pickupShelf: hold ? hold.getString('pickup_shelf') : '',
		pickupDeadline: hold ? hold.getString('pickup_deadline') : '',
		fromPickup: fromPickup
	};
	if (hold) {
		const patron = app.findRecordById('users', hold.getString('patron'));
		result.patronName = patron.getString('name');
	}
	audit.staffAction(app, actor, 'library_checkin', copy, result);
	touchTitle(app, copy.getString('title'));
	return result;
}

/**
 * The desk hands a ready copy to its patron: the hold is collected, a loan starts and the copy is lent.
 * @param {core.App} app the transaction's app
 * @param {string} holdId
 * @param {{ kind: string, id: string }} actor
 */
function collect(app, holdId, actor) {
	const id = plainText(holdId, 'hold');
	let hold;
	try {
		hold = app.findRecordById('holds', id);
	} catch (_) {
		return refuse('library_hold_unknown', 'hold');
	}
	// past its pickup deadline the copy is the next in line's, whether or not the job has expired it yet
	// (the route expires it first, so it goes on at once); the desk is told where it goes
	if (hold.getString('status') === 'expired') refuse(expiredRefusal(app, hold), 'hold');
	if (hold.getString('status') !== 'ready') refuse('library_hold_not_ready', 'hold');
	if (queue.isExpired({ status: 'ready', pickup_deadline: hold.getString('pickup_deadline') }, nowPb())) {
		refuse(expiredRefusal(app, hold), 'hold');
	}
	const change = changeHold(app, hold, 'ready', 'collected', rolesFor(actor, hold.getString('patron')));
	const copy = app.findRecordById('copies', hold.getString('copy'));
	copyTo(copy, 'loan', ['staff']);
	app.save(hold);
	const loan = openLoan(app, copy, hold.getString('patron'), '');
	copy.set('status', 'loan');
	copy.set('on_pickup_shelf', '');
	app.save(copy);
	change.after();
	audit.staffAction(app, actor, 'library_collect', hold, { loan: loan.id, copy: copy.id });
	return { hold: hold.id, loan: loan.id, due: loan.getString('due') };
}

/**
 * The pickup a reserved copy lent over the counter to `patronId` is: their own ready hold with that very
 * copy, before its pickup deadline (lending it is handing it over, as `collect` does), or null (the copy is
 * someone else's, or past the deadline the next in line's: refused as busy by the caller).
 * @param {core.App} app the transaction's app
 * @param {core.Record} copy a reserved copy, read in the transaction
 * @param {string} patronId
 * @returns {core.Record | null}
 */
function pickupOf(app, copy, patronId) {
	const holds = app.findRecordsByFilter(
		'holds',
		bindFilter('copy = {:c} && status = "ready" && patron = {:p}', { c: copy.id, p: patronId }),
		'',
		1,
		0
	);
	if (!holds.length) return null;
	const deadline = holds[0].getString('pickup_deadline');
	return queue.isExpired({ status: 'ready', pickup_deadline: deadline }, nowPb()) ? null : holds[0];
}

/**
 * A loan of a copy of a title (saved, in the loan's transaction) ends its patron's active hold on that
 * title: the patron has the title, so the hold is collected by the loan, whether it waited, was paused or
 * lay ready (docs/rules.md, "No hold beside a loan"). A ready hold whose copy set aside is not the one lent
 * releases it exactly as an ended pickup does (`releaseCopy`: to the next in line, or back to the shelf,
 * lying on the pickup shelf if it was put there); the lent copy itself is its pickup. Others' places close
 * up, as they are counted. Audited as the desk's collect on the patron's behalf.
 * @param {core.App} app the transaction's app
 * @param {core.Record} loan the open loan, saved
 * @param {core.Record} copy the copy lent
 * @param {{ kind: string, id: string }} actor
 * @returns {{ hold: string, status: string, passedOn: string } | null} the hold ended (its status before),
 *   and the hold its released copy went to ('' when none), or null when the patron had no active hold
 */
function endHoldByLoan(app, loan, copy, actor) {
	const patronId = loan.getString('patron');
	const active = app.findRecordsByFilter(
		'holds',
		bindFilter('patron = {:p} && title = {:t} && ' + ACTIVE_FILTER, {
			p: patronId,
			t: copy.getString('title')
		}),
		'',
		1,
		0
	);
	if (!active.length) return null;
	const hold = active[0];
	const from = hold.getString('status');
	// the desk lent it: collected for the staff member who did, or for a superuser's load acting as the desk
	const change = changeHold(app, hold, from, 'collected', ['staff'], copy.id);
	app.save(hold);
	const next = change.after();
	audit.staffAction(app, actor, 'library_hold_collect', hold, {
		loan: loan.id,
		copy: copy.id,
		from: from,
		on_behalf_of: patronId
	});
	return { hold: hold.id, status: from, passedOn: next ? next.id : '' };
}

/**
 * The desk's refusal of a pickup past its deadline, saying where its copy goes, as the patron's message
 * does: to the next in line (`library_hold_expired`) only when someone got it, a hold made ready with it
 * since this one ended (or, not expired yet, someone waiting for the title); else back to the shelf
 * (`library_hold_expired_nobody_next`).
 * @param {core.App} app
 * @param {core.Record} hold
 */
function expiredRefusal(app, hold) {
	const copyId = hold.getString('copy');
	const passedOn =
		hold.getString('status') === 'expired'
			? copyId !== '' &&
				app.findRecordsByFilter(
					'holds',
					bindFilter('copy = {:c} && id != {:h} && ready_at >= {:ended}', {
						c: copyId,
						h: hold.id,
						ended: hold.getString('ended_at')
					}),
					'',
					1,
					0
				).length > 0
			: queue.nextHold(titleHolds(app, hold.getString('title'))) !== null;
	return passedOn ? 'library_hold_expired' : 'library_hold_expired_nobody_next';
}

/** Saves a new open loan of a copy (the copy itself is the caller's). */
function openLoan(app, copy, patronId, due) {
	const now = new Date();
	const loan = new Record(app.findCachedCollectionByNameOrId('loans'));
	loan.set('copy', copy.id);
	loan.set('patron', patronId);
	loan.set('title', copy.getString('title'));
	loan.set('start', queue.toPbDate(now));
	loan.set('due', due || queue.deadline(now, queue.LOAN_DAYS, app));
	loan.set('returned_at', '');
	app.save(loan);
	return loan;
}

/** The desk takes back a loan: the same as checking in its copy. */
function returnLoan(app, loanId, actor) {
	const loan = namedOpenLoan(app, loanId);
	// the loan's own copy, by its id: never a copy whose barcode happens to read the same
	return checkInCopy(app, app.findRecordById('copies', loan.getString('copy')), actor);
}

/**
 * Expires one ready hold whose pickup deadline has passed, in the caller's transaction, reading it there:
 * the copy goes to the next in line (or back to the shelf when nobody waits), and the patron is told which.
 * @returns {boolean} whether the hold was expired
 */
function expireHold(app, holdId, now, lent) {
	const hold = app.findRecordById('holds', holdId);
	const state = { status: hold.getString('status'), pickup_deadline: hold.getString('pickup_deadline') };
	if (!queue.isExpired(state, now)) return false;
	const change = changeHold(app, hold, 'ready', 'expired', ['system']);
	hold.set('ended_at', now);
	app.save(hold);
	// the patron is told the copy went to the next in line only when it did
	const passedOn = change.after() !== null;
	// lent to its patron at the counter from the shelf it went back to: they have it, and hear of no expiry
	if (lent && !passedOn) return true;
	const title = app.findRecordById('titles', hold.getString('title'));
	notify(app, hold.getString('patron'), {
		kind: 'hold_expired',
		texts: passedOn ? TEXTS.expired : TEXTS.expiredNobodyNext,
		params: { title: title.getString('title') },
		link: '/bibliotek/' + title.id,
		dedupeKey: 'hold_expired:' + hold.id
	});
	return true;
}

/**
 * Expires one hold now if it is ready and past its pickup deadline, in a transaction of its own (the
 * desk's collect asks first, so that a late pickup sends the copy on at once, not at the job's next run).
 * Anything else (no such hold, not due) is left for the caller to answer.
 * @param {core.App} app the app (not inside a transaction)
 * @param {unknown} holdId
 */
function expireIfDue(app, holdId) {
	if (typeof holdId !== 'string' || holdId === '' || holdId.length > 50) return false;
	try {
		return tx.run(app, (txApp) => expireHold(txApp, holdId, nowPb()));
	} catch (_) {
		// no such hold: the collect refuses it
		return false;
	}
}

/**
 * A loan over the counter of the copy set aside for the patron's pickup is the hand-over (`pickupOf`), and a
 * pickup past its deadline is never handed over: as the desk's collect does, it is expired first. When
 * someone waits, in a transaction of its own, so that the copy goes to the next in line now and the patron
 * is told (the loan is then refused, saying so): `expired`. When nobody waits, by the loan in its own
 * transaction (`expireHold` with `lent`): the copy goes back to the shelf and is lent from there, and the
 * patron, who walks out with it, is told of no expiry; a loan refused leaves the pickup to the expiry job.
 * Anything else is left for the loan's own checks.
 * @param {core.App} app the app (not inside a transaction)
 * @param {unknown} copyId
 * @param {unknown} patronId
 * @returns {{ expired: string, lend: string }} the pickup expired now, or the one the loan expires
 */
function expireLatePickup(app, copyId, patronId) {
	const none = { expired: '', lend: '' };
	if (typeof copyId !== 'string' || typeof patronId !== 'string' || !copyId || !patronId) return none;
	if (copyId.length > 50 || patronId.length > 50) return none;
	const ready = app.findRecordsByFilter(
		'holds',
		bindFilter('copy = {:c} && patron = {:p} && status = "ready"', { c: copyId, p: patronId }),
		'',
		1,
		0
	);
	if (!ready.length) return none;
	const hold = ready[0];
	const state = { status: 'ready', pickup_deadline: hold.getString('pickup_deadline') };
	if (!queue.isExpired(state, nowPb())) return none;
	if (queue.nextHold(titleHolds(app, hold.getString('title'))) === null)
		return { expired: '', lend: hold.id };
	return { expired: expireIfDue(app, hold.id) ? hold.id : '', lend: '' };
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
		bindFilter('status = "ready" && pickup_deadline != "" && pickup_deadline < {:now}', { now: now }),
		'pickup_deadline',
		500,
		0
	);
	let count = 0;
	for (const hold of due) {
		if (tx.run(app, (txApp) => expireHold(txApp, hold.id, now))) count++;
	}
	return count;
}

/**
 * What a reader may know of a title's queue: its length, the copies on the shelf, and the reader's own
 * hold with its place. Other patrons' holds are never revealed, only counted.
 */
function queueInfo(app, titleId, patronId) {
	const holds = titlesHolds(app, [titleId])[titleId] || [];
	const onShelf = app.countRecords('copies', $dbx.hashExp({ title: titleId, status: 'shelf' }));
	let mine = null;
	if (patronId) {
		const own = app.findRecordsByFilter(
			'holds',
			bindFilter('title = {:t} && patron = {:p} && ' + ACTIVE_FILTER, {
				t: titleId,
				p: patronId
			}),
			'',
			1,
			0
		)[0];
		if (own) mine = holdView(own, queue.placeOf(holds, own.id));
	}
	return { queueLength: queue.queueOf(holds).length, onShelf: onShelf, mine: mine };
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
	/** @type {Record<string, { id: string, status: string, placed_at: string }[]>} */
	const byTitle = {};
	if (titleIds.length === 0) return byTitle;
	// narrow rows rather than records: every visit of a title page or Mit overblik reads them
	const rows = arrayOf(new DynamicModel({ id: '', title: '', status: '', placed_at: '' }));
	app
		.db()
		.select('id', 'title', 'status', 'placed_at')
		.from('holds')
		.where($dbx.in('title', ...titleIds))
		.andWhere($dbx.in('status', ...predicates.ACTIVE_HOLD))
		.all(rows);
	for (const r of rows) {
		(byTitle[r.title] = byTitle[r.title] || []).push({ id: r.id, status: r.status, placed_at: r.placed_at });
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
	const mine = app.findRecordsByFilter(
		'holds',
		bindFilter('patron = {:p} && ' + ACTIVE_FILTER, {
			p: patronId
		}),
		'placed_at',
		0,
		0
	);
	return holdViews(app, mine);
}

module.exports = {
	ACTIVE_FILTER,
	titleHolds,
	touchTitle,
	countOnShelf,
	titleHasHistory,
	// the kernel's (core/tx.js), named here too for the library's hooks
	sentFields: require(`${__hooks}/lib/core/tx.js`).sentFields,
	rebase: require(`${__hooks}/lib/core/tx.js`).rebase,
	lockFields,
	rolesFor,
	requireText,
	checkBarcode,
	checkShelf,
	checkDate,
	titleProblem,
	checkTitle,
	keyIdentifier,
	refuseListedTitle,
	copyTo,
	makeReady,
	prepareNewHold,
	lastCopyHeld,
	changeHold,
	handOutCopy,
	releaseCopy,
	pickupShelfHolding,
	assignNewCopy,
	shelfCopy,
	assertCopyFree,
	notifyReady,
	moveDeadlinesPastClosure,
	tellHoldChanged,
	tellDueSet,
	cancelHold,
	checkIn,
	fetchedFor,
	collect,
	pickupOf,
	endHoldByLoan,
	openLoan,
	returnLoan,
	endWithCopy,
	loseLoan,
	expireHold,
	expireIfDue,
	expireLatePickup,
	nowPb,
	expiredRefusal,
	expireOverdue,
	queueInfo,
	holdViews,
	patronHolds
};
