/// <reference path="../pb_data/types.d.ts" />

// A fair share of a room (docs/rules.md, "Rooms and bookings"): `max_upcoming` on rooms, how many active
// bookings that have not ended one booker (or one association) may hold in the room at a time; 0, the
// default of every room so far, is no limit. Placed after `horizon_days`, with the other booking limits.
// The hook counts a holder's bookings in the room inside the booking write's transaction, only in a room
// with a limit (lib/rooms-bookings.js, overShare). No index of its own: the count walks the room's
// bookings that have not ended by `idx_bookings_room_end_start` (migration 1767200000), as the overlap
// check does, and every booking write would pay for another index.

migrate(
	(app) => {
		const rooms = app.findCollectionByNameOrId('rooms');
		const after = rooms.fields.fieldNames().indexOf('horizon_days');
		const field = new NumberField({ name: 'max_upcoming', onlyInt: true, min: 0, max: 1000 });
		if (after >= 0) rooms.fields.addAt(after + 1, field);
		else rooms.fields.add(field);
		app.save(rooms);
	},
	(app) => {
		const rooms = app.findCollectionByNameOrId('rooms');
		rooms.fields.removeByName('max_upcoming');
		app.save(rooms);
	}
);
