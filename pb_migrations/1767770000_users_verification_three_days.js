/// <reference path="../pb_data/types.d.ts" />

// The link in the confirmation mail works for 3 days, as the mail says (lib/mail.js): a mail read on
// Monday about an account made on Friday evening still confirms it. PocketBase's default is one day.

migrate(
	(app) => {
		const users = app.findCollectionByNameOrId('users');
		users.verificationToken.duration = 3 * 24 * 60 * 60;
		app.save(users);
	},
	(app) => {
		const users = app.findCollectionByNameOrId('users');
		users.verificationToken.duration = 24 * 60 * 60;
		app.save(users);
	}
);
