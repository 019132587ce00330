/// <reference path="../pb_data/types.d.ts" />

// Room booking rules (docs/rules.md, "Rooms and bookings"), checked and saved in one transaction per write.
onRecordCreateRequest((e) => {
	require(`${__hooks}/lib/rooms-bookings.js`).handleCreate(e);
}, 'bookings');

onRecordUpdateRequest((e) => {
	require(`${__hooks}/lib/rooms-bookings.js`).handleUpdate(e);
}, 'bookings');

// The public busy projection (room_busy) follows every booking and event write inside the writer's
// transaction (model-level hooks run with the caller's app). New bookings are projected by handleCreate,
// as bookings are only created through the API.
onRecordUpdate((e) => {
	e.next();
	require(`${__hooks}/lib/rooms-bookings.js`).syncBusy(e.app, 'booking', e.record);
}, 'bookings');
onRecordDelete((e) => {
	e.next();
	require(`${__hooks}/lib/rooms-bookings.js`).syncBusy(e.app, 'booking', e.record, true);
}, 'bookings');
onRecordCreate((e) => {
	e.next();
	require(`${__hooks}/lib/rooms-bookings.js`).syncBusy(e.app, 'event', e.record, false, true);
}, 'events');
onRecordUpdate((e) => {
	e.next();
	require(`${__hooks}/lib/rooms-bookings.js`).syncBusy(e.app, 'event', e.record);
}, 'events');
onRecordDelete((e) => {
	e.next();
	require(`${__hooks}/lib/rooms-bookings.js`).syncBusy(e.app, 'event', e.record, true);
}, 'events');

// Staff edits of rooms, policies and closures are audited in the same transaction.
onRecordCreateRequest(
	(e) => {
		require(`${__hooks}/lib/rooms-bookings.js`).auditedStaffWrite(e, 'create');
	},
	'rooms',
	'closures'
);
onRecordUpdateRequest(
	(e) => {
		require(`${__hooks}/lib/rooms-bookings.js`).auditedStaffWrite(e, 'update');
	},
	'rooms',
	'closures'
);
onRecordDeleteRequest(
	(e) => {
		require(`${__hooks}/lib/rooms-bookings.js`).auditedStaffWrite(e, 'delete');
	},
	'rooms',
	'closures'
);

// What closing a room (or the house) for a period, or taking a room out of use, would cancel (staff).
routerAdd('GET', '/api/borgerhus/rooms/closing', (e) =>
	require(`${__hooks}/lib/rooms/closing.js`).preview(e)
);

// The room a slug leads to, the room's slug now or one it had (docs/rules.md, "Rooms and closures"): the
// app's room pages follow a former slug to the room's address now.
routerAdd('GET', '/api/borgerhus/rooms/slug/{slug}', (e) =>
	require(`${__hooks}/lib/rooms/slugs.js`).current(e)
);

// Season bookings: the series and its dates in one transaction each (docs/rules.md, "Rooms and bookings").
routerAdd('POST', '/api/borgerhus/series', (e) => require(`${__hooks}/lib/rooms/series.js`).create(e));
routerAdd('POST', '/api/borgerhus/series/{id}/cancel', (e) =>
	require(`${__hooks}/lib/rooms/series.js`).cancel(e)
);
routerAdd('POST', '/api/borgerhus/series/{id}/approve', (e) =>
	require(`${__hooks}/lib/rooms/series.js`).decide(e, 'approved')
);
routerAdd('POST', '/api/borgerhus/series/{id}/reject', (e) =>
	require(`${__hooks}/lib/rooms/series.js`).decide(e, 'rejected')
);
// Staff change who books only through this named, audited action.
routerAdd('POST', '/api/borgerhus/bookings/{id}/reassign', (e) =>
	require(`${__hooks}/lib/rooms-bookings.js`).reassign(e)
);
onRecordCreateRequest((e) => {
	require(`${__hooks}/lib/rooms/series.js`).validateRecord(e);
}, 'booking_series');
onRecordUpdateRequest((e) => {
	require(`${__hooks}/lib/rooms/series.js`).validateUpdate(e);
}, 'booking_series');

// Check-in and no-shows (docs/rules.md, "Check-in and no-shows"): check-in and early check-out by those
// present, the release job every minute (UTC cron; each booking decided on its row in a transaction, so
// a second run or a run after a restart releases nothing twice), the same job on demand for the system
// account (operations after downtime, and the tests: `now` in ms runs it as at that moment, `room` for one
// room only), and the
// no-show report for staff.
routerAdd('POST', '/api/borgerhus/bookings/{id}/check-in', (e) =>
	require(`${__hooks}/lib/rooms/attendance.js`).checkIn(e)
);
routerAdd('POST', '/api/borgerhus/bookings/{id}/check-out', (e) =>
	require(`${__hooks}/lib/rooms/attendance.js`).checkOut(e)
);
cronAdd('rooms-release-no-shows', '* * * * *', () => {
	require(`${__hooks}/lib/rooms/attendance.js`).releaseDue($app);
});
routerAdd(
	'POST',
	'/api/borgerhus/rooms/release/run',
	(e) => {
		const body = e.requestInfo().body || {};
		const now = typeof body.now === 'number' && isFinite(body.now) ? body.now : undefined;
		const room = typeof body.room === 'string' ? body.room : undefined;
		return e.json(200, require(`${__hooks}/lib/rooms/attendance.js`).releaseDue(e.app, now, room));
	},
	$apis.requireSuperuserAuth()
);
routerAdd('GET', '/api/borgerhus/rooms/no-shows', (e) => {
	require(`${__hooks}/lib/core/auth.js`).requireStaff(e);
	return e.json(200, require(`${__hooks}/lib/rooms/attendance.js`).noShowReport(e.app));
});
// Cancel a period: all of one's own (or one's association's) bookings in a period, previewed, then in one
// transaction through the booking machine (docs/rules.md, "Cancel a period").
routerAdd('POST', '/api/borgerhus/bookings/cancel-period', (e) =>
	require(`${__hooks}/lib/rooms/period.js`).cancelPeriod(e)
);

// The longest claim of bookings and of the busy projection, in ms (public: a length names nobody). Reads of
// claims by time across rooms bound their start with it (lib/room-claims.js, overlapFloor).
routerAdd('GET', '/api/borgerhus/claims/longest', (e) =>
	e.json(200, require(`${__hooks}/lib/room-claims.js`).longestClaims(e.app))
);
