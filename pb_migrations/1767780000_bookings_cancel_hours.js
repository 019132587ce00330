/// <reference path="../pb_data/types.d.ts" />

// A booking keeps the cancel deadline it was given (docs/rules.md, "Rooms and bookings"): `cancel_hours` on
// bookings, server-owned, the room's `cancel_hours` as it stood when the booking was made or last moved to
// another room or time. A later change of the room's deadline applies to new bookings and moves; bookings
// already given stand. Existing bookings get their room's value as it stands now, the one they were judged
// on so far.

migrate(
	(app) => {
		const bookings = app.findCollectionByNameOrId('bookings');
		bookings.fields.add(new NumberField({ name: 'cancel_hours', onlyInt: true, min: 0, max: 8760 }));
		app.save(bookings);
		app
			.db()
			.newQuery(
				'UPDATE bookings SET cancel_hours = COALESCE((SELECT r.cancel_hours FROM rooms r WHERE r.id = bookings.room), 0)'
			)
			.execute();
	},
	(app) => {
		const bookings = app.findCollectionByNameOrId('bookings');
		bookings.fields.removeByName('cancel_hours');
		app.save(bookings);
	}
);
