/// <reference path="../pb_data/types.d.ts" />

// A message is written in both languages when it is made (`texts`: { da: { title, body }, en: { ... } }),
// so the inbox and the mail show it in the language the person reads now, not the one they read when it
// was sent (docs/rules.md, "Messages"). `title` and `body` keep the text in the person's language at the
// time, as before (the export, older messages). Server-owned like every field but `read_at`.

const LOCK = ' && @request.body.texts:isset = false';

migrate(
	(app) => {
		const notifications = app.findCollectionByNameOrId('notifications');
		notifications.fields.add(new JSONField({ name: 'texts', maxSize: 20000 }));
		notifications.updateRule = `${notifications.updateRule}${LOCK}`;
		app.save(notifications);
	},
	(app) => {
		const notifications = app.findCollectionByNameOrId('notifications');
		notifications.fields.removeByName('texts');
		notifications.updateRule = `${notifications.updateRule}`.replace(LOCK, '');
		app.save(notifications);
	}
);
