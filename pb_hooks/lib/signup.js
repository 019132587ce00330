/// <reference path="../../pb_data/types.d.ts" />

// Sign-up and a change of address never tell whether an address has an account (docs/rules.md, "Account,
// feed and reminders"). Sign-up: a new address gets an account and the mail to confirm it; an address that
// has one gets the same answer, and its owner a mail saying so (an account never confirmed: a link to choose
// its password). The users collection's create rule is superusers only, so this route is the one way to
// sign up; it sets only a new citizen's own fields (never staff, a library card or a desk account).

/** One sign-up mail per address in this time, however often someone tries. */
var NOTICE_EVERY_MS = 10 * 60 * 1000;

function text(value) {
	return typeof value === 'string' ? value : '';
}

/**
 * The text of a field of a request that PocketBase's own handler reads, as that handler reads it: PocketBase
 * binds a JSON body's keys to its form in any letter case (Go's folding, which also takes the Kelvin sign for
 * a k and the long s for an s), so "NewEmail" or "EMAIL" is its `newEmail` or `email`. Read by its one
 * spelling, such a body went past the checks in front of the handler (a taken address answered as taken,
 * the mails per address, the password count). A body that names the field more than once in any spelling
 * is refused: which of them PocketBase would take is not known; and so is a value that is not text (a form's
 * field given twice, a number).
 * @param {core.RequestEvent} e
 * @param {string} name the field's name, in ASCII letters
 */
function bound(e, name) {
	var body = e.requestInfo().body || {};
	var found = [];
	for (var key in body) if (sameName(key, name)) found.push(key);
	var refusal = require(__hooks + '/lib/core/errors.js').refusal;
	if (found.length > 1) throw refusal('core_invalid_value', name);
	var value = found.length ? body[found[0]] : null;
	if (value === undefined || value === null) return '';
	// a field given twice in a form comes as a list, of which PocketBase's handler takes the first: read as no
	// text here, it went past the checks the same way (a password guessed without being counted)
	if (typeof value !== 'string') throw refusal('core_invalid_value', name);
	return value;
}

/** Whether Go's case folding takes `key` for `name` (ASCII letters). */
function sameName(key, name) {
	if (key.length !== name.length) return false;
	for (var i = 0; i < key.length; i++) {
		var c = key.charAt(i);
		var n = name.charAt(i).toLowerCase();
		if (
			c.charCodeAt(0) < 128
				? c.toLowerCase() === n
				: (c === '\u212a' && n === 'k') || (c === '\u017f' && n === 's')
		)
			continue;
		return false;
	}
	return true;
}

function fieldError(field, code, message) {
	var data = {};
	data[field] = new ValidationError(code, message);
	return new BadRequestError('Failed to create record.', data);
}

/**
 * Counts one event of `key` in a fixed window that starts at its first event, in PocketBase's memory: the
 * seconds until the window ends when `max` events were already counted in it (0: counted, go on). One
 * store entry per kind holds every key, and keys whose window has ended are dropped at each count, so the
 * entry stays as small as the traffic of one window. One step under the store's lock, so that two requests
 * at once are both counted.
 * @param {core.App} app
 * @param {string} kind
 * @param {string} key
 * @param {number} windowMs
 * @param {number} max
 * @returns {number}
 */
function count(app, kind, key, windowMs, max) {
	var now = Date.now();
	var wait = 0;
	app.store().setFunc(kind, function (all) {
		var kept = {};
		if (all) {
			for (var k in all) {
				if (now - all[k].start < windowMs) kept[k] = { start: all[k].start, n: all[k].n };
			}
		}
		var entry = kept[key];
		if (!entry) kept[key] = { start: now, n: 1 };
		else if (entry.n >= max) wait = Math.max(1, Math.ceil((entry.start + windowMs - now) / 1000));
		else kept[key] = { start: entry.start, n: entry.n + 1 };
		return kept;
	});
	return wait;
}

/**
 * Whether a sign-up mail to this address went out within NOTICE_EVERY_MS (else it counts one now). Kept
 * for a new account's confirmation mail too: a second try at once then sends nothing, whether the address
 * was new or taken before the first.
 */
function mailedRecently(app, address) {
	return count(app, 'signup-mails', address.toLowerCase(), NOTICE_EVERY_MS, 1) > 0;
}

/**
 * Tells the owner of an address that has an account that someone tried to sign up with it (lib/mail.js).
 * A desk account waiting for its take-over is staff's to finish, and hears nothing.
 */
function tellOwner(app, user) {
	if (user.getBool('desk_account')) return;
	// Nothing of the account changes: anyone may sign up with any address, so a sign-up that ended the
	// links mailed before would let a stranger keep an owner from ever confirming. The first confirmation
	// link confirms only with the password of whoever signed up first; once the owner chooses a password
	// (the link mailed now), every earlier link stops working, as a new password ends them.
	if (mailedRecently(app, user.email())) return;
	try {
		require(__hooks + '/lib/mail.js').sendAccountExists(app, user);
	} catch (err) {
		app.logger().error('sign-up notice failed', 'user', user.id, 'error', String(err));
	}
}

/**
 * POST /api/borgerhus/account/signup {name, email, password, passwordConfirm, language}: 204 for a new
 * address and for a taken one alike; 400 with field codes for input that would be refused either way.
 * @param {core.RequestEvent} e
 */
function signUp(e) {
	var body = e.requestInfo().body || {};
	var email = text(body.email).trim();
	var password = text(body.password);
	if (text(body.passwordConfirm) !== password) {
		throw fieldError('passwordConfirm', 'validation_values_mismatch', "Values don't match.");
	}
	var nameProblem = require(__hooks + '/lib/input.js').textProblem(text(body.name), 0, true, true);
	if (nameProblem) throw require(__hooks + '/lib/core/errors.js').refusal(nameProblem, 'name');
	if (addressProblem(email)) throw fieldError('email', 'validation_is_email', 'Invalid email address.');
	// the addresses of deleted accounts and desk accounts: nobody signs up with one
	if (require(__hooks + '/lib/desk.js').undeliverable(email)) {
		throw fieldError('email', 'validation_invalid_email', 'Invalid email address.');
	}
	var users = e.app.findCachedCollectionByNameOrId('users');
	var row = new Record(users);
	row.set('name', text(body.name).trim());
	row.set('language', body.language === 'en' ? 'en' : 'da');
	row.set('notify_email', true);
	row.set('notify_reminders', true);
	row.set('emailVisibility', false);
	row.setVerified(false);
	row.setPassword(password);

	var existing = findByEmail(e.app, email);
	if (existing) {
		// every other field is judged as for a new account: in the place of the taken address an unused one
		// of the same form, so that no answer differs from a new address's
		row.setEmail(
			'signup-check-' +
				$security.randomStringWithAlphabet(12, 'abcdefghijklmnopqrstuvwxyz') +
				email.slice(email.lastIndexOf('@'))
		);
		e.app.validate(row);
		tellOwner(e.app, existing);
		return e.noContent(204);
	}
	row.setEmail(email);
	try {
		e.app.save(row);
	} catch (err) {
		// the same address signed up a moment ago by another request: answered as a taken address
		var now = findByEmail(e.app, email);
		if (!now) throw err;
		tellOwner(e.app, now);
		return e.noContent(204);
	}
	if (mailedRecently(e.app, email)) return e.noContent(204);
	try {
		$mails.sendRecordVerification(e.app, row);
	} catch (err) {
		// the account exists; the mail can be asked for again from the sign-in help
		e.app.logger().error('verification mail failed', 'user', row.id, 'error', String(err));
	}
	return e.noContent(204);
}

/**
 * Whether an address is one no account may have, beyond PocketBase's own check of its form: longer than
 * an address can be (64 characters before the @, 254 in all), or with a character that hides or reorders
 * text (lib/input.js), which would show staff's citizen search a lookalike of another address.
 * @param {string} email
 */
function addressProblem(email) {
	var at = email.lastIndexOf('@');
	if (at < 1 || at > 64 || email.length > 254) return true;
	return require(__hooks + '/lib/input.js').textProblem(email, 254, true, true) !== '';
}

/** The account with this address in any letter case, or null. */
function findByEmail(app, email) {
	if (!email) return null;
	try {
		return app.findAuthRecordByEmail('users', email);
	} catch (_) {
		return null;
	}
}

/** Requests to change an address allowed per minute, per account and per client address. */
var EMAIL_CHANGES_PER_MINUTE = 5;

/**
 * In front of PocketBase's POST /api/collections/users/request-email-change, which refuses an address
 * that has an account as "not unique": such an address is answered as a free one (204), and its owner is
 * told that nothing changed (no link is sent). This counts every request, taken or free, per account and per client address (PocketBase's own
 * limit in its handler counts the free ones only, so alone it would tell them apart). Called by the door
 * (lib/core/door.js); true when it has answered the request.
 * @param {core.RequestEvent} e
 * @returns {boolean}
 */
function emailChange(e) {
	if (!e.auth || e.auth.collection().name !== 'users') return false;
	var ip = e.realIP();
	// the app's own addresses are left out of the count per address, as PocketBase's limits leave them out
	var excluded = e.app.settings().rateLimits.excludedIPs.indexOf(ip) >= 0;
	var wait = Math.max(
		count(e.app, 'email-changes', 'user:' + e.auth.id, 60000, EMAIL_CHANGES_PER_MINUTE),
		excluded ? 0 : count(e.app, 'email-changes', 'ip:' + ip, 60000, EMAIL_CHANGES_PER_MINUTE)
	);
	if (wait > 0) {
		e.response.header().set('Retry-After', String(wait));
		throw new TooManyRequestsError('Too Many Requests.', {});
	}
	var newEmail = bound(e, 'newEmail').trim();
	if (newEmail && addressProblem(newEmail)) {
		throw fieldError('newEmail', 'validation_is_email', 'Invalid email address.');
	}
	var owner = findByEmail(e.app, newEmail);
	if (owner && owner.id === e.auth.id) return false;
	// Both answers cost a mail: a free address gets PocketBase's link to confirm the change, a taken one a
	// word to its owner that nothing changed. Answered at once with no mail, a taken address was told
	// apart from a free one by the time the answer took. A second request for the address within
	// NOTICE_EVERY_MS sends nothing either way.
	if (newEmail && mailedRecently(e.app, newEmail)) {
		e.noContent(204);
		return true;
	}
	if (!owner) return false;
	if (!owner.getBool('desk_account')) {
		try {
			require(__hooks + '/lib/mail.js').sendAddressTaken(e.app, owner);
		} catch (err) {
			e.app.logger().error('address-taken notice failed', 'user', owner.id, 'error', String(err));
		}
	}
	e.noContent(204);
	return true;
}

/** Mails about an account that anyone may ask for by its address (a new password, the confirmation mail
 * again), per address in an hour, however many client addresses ask. */
var ACCOUNT_MAILS_PER_HOUR = 3;

/**
 * In front of PocketBase's POST /api/collections/users/request-password-reset and request-verification,
 * which answer 204 whether or not they send anything, and are limited per client address only: past
 * ACCOUNT_MAILS_PER_HOUR requests for one address in an hour, the request is answered 204 and nothing is
 * sent, so nobody fills an inbox from many client addresses. Called by the door (lib/core/door.js); true
 * when it has answered the request.
 * @param {core.RequestEvent} e
 * @param {string} kind the route's last part
 * @returns {boolean}
 */
function accountMail(e, kind) {
	var email = bound(e, 'email').trim().toLowerCase();
	if (!email) return false;
	if (count(e.app, 'account-mails', kind + ':' + email, 60 * 60 * 1000, ACCOUNT_MAILS_PER_HOUR) === 0)
		return false;
	e.noContent(204);
	return true;
}

/**
 * POST /api/borgerhus/account/confirm { token, password }: confirms an account's address with the link
 * mailed to it AND the account's password. The link alone proves only that the mailbox was opened, by its
 * owner or by a mail scanner that opens every link; whoever signed up with someone else's address chose the
 * password, so the owner clicking the link must not hand them a confirmed account (and with it the
 * association invitations waiting for the address). Confirmed already: answered as confirmed, nothing
 * changes. Limited per client address like sign-in (lib/config.js), and its wrong passwords counted per
 * account (lib/password-checks.js).
 * @param {core.RequestEvent} e
 */
function confirmAddress(e) {
	var refusal = require(__hooks + '/lib/core/errors.js').refusal;
	var body = e.requestInfo().body || {};
	var token = text(body.token);
	var password = text(body.password);
	if (!token || token.length > 2000) throw refusal('account_confirm_invalid', 'token');
	if (!password) throw refusal('core_required', 'password');
	var user;
	try {
		user = e.app.findAuthRecordByToken(token, 'verification');
	} catch (_) {
		throw refusal('account_confirm_invalid', 'token');
	}
	// the token names the address it was mailed to: an address changed since makes it no proof of this one
	var claims = $security.parseUnverifiedJWT(token);
	if (user.collection().name !== 'users' || String(claims.email || '') !== user.email()) {
		throw refusal('account_confirm_invalid', 'token');
	}
	// counted per account like every password check outside sign-in (lib/password-checks.js)
	if (!require(__hooks + '/lib/password-checks.js').check(e, user.id, password, 'password')) {
		throw refusal('account_confirm_password', 'password');
	}
	if (!user.verified()) {
		user.setVerified(true);
		e.app.save(user);
	}
	return e.noContent(204);
}

/**
 * Before PocketBase's own confirmation of a new address (POST /api/collections/users/confirm-email-change
 * {token, password}): its password is counted per account like every password check outside sign-in
 * (lib/password-checks.js), so a link and a stolen session are no way to guess it from many addresses.
 * Over the limit it answers 429 here; a wrong password is counted and PocketBase then refuses it as ever.
 * A token that names no account is left to PocketBase.
 * @param {core.RequestEvent} e
 */
function emailChangeConfirm(e) {
	var token = bound(e, 'token');
	var password = bound(e, 'password');
	if (!token || token.length > 2000 || !password) return;
	var user;
	try {
		user = e.app.findAuthRecordByToken(token, 'emailChange');
	} catch (_) {
		return;
	}
	if (user.collection().name !== 'users') return;
	if (!require(__hooks + '/lib/password-checks.js').check(e, user.id, password, 'password')) return;
	// The address was free when the change was asked for; another account may have it by now (its own change
	// confirmed first, or given at the desk). PocketBase refuses that as an invalid link and a wrong password,
	// so the person was told their right password was wrong: said as it is instead. The link came to that
	// address, so its reader learns nothing they could not learn there; PocketBase's unique address holds
	// the rule itself.
	var newEmail = String($security.parseUnverifiedJWT(token).newEmail || '');
	if (!newEmail) return;
	var holder = null;
	try {
		holder = e.app.findAuthRecordByEmail('users', newEmail);
	} catch (_) {
		return;
	}
	if (holder.id !== user.id) {
		throw require(__hooks + '/lib/core/errors.js').refusal('account_email_taken_meanwhile', 'form');
	}
}

module.exports = {
	sameName: sameName,
	signUp: signUp,
	emailChangeConfirm: emailChangeConfirm,
	confirmAddress: confirmAddress,
	emailChange: emailChange,
	accountMail: accountMail,
	addressProblem: addressProblem
};
