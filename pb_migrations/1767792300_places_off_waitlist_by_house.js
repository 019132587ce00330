/// <reference path="../pb_data/types.d.ts" />

// A place on the waitlist the house took the person off (staff for the person, or the system), told apart
// from one the person left themselves: `off_waitlist_by_house` on sign-ups and registrations, set by the
// hooks' cancel (lib/events-claims.js cancelPlace) and cleared when the place is taken again. The ticket,
// Mit overblik and Mine data then say the house took them off the waitlist rather than "Afmeldt".
// `cancelled_by_house` stays the mark of a confirmed place only (the calendar feed keeps those), as a
// waitlist place was never in the feed. A server-owned field like the status: no client sets it. Rows
// stored before are left false (who cancelled them is not known).

migrate(
	(app) => {
		for (const name of ['signups', 'registrations']) {
			const collection = app.findCollectionByNameOrId(name);
			collection.fields.add(new BoolField({ name: 'off_waitlist_by_house' }));
			app.save(collection);
		}
	},
	(app) => {
		for (const name of ['signups', 'registrations']) {
			const collection = app.findCollectionByNameOrId(name);
			collection.fields.removeByName('off_waitlist_by_house');
			app.save(collection);
		}
	}
);
