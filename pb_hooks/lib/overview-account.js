/// <reference path="../../pb_data/types.d.ts" />

// Deleting an account (issue 6, "Mine data"). Call deleteAccount() with the transaction's app: every
// step saves with that app, so either all of it is committed or nothing is. Every release is a transition
// of its entity's state machine made by the system: bookings through the booking machine's "cancel"
// (rooms-bookings.js transition), holds through the library's (library-desk.js cancelHold: the copy goes
// to the next in line), sign-ups and registrations through the events area's (events-claims.js
// releaseEntry): waitlists move up and the people concerned are told.
//
// What is kept, and why (the "Mine data" page says the same):
//  - past bookings, loans, shifts and registrations, attached to the anonymised account, for the
//    house's statistics (room use, holds served, volunteer hours); the purpose of private bookings and
//    private season bookings is cleared; the user's season bookings are cancelled with their dates;
//  - open loans stay until the item is returned: the copy is the library's;
//  - the associations the user created or belonged to, without the user's name, email and phone as contact;
//  - the audit log of staff actions: who did what to which row and when, without the free text staff wrote
//    about the person (an override's reason, a decision's reason) or the person's name.
// What goes: name, phone, email, skills, volunteer terms, the calendar feed, memberships, notifications,
// the places signed in from, sign-ins linked from another provider and the hour's count of invitations sent.
// A create for the account that meets the deletion is refused inside its own transaction
// (core/auth.js isDeletedAccount), so nothing the deletion did not see outlives it.

/** lib/core/filter.js bindFilter, required at the call: loading this file needs nothing of PocketBase. */
function bindFilter(filter, params) {
	return require(`${__hooks}/lib/core/filter.js`).bindFilter(filter, params);
}

const ANONYMOUS_NAME = 'Slettet bruger';

/** The keys of an audit entry's details that hold free text about a person (or the person's name). */
const AUDIT_FREE_TEXT = ['override_reason', 'reason', 'cancel_reason', 'message', 'note', 'patronName'];

/**
 * The contact fields that are the user's own (lib/overview-contacts.js, the rule "Mine data" exports by) are
 * cleared; the rest of each association stays as it is. Call before the memberships go.
 * @param {core.App} txApp
 * @param {core.Record} user the account as it stands, before it is anonymised
 */
function clearContacts(txApp, user) {
	for (const contact of require(`${__hooks}/lib/overview-contacts.js`).ownContacts(txApp, user)) {
		let changed = false;
		for (const field of Object.keys(contact.own)) {
			if (!contact.own[field]) continue;
			contact.record.set(field, '');
			changed = true;
		}
		if (changed) txApp.save(contact.record);
	}
}

/**
 * The audit entries about the user keep what was done and when (accountability), without the free text
 * staff wrote about the person: entries on behalf of the user or naming them as patron, entries about the
 * account, staff's moves of a booking from or to them, and entries about their private bookings and season
 * bookings, holds, loans, sign-ups, registrations and memberships. Call before the memberships go.
 * @param {core.App} txApp
 * @param {string} userId
 */
function blankAuditText(txApp, userId) {
	// constants of the code only, never input; the user's id is bound as {:u}
	const about = (collection, filter) =>
		`(a.target_collection = '${collection}' AND a.target_id IN (SELECT id FROM ${collection} WHERE ${filter}))`;
	// a row that changes hands: the entries written while it was the user's (lib/audit-holder.js)
	const { heldByAt } = require(`${__hooks}/lib/audit-holder.js`);
	const held = (collection) =>
		`(a.target_collection = '${collection}' AND EXISTS (SELECT 1 FROM ${collection} r WHERE r.id = a.target_id AND r.association = '' AND ${heldByAt(collection)}))`;
	const jsonOf = (path) =>
		`CASE WHEN json_valid(a.details) THEN json_extract(a.details, '$.${path}') END = {:u}`;
	const rows = arrayOf(new DynamicModel({ id: '' }));
	txApp
		.db()
		.newQuery(
			'SELECT a.id FROM audit_log a WHERE ' +
				[
					jsonOf('on_behalf_of'),
					jsonOf('patron'),
					"(a.target_collection = 'users' AND a.target_id = {:u})",
					// a booking staff moved from or to the user: the reason was written to them
					`(a.target_collection = 'bookings' AND a.action = 'booking_reassigned' AND (${jsonOf('from.booker')} OR ${jsonOf('to.booker')}))`,
					held('bookings'),
					held('booking_series'),
					about('holds', 'patron = {:u}'),
					about('loans', 'patron = {:u}'),
					about('signups', '[[user]] = {:u}'),
					about('registrations', '[[user]] = {:u}'),
					about('memberships', '[[user]] = {:u}')
				].join(' OR ')
		)
		.bind({ u: userId })
		.all(rows);
	for (const row of rows) {
		const entry = txApp.findRecordById('audit_log', row.id);
		let details;
		try {
			details = JSON.parse(entry.getString('details') || 'null');
		} catch (_) {
			continue;
		}
		if (!details || typeof details !== 'object') continue;
		let changed = false;
		for (const key of AUDIT_FREE_TEXT) {
			if (typeof details[key] !== 'string' || !details[key]) continue;
			details[key] = '';
			changed = true;
		}
		if (!changed) continue;
		entry.set('details', details);
		txApp.save(entry);
	}
}

/**
 * Releases everything in the future, anonymises the rest and stops sign-in.
 * @param {core.App} txApp the app of a running transaction
 * @param {string} userId
 * @param {Date} [now]
 * @returns {{ bookings: number, holds: number, signups: number, registrations: number }} what was released
 */
function deleteAccount(txApp, userId, now) {
	const { toPbDate } = require(`${__hooks}/lib/overview-time.js`);
	const status = require(`${__hooks}/lib/core/status.js`);
	const at = toPbDate(now || new Date());
	const p = { u: userId, now: at };
	const released = { bookings: 0, holds: 0, signups: 0, registrations: 0 };
	const user = txApp.findRecordById('users', userId);
	if (user.getString('deleted_at')) throw new Error('account already deleted');

	// an association's booking or season is its booker's only while they may book for it (rule 3, the
	// booking machine's `rolesOf` decides): one made by a booker removed since is the association's, and
	// stays when the account goes
	const rooms = require(`${__hooks}/lib/rooms-bookings.js`);
	const asUser = { kind: 'user', id: userId };
	const theirs = (record) => rooms.rolesOf(txApp, record, asUser).indexOf('owner') >= 0;
	const bookings = txApp
		.findRecordsByFilter(
			'bookings',
			bindFilter('booker = {:u} && start > {:now} && ' + status.activeBookingFilter(), p),
			'start',
			0,
			0
		)
		.filter(theirs);
	// the booking machine's "cancel", made by the system: no deadline holds back an account's deletion
	for (const b of bookings) {
		rooms.transition(txApp, b, 'cancelled', { kind: 'system', id: '' }, ['system'], {
			cancel_reason: 'Account deleted',
			silent: true
		});
		b.set('cancelled_by', userId);
		txApp.save(b);
		released.bookings++;
	}

	// The user's season bookings end with their dates, as the series' own cancel does (rooms/series.js
	// `cancel`): cancelled when no active date is kept ahead; a private one loses its purpose like the bookings.
	const { permitted } = require(`${__hooks}/lib/core/machine.js`);
	const seriesMachine = require(`${__hooks}/lib/rooms/booking-machine.js`).series;
	for (const s of txApp
		.findRecordsByFilter('booking_series', bindFilter('booker = {:u}', p), '', 0, 0)
		.filter(theirs)) {
		let changed = false;
		const from = s.getString('status') || 'active';
		if (permitted(seriesMachine, from, 'cancelled', ['system'])) {
			const kept = txApp.findRecordsByFilter(
				'bookings',
				bindFilter('series = {:s} && start > {:now} && ' + status.activeBookingFilter(), {
					s: s.id,
					now: at
				}),
				'',
				1,
				0
			);
			if (!kept.length) {
				s.set('status', 'cancelled');
				changed = true;
			}
		}
		if (!s.getString('association') && s.getString('purpose')) {
			s.set('purpose', '');
			changed = true;
		}
		if (changed) txApp.save(s);
	}

	const holds = txApp.findRecordsByFilter(
		'holds',
		bindFilter('patron = {:u} && ' + status.activeHoldFilter(), p),
		'',
		0,
		0
	);
	const { cancelHold } = require(`${__hooks}/lib/library-desk.js`);
	for (const h of holds) if (cancelHold(txApp, h.id)) released.holds++;

	// a place on a waitlist is never attendance: released whenever the shift or event is, so a deleted
	// account is never moved up (a started one rescheduled could otherwise promote it); confirmed places of
	// what has begun stay as history
	const signups = txApp.findRecordsByFilter(
		'signups',
		bindFilter(
			'user = {:u} && (status = "waitlisted" || (' +
				status.activePlaceFilter() +
				' && shift.start > {:now}))',
			p
		),
		'',
		0,
		0
	);
	const places = require(`${__hooks}/lib/events-claims.js`);
	for (const s of signups) {
		places.releaseEntry(txApp, 'signups', s);
		released.signups++;
	}

	const registrations = txApp.findRecordsByFilter(
		'registrations',
		bindFilter(
			'user = {:u} && (status = "waitlisted" || (' +
				status.activePlaceFilter() +
				' && event.start > {:now}))',
			p
		),
		'',
		0,
		0
	);
	for (const r of registrations) {
		places.releaseEntry(txApp, 'registrations', r);
		released.registrations++;
	}

	// History stays for statistics, without personal text: the purpose, and the reasons staff wrote to the
	// person when rejecting or cancelling
	const privateHistory = txApp.findRecordsByFilter(
		'bookings',
		bindFilter(
			'booker = {:u} && association = "" && (purpose != "" || reason != "" || cancel_reason != "")',
			p
		),
		'',
		0,
		0
	);
	for (const b of privateHistory) {
		b.set('purpose', '');
		b.set('reason', '');
		b.set('cancel_reason', '');
		txApp.save(b);
	}
	clearContacts(txApp, user);
	blankAuditText(txApp, userId);
	for (const n of txApp.findRecordsByFilter('notifications', bindFilter('user = {:u}', p), '', 0, 0))
		txApp.delete(n);
	for (const m of txApp.findRecordsByFilter('memberships', bindFilter('user = {:u}', p), '', 0, 0))
		txApp.delete(m);
	// invitations still waiting for the account's address, and where the account signed in from (the
	// places PocketBase remembers for its sign-in alert): both name the person
	const email = require(`${__hooks}/lib/rooms-memberships.js`).normalizeEmail(user.email());
	const waiting = txApp.findRecordsByFilter(
		'memberships',
		bindFilter('user = "" && email = {:e}', {
			e: email
		}),
		'',
		0,
		0
	);
	for (const invitation of waiting) txApp.delete(invitation);
	for (const origin of txApp.findAllAuthOriginsByRecord(user)) txApp.delete(origin);
	// and the sign-ins linked from another provider (the person's id there), which Mine data lists with them
	for (const link of txApp.findAllExternalAuthsByRecord(user)) txApp.delete(link);
	// the hour's count of the invitations the account sent (lib/rooms-memberships.js): a hash of each address
	// it wrote to, kept for nothing but the limit of an account that invites no more
	for (const sent of txApp.findRecordsByFilter('invitations_sent', bindFilter('inviter = {:u}', p), '', 0, 0))
		txApp.delete(sent);

	user.set('name', ANONYMOUS_NAME);
	user.set('phone', '');
	user.set('skills', '');
	user.set('volunteer_terms_at', '');
	user.set('calendar_token', '');
	user.set('notify_email', false);
	user.set('notify_reminders', false);
	user.set('staff', false);
	// the picture (PocketBase removes its file after the commit) and the library card number, which is
	// unique and would stay reserved
	user.set('avatar', '');
	user.set('library_card', '');
	user.setEmailVisibility(false);
	user.setEmail('deleted-' + user.id + '@borgerhus.invalid');
	user.set('deleted_at', at);
	// A new random password also renews the token key, so every session ends now.
	user.setRandomPassword();
	txApp.save(user);
	return released;
}

/**
 * onRecordUpdateRequest for users: an account's own changes (and staff's and the system's) are decided on
 * the row as it stands inside the write's transaction (docs/rules.md, "Transactions"). PocketBase loads the
 * record before the transaction and would write every field back, so a profile save that met an account
 * deletion, a new or revoked calendar address or a desk change of the same row undid it; rebased, the save
 * writes only what it sent, and a deleted account is not written at all.
 * @param {core.RecordRequestEvent} e
 */
function handleUpdate(e) {
	const tx = require(`${__hooks}/lib/core/tx.js`);
	// a new password names the old one: wrong ones are counted per account, as for account deletion
	const body = e.requestInfo().body || {};
	// PocketBase reads an old password sent as a number or a yes/no as its text ("1234567890"), which the
	// count below would not see: a guess in any form but text is refused before it is compared
	const old = body.oldPassword;
	if (!e.hasSuperuserAuth() && old !== undefined && old !== null && typeof old !== 'string') {
		throw require(`${__hooks}/lib/core/errors.js`).refusal('core_invalid_value', 'oldPassword');
	}
	if (!e.hasSuperuserAuth() && typeof body.oldPassword === 'string' && body.oldPassword !== '') {
		require(`${__hooks}/lib/password-checks.js`).check(e, e.record.id, body.oldPassword, 'oldPassword');
	}
	tx.request(e, (txApp) => {
		const { fresh, sent } = tx.rebase(txApp, e);
		if (fresh.getString('deleted_at')) {
			throw require(`${__hooks}/lib/core/errors.js`).refusal('overview_account_deleted');
		}
		// accepting the volunteer terms is recorded at the time the house receives it, whatever date is sent
		// (the app sends now); sending the date already stored changes nothing, and an empty one withdraws
		if (sent.volunteer_terms_at && !e.hasSuperuserAuth()) {
			const terms = e.record.getString('volunteer_terms_at');
			if (terms && terms !== fresh.getString('volunteer_terms_at')) {
				e.record.set('volunteer_terms_at', new Date().toISOString().replace('T', ' '));
			}
		}
		e.next();
		// accepted again: the places they were skipped for while without the terms are theirs now, in this
		// write (docs/rules.md, "Places, the waitlist and overlapping shifts")
		if (!fresh.getString('volunteer_terms_at') && e.record.getString('volunteer_terms_at')) {
			require(`${__hooks}/lib/events-claims.js`).refillAfterTerms(txApp, e.record.id);
		}
	});
}

/**
 * A field's value in a form that tells whether a save changed it: a list as its JSON, everything else as
 * text.
 * @param {core.Record} record
 * @param {core.Field} field
 */
function comparable(record, field) {
	const name = field.getName();
	switch (field.type()) {
		case 'select':
		case 'relation':
		case 'file':
		case 'geoPoint':
			return JSON.stringify(record.get(name));
		default:
			return record.getString(name);
	}
}

/**
 * The fields a save changed: those whose value differs from the row it loaded (`original()`). A password
 * is changed when the save set a new one: PocketBase keeps the new password in plain until the save (a
 * loaded row has only its hash, and its `original()` not even that).
 * @param {core.Record} record
 * @returns {Record<string, boolean>}
 */
function changedFields(record) {
	const original = record.original();
	/** @type {Record<string, boolean>} */
	const changed = {};
	for (const field of record.collection().fields) {
		const name = field.getName();
		if (field.type() === 'autodate') continue;
		if (field.type() === 'password') {
			if (record.getString(name) !== '') changed[name] = true;
		} else if (comparable(record, field) !== comparable(original, field)) changed[name] = true;
	}
	return changed;
}

/**
 * onRecordUpdate for users, every save whatever its path: it writes only the fields it changed, onto the
 * account as it stands. PocketBase's own confirm routes (password reset, email change) and ours
 * (lib/signup.js `confirmAddress`) load the account, do their slow part (a password hash) and save every
 * field of the row they loaded; one that met another write would write its fields back: a deletion (the
 * name, address and phone, the account open again), a renewed calendar address, a library card set at the
 * desk, a take-over's corrected address. The stored row is read in the save's transaction (one is opened
 * when the save has none), so no other write commits between the read and this one:
 *  - a deleted account is not written again;
 *  - a save that sets a password, an address or its verification on an account whose token key changed
 *    since the save loaded it is refused as an expired link: a new password, a new address or a deletion
 *    ends every link and session, so the link (or session) that allowed it has ended meanwhile;
 *  - every field the save left as it loaded it takes the stored value (a field it sets to the value it
 *    had is left too: it changes nothing).
 * @param {core.RecordEvent} e
 */
function saveOnStored(e) {
	if (e.record.getString('deleted_at')) return e.next();
	const original = e.app;
	try {
		// a save already inside a transaction runs in it (core/tx.js `run` nests)
		require(`${__hooks}/lib/core/tx.js`).run(original, (txApp) => {
			e.app = txApp;
			const stored = txApp.findRecordById('users', e.record.id);
			if (stored.getString('deleted_at')) {
				throw require(`${__hooks}/lib/core/errors.js`).refusal('overview_account_deleted');
			}
			const owned = changedFields(e.record);
			if (
				stored.tokenKey() !== e.record.original().tokenKey() &&
				(owned.password || owned.email || owned.verified)
			) {
				throw new BadRequestError('Invalid or expired token.', {
					token: new ValidationError('validation_invalid_token', 'Invalid or expired token.')
				});
			}
			for (const field of e.record.collection().fields) {
				const name = field.getName();
				if (name === 'id' || owned[name] || field.type() === 'autodate') continue;
				// raw: the stored form as it is (a password's hash, or it would be hashed again)
				e.record.setRaw(name, stored.getRaw(name));
			}
			e.next();
		});
	} finally {
		e.app = original;
	}
}

module.exports = { deleteAccount, handleUpdate, saveOnStored, ANONYMOUS_NAME };
