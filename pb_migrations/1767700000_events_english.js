/// <reference path="../pb_data/types.d.ts" />

// An English version of an event's texts (docs/rules.md, "Languages"): `title_en` and `description_en`,
// optional, as long as the Danish ones may be, each placed after its Danish field. A reader of the English
// page sees them when they are written, and the Danish text (marked as Danish) when not
// (lib/content-language.js). No index: nothing is searched or sorted by them.

migrate(
	(app) => {
		const events = app.findCollectionByNameOrId('events');
		for (const added of [
			{ name: 'title_en', after: 'title', max: 200 },
			{ name: 'description_en', after: 'description', max: 10000 }
		]) {
			const field = new TextField({ name: added.name, max: added.max });
			const at = events.fields.fieldNames().indexOf(added.after);
			if (at >= 0) events.fields.addAt(at + 1, field);
			else events.fields.add(field);
		}
		app.save(events);
	},
	(app) => {
		const events = app.findCollectionByNameOrId('events');
		events.fields.removeByName('title_en');
		events.fields.removeByName('description_en');
		app.save(events);
	}
);
