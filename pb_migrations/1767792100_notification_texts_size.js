/// <reference path="../pb_data/types.d.ts" />

// A message's texts in both languages always fit (docs/rules.md, "Messages"): each title and body is cut to
// what the notification keeps (200 and 2000 characters, lib/notify.js `clip`), but the stored JSON writes
// some characters in six bytes (`<`, `>` and `&` as `\u003c` ...), so a staff message of 2000 such
// characters took 24,000 bytes in its two languages and was refused at 20,000, and with it the message to
// every volunteer. Two languages of 2200 characters at six bytes each, with their keys, take under 27,000.

migrate(
	(app) => {
		const notifications = app.findCollectionByNameOrId('notifications');
		notifications.fields.getByName('texts').maxSize = 32000;
		app.save(notifications);
	},
	(app) => {
		const notifications = app.findCollectionByNameOrId('notifications');
		notifications.fields.getByName('texts').maxSize = 20000;
		app.save(notifications);
	}
);
