/// <reference path="../pb_data/types.d.ts" />

// Door signs and the lobby screen (docs/rules.md, "Door signs and the lobby screen"):
//  - bookings and booking_series get `show_publicly` (default false): the booker (or an admin or booker of
//    its association) chooses to show the association's name on the house's screens;
//  - room_busy, the public projection of claims, gets `label`: the association's name of a booking shown
//    publicly, the title of a published event, else empty (the screens say "Optaget"). Nothing else about
//    a booking is ever public.

migrate(
	(app) => {
		for (const name of ['bookings', 'booking_series']) {
			const collection = app.findCollectionByNameOrId(name);
			collection.fields.add(new BoolField({ name: 'show_publicly' }));
			app.save(collection);
		}
		const busy = app.findCollectionByNameOrId('room_busy');
		busy.fields.add(new TextField({ name: 'label', max: 300 }));
		app.save(busy);
		// published events already projected get their title
		app
			.db()
			.newQuery(
				"UPDATE room_busy SET label = (SELECT e.title FROM events e WHERE e.id = room_busy.source AND e.state = 'published') " +
					"WHERE kind = 'event'"
			)
			.execute();
		app.db().newQuery("UPDATE room_busy SET label = '' WHERE label IS NULL").execute();
	},
	(app) => {
		for (const name of ['bookings', 'booking_series']) {
			const collection = app.findCollectionByNameOrId(name);
			collection.fields.removeByName('show_publicly');
			app.save(collection);
		}
		const busy = app.findCollectionByNameOrId('room_busy');
		busy.fields.removeByName('label');
		app.save(busy);
	}
);
