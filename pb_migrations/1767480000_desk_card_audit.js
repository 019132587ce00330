/// <reference path="../pb_data/types.d.ts" />

// The audit entry of a library card set at the desk (`desk_card_set`) kept the number itself
// (`details.from`, `details.to`), and the audit log outlives an account whose deletion promises to clear
// the number (docs/rules.md, "Service at the desk"). lib/desk.js setCard now records only whether there
// was a number before and is one now (`details.had`, `details.has`); this rewrites the entries written
// before it the same way, keeping every other detail (the citizen acted for).

migrate(
	(app) => {
		app
			.db()
			.newQuery(
				"UPDATE audit_log SET details = json_set(json_remove(details, '$.from', '$.to'), " +
					"'$.had', json(CASE WHEN coalesce(json_extract(details, '$.from'), '') != '' THEN 'true' ELSE 'false' END), " +
					"'$.has', json(CASE WHEN coalesce(json_extract(details, '$.to'), '') != '' THEN 'true' ELSE 'false' END)) " +
					"WHERE action = 'desk_card_set' AND json_valid(details) " +
					"AND (json_type(details, '$.from') IS NOT NULL OR json_type(details, '$.to') IS NOT NULL)"
			)
			.execute();
	},
	() => {
		// Nothing to restore: the numbers are gone on purpose, and bringing them back would undo the
		// anonymisation of deleted accounts.
	}
);
