/// <reference path="../../pb_data/types.d.ts" />

// Password checks outside sign-in (docs/rules.md, "Accounts"): the old password of a new password, the
// password that confirms deleting the account, the one that confirms an address with its mailed link, and
// the one that confirms a new address (lib/signup.js emailChangeConfirm). A stolen session (or a link) must not be a way to guess the password (which would turn it into the account
// for good), so wrong passwords are counted per account, whatever address they come from: after MAX_FAILURES in WINDOW_MS, every such check of the account is
// refused with 429 and Retry-After until the window has passed. A right password clears the count. The
// count lives in PocketBase's memory (a restart clears it); sign-in has its own limit per address.

var MAX_FAILURES = 5;
var WINDOW_MS = 15 * 60 * 1000;

function key(userId) {
	return 'borgerhus:password-failures:' + userId;
}

/**
 * Counts one check of the account, in one step under the store's lock: the seconds until the window ends
 * when MAX_FAILURES were already counted in it (0: counted, go on). Every check is counted as a failure
 * before the password is compared and cleared once it proves right, so checks sent at once are counted as
 * they arrive: counted after the comparison (a hash takes a while), each of them passed the limit before
 * any was counted, and a burst of guesses from one stolen session was compared in full.
 * @param {core.App} app
 * @param {string} userId
 * @returns {number}
 */
function reserve(app, userId) {
	var now = Date.now();
	var wait = 0;
	app.store().setFunc(key(userId), function (raw) {
		var parts = String(raw || '').split(':');
		var count = Number(parts[0]);
		var since = Number(parts[1]);
		if (!(count > 0) || !(now - since < WINDOW_MS)) return '1:' + now;
		if (count >= MAX_FAILURES) {
			wait = Math.max(1, Math.ceil((since + WINDOW_MS - now) / 1000));
			return raw;
		}
		return count + 1 + ':' + since;
	});
	return wait;
}

/**
 * The refusal of a check while the account is over its limit: 429 with Retry-After (seconds until the
 * window ends), coded `account_password_attempts` on `field`.
 * @param {core.RequestEvent} e
 * @param {number} seconds
 * @param {string} field the request field the password came in
 */
function overLimit(e, seconds, field) {
	// a record request hook's event carries the response in its request event
	var response = e.response || (e.requestEvent && e.requestEvent.response);
	if (response) response.header().set('Retry-After', String(seconds));
	var text = require(__hooks + '/lib/core/codes.js').account_password_attempts;
	var data = {};
	data[field] = new ValidationError('account_password_attempts', text.en);
	return new ApiError(429, text.en, data);
}

/** A right password clears the account's count. */
function succeeded(app, userId) {
	app.store().remove(key(userId));
}

/**
 * Checks `password` against the stored password of `userId` under the limit (counted first, then compared).
 * @returns {boolean} whether it is the account's password
 */
function check(e, userId, password, field) {
	var wait = reserve(e.app, userId);
	if (wait) throw overLimit(e, wait, field);
	var user = e.app.findRecordById('users', userId);
	var right =
		typeof password === 'string' &&
		password !== '' &&
		password.length <= 200 &&
		user.validatePassword(password);
	if (right) succeeded(e.app, userId);
	return right;
}

module.exports = { MAX_FAILURES: MAX_FAILURES, WINDOW_MS: WINDOW_MS, check: check };
