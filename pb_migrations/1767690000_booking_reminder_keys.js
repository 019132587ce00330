/// <reference path="../pb_data/types.d.ts" />

// A booking reminder's dedupe key names whom it reminds (`reminder:booking:<booking>:<start>:<user>`), so a
// booking staff give to another booker after its reminder went out reminds the new booker too
// (lib/overview-reminders.js). The reminders sent before get the user they went to, so that none is sent a
// second time to the same person.

migrate(
	(app) => {
		app
			.db()
			.newQuery(
				"UPDATE notifications SET dedupe_key = dedupe_key || ':' || user " +
					"WHERE dedupe_key LIKE 'reminder:booking:%' AND user != '' " +
					"AND dedupe_key NOT LIKE '%:' || user"
			)
			.execute();
	},
	// not undone: two reminders of one booking, to two bookers, would share one shorter key
	() => {}
);
