/// <reference path="../pb_data/types.d.ts" />

// Library: a hold's and a copy's status is always set by the server (docs/rules.md, "Library"), so the
// empty status no longer counts as an active hold. Rows that still have one are stamped "waiting" (holds)
// and "shelf" (copies) first; the status fields become required, "one active hold per patron per title"
// no longer lists '', and the hold update rule leaves the field checks to the hooks, which answer them
// with refusal codes instead of a bare 404.
const STAFF = '@request.auth.staff = true';
const ACTIVE = "`status` = 'waiting' OR `status` = 'paused' OR `status` = 'ready'";
const OLD_UPDATE_RULE =
	`${STAFF} || (patron = @request.auth.id && ` +
	'(status = "" || status = "waiting" || status = "paused" || status = "ready") && ' +
	'@request.body.patron:isset = false && @request.body.title:isset = false && ' +
	'@request.body.placed_at:isset = false && @request.body.copy:isset = false && ' +
	'@request.body.pickup_shelf:isset = false && @request.body.pickup_deadline:isset = false && ' +
	'@request.body.ready_at:isset = false && @request.body.ended_at:isset = false && ' +
	'(@request.body.status:isset = false || @request.body.status = "cancelled" || ' +
	'((@request.body.status = "waiting" || @request.body.status = "paused") && (status = "" || status = "waiting" || status = "paused"))))';

migrate(
	(app) => {
		app.db().newQuery("UPDATE holds SET status = 'waiting' WHERE status = ''").execute();
		app.db().newQuery("UPDATE holds SET placed_at = created WHERE placed_at = ''").execute();
		app.db().newQuery("UPDATE copies SET status = 'shelf' WHERE status = ''").execute();

		const holds = app.findCollectionByNameOrId('holds');
		holds.fields.getByName('status').required = true;
		holds.removeIndex('idx_holds_active');
		holds.addIndex('idx_holds_active', true, '`title`, `patron`', ACTIVE);
		holds.updateRule = `${STAFF} || (patron = @request.auth.id && (status = "waiting" || status = "paused" || status = "ready"))`;
		app.save(holds);

		const copies = app.findCollectionByNameOrId('copies');
		copies.fields.getByName('status').required = true;
		app.save(copies);
	},
	(app) => {
		const holds = app.findCollectionByNameOrId('holds');
		holds.fields.getByName('status').required = false;
		holds.removeIndex('idx_holds_active');
		holds.addIndex('idx_holds_active', true, '`title`, `patron`', "`status` = '' OR " + ACTIVE);
		holds.updateRule = OLD_UPDATE_RULE;
		app.save(holds);

		const copies = app.findCollectionByNameOrId('copies');
		copies.fields.getByName('status').required = false;
		app.save(copies);
	}
);
