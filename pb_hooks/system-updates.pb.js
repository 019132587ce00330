/// <reference path="../pb_data/types.d.ts" />

// The collections whose record API only the system account may update (their update rule is empty; the
// house's own routes and jobs write them, each in a transaction on the row as it stands). A system update
// (maintenance, an import) is written the same way: onto the row as it stands inside a transaction, with
// only the fields it sent (lib/core/tx.js `rebase`). A save of the record as PocketBase loaded it before the
// hook would put back whatever a route committed in between: a membership the member had left, a season
// round staff had moved on (docs/rules.md, "Transactions"). Season bookings' series do the same in their own
// update hook (lib/rooms/series.js).
onRecordUpdateRequest(
	(e) => {
		const tx = require(`${__hooks}/lib/core/tx.js`);
		tx.request(e, (txApp) => {
			tx.rebase(txApp, e);
			e.next();
		});
	},
	'memberships',
	'seasons',
	'season_applications',
	'season_lines',
	'season_objections',
	'season_swaps',
	'invitations_sent',
	'audit_log',
	'room_busy'
);
