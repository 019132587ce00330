/// <reference path="../../../pb_data/types.d.ts" />

// The door every API request passes before any area's rule (docs/rules.md, "The door"): who may name a
// citizen in the desk headers, the body's shape and values, and instants with a zone, checked in that
// order by one router middleware (`request`) and, for the records API, one create and one update hook
// (`recordRequest`), bound in pb_hooks/door.pb.js.
//
// One middleware and one hook rather than one per rule: a JS handler holds a runtime of PocketBase's pool
// until the request it wraps is answered, and a request that finds the pool empty pays for a new runtime
// (every binding made again, every module loaded again). Three middlewares and two hooks around each write
// held five runtimes per request; under fifty writers at once most requests built runtimes
// (docs/performance.md, "Writes").

/**
 * The router middleware's checks, in order; throws a coded refusal, else returns false and the caller
 * goes on (true: the request has been answered here).
 * @param {core.RequestEvent} e
 * @returns {boolean}
 */
function request(e) {
	// Nobody but staff names a citizen in the desk headers, on any route (also where no hook asks the actor),
	// and nobody sends them in another spelling than theirs or twice, which the rules would read and Go's
	// `header.get` would not.
	require(__hooks + '/lib/desk.js').context(e);
	var method = e.request.method;
	// PocketBase's batch endpoint runs its writes without this middleware: for superusers only, whatever
	// the settings say (the app never uses it)
	if (/^\/api\/batch\/?$/i.test(e.request.url.path) && !(e.auth && e.hasSuperuserAuth())) {
		var forbidden = require(__hooks + '/lib/core/codes.js').core_forbidden.en;
		throw new ForbiddenError(forbidden, { form: new ValidationError('core_forbidden', forbidden) });
	}
	checkFilters(e, method);
	// a change of address answers a taken address as a free one (lib/signup.js), however the path names the
	// users collection (PocketBase also takes its id, and its name in any letter case)
	var emailChange = method === 'POST' && EMAIL_CHANGE_PATH.exec(e.request.url.path);
	if (emailChange) {
		var changing = cachedCollection(e, emailChange[1]);
		if (changing && changing.name === 'users' && require(__hooks + '/lib/signup.js').emailChange(e))
			return true;
	}
	// the password that confirms a new address is counted per account (lib/signup.js)
	var emailConfirm = method === 'POST' && EMAIL_CONFIRM_PATH.exec(e.request.url.path);
	if (emailConfirm) {
		var confirming = cachedCollection(e, emailConfirm[1]);
		if (confirming && confirming.name === 'users') require(__hooks + '/lib/signup.js').emailChangeConfirm(e);
	}
	// a new password or the confirmation mail again: a few per address in an hour (lib/signup.js)
	var accountMail = method === 'POST' && ACCOUNT_MAIL_PATH.exec(e.request.url.path);
	if (accountMail) {
		var mailing = cachedCollection(e, accountMail[1]);
		if (
			mailing &&
			mailing.name === 'users' &&
			require(__hooks + '/lib/signup.js').accountMail(e, accountMail[2])
		)
			return true;
	}
	if (method !== 'POST' && method !== 'PATCH' && method !== 'PUT') return false;
	var path = RECORDS_PATH.exec(e.request.url.path);
	var collection = recordWriteCollection(e);
	checkBody(e, method, path, collection);
	if (collection) checkDates(e, collection);
	return false;
}

/**
 * Client filters through a back-relation that PocketBase would answer without the related collection's list
 * rule, sorts by one, and filters and sorts naming a hidden field (lib/core/filter-guard.js), refused for everyone but superusers on list reads of the records API
 * (GET, and HEAD, which Go's router answers with the same query). Realtime subscriptions of anyone but a
 * superuser carry no options at all (a filter, an expand): the app's live stream subscribes as a superuser
 * and fans the changes out itself, so nobody else needs them, and their encoding has more ways than the
 * records API's query to say one thing.
 * @param {core.RequestEvent} e
 * @param {string} method
 */
function checkFilters(e, method) {
	var listRead = false;
	var path = null;
	if (method === 'GET' || method === 'HEAD') {
		path = RECORDS_PATH.exec(e.request.url.path);
		listRead = !!path && !path[2];
	}
	var realtime = method === 'POST' && e.request.url.path === '/api/realtime';
	if (!listRead && !realtime) return;
	if (e.auth && e.hasSuperuserAuth()) return;
	var refusal = require(__hooks + '/lib/core/errors.js').refusal;
	if (listRead) {
		var query = e.request.url.query();
		var guard = require(__hooks + '/lib/core/filter-guard.js');
		if (guard.everyRowThroughBackRelation(query.get('filter')))
			throw refusal('core_filter_through_relation', 'filter');
		if (guard.sortsThroughBackRelation(query.get('sort')))
			throw refusal('core_sort_through_relation', 'sort');
		// a hidden field (PocketBase's own "non-filterable field") gets a code rather than a bare 400; a
		// collection for superusers only is answered by PocketBase's 403 first, and says nothing of its fields
		var listed = (query.get('filter') || query.get('sort')) && cachedCollection(e, path[1]);
		if (listed && rulesOf(listed).listRule !== null) {
			var collectionOf = function (nameOrId) {
				var found = cachedCollection(e, nameOrId);
				return found ? { type: found.type, fields: fieldSpecs(found) } : null;
			};
			var own = collectionOf(listed.id);
			if (guard.namesHiddenField(query.get('filter'), own, collectionOf))
				throw refusal('core_filter_field_hidden', 'filter');
			if (guard.namesHiddenField(query.get('sort'), own, collectionOf))
				throw refusal('core_filter_field_hidden', 'sort');
		}
		// an association's contact is for its members and staff: not to be read a character at a time
		// through a filter, of associations or of anything that leads to one (lib/association-contact.js);
		// nor the pickup shelf a copy was left on, which is a patron's (library.pb.js)
		var namesContact = require(__hooks + '/lib/association-contact.js').namesContact;
		var privateTo = function (text) {
			return namesContact(text) || guard.namesField(text, /on_pickup_shelf/i);
		};
		if (!(e.auth && e.auth.collection().name === 'users' && e.auth.getBool('staff'))) {
			if (privateTo(query.get('filter'))) throw refusal('core_filter_field_private', 'filter');
			if (privateTo(query.get('sort'))) throw refusal('core_filter_field_private', 'sort');
		}
		return;
	}
	var topics = subscriptionTopics(e);
	for (var i = 0; i < topics.length; i++) {
		if (topics[i].indexOf('?') >= 0) throw refusal('core_realtime_options', 'subscriptions');
	}
}

/**
 * The topics of a realtime subscription request as PocketBase binds them: JSON or a form, the key in any
 * letter case as Go's JSON decoding folds it (lib/signup.js `sameName`), a list or a single text.
 * @param {core.RequestEvent} e
 * @returns {string[]}
 */
function subscriptionTopics(e) {
	var body;
	try {
		body = e.requestInfo().body;
	} catch (_) {
		return [];
	}
	var topics = [];
	if (!body || typeof body !== 'object') return topics;
	var keys = Object.keys(body);
	for (var k = 0; k < keys.length; k++) {
		// Go's folding, as PocketBase binds the key: "ſubscriptions" with a long s is its `subscriptions` too
		if (!require(__hooks + '/lib/signup.js').sameName(keys[k], 'subscriptions')) continue;
		var value = body[keys[k]];
		var list = Array.isArray(value) ? value : [value];
		for (var i = 0; i < list.length; i++) topics.push(String(list[i]));
	}
	return topics;
}

/**
 * The collection of a create or update through the records API (a router event, read by its path), or
 * null for any other request.
 * @param {core.RequestEvent} e
 */
function recordWriteCollection(e) {
	var path = RECORDS_PATH.exec(e.request.url.path);
	return path && isRecordWrite(path, e.request.method) ? cachedCollection(e, path[1]) : null;
}

/** PocketBase's request for a change of address, of a collection named by name or id. */
var EMAIL_CHANGE_PATH = /^\/api\/collections\/([^/]+)\/request-email-change\/?$/;

/** PocketBase's confirmation of a change of address, of a collection named by name or id. */
var EMAIL_CONFIRM_PATH = /^\/api\/collections\/([^/]+)\/confirm-email-change\/?$/;

/** PocketBase's requests for a mail about an account by its address. */
var ACCOUNT_MAIL_PATH = /^\/api\/collections\/([^/]+)\/(request-password-reset|request-verification)\/?$/;

/** The records API's paths: the collection (name or id) and, for one record, its id. */
var RECORDS_PATH = /^\/api\/collections\/([^/]+)\/records(?:\/([^/]+))?\/?$/;

/** A create (POST to a collection's list) or an update (PATCH of one record) through the records API. */
function isRecordWrite(path, method) {
	return (method === 'POST' && !path[2]) || (method === 'PATCH' && !!path[2]);
}

/** The collection a records API path names, or null when there is none (the record API answers 404). */
function cachedCollection(e, nameOrId) {
	try {
		return e.app.findCachedCollectionByNameOrId(decodeURIComponent(nameOrId));
	} catch (_) {
		return null;
	}
}

/**
 * Bad input (docs/rules.md, "Mit overblik, account and bad input"). Every API request with a body must send
 * a JSON object (or a form); anything else gets a coded 400 here, for the records API and the custom routes
 * alike. A body that a client sends to create or update a record is then checked against the collection's
 * fields by lib/input.js before PocketBase loads it or evaluates the collection's rules, so hostile values
 * get a coded 400 and change nothing. The system account (data loads, maintenance) is trusted and not
 * checked here, nor a guest (whom every create and update rule refuses).
 * @param {core.RequestEvent} e
 * @param {string} method
 * @param {RegExpExecArray | null} path the records API path, if it is one
 * @param {core.Collection | null} collection the collection of a records API create or update
 */
function checkBody(e, method, path, collection) {
	// the records API and our own routes read the body as request info (PocketBase's other endpoints
	// bind it themselves, once, and are left alone)
	if (!path && !/^\/api\/(borgerhus|library)\//.test(e.request.url.path)) return;
	var refusal = require(__hooks + '/lib/core/errors.js').refusal;
	var body;
	try {
		body = e.requestInfo().body;
	} catch (_) {
		throw refusal('core_invalid_value', 'form');
	}
	if (body === null || typeof body !== 'object' || Array.isArray(body)) {
		throw refusal('core_invalid_value', 'form');
	}

	if (!collection) return;
	if (e.auth && e.hasSuperuserAuth()) return;
	// the server names new records: an id of the client's choosing would win a tie in a queue, which
	// orders by the time placed and then by id (holds, sign-ups, registrations)
	if (method === 'POST' && body.id !== undefined) throw refusal('core_field_locked', 'id');
	// nor does a record get another name: an update that sends an id other than its own is refused by
	// field, before the areas' hooks look for the row under the new one (and answered "not found")
	if (method === 'PATCH' && body.id !== undefined && body.id !== decodeURIComponent(path[2])) {
		throw refusal(
			EVENTS_AREA.indexOf(collection.name) >= 0 ? 'events_field_locked' : 'core_field_locked',
			'id'
		);
	}
	// a guest writes nothing through the records API (sign-up is a route, lib/signup.js); PocketBase's rules
	// answer such a write as they are
	if (!e.auth) return;
	var problem = require(__hooks + '/lib/input.js').checkBody(fieldSpecs(collection), body, {
		create: method === 'POST',
		// required fields the areas' create hooks fill in (docs/rules.md, "Library")
		serverSet: { holds: ['status'], copies: ['status'], loans: ['title'] }[collection.name] || [],
		exists: function (collectionId, id) {
			try {
				e.app.findRecordById(collectionId, id);
				return true;
			} catch (_) {
				return false;
			}
		}
	});
	if (problem) throw refusal(problem.code, problem.field);
	// a field the collection's rule forbids the sender: refused by name, not as a bare "Failed to create"
	var rule = rulesOf(collection)[method === 'POST' ? 'createRule' : 'updateRule'];
	var user = e.auth && e.auth.collection().name === 'users' ? e.auth : null;
	var locked = require(__hooks + '/lib/rule-locks.js').lockedField(rule, body, {
		id: user ? user.id : '',
		staff: !!(user && user.getBool('staff')),
		create: method === 'POST',
		// the desk's header as the rules read it (the door refused any other spelling of it): a body naming
		// another citizen than it is refused by field
		headers: { x_borgerhus_for: require(__hooks + '/lib/desk.js').deskHeaders(e).citizen }
	});
	if (locked)
		throw refusal(
			EVENTS_AREA.indexOf(collection.name) >= 0 ? 'events_field_locked' : 'core_field_locked',
			locked
		);
	// a room's facilities: JSON of a shape only its area knows (a list of words)
	if (collection.name === 'rooms' && body.facilities !== undefined) {
		var shape = require(__hooks + '/lib/rooms/validate.js').checkFacilities(body.facilities);
		if (shape) throw refusal(shape.code, shape.field);
	}
}

/** The collections whose locked fields are the events area's (`events_field_locked`). */
var EVENTS_AREA = ['events', 'shifts', 'signups', 'registrations'];

/** Field settings by collection id and the collection's last change, in this runtime. */
var specs = {};

/** A collection's create and update rules by collection id and the collection's last change, in this runtime. */
var rules = {};

/**
 * A collection's list, create and update rules as text (null: superusers only), read once per version of
 * the collection (a rule is a pointer in PocketBase, which its JSON form gives as text or null).
 * @param {core.Collection} collection
 * @returns {{ listRule: string | null, createRule: string | null, updateRule: string | null }}
 */
function rulesOf(collection) {
	var version = collection.updated.string();
	var known = rules[collection.id];
	if (known && known.version === version) return known;
	var json = JSON.parse(JSON.stringify(collection));
	rules[collection.id] = {
		version: version,
		listRule: json.listRule,
		createRule: json.createRule,
		updateRule: json.updateRule
	};
	return rules[collection.id];
}

/**
 * Each field's settings of a collection as plain data, with its type (which a field keeps behind a
 * method), made once per version of the collection: copying them out of PocketBase's field objects
 * costs more than checking a body against them.
 * @param {core.Collection} collection
 */
function fieldSpecs(collection) {
	var version = collection.updated.string();
	var known = specs[collection.id];
	if (known && known.version === version) return known.fields;
	var fields = collection.fields.map(function (f) {
		return Object.assign(JSON.parse(JSON.stringify(f)), { type: f.type() });
	});
	specs[collection.id] = { version: version, fields: fields };
	return fields;
}

/**
 * House time (docs/rules.md, "House time"): an instant without a zone is refused. Each date field's value
 * in a create or update request, as the client sent it, must end in `Z` or `±hh:mm` (PocketBase itself
 * would read "2026-03-29 02:30:00" as UTC, an hour or two off the wall clock the sender meant). Every
 * collection is covered, and only its date fields checked, so a date field added later is covered too. No
 * actor is exempt: the system account's scripts and PocketBase's own dashboard send zoned dates. Checked
 * here, before the record API runs any hook, so the refusal comes before every other rule; `recordRequest`
 * holds the same rule for the requests of a batch (/api/batch), which pass no middleware.
 * @param {core.RequestEvent} e
 * @param {core.Collection} collection the collection of a records API create or update
 */
function checkDates(e, collection) {
	var refusal = require(__hooks + '/lib/core/errors.js').refusal;
	var body;
	try {
		e.requestInfo(); // parses a form body, as the record API would
		body = require(__hooks + '/lib/core/raw-body.js').rawBody(e);
	} catch (_) {
		// a body that is no JSON object nor form: the same coded answer as the body check gives
		throw refusal('core_invalid_value', 'form');
	}
	var problem = require(__hooks + '/lib/core/time.js').unzonedDateField(collection, body);
	if (problem) throw refusal(problem.code, problem.field);
	e.set(DATES_CHECKED, true);
}

/** Set on a request whose dates the middleware has checked, so the record hook does not read the body again. */
var DATES_CHECKED = 'borgerhus.dates_checked';

/**
 * The record create and update hook of the door: the dates of a batch's requests (those of a direct
 * request were checked by the middleware), then a desk act around the rest of the write (lib/desk.js).
 * @param {core.RecordRequestEvent} e
 * @param {'create' | 'update'} kind
 */
function recordRequest(e, kind) {
	if (!e.get(DATES_CHECKED)) {
		var rawBody = require(__hooks + '/lib/core/raw-body.js').rawBody;
		var problem = require(__hooks + '/lib/core/time.js').unzonedDateField(e.collection, rawBody(e));
		if (problem) throw require(__hooks + '/lib/core/errors.js').refusal(problem.code, problem.field);
	}
	var desk = require(__hooks + '/lib/desk.js');
	if (desk.ACTED_ON.indexOf(e.collection.name) >= 0) return desk.around(e, kind);
	return e.next();
}

module.exports = {
	request: request,
	recordRequest: recordRequest,
	recordWriteCollection: recordWriteCollection
};
