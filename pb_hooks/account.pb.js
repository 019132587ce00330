/// <reference path="../pb_data/types.d.ts" />

// Sign-up through one route that answers a taken address as a new one (lib/signup.js).
routerAdd('POST', '/api/borgerhus/account/signup', (e) => require(`${__hooks}/lib/signup.js`).signUp(e));

// An address is confirmed with the link mailed to it and the account's password (lib/signup.js `confirmAddress`);
// PocketBase's own confirmation takes the link alone, so it is refused to everyone but superusers.
routerAdd('POST', '/api/borgerhus/account/confirm', (e) =>
	require(`${__hooks}/lib/signup.js`).confirmAddress(e)
);
onRecordConfirmVerificationRequest((e) => {
	if (e.hasSuperuserAuth()) return e.next();
	throw require(`${__hooks}/lib/core/errors.js`).refusal('account_confirm_with_password', 'token');
}, 'users');

// Signing in with a password answers an account that may not sign in (never confirmed, deleted, a desk
// account: the users auth rule) as it answers a wrong password, 400 "Failed to authenticate.", after the
// same password check. PocketBase would answer such an account 403 once the password matched, so whoever
// signed up with an address could tell by signing in whether it had been free (docs/rules.md, "Account,
// feed and reminders"). The account is loaded before the password's hash is checked, so one deleted
// meanwhile is answered the same, whatever step after the check found it deleted.
onRecordAuthWithPasswordRequest((e) => {
	const user = e.record;
	if (user && (!user.verified() || user.getString('deleted_at') || user.getBool('desk_account'))) {
		user.validatePassword(e.password);
		throw new BadRequestError('Failed to authenticate.');
	}
	try {
		e.next();
	} catch (err) {
		if (user && require(`${__hooks}/lib/core/auth.js`).isDeletedAccount(e.app, user.id)) {
			throw new BadRequestError('Failed to authenticate.');
		}
		throw err;
	}
}, 'users');

// Every sign-in (and renewal of a session) reads the account again in a transaction before PocketBase
// records the place signed in from (`_authOrigins`) and mails its alert: a deletion that committed since the
// sign-in loaded the account, or was being written, leaves it a failed sign-in, so nothing about the person
// is made after the deletion cleared it. A place saved by a sign-in that passed this just before the
// deletion is refused in the place's own transaction, and its alert is not sent to a deleted account.
onRecordAuthRequest((e) => {
	const { isDeletedAccount } = require(`${__hooks}/lib/core/auth.js`);
	if (require(`${__hooks}/lib/core/tx.js`).run(e.app, (txApp) => isDeletedAccount(txApp, e.record.id))) {
		throw new BadRequestError('Failed to authenticate.');
	}
	e.next();
}, 'users');
onRecordCreate((e) => {
	const original = e.app;
	try {
		require(`${__hooks}/lib/core/tx.js`).run(original, (txApp) => {
			e.app = txApp;
			const users = txApp.findCachedCollectionByNameOrId('users');
			const { isDeletedAccount } = require(`${__hooks}/lib/core/auth.js`);
			if (
				e.record.getString('collectionRef') === users.id &&
				isDeletedAccount(txApp, e.record.getString('recordRef'))
			) {
				throw require(`${__hooks}/lib/core/errors.js`).refusal('overview_account_deleted');
			}
			e.next();
		});
	} finally {
		e.app = original;
	}
}, '_authOrigins');
onMailerRecordAuthAlertSend((e) => {
	if (require(`${__hooks}/lib/core/auth.js`).isDeletedAccount(e.app, e.record.id)) return;
	e.next();
}, 'users');
