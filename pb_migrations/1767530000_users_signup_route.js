/// <reference path="../pb_data/types.d.ts" />

// Sign-up goes through POST /api/borgerhus/account/signup (pb_hooks/lib/signup.js), which answers a taken
// address as it answers a new one and mails the owner instead. PocketBase's own create answered a taken
// address with "not unique", so anyone could learn who has an account; the users collection's create
// rule is now superusers only (docs/rules.md, "Accounts").
const PREVIOUS =
	'(() && email !~ "@borgerhus.invalid") && @request.body.library_card:isset = false && @request.body.desk_account:isset = false';

migrate(
	(app) => {
		const users = app.findCollectionByNameOrId('users');
		users.createRule = null;
		app.save(users);
	},
	(app) => {
		const users = app.findCollectionByNameOrId('users');
		users.createRule = PREVIOUS;
		app.save(users);
	}
);
