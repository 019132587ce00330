/// <reference path="../pb_data/types.d.ts" />

// After a notification is committed, mail it (see lib/notify.js for the whole mechanism).
onRecordAfterCreateSuccess((e) => {
	e.next();
	require(`${__hooks}/lib/notify.js`).mailNotification(e.app, e.record);
}, 'notifications');

// The safety net: mail what was missed, e.g. while the mail server was down.
cronAdd('notifications-mail', '* * * * *', () => {
	require(`${__hooks}/lib/notify.js`).mailPending($app);
});
