/// <reference path="../pb_data/types.d.ts" />

// Indexes for the back office's statistics (pb_hooks/lib/stats-read.js): holds served or ended in a
// period, loans started in a period, shifts ended in a period.
const INDEXES = [
	['holds', 'idx_holds_ready_at', '`ready_at`'],
	['holds', 'idx_holds_ended_at', '`ended_at`'],
	['loans', 'idx_loans_start', '`start`'],
	['shifts', 'idx_shifts_end', '`end`']
];

migrate(
	(app) => {
		for (const [name, index, columns] of INDEXES) {
			const collection = app.findCollectionByNameOrId(name);
			collection.addIndex(index, false, columns, '');
			app.save(collection);
		}
	},
	(app) => {
		for (const [name, index] of INDEXES) {
			const collection = app.findCollectionByNameOrId(name);
			collection.removeIndex(index);
			app.save(collection);
		}
	}
);
