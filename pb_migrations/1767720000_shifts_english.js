/// <reference path="../pb_data/types.d.ts" />

// An English version of a volunteer shift's description (docs/rules.md, "Languages"): `description_en`,
// optional, as long as the Danish one may be, placed after it. A reader of the English event page sees it
// when it is written, and the Danish description (marked as Danish) when not (lib/content-language.js).

migrate(
	(app) => {
		const shifts = app.findCollectionByNameOrId('shifts');
		const field = new TextField({ name: 'description_en', max: 2000 });
		const at = shifts.fields.fieldNames().indexOf('description');
		if (at >= 0) shifts.fields.addAt(at + 1, field);
		else shifts.fields.add(field);
		app.save(shifts);
	},
	(app) => {
		const shifts = app.findCollectionByNameOrId('shifts');
		shifts.fields.removeByName('description_en');
		app.save(shifts);
	}
);
