/// <reference path="../pb_data/types.d.ts" />

// Library search: "available now" and the copies-on-shelf count of each search hit read one column of
// the title instead of joining its copies (fast at 100,000 titles). The column is never trusted from a
// client: lib/library-desk.js recounts it from the copies whenever a copy or the title changes.
migrate(
	(app) => {
		const titles = app.findCollectionByNameOrId('titles');
		titles.fields.add(new NumberField({ name: 'on_shelf', onlyInt: true, min: 0 }));
		titles.addIndex('idx_titles_on_shelf_title', false, '`on_shelf`, `title`', '');
		app.save(titles);
		app
			.db()
			.newQuery(
				"UPDATE titles SET on_shelf = (SELECT COUNT(*) FROM copies WHERE copies.title = titles.id AND copies.status = 'shelf')"
			)
			.execute();
	},
	(app) => {
		const titles = app.findCollectionByNameOrId('titles');
		titles.removeIndex('idx_titles_on_shelf_title');
		titles.fields.removeByName('on_shelf');
		app.save(titles);
	}
);
