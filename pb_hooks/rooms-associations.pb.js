/// <reference path="../pb_data/types.d.ts" />

// Associations and memberships (docs/rules.md, "Associations and memberships"). This file only binds
// events; the rules are in lib/rooms-associations-write.js and lib/rooms-memberships.js.

onRecordCreateRequest((e) => {
	require(`${__hooks}/lib/rooms-associations-write.js`).create(e);
}, 'associations');

onRecordUpdateRequest((e) => {
	require(`${__hooks}/lib/rooms-associations-write.js`).update(e);
}, 'associations');

// The contact person and the founder are for members and staff (lib/association-contact.js).
onRecordEnrich((e) => {
	require(`${__hooks}/lib/association-contact.js`).enrich(e);
}, 'associations');

// Staff delete only an association without history (associations_has_history), audited.
onRecordDeleteRequest((e) => {
	require(`${__hooks}/lib/rooms-associations-write.js`).remove(e);
}, 'associations');

// The API rules let only the system create memberships through the record API (data loads); a row it
// sends without a status is an active membership.
onRecordCreateRequest((e) => {
	if (!e.record.getString('status')) e.record.set('status', 'active');
	e.record.set(
		'email',
		require(`${__hooks}/lib/rooms-memberships.js`).normalizeEmail(e.record.getString('email'))
	);
	e.next();
}, 'memberships');

// Invitations sent to an address before it had a (verified) account become the account's at sign-in.
onRecordAuthRequest((e) => {
	try {
		require(`${__hooks}/lib/rooms-memberships.js`).claim(e.app, e.record);
	} catch (err) {
		e.app.logger().error('claiming invitations failed', 'user', e.record.id, 'error', String(err));
	}
	e.next();
}, 'users');

// An account that moves to another address lets go of the invitations sent to the old one, whatever path
// saves it (PocketBase's confirmation of a new address, the desk's take-over, the system).
onRecordUpdate((e) => {
	require(`${__hooks}/lib/rooms-memberships.js`).leaveAddress(e);
}, 'users');

// Staff verify or unverify an association: named, audited transitions.
routerAdd('POST', '/api/borgerhus/associations/{id}/verify', (e) => {
	const actor = require(`${__hooks}/lib/core/auth.js`).requireStaff(e);
	const write = require(`${__hooks}/lib/rooms-associations-write.js`);
	// `seen`: the association's `updated` as staff read it; a change since refuses the verification
	const seen = (e.requestInfo().body || {}).seen;
	return e.json(200, write.verification(e.app, actor, e.request.pathValue('id'), 'verify', seen));
});

routerAdd('POST', '/api/borgerhus/associations/{id}/unverify', (e) => {
	const actor = require(`${__hooks}/lib/core/auth.js`).requireStaff(e);
	const write = require(`${__hooks}/lib/rooms-associations-write.js`);
	return e.json(200, write.verification(e.app, actor, e.request.pathValue('id'), 'unverify'));
});

// An admin (or staff) invites an address. The answer is the same whether or not the address has an
// account (no enumeration); the mail goes to the address after the commit either way.
routerAdd('POST', '/api/borgerhus/associations/{id}/invitations', (e) => {
	const actor = require(`${__hooks}/lib/core/auth.js`).requireUser(e);
	const memberships = require(`${__hooks}/lib/rooms-memberships.js`);
	const mail = memberships.invite(e.app, actor, e.request.pathValue('id'), e.requestInfo().body || {});
	if (mail) memberships.sendInvitation(e.app, mail);
	return e.json(200, { ok: true });
});

// The invitations counted towards the hour's limit are removed once they no longer count, every hour too.
cronAdd('invitations-sent-prune', '17 * * * *', () => {
	require(`${__hooks}/lib/rooms-memberships.js`).pruneSent($app);
});

// The open invitations of an association, for its admins and staff.
routerAdd('GET', '/api/borgerhus/associations/{id}/invitations', (e) => {
	const actor = require(`${__hooks}/lib/core/auth.js`).requireUser(e);
	const items = require(`${__hooks}/lib/rooms-memberships.js`).invitationsOf(
		e.app,
		actor,
		e.request.pathValue('id')
	);
	return e.json(200, { items: items });
});

// The active members of an association with their names, for its active members and staff.
routerAdd('GET', '/api/borgerhus/associations/{id}/members', (e) => {
	const actor = require(`${__hooks}/lib/core/auth.js`).requireUser(e);
	const items = require(`${__hooks}/lib/rooms-memberships.js`).membersOf(
		e.app,
		actor,
		e.request.pathValue('id')
	);
	return e.json(200, { items: items });
});

// The signed-in person's own invitations (and the associations they have blocked).
routerAdd('GET', '/api/borgerhus/invitations', (e) => {
	require(`${__hooks}/lib/core/auth.js`).requireUser(e);
	const items = require(`${__hooks}/lib/rooms-memberships.js`).invitationsFor(e.app, e.auth);
	return e.json(200, { items: items });
});

// A transition of one membership: accept, decline, block, unblock, leave (the person), remove (an admin or
// staff; of an open invitation: its withdrawal), or a new role (an admin or staff).
routerAdd('POST', '/api/borgerhus/memberships/{id}/{action}', (e) => {
	const actor = require(`${__hooks}/lib/core/auth.js`).requireUser(e);
	const memberships = require(`${__hooks}/lib/rooms-memberships.js`);
	const id = e.request.pathValue('id');
	const action = e.request.pathValue('action');
	if (action === 'role') {
		return e.json(200, memberships.setRole(e.app, actor, id, (e.requestInfo().body || {}).role));
	}
	if (['accept', 'decline', 'block', 'unblock', 'leave', 'remove'].indexOf(action) < 0) {
		throw new NotFoundError('Not found.');
	}
	// an invitation sent to the address before the account existed is the person's own
	if (actor.kind !== 'system') memberships.claim(e.app, e.auth);
	return e.json(200, memberships.act(e.app, actor, id, action));
});
