/// <reference path="../pb_data/types.d.ts" />

// A claim that holds its room but is not confirmed, told apart in room_busy, the public projection of
// claims (docs/rules.md, "Door signs and the lobby screen"): `tentative` is true for a booking still waiting
// for staff (and for a draft event, whose row says no more than such a booking's). The lobby screen lists
// only claims that are on; a door sign shows a tentative claim's time as reserved and awaiting approval,
// with no check-in. `syncBusy` writes it with the rest of the row; the rows stored before are written here.

migrate(
	(app) => {
		const collection = app.findCollectionByNameOrId('room_busy');
		collection.fields.add(new BoolField({ name: 'tentative' }));
		app.save(collection);
		app
			.db()
			.newQuery(
				'UPDATE room_busy SET tentative = TRUE WHERE ' +
					"source IN (SELECT id FROM bookings WHERE status = 'pending') OR " +
					"source IN (SELECT id FROM events WHERE state != 'published')"
			)
			.execute();
	},
	(app) => {
		const collection = app.findCollectionByNameOrId('room_busy');
		collection.fields.removeByName('tentative');
		app.save(collection);
	}
);
