/// <reference path="../pb_data/types.d.ts" />

// Memberships by consent (docs/rules.md, "Associations and memberships"):
//   * a membership has a status (invited, active, declined, blocked, removed, left), the address it was
//     sent to, who invited and when (the hourly invitation limit counts these) and when it was decided;
//     an invitation to an address without an account has no user until that account signs in;
//   * only an ACTIVE membership gives rights: every rule that reads an association's memberships (bookings,
//     series, associations, memberships) asks for status "active" on the same joined row;
//   * the record API cannot create, change or delete memberships (rules null): the routes of
//     pb_hooks/rooms-associations.pb.js make every transition, so nobody is made a member without consent;
//   * associations: created by any signed-in person, edited by active admins and staff; the hooks refuse
//     the server-owned fields (verified, verified_at, created_by) with a code, so the rules let them pass.
// Existing memberships were made before invitations existed; they become active.

const STAFF = '@request.auth.staff = true';
const SIGNED_IN = '@request.auth.id != ""';

const OLD_MEMBER = 'association.memberships_via_association.user ?= @request.auth.id';
const NEW_MEMBER = `${OLD_MEMBER} && association.memberships_via_association.status ?= "active"`;

const OWN_ACTIVE =
	'memberships_via_association.user ?= @request.auth.id && memberships_via_association.status ?= "active"';

const RULES = ['listRule', 'viewRule', 'createRule', 'updateRule', 'deleteRule'];

// the rules of the initial schema, for down
const OLD = {
	associations: {
		listRule: `verified = true || ${STAFF} || memberships_via_association.user ?= @request.auth.id`,
		viewRule: `verified = true || ${STAFF} || memberships_via_association.user ?= @request.auth.id`,
		createRule:
			`${SIGNED_IN} && created_by = @request.auth.id && ` +
			'@request.body.verified:isset = false && @request.body.verified_at:isset = false',
		updateRule:
			`${STAFF} || (` +
			'memberships_via_association.user ?= @request.auth.id && memberships_via_association.role ?= "admin" && ' +
			'@request.body.verified:isset = false && @request.body.verified_at:isset = false && ' +
			'@request.body.created_by:isset = false)',
		deleteRule: STAFF
	},
	memberships: {
		listRule: `user = @request.auth.id || ${STAFF} || ${OLD_MEMBER}`,
		viewRule: `user = @request.auth.id || ${STAFF} || ${OLD_MEMBER}`,
		createRule:
			`${STAFF} || (${SIGNED_IN} && ${OLD_MEMBER} && ` +
			'association.memberships_via_association.role ?= "admin")',
		updateRule:
			`${STAFF} || (${OLD_MEMBER} && association.memberships_via_association.role ?= "admin" && ` +
			'@request.body.association:isset = false && @request.body.user:isset = false)',
		deleteRule: `${STAFF} || (${OLD_MEMBER} && association.memberships_via_association.role ?= "admin")`
	}
};

const NEW = {
	associations: {
		listRule: `verified = true || ${STAFF} || (${OWN_ACTIVE})`,
		viewRule: `verified = true || ${STAFF} || (${OWN_ACTIVE})`,
		createRule: SIGNED_IN,
		updateRule: `${STAFF} || (${OWN_ACTIVE} && memberships_via_association.role ?= "admin")`,
		deleteRule: STAFF
	},
	memberships: {
		// the person's own rows in any state; staff; active members see the association's active members
		listRule: `user = @request.auth.id || ${STAFF} || (status = "active" && ${NEW_MEMBER})`,
		viewRule: `user = @request.auth.id || ${STAFF} || (status = "active" && ${NEW_MEMBER})`,
		createRule: null,
		updateRule: null,
		deleteRule: null
	}
};

migrate(
	(app) => {
		const memberships = app.findCollectionByNameOrId('memberships');
		const users = app.findCollectionByNameOrId('users').id;
		memberships.fields.getByName('user').required = false;
		memberships.fields.add(
			new SelectField({
				name: 'status',
				values: ['invited', 'active', 'declined', 'blocked', 'removed', 'left'],
				maxSelect: 1,
				required: false
			})
		);
		memberships.fields.add(new EmailField({ name: 'email', required: false }));
		memberships.fields.add(
			new RelationField({
				name: 'invited_by',
				collectionId: users,
				maxSelect: 1,
				cascadeDelete: false,
				required: false
			})
		);
		memberships.fields.add(new DateField({ name: 'invited_at', required: false }));
		memberships.fields.add(new DateField({ name: 'decided_at', required: false }));
		memberships.indexes = [
			"CREATE UNIQUE INDEX `idx_memberships_association_user` ON `memberships` (`association`, `user`) WHERE `user` != ''",
			"CREATE UNIQUE INDEX `idx_memberships_association_email` ON `memberships` (`association`, `email`) WHERE `email` != ''",
			'CREATE INDEX `idx_memberships_user` ON `memberships` (`user`, `status`)',
			'CREATE INDEX `idx_memberships_email` ON `memberships` (`email`)',
			'CREATE INDEX `idx_memberships_invited_by` ON `memberships` (`invited_by`, `invited_at`)'
		];
		app.save(memberships);
		app.db().newQuery("UPDATE memberships SET status = 'active' WHERE status = ''").execute();

		for (const collection of app.findAllCollections()) {
			if (collection.name === 'memberships' || collection.name === 'associations') continue;
			let changed = false;
			for (const rule of RULES) {
				// a rule reads as a wrapped string pointer here (typeof "object"), or null
				const value = collection[rule] == null ? '' : String(collection[rule]);
				if (value.includes(OLD_MEMBER)) {
					collection[rule] = value.split(OLD_MEMBER).join(NEW_MEMBER);
					changed = true;
				}
			}
			if (changed) app.save(collection);
		}
		for (const name of Object.keys(NEW)) {
			const collection = app.findCollectionByNameOrId(name);
			for (const rule of RULES) collection[rule] = NEW[name][rule];
			app.save(collection);
		}
	},
	(app) => {
		for (const name of Object.keys(OLD)) {
			const collection = app.findCollectionByNameOrId(name);
			for (const rule of RULES) collection[rule] = OLD[name][rule];
			app.save(collection);
		}
		for (const collection of app.findAllCollections()) {
			if (collection.name === 'memberships' || collection.name === 'associations') continue;
			let changed = false;
			for (const rule of RULES) {
				const value = collection[rule] == null ? '' : String(collection[rule]);
				if (value.includes(NEW_MEMBER)) {
					collection[rule] = value.split(NEW_MEMBER).join(OLD_MEMBER);
					changed = true;
				}
			}
			if (changed) app.save(collection);
		}
		// rows that were never accepted, or ended, were no members under the old model
		app.db().newQuery("DELETE FROM memberships WHERE status != 'active' OR user = ''").execute();
		const memberships = app.findCollectionByNameOrId('memberships');
		for (const name of ['status', 'email', 'invited_by', 'invited_at', 'decided_at']) {
			memberships.fields.removeByName(name);
		}
		memberships.fields.getByName('user').required = true;
		memberships.indexes = [
			'CREATE UNIQUE INDEX `idx_memberships_association_user` ON `memberships` (`association`, `user`)',
			'CREATE INDEX `idx_memberships_user` ON `memberships` (`user`)'
		];
		app.save(memberships);
	}
);
