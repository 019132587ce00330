/// <reference path="../pb_data/types.d.ts" />

// One ISBN, one title (docs/rules.md, "Server-owned fields"): two titles with the same ISBN would be two
// queues for one edition. `identifier_key` is the identifier as the hooks compare it
// (lib/library-identifier.js: "978-87-...", "ISBN 97887..." and the ISBN-10 are one key; empty for a
// magazine, whose issues share an ISSN, and for a title without one), set by lib/library-desk.js on every
// save and unique among titles that have one. Hidden from every answer.
//
// Titles already stored get their key here, oldest first. A later title with an identifier already taken
// keeps an empty key (it was stored before the rule; merging two queues is for staff to decide), so the
// index can be built; such a title is refused only when its identifier is changed to a taken one.

migrate(
	(app) => {
		const titles = app.findCollectionByNameOrId('titles');
		titles.fields.add(new TextField({ name: 'identifier_key', hidden: true }));
		app.save(titles);

		const rows = arrayOf(new DynamicModel({ id: '', identifier: '', type: '' }));
		app
			.db()
			.newQuery("SELECT id, identifier, type FROM titles WHERE identifier != '' ORDER BY created, id")
			.all(rows);
		const { identifierKey } = require(`${__hooks}/lib/library-identifier.js`);
		const update = app.db().newQuery('UPDATE titles SET identifier_key = {:key} WHERE id = {:id}');
		const seen = {};
		let kept = 0;
		for (const row of rows) {
			const key = identifierKey(row.identifier, row.type);
			if (key === '') continue;
			if (seen[key]) {
				kept++;
				continue;
			}
			seen[key] = true;
			update.bind({ key: key, id: row.id }).execute();
		}
		if (kept > 0) app.logger().warn('titles sharing an identifier kept without a key', 'count', kept);

		titles.indexes.push(
			"CREATE UNIQUE INDEX `idx_titles_identifier_key` ON `titles` (`identifier_key`) WHERE `identifier_key` != ''"
		);
		app.save(titles);
	},
	(app) => {
		const titles = app.findCollectionByNameOrId('titles');
		titles.indexes = titles.indexes.filter((index) => index.indexOf('idx_titles_identifier_key') < 0);
		titles.fields.removeByName('identifier_key');
		app.save(titles);
	}
);
