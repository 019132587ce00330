/// <reference path="../pb_data/types.d.ts" />

// A new association: the CVR check digit is right, and its creator becomes admin in the same write.
onRecordCreateRequest((e) => {
	const errors = require(`${__hooks}/lib/core/errors.js`);
	const cvr = require(`${__hooks}/lib/rooms-associations.js`);
	e.record.set('cvr', cvr.normalizeCvr(e.record.getString('cvr')));
	// the system account (imports, demo data) may register numbers as they are on file
	if (!e.hasSuperuserAuth() && !cvr.validCvr(e.record.getString('cvr'))) {
		throw errors.refusal('rooms_cvr_invalid', 'cvr');
	}
	const creator = e.hasSuperuserAuth() ? '' : e.auth ? e.auth.id : '';
	require(`${__hooks}/lib/core/tx.js`).request(e, (txApp) => {
		e.next();
		if (!creator) return;
		const membership = new Record(txApp.findCollectionByNameOrId('memberships'));
		membership.set('association', e.record.id);
		membership.set('user', creator);
		membership.set('role', 'admin');
		txApp.save(membership);
	});
}, 'associations');

// Staff verifying (or editing) an association is audited.
onRecordUpdateRequest((e) => {
	require(`${__hooks}/lib/rooms-bookings.js`).auditedStaffWrite(e, 'update');
}, 'associations');

// An admin adds a member by email. Accounts are private, so the lookup happens here with system rights,
// after checking that the caller is an admin of the association; the new member is told.
routerAdd('POST', '/api/borgerhus/associations/{id}/members', (e) => {
	const errors = require(`${__hooks}/lib/core/errors.js`);
	if (!e.auth || e.auth.collection().name !== 'users') throw new UnauthorizedError('Sign in first.');
	const associationId = e.request.pathValue('id');
	const body = e.requestInfo().body || {};
	const email = String(body.email || '')
		.trim()
		.toLowerCase();
	const role = String(body.role || 'member');
	if (['admin', 'booker', 'member'].indexOf(role) < 0) throw errors.refusal('rooms_bad_role', 'role');
	const admins = $app.findRecordsByFilter(
		'memberships',
		'association = {:association} && user = {:user} && role = "admin"',
		'',
		1,
		0,
		{ association: associationId, user: e.auth.id }
	);
	if (!admins.length && !e.auth.getBool('staff')) throw new NotFoundError('Not found.');
	let user;
	try {
		user = $app.findAuthRecordByEmail('users', email);
	} catch (_) {
		throw errors.refusal('rooms_no_account', 'email');
	}
	let failure = null;
	try {
		$app.runInTransaction((txApp) => {
			const existing = txApp.findRecordsByFilter(
				'memberships',
				'association = {:association} && user = {:user}',
				'',
				1,
				0,
				{ association: associationId, user: user.id }
			);
			if (existing.length) {
				failure = errors.refusal('rooms_already_member', 'email');
				throw failure;
			}
			const association = txApp.findRecordById('associations', associationId);
			const membership = new Record(txApp.findCollectionByNameOrId('memberships'));
			membership.set('association', associationId);
			membership.set('user', user.id);
			membership.set('role', role);
			txApp.save(membership);
			require(`${__hooks}/lib/notify.js`).notify(txApp, user.id, {
				kind: 'association_member',
				texts: {
					da: { title: 'Du er med i {name}', body: 'Du er tilføjet til foreningen {name} i Borgerhus.' },
					en: {
						title: 'You are in {name}',
						body: 'You have been added to the association {name} in Borgerhus.'
					}
				},
				params: { name: association.getString('name') },
				link: '/foreninger/' + associationId
			});
		});
	} catch (err) {
		throw failure || err;
	}
	return e.json(200, { ok: true });
});
