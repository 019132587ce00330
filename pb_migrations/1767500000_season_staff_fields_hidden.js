/// <reference path="../pb_data/types.d.ts" />

// A season is readable by everyone once its window opens, but two of its fields are staff's working notes:
// `settlements` (which activity staff gave a tied slot, with their note and user id) and `overrides` (a
// line set by hand, with its reason code and note). Associations see the reason of their own line on the
// line itself; the notes and who wrote them are not theirs to read, nor a guest's. Hidden fields are left
// out of every record API answer and cannot be filtered on; the hooks, which allocate with them, read them
// as before (docs/rules.md, "Season application round").

const STAFF_ONLY = ['settlements', 'overrides'];

function hide(app, hidden) {
	const seasons = app.findCollectionByNameOrId('seasons');
	for (const name of STAFF_ONLY) seasons.fields.getByName(name).hidden = hidden;
	app.save(seasons);
}

migrate(
	(app) => hide(app, true),
	(app) => hide(app, false)
);
