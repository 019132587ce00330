/// <reference path="../pb_data/types.d.ts" />

// Indexes for the reads of room_busy, which all ask for claims with `start < :until AND end > :from`
// (docs/performance.md, "Reads of every room at once"). The lobby screen and the free-room search ask it
// of every room at once: with only (room, start, end) SQLite read the whole table, the house's whole
// history, on every request. (end, start) lets it walk only the claims that end after `from`, that is
// those still ahead. A room's own reads (its week, its door sign) get the same with (room, end, start),
// which takes the place of (room, start, end): with it SQLite walked the room's whole past.

const OLD = 'CREATE INDEX `idx_room_busy_room_start_end` ON `room_busy` (`room`, `start`, `end`)';
const NEW = [
	'CREATE INDEX `idx_room_busy_room_end_start` ON `room_busy` (`room`, `end`, `start`)',
	'CREATE INDEX `idx_room_busy_end_start` ON `room_busy` (`end`, `start`)'
];

migrate(
	(app) => {
		const collection = app.findCollectionByNameOrId('room_busy');
		collection.indexes = collection.indexes.filter((i) => i !== OLD).concat(NEW);
		app.save(collection);
	},
	(app) => {
		const collection = app.findCollectionByNameOrId('room_busy');
		collection.indexes = collection.indexes.filter((i) => NEW.indexOf(i) < 0).concat([OLD]);
		app.save(collection);
	}
);
