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
// feed and reminders").
onRecordAuthWithPasswordRequest((e) => {
	const user = e.record;
	if (user && (!user.verified() || user.getString('deleted_at') || user.getBool('desk_account'))) {
		user.validatePassword(e.password);
		throw new BadRequestError('Failed to authenticate.');
	}
	e.next();
}, 'users');
