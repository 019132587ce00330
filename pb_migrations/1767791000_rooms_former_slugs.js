/// <reference path="../pb_data/types.d.ts" />

// A room keeps its former addresses (docs/rules.md, "Rooms and closures"): `former_slugs` on rooms, a list
// of the slugs the room had before staff renamed it, server-owned (lib/rooms/slugs.js). The printed door
// signs and their QR codes carry the slug of their day, and the app and the screens route lead a former
// slug to the room under its slug now. Placed after `slug`. Rooms so far were never renamed with a record
// of it: they start with none.

migrate(
	(app) => {
		const rooms = app.findCollectionByNameOrId('rooms');
		const after = rooms.fields.fieldNames().indexOf('slug');
		const field = new JSONField({ name: 'former_slugs', maxSize: 20000 });
		if (after >= 0) rooms.fields.addAt(after + 1, field);
		else rooms.fields.add(field);
		app.save(rooms);
	},
	(app) => {
		const rooms = app.findCollectionByNameOrId('rooms');
		rooms.fields.removeByName('former_slugs');
		app.save(rooms);
	}
);
