/// <reference path="../pb_data/types.d.ts" />

// A deleted account gets the address deleted-<id>@borgerhus.invalid (pb_hooks/lib/overview-account.js).
// Nobody may sign up with an address in that domain, or they could block another person's deletion.
// (An email change needs a confirmation mail, which no one can receive there.)
const RESERVED = 'email !~ "@borgerhus.invalid"';

migrate(
	(app) => {
		const users = app.findCollectionByNameOrId('users');
		users.createRule = `(${users.createRule}) && ${RESERVED}`;
		app.save(users);
	},
	(app) => {
		const users = app.findCollectionByNameOrId('users');
		const suffix = ` && ${RESERVED}`;
		if (users.createRule && users.createRule.endsWith(suffix)) {
			users.createRule = users.createRule.slice(1, -suffix.length - 1);
		}
		app.save(users);
	}
);
