/// <reference path="../pb_data/types.d.ts" />

// Library rules inside PocketBase (docs/rules.md, "Library"). Every request hook checks and writes in one
// transaction, decides from the row as it stands there (desk.rebase) and asks the state machines of
// lib/library-machine.js; the writes themselves are in lib/library-desk.js and the queue order in
// lib/library-queue.js. Other areas change holds only through library-desk.cancelHold.

// -- holds ------------------------------------------------------------------------------------------

// Placing a hold: the server stamps status and placed_at (the queue order), one active hold per
// patron per title, none on a title the patron has on loan or one without copies, at most
// MAX_ACTIVE_HOLDS active holds; ready at once when a copy is on the shelf and nobody unpaused waits.
onRecordCreateRequest((e) => {
	const desk = require(`${__hooks}/lib/library-desk.js`);
	const auth = require(`${__hooks}/lib/core/auth.js`);
	// staff at the desk may override the hold limit for the citizen, with a reason
	const who = auth.actor(e);
	const overrideLimit = auth.overrides(who);
	require(`${__hooks}/lib/core/tx.js`).request(e, (txApp) => {
		const after = desk.prepareNewHold(txApp, e.record, { overrideLimit, system: who.kind === 'system' });
		e.next();
		after();
	});
}, 'holds');

// Pausing, resuming, cancelling: transitions of the hold machine, decided on the row as it stands in the
// transaction; every other field is the server's (docs/rules.md, "Library").
onRecordUpdateRequest((e) => {
	const desk = require(`${__hooks}/lib/library-desk.js`);
	const machine = require(`${__hooks}/lib/library-machine.js`);
	const { actor } = require(`${__hooks}/lib/core/auth.js`);
	const { refuse } = require(`${__hooks}/lib/core/errors.js`);
	const who = actor(e);
	require(`${__hooks}/lib/core/tx.js`).request(e, (txApp) => {
		const { fresh, sent } = desk.rebase(txApp, e);
		// A superuser may load history as it was (maintenance); everyone else changes only the status.
		if (who.kind !== 'system') desk.lockFields(sent, ['status']);
		const from = fresh.getString('status');
		const to = e.record.getString('status');
		const roles = desk.rolesFor(who, fresh.getString('patron'));
		let change = null;
		if (to !== from) {
			const t = machine.find(machine.HOLD, from, to);
			const plain = !!t && machine.HOLD_PLAIN.indexOf(t.name) >= 0;
			if (who.kind !== 'system' || (plain && machine.allowed(t, roles))) {
				if (!plain) refuse('library_hold_change_refused', 'status');
				change = desk.changeHold(txApp, e.record, from, to, roles);
			} else if (!to) {
				refuse('library_hold_change_refused', 'status');
			}
		}
		e.next();
		if (change) {
			change.after();
			if (who.kind === 'staff' && roles.indexOf('owner') < 0) {
				require(`${__hooks}/lib/core/audit.js`).record(txApp, {
					actor: who.id,
					action: 'library_hold_' + change.name,
					collection: 'holds',
					id: e.record.id,
					onBehalfOf: fresh.getString('patron')
				});
				// the patron is told: a hold paused or ended by someone else, without a word, was found out only
				// when no copy came (a desk act is the patron's own, and the desk tells them itself)
				desk.tellHoldChanged(txApp, e.record, change.name);
			}
		} else if (who.kind === 'system') {
			desk.touchTitle(txApp, e.record.getString('title'));
		}
	});
}, 'holds');

// Holds are cancelled, not deleted; a superuser's delete (maintenance) still frees the copy.
onRecordDeleteRequest((e) => {
	const desk = require(`${__hooks}/lib/library-desk.js`);
	if (!e.hasSuperuserAuth()) require(`${__hooks}/lib/core/errors.js`).refuse('library_hold_change_refused');
	require(`${__hooks}/lib/core/tx.js`).request(e, (txApp) => {
		const fresh = txApp.findRecordById('holds', e.record.id);
		e.next();
		if (fresh.getString('status') === 'ready')
			desk.releaseCopy(txApp, fresh.getString('copy'), desk.pickupShelfHolding(fresh));
		desk.touchTitle(txApp, fresh.getString('title'));
	});
}, 'holds');

// -- copies -----------------------------------------------------------------------------------------

// A new copy is on the shelf (or missing); one on the shelf goes to the first waiting hold at once.
onRecordCreateRequest((e) => {
	const desk = require(`${__hooks}/lib/library-desk.js`);
	const who = require(`${__hooks}/lib/core/auth.js`).actor(e);
	require(`${__hooks}/lib/core/tx.js`).request(e, (txApp) => {
		// its title as it stands in the transaction: one deleted since the request came in is refused with a
		// code, not with PocketBase's relation error at the save
		try {
			txApp.findRecordById('titles', e.record.getString('title'));
		} catch (_) {
			require(`${__hooks}/lib/core/errors.js`).refuse('library_title_unknown', 'title');
		}
		desk.checkBarcode(txApp, e.record);
		const status = e.record.getString('status') || 'shelf';
		if (status !== 'shelf' && status !== 'missing') {
			require(`${__hooks}/lib/core/errors.js`).refuse('library_copy_status', 'status');
		}
		desk.checkShelf(e.record, {}, true);
		e.record.set('status', status);
		e.record.set('on_pickup_shelf', ''); // the server's: a new copy lies where its shelf says
		e.next();
		if (status === 'shelf') desk.assignNewCopy(txApp, e.record);
		desk.touchTitle(txApp, e.record.getString('title'));
		require(`${__hooks}/lib/core/audit.js`).staffAction(txApp, who, 'library_copy_create', e.record, {
			title: e.record.getString('title')
		});
	});
}, 'copies');

// Staff mark a copy missing and found; loans and pickups change only at the desk. A copy found again
// goes to the first waiting hold. A copy marked missing while being fetched for a ready hold was not found:
// the hold waits again in its place and the queue is served again (its patron told, unless it got another copy
// at once); one marked missing on loan was lost: the loan ends as lost (desk.endWithCopy). Decided on the copy
// as it stands in the transaction.
onRecordUpdateRequest((e) => {
	const desk = require(`${__hooks}/lib/library-desk.js`);
	const machine = require(`${__hooks}/lib/library-machine.js`);
	const { refuse } = require(`${__hooks}/lib/core/errors.js`);
	const who = require(`${__hooks}/lib/core/auth.js`).actor(e);
	require(`${__hooks}/lib/core/tx.js`).request(e, (txApp) => {
		const { fresh, sent } = desk.rebase(txApp, e);
		desk.lockFields(sent, ['barcode', 'shelf', 'status', 'title']);
		if (sent.barcode) desk.checkBarcode(txApp, e.record);
		desk.checkShelf(e.record, sent, false);
		const from = fresh.getString('status');
		const to = e.record.getString('status');
		const busy = from === 'loan' || from === 'reserved';
		// a page's button names the status it showed the copy in (`?from=shelf`): refused when the copy has moved
		// on since, so a title page shown before the copy was lent or taken by a hold never writes off the loan just
		// made as lost, nor sends the pickup just made back to the queue
		const shown = String(e.requestInfo().query.from || '');
		if (shown && shown !== from) refuse(busy ? 'library_copy_busy' : 'library_copy_moved_on', 'status');
		const oldTitle = fresh.getString('title');
		const moved = e.record.getString('title') !== oldTitle;
		if (moved && busy) refuse('library_copy_busy', 'title');
		// nor the last copy of a title that holds wait for, as it is not deleted (library_copy_last_held)
		if (moved && desk.lastCopyHeld(txApp, fresh)) refuse('library_copy_last_held_move', 'title');
		// the desk's "Ikke fundet" names the pickup it went to fetch the copy for: refused unless the copy is still
		// being fetched for it, so a page shown before the copy was lent or its pickup ended changes nothing
		const fetching = String(e.requestInfo().query.fetching || '');
		if (fetching) {
			const hold = to === 'missing' && from === 'reserved' ? desk.fetchedFor(txApp, fresh.id) : null;
			if (!hold || hold.id !== fetching) refuse('library_copy_not_fetched', 'status');
		}
		let t = null;
		if (to !== from) {
			t = machine.find(machine.COPY, from, to);
			if (!t || machine.COPY_PLAIN.indexOf(t.name) < 0 || !machine.allowed(t, desk.rolesFor(who, ''))) {
				refuse(busy ? 'library_copy_busy' : 'library_copy_status', 'status');
			}
			// missing, or found again and put back by staff: on no pickup shelf either way
			e.record.set('on_pickup_shelf', '');
		}
		// what a copy that goes missing served ends with it, in this transaction
		const ended = t && busy ? desk.endWithCopy(txApp, fresh, t.name) : null;
		e.next();
		if (to === 'shelf' && (from !== 'shelf' || moved)) {
			desk.handOutCopy(txApp, txApp.findRecordById('copies', e.record.id));
		}
		if (ended) ended.after();
		desk.touchTitle(txApp, e.record.getString('title'));
		if (moved) desk.touchTitle(txApp, oldTitle);
		/** @type {Record<string, unknown>} */
		const details = { title: e.record.getString('title'), fields: Object.keys(sent) };
		if (ended) {
			if (ended.hold) details.hold = ended.hold;
			if (ended.loan) details.loan = ended.loan;
			details.on_behalf_of = ended.patron;
		}
		require(`${__hooks}/lib/core/audit.js`).staffAction(
			txApp,
			who,
			t ? 'library_copy_' + t.name : 'library_copy_update',
			e.record,
			details
		);
	});
}, 'copies');

// Where a copy left on a pickup shelf lies (`on_pickup_shelf`) is for staff: a pickup shelf belongs to a
// patron (queue.pickupShelf), so it would tell others whose hold the copy served. Everyone is told only that
// such a copy is at the desk (`at_desk`, computed), not on its own shelf in the stacks.
onRecordEnrich((e) => {
	const auth = e.requestInfo ? e.requestInfo.auth : null;
	const staff =
		!!auth && (auth.isSuperuser() || (auth.collection().name === 'users' && auth.getBool('staff')));
	e.record.withCustomData(true);
	e.record.set('at_desk', e.record.getString('on_pickup_shelf') !== '');
	if (!staff) e.record.hide('on_pickup_shelf');
	// at_desk is the only data of a copy's own that goes out: an expand through a back-relation
	// (`?expand=holds_via_copy`, in any spelling PocketBase takes, also nested) writes the ids of every row it
	// reaches onto the copy, under the name as written, before the related collection's rules are asked; they
	// would go out with at_desk, the ids of other patrons' holds and loans. What the rules let the reader see is
	// under `expand`. So every name of the request's expand that is no field of a copy is hidden.
	const query = e.requestInfo ? e.requestInfo.query : null;
	const expand = query && query.expand ? String(query.expand).split(' ').join('') : '';
	const fields = e.record.collection().fields;
	for (const name of expand.split(/[.,]/)) {
		if (name && name !== 'at_desk' && !fields.getByName(name)) e.record.hide(name);
	}
	e.next();
}, 'copies');

// A copy on loan or waiting for pickup cannot be deleted, nor one that ever was: its holds and loans (any
// status) are history, kept (library_copy_has_history; staff mark it missing instead), nor a title's last
// copy while holds wait for the title (library_copy_last_held). Judged on the copy as it stands in the
// transaction, so a hold or loan arriving at the same moment is counted.
onRecordDeleteRequest((e) => {
	const desk = require(`${__hooks}/lib/library-desk.js`);
	const { refuse } = require(`${__hooks}/lib/core/errors.js`);
	const who = require(`${__hooks}/lib/core/auth.js`).actor(e);
	require(`${__hooks}/lib/core/tx.js`).request(e, (txApp) => {
		let fresh;
		try {
			fresh = txApp.findRecordById('copies', e.record.id);
		} catch (_) {
			throw new NotFoundError('The copy does not exist.'); // deleted at the same moment
		}
		const status = fresh.getString('status');
		if (status === 'loan' || status === 'reserved') refuse('library_copy_busy');
		const used = (collection) =>
			txApp.findRecordsByFilter(
				collection,
				require(`${__hooks}/lib/core/filter.js`).bindFilter('copy = {:c}', { c: fresh.id }),
				'',
				1,
				0
			).length > 0;
		if (used('loans') || used('holds')) refuse('library_copy_has_history');
		// the last copy of a title that holds wait for: they would wait for nothing, on a title that takes no
		// new holds (library_title_no_copies); staff mark it missing instead, which they may find again
		if (desk.lastCopyHeld(txApp, fresh)) refuse('library_copy_last_held');
		e.next();
		desk.touchTitle(txApp, fresh.getString('title'));
		require(`${__hooks}/lib/core/audit.js`).staffAction(txApp, who, 'library_copy_delete', fresh, {
			title: fresh.getString('title'),
			barcode: fresh.getString('barcode')
		});
	});
}, 'copies');

// -- loans ------------------------------------------------------------------------------------------

// Lending a copy from the shelf (the loan machine's start, the copy machine's lend): the server sets the
// title, the start and (unless staff give one) the due date; only the desk and this action open loans. The
// patron's active hold on the title ends with the loan (desk.endHoldByLoan): a copy lent from the shelf
// collects it, and a copy set aside for another of their pickups goes on as an ended pickup's does; the very
// copy set aside for them, lent to them, is their pickup handed over.
onRecordCreateRequest((e) => {
	const desk = require(`${__hooks}/lib/library-desk.js`);
	const { refuse } = require(`${__hooks}/lib/core/errors.js`);
	const who = require(`${__hooks}/lib/core/auth.js`).actor(e);
	// the patron's own pickup past its deadline is expired first, as the desk's collect does: its copy goes to
	// the next in line (the loan is refused, saying so) or, nobody waiting, back to the shelf by the loan itself
	// (and is lent from there, the patron told of no expiry)
	const late =
		who.kind === 'staff'
			? desk.expireLatePickup(e.app, e.record.getString('copy'), e.record.getString('patron'))
			: { expired: '', lend: '' };
	require(`${__hooks}/lib/core/tx.js`).request(e, (txApp) => {
		if (late.lend) desk.expireHold(txApp, late.lend, desk.nowPb(), true);
		const sent = desk.sentFields(e);
		const system = who.kind === 'system';
		if (!system) desk.lockFields(sent, ['copy', 'patron', 'due']);
		let copy;
		try {
			copy = txApp.findRecordById('copies', e.record.getString('copy'));
		} catch (_) {
			return refuse('library_copy_unknown', 'copy');
		}
		const open = !e.record.getString('returned_at');
		// a deleted account borrows nothing (read here: the deletion may have committed since)
		if (open && require(`${__hooks}/lib/core/auth.js`).isDeletedAccount(txApp, e.record.getString('patron')))
			refuse('overview_account_deleted', 'patron');
		const lend = open && (copy.getString('status') === 'shelf' || !system);
		if (lend) {
			// from the shelf, or a reserved copy to the patron whose pickup it is (before its deadline)
			const from = copy.getString('status');
			if (from === 'missing') refuse('library_copy_missing', 'copy');
			const pickup = from === 'reserved' ? desk.pickupOf(txApp, copy, e.record.getString('patron')) : null;
			if (from !== 'shelf' && !pickup) {
				const expired = late.expired || late.lend;
				if (expired) refuse(desk.expiredRefusal(txApp, txApp.findRecordById('holds', expired)), 'copy');
				refuse('library_copy_busy', 'copy');
			}
			desk.copyTo(copy, 'loan', desk.rolesFor(who, ''));
			copy.set('status', 'loan');
			copy.set('on_pickup_shelf', ''); // lent over the counter, from wherever it lay
		}
		e.record.set('title', copy.getString('title'));
		if (!system || !sent.start)
			e.record.set('start', require(`${__hooks}/lib/library-queue.js`).toPbDate(new Date()));
		if (sent.due) {
			desk.checkDate(e.record, 'due');
			if (!system && e.record.getString('due') <= e.record.getString('start'))
				refuse('core_end_before_start', 'due');
		} else {
			const queue = require(`${__hooks}/lib/library-queue.js`);
			e.record.set('due', queue.deadline(new Date(), queue.LOAN_DAYS, txApp));
		}
		e.next();
		if (lend) txApp.save(copy);
		// the patron has the title now: a hold on it would keep a place (or a copy) they do not need
		const ended = open ? desk.endHoldByLoan(txApp, e.record, copy, who) : null;
		desk.touchTitle(txApp, copy.getString('title'));
		/** @type {Record<string, unknown>} */
		const details = { copy: copy.id, on_behalf_of: e.record.getString('patron') };
		if (ended) details.hold = ended.hold;
		require(`${__hooks}/lib/core/audit.js`).staffAction(txApp, who, 'library_lend', e.record, details);
	});
}, 'loans');

// Staff may move a loan's due date (after its start, a real date); the rest of a loan is the desk's.
onRecordUpdateRequest((e) => {
	const desk = require(`${__hooks}/lib/library-desk.js`);
	const { refuse } = require(`${__hooks}/lib/core/errors.js`);
	const who = require(`${__hooks}/lib/core/auth.js`).actor(e);
	require(`${__hooks}/lib/core/tx.js`).request(e, (txApp) => {
		const { fresh, sent } = desk.rebase(txApp, e);
		const system = who.kind === 'system';
		if (!system) desk.lockFields(sent, ['due']);
		if (sent.due) {
			desk.checkDate(e.record, 'due');
			if (!system) {
				if (fresh.getString('returned_at')) refuse('library_loan_returned', 'due');
				if (e.record.getString('due') <= e.record.getString('start')) refuse('core_end_before_start', 'due');
			}
		}
		e.next();
		if (sent.due) {
			require(`${__hooks}/lib/core/audit.js`).staffAction(txApp, who, 'library_loan_due', e.record, {
				from: fresh.getString('due'),
				to: e.record.getString('due'),
				on_behalf_of: e.record.getString('patron')
			});
			// the patron is told the new date, as when a closure moves it: a date brought forward without a word
			// made them late; the system, correcting data, tells nobody
			if (!system && e.record.getString('due') !== fresh.getString('due')) desk.tellDueSet(txApp, e.record);
		}
	});
}, 'loans');

// Loans are history (statistics, "Mine data"); they end by being returned at the desk, never deleted.
onRecordDeleteRequest((e) => {
	if (!e.hasSuperuserAuth()) require(`${__hooks}/lib/core/errors.js`).refuse('library_loan_kept');
	e.next();
}, 'loans');

// -- titles ---------------------------------------------------------------------------------------

// One ISBN, one title, on every save of a title (lib/library-desk.js keyIdentifier), in the saver's
// transaction.
onRecordCreate((e) => {
	require(`${__hooks}/lib/library-desk.js`).keyIdentifier(e.app, e.record, true);
	e.next();
}, 'titles');
onRecordUpdate((e) => {
	require(`${__hooks}/lib/library-desk.js`).keyIdentifier(e.app, e.record, false);
	e.next();
}, 'titles');

// Catalogue changes by staff: a title that is not blank, a year no later than next year, a known type;
// an import's title not listed already (refuseListedTitle); audited in the same transaction. The on-shelf count is always recounted, never taken from a client.
onRecordCreateRequest((e) => {
	const desk = require(`${__hooks}/lib/library-desk.js`);
	const who = require(`${__hooks}/lib/core/auth.js`).actor(e);
	require(`${__hooks}/lib/core/tx.js`).request(e, (txApp) => {
		desk.checkTitle(e.record, desk.sentFields(e), true);
		if (String(e.requestInfo().query.unlisted || '') === '1') desk.refuseListedTitle(txApp, e.record);
		e.record.set('on_shelf', 0); // a new title has no copies yet
		e.next();
		require(`${__hooks}/lib/core/audit.js`).staffAction(txApp, who, 'library_title_create', e.record, {
			title: e.record.getString('title')
		});
	});
}, 'titles');

onRecordUpdateRequest((e) => {
	const desk = require(`${__hooks}/lib/library-desk.js`);
	const who = require(`${__hooks}/lib/core/auth.js`).actor(e);
	require(`${__hooks}/lib/core/tx.js`).request(e, (txApp) => {
		const { sent } = desk.rebase(txApp, e);
		desk.checkTitle(e.record, sent, false);
		e.record.set('on_shelf', desk.countOnShelf(txApp, e.record.id));
		e.next();
		require(`${__hooks}/lib/core/audit.js`).staffAction(txApp, who, 'library_title_update', e.record, {
			title: e.record.getString('title'),
			fields: Object.keys(sent)
		});
	});
}, 'titles');

// A title that has been reserved or lent out is kept (library_title_has_history): its holds and loans are
// the queue and history. One that never was (a mistake, a duplicate) may be deleted, and its copies go with
// it (cascade), each audited as library_copy_delete like a copy deleted on its own, in the same
// transaction. Decided inside the transaction, so a hold or loan arriving at the same moment is counted.
onRecordDeleteRequest((e) => {
	const desk = require(`${__hooks}/lib/library-desk.js`);
	const audit = require(`${__hooks}/lib/core/audit.js`);
	const who = require(`${__hooks}/lib/core/auth.js`).actor(e);
	require(`${__hooks}/lib/core/tx.js`).request(e, (txApp) => {
		let fresh;
		try {
			fresh = txApp.findRecordById('titles', e.record.id);
		} catch (_) {
			throw new NotFoundError('The title does not exist.'); // deleted at the same moment
		}
		if (who.kind !== 'system' && desk.titleHasHistory(txApp, fresh.id)) {
			require(`${__hooks}/lib/core/errors.js`).refuse('library_title_has_history');
		}
		const copies = txApp.findRecordsByFilter(
			'copies',
			require(`${__hooks}/lib/core/filter.js`).bindFilter('title = {:t}', { t: fresh.id }),
			'barcode',
			0,
			0
		);
		e.next();
		for (const copy of copies) {
			audit.staffAction(txApp, who, 'library_copy_delete', copy, {
				title: fresh.id,
				barcode: copy.getString('barcode')
			});
		}
		audit.staffAction(txApp, who, 'library_title_delete', fresh, {
			title: fresh.getString('title'),
			copies: copies.map((c) => c.getString('barcode'))
		});
	});
}, 'titles');

// -- desk -------------------------------------------------------------------------------------------

routerAdd(
	'POST',
	'/api/library/checkin',
	(e) => {
		const desk = require(`${__hooks}/lib/library-desk.js`);
		const staff = require(`${__hooks}/lib/core/auth.js`).requireStaff(e);
		const body = e.requestInfo().body || {};
		// a list's button names what it expects of the copy (desk.checkIn); the barcode field is a plain scan
		const expected = {
			hold: typeof body.hold === 'string' ? body.hold : '',
			stacks: body.stacks === true
		};
		const result = require(`${__hooks}/lib/core/tx.js`).route(e, (txApp) =>
			desk.checkIn(txApp, body.code, staff, expected)
		);
		return e.json(200, result);
	},
	$apis.requireAuth('users')
);

routerAdd(
	'POST',
	'/api/library/collect',
	(e) => {
		const desk = require(`${__hooks}/lib/library-desk.js`);
		const staff = require(`${__hooks}/lib/core/auth.js`).requireStaff(e);
		const body = e.requestInfo().body || {};
		const tx = require(`${__hooks}/lib/core/tx.js`);
		// a pickup past its deadline is expired first, in its own transaction, so the copy goes to the next in
		// line now rather than at the job's next run; the collect then refuses it (library_hold_expired)
		desk.expireIfDue(e.app, body.hold);
		const result = tx.route(e, (txApp) => desk.collect(txApp, body.hold, staff));
		return e.json(200, result);
	},
	$apis.requireAuth('users')
);

// A copy lost on loan is written off: the loan ends as lost and the copy is missing; nobody gets it.
routerAdd(
	'POST',
	'/api/library/lost',
	(e) => {
		const desk = require(`${__hooks}/lib/library-desk.js`);
		const staff = require(`${__hooks}/lib/core/auth.js`).requireStaff(e);
		const body = e.requestInfo().body || {};
		const result = require(`${__hooks}/lib/core/tx.js`).route(e, (txApp) =>
			desk.loseLoan(txApp, body.loan, staff)
		);
		return e.json(200, result);
	},
	$apis.requireAuth('users')
);

routerAdd(
	'POST',
	'/api/library/return',
	(e) => {
		const desk = require(`${__hooks}/lib/library-desk.js`);
		const staff = require(`${__hooks}/lib/core/auth.js`).requireStaff(e);
		const body = e.requestInfo().body || {};
		const result = require(`${__hooks}/lib/core/tx.js`).route(e, (txApp) =>
			desk.returnLoan(txApp, body.loan, staff)
		);
		return e.json(200, result);
	},
	$apis.requireAuth('users')
);

// Runs the expiry job now (the desk's button; the job also runs every five minutes).
routerAdd(
	'POST',
	'/api/library/expire',
	(e) => {
		const desk = require(`${__hooks}/lib/library-desk.js`);
		const staff = require(`${__hooks}/lib/core/auth.js`).requireStaff(e);
		const expired = desk.expireOverdue(e.app);
		require(`${__hooks}/lib/core/tx.js`).route(e, (txApp) =>
			require(`${__hooks}/lib/core/audit.js`).record(txApp, {
				actor: staff.id,
				action: 'library_expire',
				collection: 'holds',
				id: '',
				details: { expired: expired }
			})
		);
		return e.json(200, { expired: expired });
	},
	$apis.requireAuth('users')
);

// -- reading the queue ------------------------------------------------------------------------------

// Anyone may know a title's queue length and copies on the shelf; a signed-in patron also gets their
// own hold with its place. Nobody learns who else waits.
routerAdd('GET', '/api/library/queue/{title}', (e) => {
	const desk = require(`${__hooks}/lib/library-desk.js`);
	const titleId = e.request.pathValue('title');
	try {
		e.app.findRecordById('titles', titleId);
	} catch (_) {
		throw new NotFoundError('The title does not exist.');
	}
	const patron = e.auth && e.auth.collection().name === 'users' ? e.auth.id : '';
	return e.json(200, desk.queueInfo(e.app, titleId, patron));
});

// The signed-in patron's active holds with places (title page, /bibliotek/mine, Mit overblik).
routerAdd(
	'GET',
	'/api/library/my-holds',
	(e) => {
		const desk = require(`${__hooks}/lib/library-desk.js`);
		return e.json(200, { holds: desk.patronHolds(e.app, e.auth.id) });
	},
	$apis.requireAuth('users')
);

// -- scheduled --------------------------------------------------------------------------------------

// Pickups not collected by their deadline expire, and the copy goes to the next in line (UTC cron).
cronAdd('library_expire_pickups', '*/5 * * * *', () => {
	const desk = require(`${__hooks}/lib/library-desk.js`);
	const expired = desk.expireOverdue($app);
	if (expired > 0) $app.logger().info('library pickups expired', 'count', expired);
});

// -- bulk load --------------------------------------------------------------------------------------

// Loads a catalogue in bulk for the system account only (a new branch's stock, the benchmark): up to
// 2,000 titles with up to 50 copies each per call, in one transaction, straight into the tables. New
// titles have no holds, so there is nothing for the hold rules to do. Every row is held to the checks of
// a normal create (desk.titleProblem; a copy's barcode and status; lengths of the fields) and a barcode
// or title id that is taken, or a barcode that is a copy's id, is refused: a refusal names the row in its field
// (`titles.<i>.<field>`, `titles.<i>.copies.<j>.<field>`, counted from 0) and loads nothing.
// A title without a type is a book.
routerAdd(
	'POST',
	'/api/library/bulk-load',
	(e) => {
		const desk = require(`${__hooks}/lib/library-desk.js`);
		const { refuse } = require(`${__hooks}/lib/core/errors.js`);
		const body = e.requestInfo().body || {};
		const titles = Array.isArray(body.titles) ? body.titles : [];
		if (titles.length === 0 || titles.length > require(`${__hooks}/lib/library-queue.js`).BULK_MAX_TITLES)
			refuse('library_bulk_size');
		const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
		const given = (v) => v !== undefined && v !== null && v !== '';
		// the text of a field, refused when it is not text (or a number) or longer than the field allows
		const text = (v, max, field) => {
			if (!given(v)) return '';
			if (typeof v !== 'string' && typeof v !== 'number') refuse('core_invalid_value', field);
			const value = String(v);
			if (Array.from(value).length > max) refuse('core_text_too_long', field);
			return value;
		};
		// every row checked before anything is written
		const rows = titles.map((t, i) => {
			const at = 'titles.' + i;
			if (!t || typeof t !== 'object' || Array.isArray(t)) refuse('core_invalid_value', at);
			const year = given(t.year) ? Number(t.year) : 0;
			if (!Number.isInteger(year)) refuse('library_year_invalid', at + '.year');
			const row = {
				id: /^[a-z0-9]{15}$/.test(t.id) ? t.id : $security.randomStringWithAlphabet(15, alphabet),
				title: text(t.title, 300, at + '.title'),
				creator: text(t.creator, 300, at + '.creator'),
				year: year,
				language: text(t.language, 20, at + '.language'),
				type: given(t.type) ? String(t.type) : 'book',
				identifier: text(t.identifier, 64, at + '.identifier'),
				identifierKey: '',
				subjects: text(t.subjects, 2000, at + '.subjects'),
				description: text(t.description, 5000, at + '.description'),
				copies: []
			};
			row.identifierKey = require(`${__hooks}/lib/library-identifier.js`).identifierKey(
				row.identifier,
				row.type
			);
			const problem = desk.titleProblem({ title: row.title, year: row.year, type: row.type });
			if (problem) refuse(problem.code, at + '.' + problem.field);
			if (given(t.copies) && !Array.isArray(t.copies)) refuse('core_invalid_value', at + '.copies');
			const copies = t.copies || [];
			if (copies.length > 50) refuse('core_invalid_value', at + '.copies');
			row.copies = copies.map((c, j) => {
				const cat = at + '.copies.' + j;
				if (!c || typeof c !== 'object' || Array.isArray(c)) refuse('core_invalid_value', cat);
				const barcode = text(c.barcode, 64, cat + '.barcode').trim();
				if (barcode.trim() === '') refuse('core_text_blank', cat + '.barcode');
				const status = given(c.status) ? c.status : 'shelf';
				if (status !== 'shelf' && status !== 'missing') refuse('library_copy_status', cat + '.status');
				const shelf = text(c.shelf, 50, cat + '.shelf');
				if (shelf.trim() === '') refuse('library_shelf_required', cat + '.shelf');
				return { barcode: barcode, shelf: shelf, status: status, at: cat };
			});
			return row;
		});
		const count = require(`${__hooks}/lib/core/tx.js`).route(e, (txApp) => {
			const now = new Date().toISOString().replace('T', ' ');
			const insertTitle = txApp
				.db()
				.newQuery(
					'INSERT INTO titles (id, title, creator, year, language, type, identifier, identifier_key, subjects, description, cover, on_shelf, created, updated) ' +
						"VALUES ({:id}, {:title}, {:creator}, {:year}, {:language}, {:type}, {:identifier}, {:identifierKey}, {:subjects}, {:description}, '', {:onShelf}, {:now}, {:now})"
				);
			const insertCopy = txApp
				.db()
				.newQuery(
					'INSERT INTO copies (id, title, barcode, shelf, status, created, updated) ' +
						'VALUES ({:id}, {:title}, {:barcode}, {:shelf}, {:status}, {:now}, {:now})'
				);
			// A unique index refuses a taken id, identifier or barcode (in the catalogue or earlier in this call); the
			// refusal names the row. Nothing is asked in the common case, where every insert succeeds.
			const taken = (collection, filter, value) =>
				txApp.findRecordsByFilter(
					collection,
					require(`${__hooks}/lib/core/filter.js`).bindFilter(filter, { v: value }),
					'',
					1,
					0
				).length > 0;
			rows.forEach((row, i) => {
				try {
					insertTitle
						.bind({
							id: row.id,
							title: row.title,
							creator: row.creator,
							year: row.year,
							language: row.language,
							type: row.type,
							identifier: row.identifier,
							identifierKey: row.identifierKey,
							subjects: row.subjects,
							description: row.description,
							onShelf: row.copies.filter((c) => c.status !== 'missing').length,
							now: now
						})
						.execute();
				} catch (err) {
					if (taken('titles', 'id = {:v}', row.id)) {
						refuse('library_bulk_id_taken', 'titles.' + i + '.id');
					}
					if (row.identifierKey !== '' && taken('titles', 'identifier_key = {:v}', row.identifierKey)) {
						refuse('library_identifier_taken', 'titles.' + i + '.identifier');
					}
					throw err;
				}
				for (const c of row.copies) {
					try {
						insertCopy
							.bind({
								id: $security.randomStringWithAlphabet(15, alphabet),
								title: row.id,
								barcode: c.barcode,
								shelf: c.shelf,
								status: c.status,
								now: now
							})
							.execute();
					} catch (err) {
						if (taken('copies', 'barcode = {:v}', c.barcode)) {
							refuse('library_barcode_taken', c.at + '.barcode');
						}
						throw err;
					}
				}
			});
			// a barcode never reads as another copy's id, nor a new copy's id as a barcode (the desk looks a
			// code up by barcode first, then by id): one read of the new copies, refused by the row
			const clash = new DynamicModel({ barcode: '', id: '' });
			try {
				txApp
					.db()
					.newQuery(
						'SELECT c.barcode AS barcode, c.id AS id FROM copies c WHERE c.created = {:now} AND ' +
							'(c.barcode IN (SELECT id FROM copies) OR c.id IN (SELECT barcode FROM copies)) LIMIT 1'
					)
					.bind({ now: now })
					.one(clash);
			} catch (_) {
				return rows.length; // no row: no clash
			}
			const at = rows.flatMap((row) => row.copies).find((c) => c.barcode === clash.barcode);
			refuse('library_barcode_is_copy_id', (at ? at.at : 'titles') + '.barcode');
		});
		return e.json(200, { loaded: count });
	},
	$apis.requireSuperuserAuth()
);
