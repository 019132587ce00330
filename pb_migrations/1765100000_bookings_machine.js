/// <reference path="../pb_data/types.d.ts" />

// Rooms and bookings on their state machines (docs/rules.md, "Rooms and bookings"):
//  - booking_series gets a status (active, cancelled); series are written only by the season routes
//    (one transaction for the series and its dates), never by a plain record create or update;
//  - a booking may be updated by its booker, staff, and the admins and bookers of its association (who may
//    only cancel); which fields each may send is decided by the booking hook with coded refusals.
const STAFF = '@request.auth.staff = true';
const ASSOC_BOOKER =
	'(association != "" && association.memberships_via_association.user ?= @request.auth.id && ' +
	'(association.memberships_via_association.role ?= "admin" || association.memberships_via_association.role ?= "booker"))';

const OLD_SERIES = {
	createRule:
		'@request.auth.id != "" && booker = @request.auth.id && (association = "" || (association.verified = true && ' +
		'association.memberships_via_association.user ?= @request.auth.id && ' +
		'(association.memberships_via_association.role ?= "admin" || association.memberships_via_association.role ?= "booker")))',
	updateRule: STAFF,
	deleteRule: STAFF
};

migrate(
	(app) => {
		const series = app.findCollectionByNameOrId('booking_series');
		series.fields.add(new SelectField({ name: 'status', values: ['active', 'cancelled'], maxSelect: 1 }));
		series.createRule = null;
		series.updateRule = null;
		series.deleteRule = null;
		app.save(series);
		app
			.db()
			.newQuery("UPDATE booking_series SET status = 'active' WHERE status = '' OR status IS NULL")
			.execute();

		const bookings = app.findCollectionByNameOrId('bookings');
		bookings.updateRule =
			`${STAFF} || ((booker = @request.auth.id || ${ASSOC_BOOKER}) && ` +
			'(@request.body.status:isset = false || @request.body.status = "cancelled"))';
		app.save(bookings);
	},
	(app) => {
		const series = app.findCollectionByNameOrId('booking_series');
		series.fields.removeByName('status');
		series.createRule = OLD_SERIES.createRule;
		series.updateRule = OLD_SERIES.updateRule;
		series.deleteRule = OLD_SERIES.deleteRule;
		app.save(series);
		const bookings = app.findCollectionByNameOrId('bookings');
		bookings.updateRule =
			`${STAFF} || (booker = @request.auth.id && ` +
			'@request.body.booker:isset = false && @request.body.association:isset = false && ' +
			'@request.body.series:isset = false && @request.body.reason:isset = false && ' +
			'@request.body.decided_by:isset = false && @request.body.decided_at:isset = false && ' +
			'(@request.body.status:isset = false || @request.body.status = "cancelled") && ' +
			'(@request.body.cancelled_by:isset = false || @request.body.cancelled_by = @request.auth.id))';
		app.save(bookings);
	}
);
