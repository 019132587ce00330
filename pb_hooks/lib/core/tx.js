/// <reference path="../../../pb_data/types.d.ts" />

// The one transaction idiom of the hooks (docs/rules.md, "Transactions"). PocketBase runs every write and
// every transaction on one connection, so a transaction is the global write lock: a check made inside it
// and the write it guards cannot be split by another request. An ApiError thrown inside the callback would
// reach Go as a plain error and lose its status, so it is kept and rethrown outside. Transactions take
// their turn for the connection first come, first served (`__writeTurn`, pocketbase/writegate.go;
// docs/performance.md, "Writes").

/**
 * Runs `fn(txApp)` in one transaction of `app` and returns what it returns. Errors thrown inside are
 * rethrown unchanged (an ApiError keeps its status and data).
 * @template T
 * @param {core.App} app
 * @param {(txApp: core.App) => T} fn
 * @returns {T}
 */
function run(app, fn) {
	var failure = null;
	var result;
	// first come, first served for the write connection; a nested run is part of its outer transaction
	var endTurn = app.isTransactional() ? null : __writeTurn();
	try {
		app.runInTransaction(function (txApp) {
			if (endTurn) endTurn();
			try {
				result = fn(txApp);
			} catch (err) {
				failure = err;
				throw err;
			}
		});
	} catch (err) {
		throw failure || err;
	} finally {
		if (endTurn) endTurn();
	}
	return result;
}

/** The signed-in person who sent a request (not the system account), or ''. @param {core.RequestEvent} e */
function sender(e) {
	var auth = e.auth;
	return auth && !auth.isSuperuser() && auth.collection().name === 'users' ? auth.id : '';
}

/**
 * A request let in with a session whose account has been deleted since changes nothing: read inside the
 * transaction, as the deletion may have committed after PocketBase loaded the session (docs/rules.md,
 * "Account, feed and reminders").
 */
function refuseDeletedSender(txApp, user) {
	if (user && require(__hooks + '/lib/core/auth.js').isDeletedAccount(txApp, user)) {
		throw require(__hooks + '/lib/core/errors.js').refusal('overview_account_deleted');
	}
}

/**
 * Runs `fn(txApp)` for a custom route in one transaction of `e.app`, as `run` does, refusing first a
 * sender whose account was deleted meanwhile.
 * @template T
 * @param {core.RequestEvent} e
 * @param {(txApp: core.App) => T} fn
 * @returns {T}
 */
function route(e, fn) {
	var user = sender(e);
	return run(e.app, function (txApp) {
		refuseDeletedSender(txApp, user);
		return fn(txApp);
	});
}

/**
 * Runs `fn(txApp)` for a record request event in one transaction, with `e.app` pointing at the
 * transaction while `fn` runs, so that `e.next()` called inside `fn` saves with it. `fn` must call
 * `e.next()` itself (after its checks, before anything that needs the saved record).
 * @param {core.RecordRequestEvent} e
 * @param {(txApp: core.App) => void} fn
 */
function request(e, fn) {
	var original = e.app;
	var user = sender(e);
	try {
		run(original, function (txApp) {
			refuseDeletedSender(txApp, user);
			e.app = txApp;
			try {
				fn(txApp);
			} finally {
				e.app = original;
			}
		});
	} finally {
		e.app = original;
	}
}

/**
 * The base names of the fields a request sent ("cover+" and "+cover" count as "cover"), a file uploaded for a file
 * field included.
 * @param {core.RecordRequestEvent} e
 * @returns {Record<string, boolean>}
 */
function sentFields(e) {
	var body = e.requestInfo().body || {};
	/** @type {Record<string, boolean>} */
	var sent = {};
	var keys = Object.keys(body);
	for (var i = 0; i < keys.length; i++) sent[keys[i].replace(/^\+/, '').replace(/[+-]$/, '')] = true;
	var fields = e.record.collection().fields;
	for (var j = 0; j < fields.length; j++) {
		if (fields[j].type() !== 'file') continue;
		var name = fields[j].getName();
		if (sent[name]) continue;
		try {
			if (e.findUploadedFiles(name).length || e.findUploadedFiles(name + '+').length) sent[name] = true;
		} catch (_) {
			// not a multipart request: no files
		}
	}
	return sent;
}

/**
 * Puts the request's record on top of the row as it stands inside the transaction (docs/rules.md,
 * "Transactions"): every field the request did not send takes the value of the fresh row, so a hook decides
 * from the current row and a save writes only what the request changed. Returns the fresh row and the sent
 * fields.
 * @param {core.App} txApp
 * @param {core.RecordRequestEvent} e
 */
function rebase(txApp, e) {
	var fresh = txApp.findRecordById(e.record.collection().name, e.record.id);
	var sent = sentFields(e);
	var fields = e.record.collection().fields;
	for (var i = 0; i < fields.length; i++) {
		var name = fields[i].getName();
		var type = fields[i].type();
		if (name === 'id' || sent[name] || type === 'autodate') continue;
		// a password is kept as its hash: copied raw, or it would be hashed again
		if (type === 'password') e.record.setRaw(name, fresh.getRaw(name));
		else e.record.set(name, fresh.get(name));
	}
	return { fresh: fresh, sent: sent };
}

module.exports = {
	run: run,
	route: route,
	request: request,
	refuseDeleted: refuseDeletedSender,
	sentFields: sentFields,
	rebase: rebase
};
