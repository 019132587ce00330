/// <reference path="../pb_data/types.d.ts" />

// An English version of a room's description (docs/rules.md, "Languages"): `description_en`, optional, as
// long as the Danish one may be, placed after it. A reader of the English page sees it when it is written,
// and the Danish description (marked as Danish) when not (lib/content-language.js). The room's name is a
// name and stays one.

migrate(
	(app) => {
		const rooms = app.findCollectionByNameOrId('rooms');
		const field = new TextField({ name: 'description_en', max: 5000 });
		const at = rooms.fields.fieldNames().indexOf('description');
		if (at >= 0) rooms.fields.addAt(at + 1, field);
		else rooms.fields.add(field);
		app.save(rooms);
	},
	(app) => {
		const rooms = app.findCollectionByNameOrId('rooms');
		rooms.fields.removeByName('description_en');
		app.save(rooms);
	}
);
