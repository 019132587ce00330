/// <reference path="../../pb_data/types.d.ts" />

// Associations and memberships (docs/rules.md, "Associations and memberships"): the CVR check digit, the
// state machines of an association and of a membership, and the one question bookings ask of them,
// mayBookFor(). Everything here but mayBookFor() is pure; SvelteKit imports this module as
// $rules/rooms-associations.js (the form's early CVR check and the actions a page offers).

/** lib/core/filter.js bindFilter, required at the call: loading this file needs nothing of PocketBase. */
function bindFilter(filter, params) {
	return require(__hooks + '/lib/core/filter.js').bindFilter(filter, params);
}

var CVR_WEIGHTS = [2, 7, 6, 5, 4, 3, 2, 1];

/** True for an 8-digit Danish CVR (or SE) number whose modulus-11 check digit is right. */
function validCvr(value) {
	var digits = String(value || '').replace(/\s+/g, '');
	if (!/^[1-9][0-9]{7}$/.test(digits)) return false;
	var sum = 0;
	for (var i = 0; i < 8; i++) sum += Number(digits.charAt(i)) * CVR_WEIGHTS[i];
	return sum % 11 === 0;
}

/** The CVR number as stored: digits only. */
function normalizeCvr(value) {
	return String(value || '').replace(/\s+/g, '');
}

/** The roles a membership can have; admins invite, remove and edit; bookers and admins book. */
var ROLES = ['admin', 'booker', 'member'];

/** Invitations one person may send per hour, counted in the database (docs/rules.md). */
var INVITES_PER_HOUR = 10;

/** Unverified associations one person may have founded at a time, counted in the database (docs/rules.md). */
var UNVERIFIED_PER_FOUNDER = 3;

// The tables are plain data in the shape core/machine.js define() returns (so the pages can read them
// without PocketBase's require); src/lib/rooms/associations.spec.ts checks them with define().
function machines() {
	var define = function (entity, states, transitions) {
		return { entity: entity, states: states, transitions: transitions };
	};
	// An association's state is stored as `verified` (true/false). "unverified" covers both a new
	// association and one sent back to staff because its name or number changed.
	var association = define(
		'association',
		['unverified', 'verified'],
		[
			{ from: 'unverified', to: 'verified', name: 'verify', who: ['staff'] },
			{ from: 'verified', to: 'unverified', name: 'unverify', who: ['staff'] },
			// a change of name or number by anyone who may edit it (docs/rules.md)
			{ from: 'verified', to: 'unverified', name: 'resubmit', who: ['association', 'staff', 'system'] }
		]
	);
	// A membership's roles: owner = the invited person, association = an active admin of its association.
	var membership = define(
		'membership',
		['invited', 'active', 'declined', 'blocked', 'removed', 'left'],
		[
			{ from: 'invited', to: 'active', name: 'accept', who: ['owner'] },
			{ from: 'invited', to: 'declined', name: 'decline', who: ['owner'] },
			{ from: 'invited', to: 'blocked', name: 'block', who: ['owner'] },
			{ from: 'declined', to: 'blocked', name: 'block', who: ['owner'] },
			{ from: 'blocked', to: 'declined', name: 'unblock', who: ['owner'] },
			{ from: 'invited', to: 'removed', name: 'withdraw', who: ['association', 'staff'] },
			{ from: 'active', to: 'removed', name: 'remove', who: ['association', 'staff', 'system'] },
			{ from: 'active', to: 'left', name: 'leave', who: ['owner'] },
			{ from: 'declined', to: 'invited', name: 'invite', who: ['association', 'staff'] },
			{ from: 'removed', to: 'invited', name: 'invite', who: ['association', 'staff'] },
			{ from: 'left', to: 'invited', name: 'invite', who: ['association', 'staff'] }
		]
	);
	return { association: association, membership: membership };
}

/** The association machine. */
function associationMachine() {
	return machines().association;
}

/** The membership machine. */
function membershipMachine() {
	return machines().membership;
}

/** The state of an association row (or plain object) in its machine. */
function associationState(verified) {
	return verified ? 'verified' : 'unverified';
}

/**
 * Rule 3: true when `userId` may book in the name of `associationId`: the association is verified and
 * the user is an active (accepted) admin or booker of it. Every booking path must ask this, inside its
 * transaction; an invited, declined, blocked, removed or former member gets no rights.
 * @param {core.App} app the transaction's app
 * @param {string} userId
 * @param {string} associationId
 * @returns {boolean}
 */
function mayBookFor(app, userId, associationId) {
	if (!userId || !associationId) return false;
	var association;
	try {
		association = app.findRecordById('associations', associationId);
	} catch (_) {
		return false;
	}
	if (!association.getBool('verified')) return false;
	var rights = app.findRecordsByFilter(
		'memberships',
		bindFilter(
			'association = {:a} && user = {:u} && status = "active" && (role = "admin" || role = "booker")',
			{ a: associationId, u: userId }
		),
		'',
		1,
		0
	);
	return rights.length > 0;
}

module.exports = {
	validCvr: validCvr,
	normalizeCvr: normalizeCvr,
	ROLES: ROLES,
	INVITES_PER_HOUR: INVITES_PER_HOUR,
	UNVERIFIED_PER_FOUNDER: UNVERIFIED_PER_FOUNDER,
	associationMachine: associationMachine,
	membershipMachine: membershipMachine,
	associationState: associationState,
	mayBookFor: mayBookFor
};
