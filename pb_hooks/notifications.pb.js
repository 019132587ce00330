/// <reference path="../pb_data/types.d.ts" />

// A message is read when the house is told so: its owner sends that it is read (any date, the app sends
// now) and the server writes the time, or keeps the time it was first read; '' makes it unread again.
// Judged and written on the row as it stands in the transaction (lib/core/tx.js rebase): the mailer
// stamps and unstamps the same row while the person reads it, and a save of the row as the request loaded
// it would put back its mail bookkeeping of a moment before (a message tried again never, or twice).
onRecordUpdateRequest((e) => {
	const tx = require(`${__hooks}/lib/core/tx.js`);
	tx.request(e, (txApp) => {
		const { fresh, sent } = tx.rebase(txApp, e);
		if (!e.hasSuperuserAuth() && sent.read_at && e.record.getString('read_at')) {
			const first = fresh.getString('read_at');
			e.record.set('read_at', first || new Date().toISOString().replace('T', ' '));
		}
		e.next();
	});
}, 'notifications');

// After a notification is committed, mail it (see lib/notify.js for the whole mechanism).
onRecordAfterCreateSuccess((e) => {
	e.next();
	require(`${__hooks}/lib/notify.js`).mailNotification(e.app, e.record);
}, 'notifications');

// The safety net: mail what was missed, e.g. while the mail server was down.
cronAdd('notifications-mail', '* * * * *', () => {
	require(`${__hooks}/lib/notify.js`).mailPending($app);
});
