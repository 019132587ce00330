/// <reference path="../pb_data/types.d.ts" />

// The busy rows of a room taken out of use are read by the public only where they are a published event's
// (docs/rules.md, "Door signs and the lobby screen"): nothing else can hold such a room but the house's own
// events, so a nameless row there could only be a draft event, which no guest may learn of. Staff read
// every row. The door sign and the lobby, which read them with the app's own rights, showed them so
// already (`shownKinds` in lib/screens.js); the records API and its realtime did not.

const RULE = 'kind = "event" || room.active = true || @request.auth.staff = true';

migrate(
	(app) => {
		const collection = app.findCollectionByNameOrId('room_busy');
		collection.listRule = RULE;
		collection.viewRule = RULE;
		app.save(collection);
	},
	(app) => {
		const collection = app.findCollectionByNameOrId('room_busy');
		collection.listRule = '';
		collection.viewRule = '';
		app.save(collection);
	}
);
