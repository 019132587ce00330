/// <reference path="../pb_data/types.d.ts" />

// Library rules inside PocketBase (DESIGN.md rules 3, 4, 6). Request hooks check and write in one
// transaction (NOTES.md); model hooks carry the effects that must also happen when another area saves a
// hold (account deletion cancels holds with txApp.save). The logic is in lib/library-desk.js and the
// queue order in lib/library-queue.js.

// -- holds ------------------------------------------------------------------------------------------

// Placing a hold: the server stamps status and placed_at (the queue order), one active hold per
// patron per title, at most MAX_ACTIVE_HOLDS active holds; ready at once when a copy is on the shelf
// and nobody unpaused waits.
onRecordCreateRequest((e) => {
	const desk = require(`${__hooks}/lib/library-desk.js`);
	desk.requestInTransaction(e, (txApp) => desk.prepareNewHold(txApp, e.record));
}, 'holds');

// Pausing, resuming, cancelling: only these status changes, and never the server's fields.
onRecordUpdateRequest((e) => {
	const desk = require(`${__hooks}/lib/library-desk.js`);
	const queue = require(`${__hooks}/lib/library-queue.js`);
	desk.requestInTransaction(e, () => {
		if (e.hasSuperuserAuth()) return;
		const before = e.record.original();
		if (!queue.mayChangeStatus(before.getString('status'), e.record.getString('status'))) {
			throw desk.refuse('library_hold_change_refused', 'This change of the hold is not allowed.');
		}
		const owned = [
			'title',
			'patron',
			'placed_at',
			'copy',
			'pickup_shelf',
			'pickup_deadline',
			'ready_at',
			'ended_at'
		];
		for (const field of owned) {
			if (before.getString(field) !== e.record.getString(field)) {
				throw desk.refuse('library_hold_change_refused', 'This change of the hold is not allowed.');
			}
		}
	});
}, 'holds');

onRecordDeleteRequest((e) => {
	const desk = require(`${__hooks}/lib/library-desk.js`);
	if (!e.hasSuperuserAuth())
		throw desk.refuse('library_hold_change_refused', 'Holds are cancelled, not deleted.');
	e.next();
}, 'holds');

// Model level (runs inside whichever transaction saves the hold).
onRecordCreate((e) => {
	const desk = require(`${__hooks}/lib/library-desk.js`);
	const ready = e.record.getString('status') === 'ready';
	if (ready) desk.assertCopyFree(e.app, e.record);
	e.next();
	if (ready) desk.notifyReady(e.app, e.record);
	desk.touchTitle(e.app, e.record.getString('title'));
}, 'holds');

onRecordUpdate((e) => {
	const desk = require(`${__hooks}/lib/library-desk.js`);
	const queue = require(`${__hooks}/lib/library-queue.js`);
	const before = e.record.original();
	const from = before.getString('status') || 'waiting';
	const titleId = e.record.getString('title');
	if (from === (e.record.getString('status') || 'waiting')) return e.next();

	// A resumed hold is first among the unpaused when nobody else waits: it takes a copy on the shelf.
	if (
		from === 'paused' &&
		e.record.getString('status') === 'waiting' &&
		!queue.nextHold(desk.titleHolds(e.app, titleId))
	) {
		const copy = desk.shelfCopy(e.app, titleId);
		if (copy) desk.prepareReady(e.app, e.record, copy);
	}
	const to = e.record.getString('status');
	if (to === 'ready') desk.assertCopyFree(e.app, e.record);
	if (!queue.isActive(to) && !e.record.getString('ended_at')) {
		e.record.set('ended_at', queue.toPbDate(new Date()));
	}
	e.next();
	if (to === 'ready') desk.notifyReady(e.app, e.record);
	// A copy that waited for a cancelled or expired hold goes to the next in line, or to the shelf.
	if (from === 'ready' && to !== 'collected' && before.getString('copy')) {
		desk.handOutCopy(e.app, e.app.findRecordById('copies', before.getString('copy')));
	}
	desk.touchTitle(e.app, titleId);
}, 'holds');

// -- copies -----------------------------------------------------------------------------------------

// A new copy is on the shelf (or missing); one on the shelf goes to the first waiting hold at once.
onRecordCreateRequest((e) => {
	const desk = require(`${__hooks}/lib/library-desk.js`);
	desk.requestInTransaction(
		e,
		() => {
			const status = e.record.getString('status') || 'shelf';
			if (status !== 'shelf' && status !== 'missing') {
				throw desk.refuse('library_copy_status', 'A new copy is on the shelf or missing.', 'status');
			}
			e.record.set('status', status);
		},
		(txApp) => {
			if (e.record.getString('status') === 'shelf') desk.assignNewCopy(txApp, e.record);
			desk.auditRequest(txApp, e, 'library_copy_create', 'copies');
		}
	);
}, 'copies');

// Loans and reservations change only at the desk; a copy found again goes to the first waiting hold.
onRecordUpdateRequest((e) => {
	const desk = require(`${__hooks}/lib/library-desk.js`);
	const before = e.record.original();
	const from = before.getString('status');
	desk.requestInTransaction(
		e,
		() => {
			const to = e.record.getString('status');
			const busy = from === 'loan' || from === 'reserved';
			if (busy && (to !== from || e.record.getString('title') !== before.getString('title'))) {
				throw desk.refuse('library_copy_busy', 'The copy is on loan or waiting for pickup.', 'status');
			}
			if (to !== from && (to === 'loan' || to === 'reserved' || to === '')) {
				throw desk.refuse('library_copy_status', 'Loans and pickups are handled at the desk.', 'status');
			}
		},
		(txApp) => {
			if (e.record.getString('status') === 'shelf' && from !== 'shelf') {
				desk.handOutCopy(txApp, txApp.findRecordById('copies', e.record.id));
			}
			desk.touchTitle(txApp, e.record.getString('title'));
			desk.auditRequest(txApp, e, 'library_copy_update', 'copies');
		}
	);
}, 'copies');

onRecordDeleteRequest((e) => {
	const desk = require(`${__hooks}/lib/library-desk.js`);
	const status = e.record.getString('status');
	if (status === 'loan' || status === 'reserved') {
		throw desk.refuse('library_copy_busy', 'The copy is on loan or waiting for pickup.');
	}
	desk.requestInTransaction(e, null, (txApp) => {
		desk.touchTitle(txApp, e.record.getString('title'));
		desk.auditRequest(txApp, e, 'library_copy_delete', 'copies');
	});
}, 'copies');

// -- titles ---------------------------------------------------------------------------------------

// Catalogue changes by staff are audited in the same transaction.
onRecordCreateRequest((e) => {
	const desk = require(`${__hooks}/lib/library-desk.js`);
	e.record.set('on_shelf', 0); // a new title has no copies yet
	desk.requestInTransaction(e, null, (txApp) =>
		desk.auditRequest(txApp, e, 'library_title_create', 'titles')
	);
}, 'titles');

onRecordUpdateRequest((e) => {
	const desk = require(`${__hooks}/lib/library-desk.js`);
	desk.requestInTransaction(
		e,
		(txApp) => e.record.set('on_shelf', desk.countOnShelf(txApp, e.record.id)),
		(txApp) => desk.auditRequest(txApp, e, 'library_title_update', 'titles')
	);
}, 'titles');

// -- desk -------------------------------------------------------------------------------------------

routerAdd(
	'POST',
	'/api/library/checkin',
	(e) => {
		const desk = require(`${__hooks}/lib/library-desk.js`);
		desk.requireStaff(e);
		const body = e.requestInfo().body || {};
		const result = desk.inTransaction(e.app, (txApp) => desk.checkIn(txApp, body.code, e.auth.id));
		return e.json(200, result);
	},
	$apis.requireAuth('users')
);

routerAdd(
	'POST',
	'/api/library/collect',
	(e) => {
		const desk = require(`${__hooks}/lib/library-desk.js`);
		desk.requireStaff(e);
		const body = e.requestInfo().body || {};
		const result = desk.inTransaction(e.app, (txApp) => desk.collect(txApp, body.hold, e.auth.id));
		return e.json(200, result);
	},
	$apis.requireAuth('users')
);

routerAdd(
	'POST',
	'/api/library/return',
	(e) => {
		const desk = require(`${__hooks}/lib/library-desk.js`);
		desk.requireStaff(e);
		const body = e.requestInfo().body || {};
		const result = desk.inTransaction(e.app, (txApp) => desk.returnLoan(txApp, body.loan, e.auth.id));
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
		desk.requireStaff(e);
		const expired = desk.expireOverdue(e.app);
		desk.inTransaction(e.app, (txApp) =>
			desk.audit(txApp, e.auth.id, 'library_expire', 'holds', '', { expired: expired })
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
// 2,000 titles with their copies per call, in one transaction, straight into the tables. New titles
// have no holds, so there is nothing for the hold rules to do.
routerAdd(
	'POST',
	'/api/library/bulk-load',
	(e) => {
		const desk = require(`${__hooks}/lib/library-desk.js`);
		const body = e.requestInfo().body || {};
		const titles = Array.isArray(body.titles) ? body.titles : [];
		if (titles.length === 0 || titles.length > 2000) {
			throw desk.refuse('library_bulk_size', 'Send between 1 and 2000 titles.');
		}
		const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
		const text = (v, max) => String(v == null ? '' : v).slice(0, max);
		const count = desk.inTransaction(e.app, (txApp) => {
			const now = new Date().toISOString().replace('T', ' ');
			const insertTitle = txApp
				.db()
				.newQuery(
					'INSERT INTO titles (id, title, creator, year, language, type, identifier, subjects, description, cover, on_shelf, created, updated) ' +
						"VALUES ({:id}, {:title}, {:creator}, {:year}, {:language}, {:type}, {:identifier}, {:subjects}, {:description}, '', {:onShelf}, {:now}, {:now})"
				);
			const insertCopy = txApp
				.db()
				.newQuery(
					'INSERT INTO copies (id, title, barcode, shelf, status, created, updated) ' +
						'VALUES ({:id}, {:title}, {:barcode}, {:shelf}, {:status}, {:now}, {:now})'
				);
			for (const t of titles) {
				const id = /^[a-z0-9]{15}$/.test(t.id) ? t.id : $security.randomStringWithAlphabet(15, alphabet);
				const copies = Array.isArray(t.copies) ? t.copies.slice(0, 50) : [];
				const type =
					['book', 'audiobook', 'film', 'game', 'magazine', 'thing'].indexOf(t.type) >= 0 ? t.type : 'book';
				insertTitle
					.bind({
						id: id,
						title: text(t.title, 300) || '?',
						creator: text(t.creator, 300),
						year: Math.trunc(Number(t.year) || 0),
						language: text(t.language, 20),
						type: type,
						identifier: text(t.identifier, 64),
						subjects: text(t.subjects, 2000),
						description: text(t.description, 5000),
						onShelf: copies.filter((c) => c.status !== 'missing').length,
						now: now
					})
					.execute();
				for (const c of copies) {
					insertCopy
						.bind({
							id: $security.randomStringWithAlphabet(15, alphabet),
							title: id,
							barcode: text(c.barcode, 64),
							shelf: text(c.shelf, 50),
							status: c.status === 'missing' ? 'missing' : 'shelf',
							now: now
						})
						.execute();
				}
			}
			return titles.length;
		});
		return e.json(200, { loaded: count });
	},
	$apis.requireSuperuserAuth()
);
