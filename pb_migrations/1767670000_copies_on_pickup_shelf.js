/// <reference path="../pb_data/types.d.ts" />

// Where a copy left on a pickup shelf lies (docs/rules.md, "Ready for pickup only when the copy lies
// there"): a pickup that ends without a loan (cancelled, expired) releases its copy to the next in line or to
// the open stacks, but the copy still lies on that pickup shelf until the desk scans it. `on_pickup_shelf`
// names that shelf ('' when the copy lies where its status and own shelf say); only the server writes it
// (lib/library-desk.js) and only staff read it (library.pb.js).
//
// Copies stored before: one on the open shelf or being fetched whose last pickup ended without a loan after
// its deadline had started, and that was not lent since, lies on that pickup shelf.

migrate(
	(app) => {
		const copies = app.findCollectionByNameOrId('copies');
		copies.fields.add(new TextField({ name: 'on_pickup_shelf', max: 50 }));
		app.save(copies);

		const rows = arrayOf(new DynamicModel({ id: '' }));
		app.db().newQuery("SELECT id FROM copies WHERE status IN ('shelf', 'reserved')").all(rows);
		const update = app.db().newQuery('UPDATE copies SET on_pickup_shelf = {:s} WHERE id = {:id}');
		for (const row of rows) {
			const holds = arrayOf(
				new DynamicModel({ status: '', pickup_shelf: '', pickup_deadline: '', ended_at: '' })
			);
			app
				.db()
				.newQuery(
					'SELECT status, pickup_shelf, pickup_deadline, ended_at FROM holds ' +
						"WHERE copy = {:c} AND pickup_shelf != '' ORDER BY ready_at DESC, updated DESC"
				)
				.bind({ c: row.id })
				.all(holds);
			// a hold the copy is still being fetched for has not moved it
			const last = holds.find((h) => !(h.status === 'ready' && h.pickup_deadline === ''));
			if (!last || (last.status !== 'cancelled' && last.status !== 'expired')) continue;
			if (last.pickup_deadline === '' || last.ended_at === '') continue;
			const lent = new DynamicModel({ n: 0 });
			app
				.db()
				.newQuery('SELECT COUNT(*) AS n FROM loans WHERE copy = {:c} AND start >= {:since}')
				.bind({ c: row.id, since: last.ended_at })
				.one(lent);
			if (lent.n > 0) continue;
			update.bind({ s: last.pickup_shelf, id: row.id }).execute();
		}
	},
	(app) => {
		const copies = app.findCollectionByNameOrId('copies');
		copies.fields.removeByName('on_pickup_shelf');
		app.save(copies);
	}
);
