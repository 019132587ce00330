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
//    house's statistics (room use, holds served, volunteer hours); the purpose of private bookings is cleared;
//  - open loans stay until the item is returned: the copy is the library's;
//  - the audit log of staff actions.
// What goes: name, phone, email, skills, volunteer terms, the calendar feed, memberships, notifications.

const ANONYMOUS_NAME = 'Slettet bruger';

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

	const bookings = txApp.findRecordsByFilter(
		'bookings',
		'booker = {:u} && start > {:now} && ' + status.activeBookingFilter(),
		'start',
		0,
		0,
		p
	);
	// the booking machine's "cancel", made by the system: no deadline holds back an account's deletion
	const rooms = require(`${__hooks}/lib/rooms-bookings.js`);
	for (const b of bookings) {
		rooms.transition(txApp, b, 'cancelled', { kind: 'system', id: '' }, ['system'], {
			cancel_reason: 'Account deleted',
			silent: true
		});
		b.set('cancelled_by', userId);
		txApp.save(b);
		released.bookings++;
	}

	const holds = txApp.findRecordsByFilter(
		'holds',
		'patron = {:u} && ' + status.activeHoldFilter(),
		'',
		0,
		0,
		p
	);
	const { cancelHold } = require(`${__hooks}/lib/library-desk.js`);
	for (const h of holds) if (cancelHold(txApp, h.id)) released.holds++;

	const signups = txApp.findRecordsByFilter(
		'signups',
		'user = {:u} && ' + status.activePlaceFilter() + ' && shift.start > {:now}',
		'',
		0,
		0,
		p
	);
	const places = require(`${__hooks}/lib/events-claims.js`);
	for (const s of signups) {
		places.releaseEntry(txApp, 'signups', s);
		released.signups++;
	}

	const registrations = txApp.findRecordsByFilter(
		'registrations',
		'user = {:u} && ' + status.activePlaceFilter() + ' && event.start > {:now}',
		'',
		0,
		0,
		p
	);
	for (const r of registrations) {
		places.releaseEntry(txApp, 'registrations', r);
		released.registrations++;
	}

	// History stays for statistics, without personal text.
	const privateHistory = txApp.findRecordsByFilter(
		'bookings',
		'booker = {:u} && association = "" && purpose != ""',
		'',
		0,
		0,
		p
	);
	for (const b of privateHistory) {
		b.set('purpose', '');
		txApp.save(b);
	}
	for (const n of txApp.findRecordsByFilter('notifications', 'user = {:u}', '', 0, 0, p)) txApp.delete(n);
	for (const m of txApp.findRecordsByFilter('memberships', 'user = {:u}', '', 0, 0, p)) txApp.delete(m);

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
	tx.request(e, (txApp) => {
		const { fresh } = tx.rebase(txApp, e);
		if (fresh.getString('deleted_at')) {
			throw require(`${__hooks}/lib/core/errors.js`).refusal('overview_account_deleted');
		}
		e.next();
	});
}

module.exports = { deleteAccount, handleUpdate, ANONYMOUS_NAME };
