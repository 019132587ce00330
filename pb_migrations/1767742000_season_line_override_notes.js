/// <reference path="../pb_data/types.d.ts" />

// A line set by staff (`POST .../adjust`) carried the reason code and staff's note in its reason
// (`reason.override.note`), and the association reads its own lines: the note is staff's, kept on the
// season's hidden `overrides` (docs/rules.md, "Season application round"). lib/season/allocate.js now
// writes the code only; this strips the note from the lines written before, keeping the rest of the reason.

migrate(
	(app) => {
		app
			.db()
			.newQuery(
				"UPDATE season_lines SET reason = json_remove(reason, '$.override.note') " +
					"WHERE json_valid(reason) AND json_type(reason, '$.override.note') IS NOT NULL"
			)
			.execute();
	},
	() => {
		// Nothing to restore: the notes stay on the season's overrides, where staff read them.
	}
);
