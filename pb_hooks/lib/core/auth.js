/// <reference path="../../../pb_data/types.d.ts" />

// Who is acting (docs/rules.md, "Actors"): a guest, a citizen, a staff member (a role on a normal
// account), or the system (a PocketBase superuser: data loads and maintenance, never a browser).

/**
 * @typedef {{ kind: 'guest' | 'user' | 'staff' | 'system', id: string }} Actor
 */

/**
 * The actor of a request event.
 * @param {core.RequestEvent} e
 * @returns {Actor}
 */
function actor(e) {
	if (!e.auth) return { kind: 'guest', id: '' };
	if (e.hasSuperuserAuth()) return { kind: 'system', id: '' };
	if (e.auth.collection().name !== 'users') return { kind: 'guest', id: '' };
	return { kind: e.auth.getBool('staff') ? 'staff' : 'user', id: e.auth.id };
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

module.exports = {
	actor: actor,
	system: system,
	isStaff: isStaff,
	isSystem: isSystem,
	requireUser: requireUser,
	requireStaff: requireStaff
};
