/// <reference path="../pb_data/types.d.ts" />

// Indexes for the overlap check every booking and event write makes inside its transaction
// (lib/room-claims.js, findRoomConflict; docs/performance.md, "Writes"): claims in a room with
// `start < :end AND end > :start`. With (room, start, end) SQLite walked every claim of the room that
// starts before the new one ends, which is the room's whole history, so each write grew slower as the
// house grew older. With (room, end, start) it walks only the claims that end after the new one starts:
// for a booking in the future, the room's bookings still ahead. The (room, start, end) indexes stay for
// the reads that list a room's claims in order of start.

const INDEXES = [
	['bookings', 'CREATE INDEX `idx_bookings_room_end_start` ON `bookings` (`room`, `end`, `start`)'],
	['events', 'CREATE INDEX `idx_events_room_end_start` ON `events` (`room`, `end`, `start`)']
];

migrate(
	(app) => {
		for (const [name, index] of INDEXES) {
			const collection = app.findCollectionByNameOrId(name);
			collection.indexes = collection.indexes.concat([index]);
			app.save(collection);
		}
	},
	(app) => {
		for (const [name, index] of INDEXES) {
			const collection = app.findCollectionByNameOrId(name);
			collection.indexes = collection.indexes.filter((i) => i !== index);
			app.save(collection);
		}
	}
);
