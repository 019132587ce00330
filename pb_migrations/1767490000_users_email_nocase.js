/// <reference path="../pb_data/types.d.ts" />

// One address, one account, in any letter case: "Anna@example.dk" and "anna@example.dk" reach the same
// mailbox, so they are the same account. PocketBase's unique index on users.email compared letter case,
// so a second account could be made for an address already taken (at sign-up, by a change of address, at
// the desk's take-over), and signing in needed the address spelt as stored. With the index collated
// NOCASE, PocketBase refuses such a second account as a taken address and finds the account by its
// address in any case when signing in (docs/rules.md, "Accounts"). SQLite's NOCASE folds ASCII letters
// only. An existing pair of accounts that differ only in case stops the migration with their count: they
// have to be merged by hand first.

const PLAIN = "CREATE UNIQUE INDEX `idx_email__pb_users_auth_` ON `users` (`email`) WHERE `email` != ''";
const NOCASE =
	"CREATE UNIQUE INDEX `idx_email__pb_users_auth_` ON `users` (`email` COLLATE NOCASE) WHERE `email` != ''";

migrate(
	(app) => {
		const twins = new DynamicModel({ n: 0 });
		app
			.db()
			.newQuery(
				"SELECT COUNT(*) AS n FROM (SELECT 1 FROM users WHERE email != '' GROUP BY email COLLATE NOCASE HAVING COUNT(*) > 1)"
			)
			.one(twins);
		if (twins.n > 0) {
			throw new Error(
				`${twins.n} addresses belong to more than one account in different letter case; merge those accounts first`
			);
		}
		const users = app.findCollectionByNameOrId('users');
		users.indexes = users.indexes.filter((i) => !i.includes('`idx_email__pb_users_auth_`')).concat([NOCASE]);
		app.save(users);
	},
	(app) => {
		const users = app.findCollectionByNameOrId('users');
		users.indexes = users.indexes.filter((i) => !i.includes('`idx_email__pb_users_auth_`')).concat([PLAIN]);
		app.save(users);
	}
);
