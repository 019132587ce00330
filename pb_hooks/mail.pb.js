/// <reference path="../pb_data/types.d.ts" />

// Account mails in the user's language, with links into the SvelteKit app rather than the dashboard.
onMailerRecordVerificationSend((e) => {
	require(`${__hooks}/lib/mail.js`).localize(e, 'verification');
	e.next();
}, 'users');

onMailerRecordPasswordResetSend((e) => {
	require(`${__hooks}/lib/mail.js`).localize(e, 'passwordReset');
	e.next();
}, 'users');

onMailerRecordEmailChangeSend((e) => {
	require(`${__hooks}/lib/mail.js`).localize(e, 'emailChange');
	e.next();
}, 'users');

// A sign-in from a new place (PocketBase's alert, on by default for auth collections).
onMailerRecordAuthAlertSend((e) => {
	require(`${__hooks}/lib/mail.js`).localize(e, 'authAlert');
	e.next();
}, 'users');
