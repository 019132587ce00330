/// <reference path="../pb_data/types.d.ts" />

// Indexes for the reads the public pages make (docs/performance.md, "Reads"):
//  - events (state, start, end): the programme lists published events not yet over, soonest first. With
//    (state, start) alone SQLite read every past event's row to test its end; with end in the index it
//    tests it there and reads only the rows it lists.

const INDEXES = [
	['events', 'CREATE INDEX `idx_events_state_start_end` ON `events` (`state`, `start`, `end`)']
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
