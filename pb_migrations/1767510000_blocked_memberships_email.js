/// <reference path="../pb_data/types.d.ts" />

// A blocked membership keeps no address any more: blocking clears it, and only an invitation sent again
// sets it, which is what shows the row to the association's admins as an open invitation (docs/rules.md,
// "Associations and memberships"). Rows blocked before kept the address; those not invited again since are
// cleared, so they do not start to look invited. The old addresses are not restored on the way down.

migrate(
	(app) => {
		app
			.db()
			.newQuery("UPDATE memberships SET email = '' WHERE status = 'blocked' AND invited_at <= decided_at")
			.execute();
	},
	() => {}
);
