/// <reference path="../pb_data/types.d.ts" />

// A data load that brings its history (the demo: README.md, "Quick start") dates its messages and audit
// lines to the moments they are about. PocketBase stamps `created` and `updated` itself on every write, and
// no record API sets them, so the system account sends them here: POST /api/borgerhus/system/dates
// { rows: [{ collection, id, at }] } sets both stamps of each row to `at` (an instant, not after now), all in
// one transaction. Only messages and audit lines: the stamps of bookings, holds and the other rows the
// calendar feed, the queue and the jobs read stay the house's own (docs/rules.md, "Messages").
// An audit line's time is evidence: the route exists only where the stack that loads the demo and runs the
// tests starts PocketBase (src/cli/stack.mjs sets BORGERHUS_DATA_LOAD_DATES=on), never in production.
if ($os.getenv('BORGERHUS_DATA_LOAD_DATES') === 'on')
	routerAdd(
		'POST',
		'/api/borgerhus/system/dates',
		(e) => {
			const COLLECTIONS = ['notifications', 'audit_log'];
			const body = e.requestInfo().body || {};
			const rows = Array.isArray(body.rows) ? body.rows : null;
			if (!rows || rows.length > 1000) throw new BadRequestError('rows: a list of at most 1000');
			const now = Date.now();
			const checked = rows.map((row, i) => {
				const ms = row && typeof row.at === 'string' ? Date.parse(row.at) : NaN;
				if (!row || COLLECTIONS.indexOf(row.collection) < 0 || typeof row.id !== 'string' || !row.id)
					throw new BadRequestError(`rows.${i}: collection (${COLLECTIONS.join(' or ')}) and id`);
				if (isNaN(ms) || ms > now) throw new BadRequestError(`rows.${i}.at: an instant, not after now`);
				return { table: row.collection, id: row.id, at: new Date(ms).toISOString().replace('T', ' ') };
			});
			let updated = 0;
			require(`${__hooks}/lib/core/tx.js`).run(e.app, (txApp) => {
				for (const row of checked) {
					// the table name is one of COLLECTIONS above
					const result = txApp
						.db()
						.newQuery(
							`UPDATE {{${row.table}}} SET [[created]] = {:at}, [[updated]] = {:at} WHERE [[id]] = {:id}`
						)
						.bind({ at: row.at, id: row.id })
						.execute();
					updated += result.rowsAffected();
				}
			});
			return e.json(200, { updated });
		},
		$apis.requireSuperuserAuth()
	);
