/// <reference path="../pb_data/types.d.ts" />

// An index on a claim's length (end - start, in days) for bookings and room_busy. Reads of claims by
// time across rooms (`start < :until AND end > :from`, no room) cannot stop at any start while a claim
// may be of any length, so SQLite walked the house's whole history or all of its future. With the
// longest claim at hand (MAX over this index, one lookup: lib/room-claims.js, longestClaims) they also
// ask `start > :from - longest` and walk only the claims that start near the period (docs/performance.md,
// "Reads of every room at once"). An index follows every write, SQL ones included, so the bound is
// never stale. The expression must stay as longestClaims writes it, or SQLite cannot use the index.

const INDEXES = [
	['bookings', 'CREATE INDEX `idx_bookings_length` ON `bookings` ((julianday(`end`) - julianday(`start`)))'],
	[
		'room_busy',
		'CREATE INDEX `idx_room_busy_length` ON `room_busy` ((julianday(`end`) - julianday(`start`)))'
	]
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
