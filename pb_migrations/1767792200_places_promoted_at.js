/// <reference path="../pb_data/types.d.ts" />

// When a place on the waitlist was moved up (docs/rules.md, "Places, the waitlist and overlapping shifts"):
// `promoted_at` on sign-ups and registrations, set by the promotion (lib/events-claims.js fillPlaces) and
// cleared when the person takes a place themselves. A person who leaves the waitlist just as a promotion
// reaches them is let go, not held to the confirmed place the promotion gave them; this tells such a place
// apart from one the person took themselves or was given long ago. A server-owned field like the status:
// no client sets it. Rows stored before are left empty (when they were moved up is not known).

migrate(
	(app) => {
		for (const name of ['signups', 'registrations']) {
			const collection = app.findCollectionByNameOrId(name);
			collection.fields.add(new DateField({ name: 'promoted_at', required: false }));
			app.save(collection);
		}
	},
	(app) => {
		for (const name of ['signups', 'registrations']) {
			const collection = app.findCollectionByNameOrId(name);
			collection.fields.removeByName('promoted_at');
			app.save(collection);
		}
	}
);
