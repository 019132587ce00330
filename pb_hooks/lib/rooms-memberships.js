/// <reference path="../../pb_data/types.d.ts" />

// Memberships are invitations the invited person accepts (docs/rules.md, "Associations and memberships").
// Every write of a membership goes through the functions here, each inside one transaction of core/tx.js,
// reading the row as it stands there and asking the membership machine of rooms-associations.js. The record
// API cannot create or change memberships at all (API rules null), so nobody is made a member without
// consent: the only way to "active" is the invited person's own accept (or the creator of an association,
// who is its admin by their own act).

/** lib/core/filter.js bindFilter, required at the call: loading this file needs nothing of PocketBase. */
function bindFilter(filter, params) {
	return require(__hooks + '/lib/core/filter.js').bindFilter(filter, params);
}

function lib() {
	return require(__hooks + '/lib/rooms-associations.js');
}

function now() {
	return new Date().toISOString().replace('T', ' ');
}

/**
 * The address as compared and stored: trimmed, its ASCII letters in lower case. An account's address is
 * found as PocketBase finds it at sign-in (the users' email index is NOCASE, which folds ASCII letters
 * only): "Øle@…" and "øle@…" are two accounts, so an invitation to one is never the other's, nor mailed to
 * it. Nor is any other form made one: "Å" as one code point and as "A" with a ring above are two addresses.
 */
function normalizeEmail(value) {
	return String(value || '')
		.trim()
		.replace(/[A-Z]+/g, function (letters) {
			return letters.toLowerCase();
		});
}

/**
 * A plain, sane address (the mail server decides the rest), and one an account could have: not the house's
 * placeholder of a deleted or desk account, not longer
 * than an address can be, nothing that hides or reorders text (the admins' list would show a lookalike of
 * another address), as sign-up and a change of address check it (lib/signup.js `addressProblem`).
 */
function plausibleEmail(value) {
	if (value.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) return false;
	// the house's own placeholders (a deleted account's, a desk account's) reach nobody, as at sign-up
	if (require(__hooks + '/lib/desk.js').undeliverable(value)) return false;
	return !require(__hooks + '/lib/signup.js').addressProblem(value);
}

/**
 * True when `userId` is an active admin of `associationId`.
 * @param {core.App} app
 */
function isActiveAdmin(app, userId, associationId) {
	if (!userId) return false;
	return (
		app.findRecordsByFilter(
			'memberships',
			bindFilter('association = {:a} && user = {:u} && status = "active" && role = "admin"', {
				a: associationId,
				u: userId
			}),
			'',
			1,
			0
		).length > 0
	);
}

/**
 * The refusal of a change to a membership by someone who may not make it. A member of the association (an
 * admin demoted since the page was loaded) is told they are no admin (403 associations_not_admin); anyone
 * else gets a 404, the same answer as for a membership that does not exist.
 * @param {core.App} app
 * @param {{ kind: string, id: string }} actor
 * @param {core.Record} membership
 */
function notAdmin(app, actor, membership) {
	var member =
		!!actor.id &&
		app.findRecordsByFilter(
			'memberships',
			bindFilter('association = {:a} && user = {:u} && status = "active"', {
				a: membership.getString('association'),
				u: actor.id
			}),
			'',
			1,
			0
		).length > 0;
	if (!member) return new NotFoundError('Not found.');
	var text = require(__hooks + '/lib/core/codes.js').associations_not_admin;
	return new ForbiddenError(text.en, { form: new ValidationError('associations_not_admin', text.en) });
}

/** The number of active admins of an association. */
function activeAdmins(app, associationId) {
	return app.findRecordsByFilter(
		'memberships',
		bindFilter('association = {:a} && status = "active" && role = "admin"', { a: associationId }),
		'',
		0,
		0
	).length;
}

/**
 * The machine roles of `actor` towards a membership row: owner (the invited person), association (an
 * active admin of its association), staff, system.
 */
function rolesFor(app, actor, membership) {
	var roles = [];
	if (actor.kind === 'system') roles.push('system');
	if (actor.kind === 'staff') roles.push('staff');
	if (actor.id && membership.getString('user') === actor.id) roles.push('owner');
	if (actor.id && isActiveAdmin(app, actor.id, membership.getString('association')))
		roles.push('association');
	return roles;
}

/**
 * The association, when `actor` may manage its members (an active admin, staff or the system); a 404
 * otherwise, the same answer as for an association that does not exist.
 */
function managedAssociation(app, actor, associationId) {
	var association;
	try {
		association = app.findRecordById('associations', associationId);
	} catch (_) {
		throw new NotFoundError('Not found.');
	}
	if (actor.kind === 'staff' || actor.kind === 'system') return association;
	if (!isActiveAdmin(app, actor.id, associationId)) throw new NotFoundError('Not found.');
	return association;
}

/** The 429 answer to an inviter over their hourly limit, in the shape of every coded refusal. */
function tooManyInvitations() {
	var codes = require(__hooks + '/lib/core/codes.js');
	var text = codes.associations_invite_limit;
	return new ApiError(429, text.en, { email: new ValidationError('associations_invite_limit', text.en) });
}

var INVITATION_TEXTS = {
	da: {
		title: 'Invitation fra {name}',
		body: 'Du er inviteret med i foreningen {name} i Borgerhus. Svar under Foreninger.'
	},
	en: {
		title: 'Invitation from {name}',
		body: 'You are invited to join the association {name} in Borgerhus. Answer under Associations.'
	}
};

/**
 * The notice of an invitation to an association staff have not verified (renamed since it invited, or one
 * staff invite for): no name, as its name is one nobody at the house has looked at.
 */
var UNVERIFIED_INVITATION_TEXTS = {
	da: {
		title: 'Invitation fra en forening',
		body: 'Du er inviteret med i en forening i Borgerhus. Du kan tage imod, når huset har godkendt foreningen. Svar under Foreninger.'
	},
	en: {
		title: 'Invitation from an association',
		body: 'You are invited to join an association in Borgerhus. You can accept once the house has verified the association. Answer under Associations.'
	}
};

var ROLE_TEXTS = {
	da: { title: 'Ny rolle i {name}', body: 'Du er nu {role} i foreningen {name}. Se mere under Foreninger.' },
	en: {
		title: 'A new role in {name}',
		body: 'You are now {role} of the association {name}. See more under Associations.'
	}
};

var ROLE_WORDS = {
	admin: { da: 'administrator', en: 'an admin' },
	booker: { da: 'booker', en: 'a booker' },
	member: { da: 'medlem', en: 'a member' }
};

/**
 * Invites `email` to an association with `role`. Inside one transaction: the inviter may manage the
 * association, has invitations left this hour (counted in the database, so the limit holds across app
 * copies), and the address gets at most one open invitation per association. The outcome for the caller is
 * the same whether or not the address has an account, was invited before, declined, is a member or has
 * blocked the association: only the invited person can tell those apart. Returns the mail to send after the
 * commit, or null.
 * @param {core.App} app
 * @param {{ kind: string, id: string }} actor
 * @param {string} associationId
 * @param {{ email?: unknown, role?: unknown }} input
 * @returns {{ to: string, association: string } | null}
 */
function invite(app, actor, associationId, input) {
	var errors = require(__hooks + '/lib/core/errors.js');
	// the values as sent, never cast: a list holding an address is not an address
	var sentRole = input && input.role;
	var role = sentRole === undefined || sentRole === null || sentRole === '' ? 'member' : sentRole;
	var sentEmail = input && input.email;
	var email = typeof sentEmail === 'string' ? normalizeEmail(sentEmail) : '';
	return require(__hooks + '/lib/core/tx.js').run(app, function (txApp) {
		// the sender's account deleted since the session was loaded: nothing changes (core/tx.js)
		require(__hooks + '/lib/core/tx.js').refuseDeleted(txApp, actor.kind === 'system' ? '' : actor.id);
		var association = managedAssociation(txApp, actor, associationId);
		// the invitation mail carries the association's name from the house's address: only a name staff have
		// verified goes out, so an association made a minute ago cannot mail its words to strangers
		if (actor.kind !== 'staff' && actor.kind !== 'system' && !association.getBool('verified')) {
			errors.refuse('associations_invite_unverified', 'email');
		}
		if (!plausibleEmail(email)) errors.refuse('associations_email_invalid', 'email');
		if (typeof role !== 'string' || lib().ROLES.indexOf(role) < 0) {
			errors.refuse('associations_bad_role', 'role');
		}
		var hourAgo = new Date(Date.now() - 3600 * 1000).toISOString().replace('T', ' ');
		pruneSent(txApp, hourAgo);
		var user = null;
		try {
			user = txApp.findAuthRecordByEmail('users', email);
			if (user.getString('deleted_at')) user = null;
		} catch (_) {
			user = null;
		}
		var first = function (filter, params) {
			return txApp.findRecordsByFilter('memberships', bindFilter(filter, params), '', 1, 0)[0] || null;
		};
		// the address was another account's when it was invited, and that account has moved to another
		// address since (a row from before a change of address let go of it: `leaveAddress`): let go of now
		var stale = first('association = {:a} && email = {:e} && user != "" && user != {:u}', {
			a: associationId,
			e: email,
			u: user ? user.id : ''
		});
		if (stale) release(txApp, stale);
		// an address invited before its owner had it (a changed address) and the owner's own row: made one
		// row first, as at the owner's next sign-in (`claim`), so the invitation finds one row to stand on
		if (user) claim(txApp, user);
		var own = user ? first('association = {:a} && user = {:u}', { a: associationId, u: user.id }) : null;
		var byAddress = first('association = {:a} && email = {:e}', { a: associationId, e: email });
		// the address of an active member: nothing changes for the member, who is not told nor mailed; to the
		// admins it looks like any invitation nobody has answered, on a row of the address alone, which nobody
		// answers and `claim` leaves while its holder is a member, or the list would tell whose address a
		// member has (the admins know their members by name only)
		var member = !!own && own.getString('status') === 'active' && (!byAddress || byAddress.id !== own.id);
		var existing = member ? byAddress : own || byAddress;
		// the hour's limit: every invitation the inviter sent this hour counts, one per address, whatever became
		// of it, so an address with a member behind it (where nothing changes) uses the limit as a stranger's
		// does, and the limit tells nothing of whose address a member has; the same address sent to again
		// within the hour counts no more (kept as a hash: the count needs no address)
		var addressKey = $security.sha256(email);
		var counted = actor.id ? sentThisHour(txApp, actor.id, hourAgo) : [];
		var countedAlready = counted.indexOf(addressKey) >= 0;
		if (actor.id && !countedAlready && counted.length >= lib().INVITES_PER_HOUR) throw tooManyInvitations();
		var row;
		var again = false;
		if (existing) {
			var t = require(__hooks + '/lib/core/machine.js').named(
				lib().membershipMachine(),
				existing.getString('status'),
				'invite'
			);
			// invited, active or blocked: nothing changes for the person, and the caller cannot tell. A person
			// who blocked the association is not told, but to its admins the invitation looks sent: it counts
			// towards the hour's limit and stays in their list of open invitations, as one nobody answered
			if (!t && existing.getString('status') === 'blocked') {
				existing.set('email', email);
				existing.set('role', role);
				// stamped as an invitation that stands again is (below): within the hour, its first stamp
				if (existing.getString('invited_at') < hourAgo) {
					existing.set('invited_by', actor.id || '');
					existing.set('invited_at', now());
				}
				// a block kept by itself when its person moved address (`release`) names no inviter: it looks
				// invited again now, as the sender's copy of their data says
				if (!existing.getString('invited_by')) existing.set('invited_by', actor.id || '');
				txApp.save(existing);
			}
			if (!t) {
				if (actor.id && !countedAlready) countSent(txApp, actor.id, addressKey);
				return null;
			}
			row = existing;
			// invited again within the hour of its last invitation (withdrawn or declined meanwhile): the
			// invitation stands again without a new mail or notice, so that inviting and withdrawing in turn
			// cannot send one address mail after mail past the hour's limit
			again = existing.getString('invited_at') >= hourAgo;
		} else {
			row = new Record(txApp.findCachedCollectionByNameOrId('memberships'));
			row.set('association', associationId);
		}
		if (user && !member) row.set('user', user.id);
		row.set('email', email);
		row.set('role', role);
		row.set('status', 'invited');
		if (!again) {
			row.set('invited_by', actor.id || '');
			row.set('invited_at', now());
		}
		row.set('decided_at', '');
		txApp.save(row);
		if (actor.id && !countedAlready) countSent(txApp, actor.id, addressKey);
		if (user && !again && !member) tellInvited(txApp, user.id, association, row);
		require(__hooks + '/lib/core/audit.js').staffAction(txApp, actor, 'membership_invite', row, {
			association: associationId,
			role: role
		});
		// a name staff have not verified (an association staff invite for before verifying it) is not mailed,
		// as the notice does not name it: the mail says an association invites
		if (again || member) return null;
		return { to: email, association: association.getBool('verified') ? association.getString('name') : '' };
	});
}

/**
 * Removes the invitations counted before `since` (default: an hour ago): they no longer count towards the
 * hour's limit, and are kept for nothing else. Run by each invitation and every hour (rooms-associations.pb.js),
 * so an inviter who sends no more keeps no row for longer than the hour and the run after it.
 * @param {core.App} app
 * @param {string} [since] a PocketBase date
 */
function pruneSent(app, since) {
	app
		.db()
		.newQuery('DELETE FROM invitations_sent WHERE created < {:since}')
		.bind({ since: since || new Date(Date.now() - 3600 * 1000).toISOString().replace('T', ' ') })
		.execute();
}

/**
 * The addresses (as their hashes) `inviterId` sent an invitation to since `since`, each once (the
 * `invitations_sent` rows).
 * @param {core.App} txApp
 * @returns {string[]}
 */
function sentThisHour(txApp, inviterId, since) {
	var rows = arrayOf(new DynamicModel({ address: '' }));
	txApp
		.db()
		.newQuery('SELECT DISTINCT address FROM invitations_sent WHERE inviter = {:me} AND created >= {:since}')
		.bind({ me: inviterId, since: since })
		.all(rows);
	return rows.map(function (r) {
		return r.address;
	});
}

/** Counts one invitation of `inviterId` towards the hour's limit, to the address with the hash `addressKey`. */
function countSent(txApp, inviterId, addressKey) {
	var row = new Record(txApp.findCachedCollectionByNameOrId('invitations_sent'));
	row.set('inviter', inviterId);
	row.set('address', addressKey);
	txApp.save(row);
}

/** The key of an invitation's notice: one per invitation sent (the row and when it was sent). */
function invitationNoticeKey(row) {
	return 'association_invitation:' + row.id + ':' + row.getString('invited_at');
}

/**
 * The in-app notice of an invitation. Its mail is the invitation mail itself (sent to the address whether
 * or not it has an account), so the notice is stamped as mailed. An association staff have not verified
 * (renamed since it invited) is not named: the notice says an association invites.
 */
function tellInvited(txApp, userId, association, row) {
	var key = invitationNoticeKey(row);
	var notifications = require(__hooks + '/lib/notify.js');
	var verified = association.getBool('verified');
	if (
		!notifications.notify(txApp, userId, {
			kind: 'association_invitation',
			texts: verified ? INVITATION_TEXTS : UNVERIFIED_INVITATION_TEXTS,
			params: { name: verified ? association.getString('name') : '' },
			link: '/foreninger',
			dedupeKey: key
		})
	) {
		return;
	}
	var notice = txApp.findFirstRecordByData('notifications', 'dedupe_key', key);
	notice.set('emailed_at', now());
	txApp.save(notice);
}

/**
 * Sends the invitation mail, after the commit (never inside a write) and after the answer. One text for
 * everyone, in Danish and English, as the sender does not know whether the address has an account. A
 * failed send is logged; the invitation stands and shows in the app. `association` is '' for an association
 * staff have not verified: the mail then says an association invites, as the notice does.
 * @param {core.App} app
 * @param {{ to: string, association: string }} mail
 */
function sendInvitation(app, mail) {
	var base = app.settings().meta.appURL.replace(/\/$/, '');
	var link = base + '/foreninger';
	var named = mail.association !== '';
	var da =
		(named
			? 'Du er inviteret med i foreningen "' + mail.association + '" i Borgerhus.'
			: 'Du er inviteret med i en forening i Borgerhus. Du kan tage imod, når huset har godkendt foreningen.') +
		' Log ind, eller opret en konto med denne e-mail, og svar under Foreninger: ' +
		link +
		'\n\nKender du ikke foreningen, kan du se bort fra mailen eller afvise og blokere invitationer fra den.';
	var en =
		(named
			? 'You are invited to join the association "' + mail.association + '" in Borgerhus.'
			: 'You are invited to join an association in Borgerhus. You can accept once the house has verified the association.') +
		' Sign in, or create an account with this email, and answer under Associations: ' +
		link +
		'\n\nIf you do not know the association, ignore this mail, or decline and block its invitations.';
	var text = [
		da,
		'Venlig hilsen\nKultur- & Borgerhuset',
		'---',
		en,
		'Kind regards\nKultur- & Borgerhuset'
	].join('\n\n');
	var html = text
		.split('\n\n')
		.map(function (p) {
			return (
				'<p>' +
				String(p)
					.replace(/&/g, '&amp;')
					.replace(/</g, '&lt;')
					.replace(/>/g, '&gt;')
					.replace(/"/g, '&quot;')
					.replace(/\n/g, '<br>') +
				'</p>'
			);
		})
		.join('');
	// sent after the answer (our PocketBase build's __mailInBackground, which logs a failed send): the
	// answer then takes as long when no mail goes out, to a person who blocked the association, whose
	// admins are not to find out by timing it
	__mailInBackground(
		new MailerMessage({
			from: { address: app.settings().meta.senderAddress, name: app.settings().meta.senderName },
			to: [{ address: mail.to }],
			subject: named ? 'Invitation: ' + mail.association + ' (Borgerhus)' : 'Invitation (Borgerhus)',
			text: text,
			html: html
		})
	);
}

/**
 * Binds invitations sent to a verified account's address before it existed (or before this address was
 * its own) to the account, and tells the person in the app. Runs at sign-in and when the person lists their
 * invitations. An invitation to an association the person has blocked, or is already part of, is dropped.
 * @param {core.App} app
 * @param {core.Record} user
 */
function claim(app, user) {
	if (!user || !user.verified() || user.getString('deleted_at')) return;
	var email = normalizeEmail(user.email());
	if (!email) return;
	var quick = app.findRecordsByFilter(
		'memberships',
		bindFilter('user = "" && email = {:e}', { e: email }),
		'',
		1,
		0
	);
	if (!quick.length) return;
	require(__hooks + '/lib/core/tx.js').run(app, function (txApp) {
		// the account as it stands: a session loaded before a change of address binds nothing to the old one
		var stored;
		try {
			stored = txApp.findRecordById('users', user.id);
		} catch (_) {
			return;
		}
		if (normalizeEmail(stored.email()) !== email || stored.getString('deleted_at')) return;
		var open = txApp.findRecordsByFilter(
			'memberships',
			bindFilter('user = "" && email = {:e}', { e: email }),
			'',
			0,
			0
		);
		for (var i = 0; i < open.length; i++) {
			var row = open[i];
			var associationId = row.getString('association');
			var mine = txApp.findRecordsByFilter(
				'memberships',
				bindFilter('association = {:a} && user = {:u}', {
					a: associationId,
					u: user.id
				}),
				'',
				1,
				0
			)[0];
			if (mine) {
				var status = mine.getString('status');
				// an invitation to a member's address stays as the admins see it, answered by nobody (`invite`)
				if (status === 'active') continue;
				// a person who blocked the association: the block goes onto the invitation's row, where it looks
				// open to the admins as an invitation sent after a block does (`looksInvited`), so the row they
				// know neither leaves their list nor tells them of the block
				if (status === 'blocked' && !looksInvited(mine) && row.getString('status') === 'invited') {
					row.set('user', user.id);
					row.set('status', 'blocked');
					row.set('decided_at', mine.getString('decided_at'));
					txApp.delete(mine);
					txApp.save(row);
					continue;
				}
				if (status === 'invited' || status === 'blocked') {
					txApp.delete(row);
					continue;
				}
				txApp.delete(mine);
			}
			row.set('user', user.id);
			txApp.save(row);
			if (row.getString('status') === 'invited') {
				tellInvited(txApp, user.id, txApp.findRecordById('associations', associationId), row);
			}
		}
	});
}

/**
 * Lets go of the address of a membership whose account no longer holds it (docs/rules.md, "An address
 * belongs to whoever holds it now"). An open invitation goes with its address: it waits for the address's
 * next holder as one sent before the address had an account (`claim`), and its notice leaves the account
 * that moved, which may no longer answer it. A person who blocked the association and was invited again
 * keeps the block, on a row of its own; the invitation, which looks open to the admins, waits for the
 * address on the row they know, so that nothing they see or do tells the two apart. Any other row keeps its
 * person and state without the address.
 * @param {core.App} txApp
 * @param {core.Record} row
 */
function release(txApp, row) {
	var userId = row.getString('user');
	if (row.getString('status') === 'invited') {
		var key = invitationNoticeKey(row);
		var notices = txApp.findRecordsByFilter(
			'notifications',
			bindFilter('user = {:u} && dedupe_key = {:k}', { u: userId, k: key }),
			'',
			1,
			0
		);
		for (var i = 0; i < notices.length; i++) txApp.delete(notices[i]);
		row.set('user', '');
		txApp.save(row);
		return;
	}
	if (!looksInvited(row)) {
		row.set('email', '');
		txApp.save(row);
		return;
	}
	var block = new Record(txApp.findCachedCollectionByNameOrId('memberships'));
	// the block is the person's alone: not an invitation of the inviter's, whose copy of their data would list
	// it as one more, closed, beside the open one they sent, and so tell them of the block
	var kept = ['association', 'role', 'status', 'invited_at', 'decided_at'];
	for (var k = 0; k < kept.length; k++) block.set(kept[k], row.getString(kept[k]));
	block.set('user', userId);
	row.set('user', '');
	row.set('status', 'invited');
	row.set('decided_at', '');
	txApp.save(row);
	txApp.save(block);
}

/**
 * onRecordUpdate of users, whatever path saves it: an account whose address changes lets go, in the same
 * transaction, of every membership sent to its old address (`release`).
 * @param {core.RecordEvent} e
 */
function leaveAddress(e) {
	var original = e.app;
	try {
		require(__hooks + '/lib/core/tx.js').run(original, function (txApp) {
			e.app = txApp;
			var before = normalizeEmail(txApp.findRecordById('users', e.record.id).email());
			e.next();
			var now = normalizeEmail(e.record.email());
			if (before === now) return;
			var rows = txApp.findRecordsByFilter(
				'memberships',
				bindFilter('user = {:u} && email != "" && email != {:e}', { u: e.record.id, e: now }),
				'',
				0,
				0
			);
			for (var i = 0; i < rows.length; i++) release(txApp, rows[i]);
		});
	} finally {
		e.app = original;
	}
}

/**
 * Makes the transition `name` of one membership for `actor`, inside one transaction, deciding from the row
 * as it stands there. The last active admin can neither leave nor be removed (docs/rules.md).
 * @param {core.App} app
 * @param {{ kind: string, id: string }} actor
 * @param {string} membershipId
 * @param {string} name accept | decline | block | unblock | leave | remove (withdraw for an invitation)
 * @returns {{ status: string }}
 */
function act(app, actor, membershipId, name) {
	var errors = require(__hooks + '/lib/core/errors.js');
	var machine = require(__hooks + '/lib/core/machine.js');
	return require(__hooks + '/lib/core/tx.js').run(app, function (txApp) {
		// the sender's account deleted since the session was loaded: nothing changes (core/tx.js)
		require(__hooks + '/lib/core/tx.js').refuseDeleted(txApp, actor.kind === 'system' ? '' : actor.id);
		var row;
		try {
			row = txApp.findRecordById('memberships', membershipId);
		} catch (_) {
			throw new NotFoundError('Not found.');
		}
		var roles = rolesFor(txApp, actor, row);
		if (!roles.length) throw notAdmin(txApp, actor, row);
		var from = row.getString('status');
		// to its admins, a person who blocked the association and was invited again looks like an open
		// invitation; withdrawing it must look the same, or the answer would tell them of the block: it
		// leaves their list, and the block stands. Staff, who may withdraw any invitation, withdraw it alike
		// (the list they withdraw from is the admins')
		if (
			name === 'remove' &&
			looksInvited(row) &&
			(roles.indexOf('association') >= 0 || roles.indexOf('staff') >= 0) &&
			roles.indexOf('owner') < 0
		) {
			row.set('email', '');
			txApp.save(row);
			require(__hooks + '/lib/core/audit.js').staffAction(txApp, actor, 'membership_withdraw', row, {
				association: row.getString('association'),
				from: 'blocked',
				to: 'blocked'
			});
			return { status: machine.named(lib().membershipMachine(), 'invited', 'withdraw').to };
		}
		// "remove" of an open invitation is its withdrawal
		var wanted = name === 'remove' && from === 'invited' ? 'withdraw' : name;
		var t = machine.named(lib().membershipMachine(), from, wanted);
		if (!t || !machine.allowed(t, roles)) errors.refuse('core_bad_transition', 'status');
		// the invitation was sent in a name staff had verified; renamed since, the association is not the one
		// the person was invited to until staff look at it again: the invitation stays open meanwhile
		if (
			t.name === 'accept' &&
			!txApp.findRecordById('associations', row.getString('association')).getBool('verified')
		) {
			errors.refuse('associations_accept_unverified', 'status');
		}
		if (
			from === 'active' &&
			row.getString('role') === 'admin' &&
			activeAdmins(txApp, row.getString('association')) <= 1
		) {
			errors.refuse('associations_last_admin', 'status');
		}
		row.set('status', t.to);
		row.set('decided_at', now());
		// an accepted or blocked membership no longer needs the address it was sent to (a blocked one gets it
		// again only when invited again, when it looks invited to the admins: looksInvited)
		if (t.to === 'active' || t.to === 'blocked') row.set('email', '');
		txApp.save(row);
		require(__hooks + '/lib/core/audit.js').staffAction(txApp, actor, 'membership_' + t.name, row, {
			association: row.getString('association'),
			from: from,
			to: t.to
		});
		return { status: t.to };
	});
}

/**
 * Changes the role of an active membership (an admin or staff). The last active admin keeps their role.
 * @param {core.App} app
 * @param {{ kind: string, id: string }} actor
 * @param {string} membershipId
 * @param {unknown} role
 */
function setRole(app, actor, membershipId, role) {
	var errors = require(__hooks + '/lib/core/errors.js');
	var wanted = typeof role === 'string' ? role : '';
	return require(__hooks + '/lib/core/tx.js').run(app, function (txApp) {
		// the sender's account deleted since the session was loaded: nothing changes (core/tx.js)
		require(__hooks + '/lib/core/tx.js').refuseDeleted(txApp, actor.kind === 'system' ? '' : actor.id);
		var row;
		try {
			row = txApp.findRecordById('memberships', membershipId);
		} catch (_) {
			throw new NotFoundError('Not found.');
		}
		var roles = rolesFor(txApp, actor, row);
		if (roles.indexOf('association') < 0 && roles.indexOf('staff') < 0 && roles.indexOf('system') < 0) {
			throw notAdmin(txApp, actor, row);
		}
		if (lib().ROLES.indexOf(wanted) < 0) errors.refuse('associations_bad_role', 'role');
		var status = row.getString('status');
		// a blocked person invited again looks invited to the admins: its role is theirs to change alike
		var disguised = looksInvited(row) && roles.indexOf('owner') < 0;
		if (status !== 'active' && status !== 'invited' && !disguised)
			errors.refuse('core_bad_transition', 'status');
		var before = row.getString('role');
		if (before === wanted) return { role: wanted };
		if (status === 'active' && before === 'admin' && activeAdmins(txApp, row.getString('association')) <= 1) {
			errors.refuse('associations_last_admin', 'role');
		}
		row.set('role', wanted);
		txApp.save(row);
		require(__hooks + '/lib/core/audit.js').staffAction(txApp, actor, 'membership_role', row, {
			association: row.getString('association'),
			from: before,
			to: wanted
		});
		// a member is told of a new role (an admin answers for the association); an invitation shows its
		// role where it is answered
		if (status === 'active' && row.getString('user')) {
			tellRole(txApp, row, txApp.findRecordById('associations', row.getString('association')), wanted);
		}
		return { role: wanted };
	});
}

/**
 * Tells an active member of their new role, one message an hour at most per membership (notify.js
 * notifyOncePerHour): an admin changing a member's role back and forth had the house mail the member at
 * every change.
 * @param {core.App} txApp
 * @param {core.Record} row the membership
 * @param {core.Record} association
 * @param {string} role
 */
function tellRole(txApp, row, association, role) {
	require(__hooks + '/lib/notify.js').notifyOncePerHour(
		txApp,
		row.getString('user'),
		{
			kind: 'association_role',
			texts: ROLE_TEXTS,
			params: { name: association.getString('name'), role: ROLE_WORDS[role] },
			link: '/foreninger'
		},
		row.id
	);
}

/**
 * Whether a blocked membership shows to the association's admins as an open invitation: the person
 * blocked it and was invited again since (invitationsOf lists it), and the admins have not withdrawn it.
 */
function looksInvited(row) {
	return row.getString('status') === 'blocked' && row.getString('email') !== '';
}

/**
 * The open invitations of an association, for its admins and staff: the address as typed, the role and
 * when; never whether the address has an account, nor that its person blocked the association (an
 * invitation sent after the block is listed like any unanswered one).
 */
function invitationsOf(app, actor, associationId) {
	managedAssociation(app, actor, associationId);
	return app
		.findRecordsByFilter(
			'memberships',
			bindFilter('association = {:a} && (status = "invited" || (status = "blocked" && email != ""))', {
				a: associationId
			}),
			'-invited_at',
			200,
			0
		)
		.map(function (row) {
			return {
				id: row.id,
				email: row.getString('email'),
				role: row.getString('role'),
				invited_at: row.getString('invited_at')
			};
		});
}

/**
 * The invitations and blocks of one person (after binding those sent to their address), newest first. The
 * name of an association staff have not verified (renamed since it invited) is left out, '' with
 * `verified` false: the person is no member, and a name nobody at the house has looked at is not shown to
 * them (the page says an association waiting for the house's verification).
 * @param {core.App} app
 * @param {core.Record} user
 */
function invitationsFor(app, user) {
	claim(app, user);
	var rows = app.findRecordsByFilter(
		'memberships',
		bindFilter('user = {:u} && (status = "invited" || status = "blocked")', { u: user.id }),
		'-invited_at',
		200,
		0
	);
	app.expandRecords(rows, ['association'], null);
	return rows.map(function (row) {
		var association = row.expandedOne('association');
		var verified = !!association && association.getBool('verified');
		return {
			id: row.id,
			status: row.getString('status'),
			role: row.getString('role'),
			invited_at: row.getString('invited_at'),
			association: {
				id: row.getString('association'),
				name: verified ? association.getString('name') : '',
				verified: verified
			}
		};
	});
}

/**
 * The active members of an association with their names, for its active members and staff (accounts are
 * private to their owner, so the record API cannot expand another member's name). A 404 for anyone else.
 * Only what members share by accepting: name and role; never an address.
 */
function membersOf(app, actor, associationId) {
	var mine = actor.id
		? app.findRecordsByFilter(
				'memberships',
				bindFilter('association = {:a} && user = {:u} && status = "active"', {
					a: associationId,
					u: actor.id
				}),
				'',
				1,
				0
			)
		: [];
	if (!mine.length && actor.kind !== 'staff' && actor.kind !== 'system')
		throw new NotFoundError('Not found.');
	var rows = app.findRecordsByFilter(
		'memberships',
		bindFilter('association = {:a} && status = "active"', {
			a: associationId
		}),
		'',
		500,
		0
	);
	app.expandRecords(rows, ['user'], null);
	return rows
		.map(function (row) {
			var user = row.expandedOne('user');
			return {
				id: row.id,
				role: row.getString('role'),
				name: user ? user.getString('name') : '',
				me: row.getString('user') === actor.id
			};
		})
		.sort(function (a, b) {
			return a.name.localeCompare(b.name);
		});
}

module.exports = {
	membersOf: membersOf,
	normalizeEmail: normalizeEmail,
	isActiveAdmin: isActiveAdmin,
	invite: invite,
	pruneSent: pruneSent,
	sendInvitation: sendInvitation,
	claim: claim,
	leaveAddress: leaveAddress,
	act: act,
	setRole: setRole,
	invitationsOf: invitationsOf,
	invitationsFor: invitationsFor
};
