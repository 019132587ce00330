/// <reference path="../pb_data/types.d.ts" />

// An association's change (`associations_update`) copied the contact it was given (a person's name, address
// and phone) into the audit log, which outlives the person: deleting their account cleared the association's
// contact but not the copies. lib/rooms-associations-write.js now names the contact fields that changed
// (`contact_changed`) and copies none; this rewrites the entries written before in the same way.

const CONTACT = ['contact_name', 'contact_email', 'contact_phone'];

migrate(
	(app) => {
		const rows = arrayOf(new DynamicModel({ id: '', details: '' }));
		app
			.db()
			.newQuery(
				"SELECT id, details FROM audit_log WHERE action = 'associations_update' AND json_valid(details) AND (" +
					CONTACT.map((field) => `json_type(details, '$.${field}') IS NOT NULL`).join(' OR ') +
					')'
			)
			.all(rows);
		for (const row of rows) {
			const details = JSON.parse(row.details);
			const changed = CONTACT.filter((field) => field in details);
			for (const field of changed) delete details[field];
			details.contact_changed = changed;
			app
				.db()
				.newQuery('UPDATE audit_log SET details = {:details} WHERE id = {:id}')
				.bind({ details: JSON.stringify(details), id: row.id })
				.execute();
		}
	},
	() => {
		// Nothing to restore: the copies were a person's details, not the association's history.
	}
);
