/// <reference path="../pb_data/types.d.ts" />

// A draft event's row in room_busy, the public projection of claims, says no more than a private booking
// without a name (docs/rules.md, "Door signs and the lobby screen"): kind 'booking', no label. The rows of
// events not published yet are written so; publishing an event writes 'event' and its title (`syncBusy`).

migrate(
	(app) => {
		app
			.db()
			.newQuery(
				"UPDATE room_busy SET kind = 'booking', label = '' WHERE kind = 'event' AND source IN " +
					"(SELECT id FROM events WHERE state != 'published')"
			)
			.execute();
	},
	(app) => {
		app
			.db()
			.newQuery(
				"UPDATE room_busy SET kind = 'event' WHERE kind = 'booking' AND source IN (SELECT id FROM events)"
			)
			.execute();
	}
);
