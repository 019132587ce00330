/// <reference path="../pb_data/types.d.ts" />

// A place the house cancelled (staff for the person, or the event's cancellation), told apart from one the
// person cancelled themselves: `cancelled_by_house` on sign-ups and registrations, set by the hooks'
// cancel (lib/events-claims.js cancelPlace) and cleared when the place is taken again. The calendar feed
// keeps such a place, marked cancelled, until its time has passed, so a calendar shows "Aflyst" instead
// of the entry vanishing. A server-owned field like the status: no client sets it. Rows stored before are
// left false (who cancelled them is not known).

migrate(
	(app) => {
		for (const name of ['signups', 'registrations']) {
			const collection = app.findCollectionByNameOrId(name);
			collection.fields.add(new BoolField({ name: 'cancelled_by_house' }));
			app.save(collection);
		}
	},
	(app) => {
		for (const name of ['signups', 'registrations']) {
			const collection = app.findCollectionByNameOrId(name);
			collection.fields.removeByName('cancelled_by_house');
			app.save(collection);
		}
	}
);
