/// <reference path="../pb_data/types.d.ts" />

// The create rules of registrations and sign-ups name whose place it is and which fields the server owns;
// whether the event takes sign-ups (published, with registration) and whether a volunteer has accepted the
// volunteer terms are decided by the places hook inside the write's transaction, with a code
// (`events_not_open`, `events_volunteer_terms`; docs/rules.md, "Events and volunteers"). PocketBase checks a
// create rule before any hook and answers a failed one with an uncoded "Failed to create record.", which
// the app could only show as "the value is not valid" to someone registering after registration closed.

const TAKEN_OUT = {
	registrations: ['event.state = "published" && event.registration = true && '],
	signups: [
		'@request.auth.volunteer_terms_at != "" && ',
		'user.volunteer_terms_at != "" && ',
		'shift.event.state = "published" && '
	]
};

function rewrite(app, change) {
	for (const [name, parts] of Object.entries(TAKEN_OUT)) {
		const collection = app.findCollectionByNameOrId(name);
		collection.createRule = change(name, collection.createRule, parts);
		app.save(collection);
	}
}

migrate(
	(app) =>
		rewrite(app, (name, rule, parts) => {
			let next = rule;
			for (const part of parts) {
				if (!next.includes(part)) throw new Error(`${name}.createRule lacks: ${part}`);
				next = next.split(part).join('');
			}
			return next;
		}),
	(app) =>
		rewrite(app, (name, rule) => {
			if (name === 'registrations') {
				return rule
					.split('user = @request.auth.id && ')
					.join('user = @request.auth.id && ' + TAKEN_OUT.registrations[0])
					.split('user = @request.headers.x_borgerhus_for && ')
					.join('user = @request.headers.x_borgerhus_for && ' + TAKEN_OUT.registrations[0]);
			}
			return rule
				.split('user = @request.auth.id && ')
				.join('user = @request.auth.id && ' + TAKEN_OUT.signups[0] + TAKEN_OUT.signups[2])
				.split('user = @request.headers.x_borgerhus_for && ')
				.join('user = @request.headers.x_borgerhus_for && ' + TAKEN_OUT.signups[1] + TAKEN_OUT.signups[2]);
		})
);
