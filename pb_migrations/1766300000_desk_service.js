/// <reference path="../pb_data/types.d.ts" />

// Service at the desk (docs/rules.md, "Service at the desk"):
//  - users get a library card number (unique when set) and a desk_account flag; both are the server's:
//    a user cannot send them, staff set them through the desk routes;
//  - a desk account (no email of its own, no password) never signs in until it is taken over;
//  - staff create bookings, holds, sign-ups and registrations FOR a citizen named in the request header
//    X-Borgerhus-For: each create rule gains a desk branch that is the citizen's own rule with the citizen
//    in the place of the signed-in user. The hooks then decide with the citizen as the actor
//    (pb_hooks/lib/core/auth.js) and audit the act with both identities (pb_hooks/lib/desk.js).
const DESK = '@request.auth.staff = true && @request.headers.x_borgerhus_for != ""';
const USER_FIELDS = '@request.body.library_card:isset = false && @request.body.desk_account:isset = false';
const AUTH_RULE = 'verified = true && deleted_at = "" && desk_account = false';
const OLD_AUTH_RULE = 'verified = true && deleted_at = ""';
const ACTED_FOR = ['bookings', 'holds', 'signups', 'registrations'];

/** The citizen's own create rule with the citizen of the desk header in the place of the signed-in user. */
function deskBranch(rule) {
	return rule
		.split('@request.auth.volunteer_terms_at')
		.join('user.volunteer_terms_at')
		.split('@request.auth.id')
		.join('@request.headers.x_borgerhus_for');
}

function withoutSuffix(rule, suffix) {
	return rule && rule.endsWith(suffix) ? rule.slice(0, -suffix.length) : rule;
}

migrate(
	(app) => {
		const users = app.findCollectionByNameOrId('users');
		users.fields.add(new TextField({ name: 'library_card', max: 20, pattern: '' }));
		users.fields.add(new BoolField({ name: 'desk_account' }));
		users.addIndex('idx_users_library_card', true, '`library_card`', "`library_card` != ''");
		users.createRule = `(${users.createRule}) && ${USER_FIELDS}`;
		users.updateRule = `(${users.updateRule}) && ${USER_FIELDS}`;
		users.authRule = AUTH_RULE;
		app.save(users);

		for (const name of ACTED_FOR) {
			const c = app.findCollectionByNameOrId(name);
			c.createRule = `(${c.createRule}) || (${DESK} && ${deskBranch(c.createRule)})`;
			app.save(c);
		}
	},
	(app) => {
		for (const name of ACTED_FOR) {
			const c = app.findCollectionByNameOrId(name);
			const at = c.createRule.indexOf(`) || (${DESK} && `);
			if (at > 0) c.createRule = c.createRule.slice(1, at);
			app.save(c);
		}
		const users = app.findCollectionByNameOrId('users');
		const suffix = `) && ${USER_FIELDS}`;
		users.createRule = withoutSuffix(users.createRule, suffix).replace(/^\(/, '');
		users.updateRule = withoutSuffix(users.updateRule, suffix).replace(/^\(/, '');
		users.authRule = OLD_AUTH_RULE;
		users.removeIndex('idx_users_library_card');
		users.fields.removeByName('library_card');
		users.fields.removeByName('desk_account');
		app.save(users);
	}
);
