/// <reference path="../../pb_data/types.d.ts" />

// Sign-up (docs/rules.md, "Accounts"). The answer never tells whether an address already has an account:
// a new address gets an account and the mail to confirm it; an address that has one gets the same answer,
// and its owner a mail saying so (or, not yet confirmed, the confirmation mail again). The users
// collection's create rule is superusers only, so this route is the one way to sign up; it sets only a
// new citizen's own fields (never staff, a library card or a desk account).

/** Addresses of deleted accounts and desk accounts; nobody signs up with one. */
var RESERVED_DOMAIN = '@borgerhus.invalid';
/** One mail about an existing account per account in this time, however often someone tries. */
var NOTICE_EVERY_MS = 10 * 60 * 1000;

function text(value) {
	return typeof value === 'string' ? value : '';
}

function fieldError(field, code, message) {
	var data = {};
	data[field] = new ValidationError(code, message);
	return new BadRequestError('Failed to create record.', data);
}

/** Whether the account at this address was told within NOTICE_EVERY_MS (and notes that it is now). */
function toldRecently(app, user) {
	var key = 'signup-notice:' + user.id;
	var now = Date.now();
	var last = app.store().get(key);
	if (typeof last === 'number' && now - last < NOTICE_EVERY_MS) return true;
	app.store().set(key, now);
	return false;
}

/** Tells the owner of an address that has an account that someone tried to sign up with it. */
function tellOwner(app, user) {
	if (toldRecently(app, user)) return;
	try {
		if (user.verified()) require(__hooks + '/lib/mail.js').sendAccountExists(app, user);
		else $mails.sendRecordVerification(app, user);
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
	if (email.toLowerCase().indexOf(RESERVED_DOMAIN) >= 0) {
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
	try {
		$mails.sendRecordVerification(e.app, row);
	} catch (err) {
		// the account exists; the mail can be asked for again from the sign-in help
		e.app.logger().error('verification mail failed', 'user', row.id, 'error', String(err));
	}
	return e.noContent(204);
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

module.exports = { signUp: signUp };
