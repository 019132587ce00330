/// <reference path="../pb_data/types.d.ts" />

// The hour's invitations of each inviter (docs/rules.md, "Associations and memberships"): one row per
// invitation an inviter sends, to an address, whatever became of it. The limit was counted
// from the memberships an inviter had stamped, and an invitation to an address with a member behind it
// stamps none, so the limit told an admin whose address a member had. Rows older than an hour are removed by
// the next invitation (lib/rooms-memberships.js). Nobody reads or writes them through the API (rules null).

migrate(
	(app) => {
		const users = app.findCollectionByNameOrId('users').id;
		const collection = new Collection({
			type: 'base',
			name: 'invitations_sent',
			listRule: null,
			viewRule: null,
			createRule: null,
			updateRule: null,
			deleteRule: null,
			fields: [
				{
					type: 'relation',
					name: 'inviter',
					collectionId: users,
					maxSelect: 1,
					required: true,
					cascadeDelete: true
				},
				// the address the invitation went to, as a hash (SHA-256 of the address as stored): an address
				// sent to again within the hour counts once, and no row of another person's (a membership that
				// goes, an account with two addresses) makes the count go down or stay, to tell the inviter of it
				{ type: 'text', name: 'address', required: true, max: 64 },
				{ type: 'autodate', name: 'created', onCreate: true, onUpdate: false }
			],
			indexes: [
				'CREATE INDEX `idx_invitations_sent_inviter` ON `invitations_sent` (`inviter`, `created`)',
				'CREATE INDEX `idx_invitations_sent_created` ON `invitations_sent` (`created`)'
			]
		});
		app.save(collection);
	},
	(app) => {
		app.delete(app.findCollectionByNameOrId('invitations_sent'));
	}
);
