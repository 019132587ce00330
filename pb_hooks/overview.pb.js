/// <reference path="../pb_data/types.d.ts" />

// Mit overblik (issue 6): queue places, reminders, the calendar feed and account deletion.
// Every route answers for the signed-in user only (their own id from the auth token), except the
// feed, whose secret token is its credential, and the reminder trigger, which is for superusers.

// Account changes are decided on the row as it stands, and a deleted account is not written again.
onRecordUpdateRequest((e) => {
	require(`${__hooks}/lib/overview-account.js`).handleUpdate(e);
}, 'users');
// ... whatever path saves it, PocketBase's confirm routes too: a save writes only the fields it changed, onto
// the row as it stands (lib/overview-account.js `saveOnStored`).
onRecordUpdate((e) => {
	require(`${__hooks}/lib/overview-account.js`).saveOnStored(e);
}, 'users');

// Everything Mit overblik shows, for the signed-in user, in one request (see lib/overview-timeline.js
// for why this is a route and not a handful of filtered list requests).
routerAdd(
	'GET',
	'/api/borgerhus/overview',
	(e) => {
		const { overviewFor } = require(`${__hooks}/lib/overview-timeline.js`);
		return e.json(200, overviewFor(e, new Date()));
	},
	$apis.requireAuth('users')
);

// The unread count beside "Indbakke" on every page, for the signed-in user.
routerAdd(
	'GET',
	'/api/borgerhus/overview/unread',
	(e) => {
		const { unreadCount } = require(`${__hooks}/lib/overview-timeline.js`);
		return e.json(200, { count: unreadCount(e.app, e.auth.id) });
	},
	$apis.requireAuth('users')
);

// The app's session check on every page, in one request: the signed-in user's own record, read afresh
// (PocketBase loads it for the token on each request, so a revoked session answers 401), as the records
// API gives it, and the unread count beside "Indbakke".
routerAdd(
	'GET',
	'/api/borgerhus/session',
	(e) => {
		const { unreadCount } = require(`${__hooks}/lib/overview-timeline.js`);
		const record = e.auth;
		$apis.enrichRecord(e, record);
		return e.json(200, { record: record, unread: unreadCount(e.app, record.id) });
	},
	$apis.requireAuth('users')
);

// Reminders every 10 minutes (UTC). The dedupe keys make a second run, or a run after a restart, a no-op.
cronAdd('overview-reminders', '*/10 * * * *', () => {
	require(`${__hooks}/lib/overview-reminders.js`).runReminders($app);
});

// The same job on demand, for the system account (operations after downtime, and the tests).
routerAdd(
	'POST',
	'/api/borgerhus/overview/reminders/run',
	(e) => {
		const { runReminders } = require(`${__hooks}/lib/overview-reminders.js`);
		return e.json(200, runReminders(e.app));
	},
	$apis.requireSuperuserAuth()
);

// Calendar feed: whether the signed-in user has one (the token itself is never shown again).
routerAdd(
	'GET',
	'/api/borgerhus/calendar/status',
	(e) => {
		const user = e.app.findRecordById('users', e.auth.id);
		return e.json(200, { active: user.getString('calendar_token') !== '' });
	},
	$apis.requireAuth('users')
);

// A new feed token for the signed-in user; the old URL stops working at once. Returned this one time.
routerAdd(
	'POST',
	'/api/borgerhus/calendar/renew',
	(e) => {
		const { renewToken } = require(`${__hooks}/lib/overview-calendar.js`);
		return e.json(200, { token: renewToken(e.app, e.auth.id) });
	},
	$apis.requireAuth('users')
);

// Stops the feed altogether.
routerAdd(
	'POST',
	'/api/borgerhus/calendar/revoke',
	(e) => {
		const { revokeToken } = require(`${__hooks}/lib/overview-calendar.js`);
		revokeToken(e.app, e.auth.id);
		return e.json(200, { active: false });
	},
	$apis.requireAuth('users')
);

// The feed's entries for a token; the app turns them into iCalendar. An unknown or renewed token gets 404.
// The token comes in a header, not the path: PocketBase's request log keeps each path for days, and the
// token is the feed's only key.
routerAdd('GET', '/api/borgerhus/calendar/feed', (e) => {
	const { userByToken, feedEntries } = require(`${__hooks}/lib/overview-calendar.js`);
	const user = userByToken(e.app, e.request.header.get('X-Feed-Token'));
	if (!user) throw new NotFoundError('Unknown calendar feed.');
	return e.json(200, {
		language: user.getString('language') === 'en' ? 'en' : 'da',
		// the feed carries reminder alarms when the user wants reminders
		reminders: user.getBool('notify_reminders'),
		entries: feedEntries(e.app, user)
	});
});

// Deletes the signed-in user's account, after the password, in one transaction: all of it or nothing.
routerAdd(
	'POST',
	'/api/borgerhus/account/delete',
	(e) => {
		const { deleteAccount } = require(`${__hooks}/lib/overview-account.js`);
		const body = e.requestInfo().body || {};
		const password = typeof body.password === 'string' ? body.password : '';
		const user = e.app.findRecordById('users', e.auth.id);
		// wrong passwords are counted per account (a stolen session is no way to guess it)
		if (!require(`${__hooks}/lib/password-checks.js`).check(e, user.id, password, 'password')) {
			throw new BadRequestError('The password is not correct.', {
				password: new ValidationError('validation_invalid_password', 'The password is not correct.')
			});
		}
		let released = null;
		let failure = null;
		try {
			// in its turn for the write connection, like every other write (core/tx.js)
			require(`${__hooks}/lib/core/tx.js`).run(e.app, (txApp) => {
				released = deleteAccount(txApp, user.id, new Date());
			});
		} catch (err) {
			failure = err;
		}
		if (failure) {
			e.app.logger().error('account deletion failed', 'user', user.id, 'error', String(failure));
			throw new BadRequestError('The account could not be deleted. Nothing was changed.', {
				form: new ValidationError('overview_delete_failed', 'The account could not be deleted.')
			});
		}
		return e.json(200, { deleted: true, released: released });
	},
	$apis.requireAuth('users')
);

// Signs the signed-in user out everywhere: a new token key ends every session token of the account (a
// shared computer someone forgot to sign out of, a lost phone, a copied cookie), this one included. The
// session tokens are signed, not stored, so ending one session alone would need a list of ended tokens on
// every request; this ends them all.
routerAdd(
	'POST',
	'/api/borgerhus/account/sign-out-everywhere',
	(e) => {
		require(`${__hooks}/lib/core/tx.js`).route(e, (txApp) => {
			const user = txApp.findRecordById('users', e.auth.id);
			user.refreshTokenKey();
			txApp.save(user);
		});
		return e.noContent(204);
	},
	$apis.requireAuth('users')
);
