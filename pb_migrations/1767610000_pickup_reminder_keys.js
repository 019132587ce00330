/// <reference path="../pb_data/types.d.ts" />

// A pickup reminder's dedupe key names the deadline it reminds of (`reminder:pickup:<hold>:<deadline>`),
// so a deadline a closure of the whole house moved is reminded again (lib/overview-reminders.js). The
// reminders sent before named the hold only; they get the hold's deadline as it stands, so that none is
// sent a second time for the same deadline.

migrate(
	(app) => {
		app
			.db()
			.newQuery(
				"UPDATE notifications SET dedupe_key = dedupe_key || ':' || " +
					'(SELECT h.pickup_deadline FROM holds h WHERE h.id = substr(notifications.dedupe_key, 17)) ' +
					"WHERE dedupe_key LIKE 'reminder:pickup:%' AND length(dedupe_key) = 31 " +
					'AND EXISTS (SELECT 1 FROM holds h WHERE h.id = substr(notifications.dedupe_key, 17))'
			)
			.execute();
	},
	// not undone: two reminders of one hold, for two deadlines, would share one shorter key
	() => {}
);
