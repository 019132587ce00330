/// <reference path="../pb_data/types.d.ts" />

// The bookings create rule names only who a booking is for (docs/rules.md, "Rooms and bookings"): the
// signed-in person, or the citizen named by staff at the desk. Everything else a create is held to is decided
// by the booking hook inside the write's transaction, with a code: the server's fields (status, reason,
// series, decisions), the rights in an association (rule 3), the room's policy and other claims. The rule
// used to repeat the association rights and the field checks; PocketBase checks a create rule outside the
// transaction, and resolving the memberships back-relation on every create was a fifth of a booking's cost
// (docs/performance.md, "Writes").

const SIGNED_IN = '@request.auth.id != ""';
const DESK = '@request.auth.staff = true && @request.headers.x_borgerhus_for != ""';
const THIN = `(${SIGNED_IN} && booker = @request.auth.id) || (${DESK} && booker = @request.headers.x_borgerhus_for)`;

// the rule before, for down: the citizen's rule and its desk branch (migration 1766300000_desk_service.js)
const MEMBER =
	'association.memberships_via_association.user ?= @request.auth.id && ' +
	'association.memberships_via_association.status ?= "active"';
const CITIZEN =
	`${SIGNED_IN} && booker = @request.auth.id && (status = "" || status = "pending") && ` +
	`(association = "" || (association.verified = true && ${MEMBER} && ` +
	'(association.memberships_via_association.role ?= "admin" || ' +
	'association.memberships_via_association.role ?= "booker"))) && ' +
	'(series = "" || series.booker = @request.auth.id) && ' +
	'@request.body.reason:isset = false && @request.body.cancelled_by:isset = false && ' +
	'@request.body.cancel_reason:isset = false && @request.body.decided_by:isset = false && ' +
	'@request.body.decided_at:isset = false';
const OLD = `(${CITIZEN}) || (${DESK} && ${CITIZEN.split('@request.auth.id').join('@request.headers.x_borgerhus_for')})`;

migrate(
	(app) => {
		const bookings = app.findCollectionByNameOrId('bookings');
		bookings.createRule = THIN;
		app.save(bookings);
	},
	(app) => {
		const bookings = app.findCollectionByNameOrId('bookings');
		bookings.createRule = OLD;
		app.save(bookings);
	}
);
