/// <reference path="../pb_data/types.d.ts" />

// Room check-in and no-show release (docs/rules.md, "Check-in and no-shows"):
//  - rooms get a check-in policy set by staff: whether bookings must be checked in, how many minutes
//    before the start check-in opens, and how many minutes after the start a booking waits (grace);
//    `checkin_since` (server-owned) is when the requirement was switched on, so that switching it on
//    never turns the room's past bookings into no-shows;
//  - bookings get the status `no_show` (released by the job: the room is free again, the booking is
//    counted) and server-owned stamps of the check-in, the early check-out and the release.
// The record API cannot set the stamps: the booking hook refuses them (core_field_locked), and the
// routes and the job of pb_hooks/lib/rooms/attendance.js write them.

const STATUSES = ['pending', 'approved', 'rejected', 'cancelled'];

migrate(
	(app) => {
		const rooms = app.findCollectionByNameOrId('rooms');
		rooms.fields.add(new BoolField({ name: 'checkin_required' }));
		rooms.fields.add(new NumberField({ name: 'checkin_opens_minutes', onlyInt: true, min: 0, max: 1440 }));
		rooms.fields.add(new NumberField({ name: 'checkin_grace_minutes', onlyInt: true, min: 0, max: 1440 }));
		rooms.fields.add(new DateField({ name: 'checkin_since' }));
		app.save(rooms);
		app.db().newQuery('UPDATE rooms SET checkin_opens_minutes = 15, checkin_grace_minutes = 15').execute();

		const users = app.findCollectionByNameOrId('users').id;
		const bookings = app.findCollectionByNameOrId('bookings');
		bookings.fields.getByName('status').values = STATUSES.concat(['no_show']);
		bookings.fields.add(new DateField({ name: 'checked_in_at' }));
		bookings.fields.add(
			new RelationField({ name: 'checked_in_by', collectionId: users, maxSelect: 1, cascadeDelete: false })
		);
		bookings.fields.add(new DateField({ name: 'checked_out_at' }));
		bookings.fields.add(new DateField({ name: 'released_at' }));
		// the release job's query and the season counts
		bookings.addIndex('idx_bookings_room_status_start', false, '`room`, `status`, `start`', '');
		app.save(bookings);
	},
	(app) => {
		app.db().newQuery("UPDATE bookings SET status = 'cancelled' WHERE status = 'no_show'").execute();
		const bookings = app.findCollectionByNameOrId('bookings');
		bookings.removeIndex('idx_bookings_room_status_start');
		for (const name of ['checked_in_at', 'checked_in_by', 'checked_out_at', 'released_at']) {
			bookings.fields.removeByName(name);
		}
		bookings.fields.getByName('status').values = STATUSES;
		app.save(bookings);

		const rooms = app.findCollectionByNameOrId('rooms');
		for (const name of [
			'checkin_required',
			'checkin_opens_minutes',
			'checkin_grace_minutes',
			'checkin_since'
		]) {
			rooms.fields.removeByName(name);
		}
		app.save(rooms);
	}
);
