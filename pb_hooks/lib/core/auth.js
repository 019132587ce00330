/// <reference path="../../../pb_data/types.d.ts" />

// Who is acting (docs/rules.md, "Actors"): a guest, a citizen, a staff member (a role on a normal
// account), or the system (a PocketBase superuser: data loads and maintenance, never a browser).

// A staff member acting for a citizen at the desk (docs/rules.md, "Service at the desk") names the
// citizen in the request header X-Borgerhus-For: the request's actor is then the CITIZEN, so every area
// decides with the citizen's own rights and limits, and carries `desk` (the staff member, and the reason
// of an override of a deadline, limit or horizon, if staff chose one). Only staff may send it.

/**
 * @typedef {{ kind: 'guest' | 'user' | 'staff' | 'system', id: string,
 *   desk?: { staff: string, reason: string } }} Actor
 */

/**
 * The actor of a request event.
 * @param {core.RequestEvent} e
 * @returns {Actor}
 */
function actor(e) {
	var desk = require(__hooks + '/lib/desk.js').context(e);
	if (desk) return { kind: 'user', id: desk.citizen, desk: { staff: desk.staff, reason: desk.reason } };
	if (!e.auth) return { kind: 'guest', id: '' };
	if (e.hasSuperuserAuth()) return { kind: 'system', id: '' };
	if (e.auth.collection().name !== 'users') return { kind: 'guest', id: '' };
	return { kind: e.auth.getBool('staff') ? 'staff' : 'user', id: e.auth.id };
}

/**
 * True when a staff member acting at the desk chose to override a deadline, limit or horizon of the
 * citizen's rules (always with a reason; the act's audit entry keeps it).
 * @param {Actor} a
 */
function overrides(a) {
	return !!(a && a.desk && a.desk.reason);
}

/** The system actor, for scheduled jobs. */
function system() {
	return { kind: 'system', id: '' };
}

/** @param {core.RequestEvent} e */
function isStaff(e) {
	return actor(e).kind === 'staff';
}

/** @param {core.RequestEvent} e */
function isSystem(e) {
	return !!e.auth && e.hasSuperuserAuth();
}

/**
 * The signed-in citizen or staff member of a custom route, or a 401.
 * @param {core.RequestEvent} e
 * @returns {Actor}
 */
function requireUser(e) {
	var a = actor(e);
	if (a.kind !== 'user' && a.kind !== 'staff') throw new UnauthorizedError('Sign in first.');
	return a;
}

/**
 * The signed-in staff member of a custom route, or a 401/403.
 * @param {core.RequestEvent} e
 * @returns {Actor}
 */
function requireStaff(e) {
	var a = requireUser(e);
	if (a.kind !== 'staff') throw new ForbiddenError('Staff only.');
	return a;
}

/**
 * True when the account `userId` is deleted (docs/rules.md, "Account, feed and reminders"), read with `app`:
 * call it with the transaction's app in every create of a row that is someone's (a booking's booker, a
 * hold's patron, a sign-up's or registration's user), so a create that PocketBase let in before the account's
 * deletion committed is refused once the deletion has (`overview_account_deleted`); one that commits first is
 * released by the deletion. An unknown id is left to the relation's own check.
 * @param {core.App} app
 * @param {string} userId
 * @returns {boolean}
 */
function isDeletedAccount(app, userId) {
	if (!userId) return false;
	// one column by its key: this runs inside every such create's transaction
	var rows = arrayOf(new DynamicModel({ deleted_at: '' }));
	app
		.db()
		.newQuery("SELECT deleted_at FROM users WHERE id = {:id} AND deleted_at != '' LIMIT 1")
		.bind({ id: userId })
		.all(rows);
	return rows.length > 0;
}

module.exports = {
	actor: actor,
	isDeletedAccount: isDeletedAccount,
	overrides: overrides,
	system: system,
	isStaff: isStaff,
	isSystem: isSystem,
	requireUser: requireUser,
	requireStaff: requireStaff
};
