/// <reference path="../pb_data/types.d.ts" />

// A booking is never released before the time its booker was told (docs/rules.md, "Check-in and no-shows"):
// `checkin_grace_minutes` on bookings, server-owned, the longest check-in grace the booking's room has had
// since staff last shortened it over the booking (0: none kept, the room's grace as it is). Shortening a
// room's grace keeps the longer one on the bookings already given that have not ended (`keepGrace` in
// rooms/attendance.js); a longer grace applies to every booking at once. Existing bookings keep none: they
// were told the room's grace as it stands now.

migrate(
	(app) => {
		const bookings = app.findCollectionByNameOrId('bookings');
		bookings.fields.add(new NumberField({ name: 'checkin_grace_minutes', onlyInt: true, min: 0, max: 120 }));
		app.save(bookings);
	},
	(app) => {
		const bookings = app.findCollectionByNameOrId('bookings');
		bookings.fields.removeByName('checkin_grace_minutes');
		app.save(bookings);
	}
);
