/// <reference path="../pb_data/types.d.ts" />

// A rule part that compares a field with the signed-in user (`user = @request.auth.id`) matched guests on
// rows whose field is empty: PocketBase reads a guest's `@request.auth.id` as empty, so `user = ""` held for
// every invitation to an address without an account, and any guest could list those invitations with the
// invitee's address, live too. Each such part, in every collection, now asks for a signed-in user first: a
// compared field that is required (a booking's booker) never was empty, but the parts through an
// association's memberships were, since a membership's user may be empty.
const RULES = ['listRule', 'viewRule', 'updateRule', 'deleteRule'];
const PART = /([\w.]+) (\?=|=) @request\.auth\.id/g;
const GUARDED = /\(@request\.auth\.id != "" && ([\w.]+) (\?=|=) @request\.auth\.id\)/g;

migrate(
	(app) => {
		for (const collection of app.findAllCollections()) {
			if (collection.system) continue;
			for (const rule of RULES) {
				// a rule is a pointer to a string, or null for superusers only
				const value = collection[rule];
				if (value === null || value === undefined) continue;
				const text = String(value);
				collection[rule] = text.replace(PART, '(@request.auth.id != "" && $1 $2 @request.auth.id)');
			}
			app.save(collection);
		}
	},
	(app) => {
		for (const collection of app.findAllCollections()) {
			if (collection.system) continue;
			for (const rule of RULES) {
				// a rule is a pointer to a string, or null for superusers only
				const value = collection[rule];
				if (value === null || value === undefined) continue;
				const text = String(value);
				collection[rule] = text.replace(GUARDED, '$1 $2 @request.auth.id');
			}
			app.save(collection);
		}
	}
);
