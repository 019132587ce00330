/// <reference path="../../pb_data/types.d.ts" />

// Service at the desk (docs/rules.md, "Service at the desk"). Staff act FOR a citizen through the same
// record API and hooks the citizen uses, naming the citizen in the header X-Borgerhus-For (and, to
// override a deadline, limit or horizon, the reason in X-Borgerhus-Override). core/auth.js then makes the
// citizen the request's actor, so every area applies the citizen's own rules; this module checks the
// headers, audits each act with both identities in the act's own transaction, tells the citizen, and
// holds the desk's own routes: find a citizen, their overview, desk accounts and their take-over.

/** lib/core/filter.js bindFilter, required at the call: loading this file needs nothing of PocketBase. */
function bindFilter(filter, params) {
	return require(__hooks + '/lib/core/filter.js').bindFilter(filter, params);
}

var FOR_HEADER = 'X-Borgerhus-For';
var OVERRIDE_HEADER = 'X-Borgerhus-Override';
/** The collections staff may act on for a citizen. */
var ACTED_ON = ['bookings', 'holds', 'signups', 'registrations'];
/** Desk accounts have no address of their own: a placeholder in the reserved domain nobody can sign up with. */
var PLACEHOLDER_DOMAIN = '@borgerhus.invalid';
var CARD_PATTERN = /^[0-9]{4,20}$/;

function codeError(status, code, field) {
	var codes = require(__hooks + '/lib/core/codes.js');
	var data = {};
	data[field || 'form'] = new ValidationError(code, codes[code].en);
	return status === 403
		? new ForbiddenError(codes[code].en, data)
		: new BadRequestError(codes[code].en, data);
}

/**
 * The desk's headers of a request, the one reading of them for the door, every hook's actor, the audit
 * of a desk act and the door's check of a body against the rules (lib/desk-headers.js): a router event
 * has its request, a record request event reaches it through the request event it embeds. Another
 * spelling of either header, or a second value, is refused (desk_header_invalid): PocketBase's rules would
 * read it, Go's `header.get` would not.
 * @param {core.RequestEvent | core.RecordRequestEvent} e
 * @returns {{ citizen: string, override: string }}
 */
function deskHeaders(e) {
	var request = e.request || (e.requestEvent && e.requestEvent.request);
	if (!request || !request.header) return { citizen: '', override: '' };
	// every header by name as it came, with all its values (Go's JSON of http.Header); a request without
	// the word anywhere has neither header in any spelling
	var json = toString(request.header);
	if (!/borgerhus/i.test(json)) return { citizen: '', override: '' };
	var read = require(__hooks + '/lib/desk-headers.js').readDeskHeaders(JSON.parse(json));
	if (read.problem) throw codeError(400, 'desk_header_invalid');
	return { citizen: read.citizen, override: read.override };
}

/**
 * Whether a request is one of the desk's acts: a create or update through the record API of a collection
 * in ACTED_ON (a record request event names its collection; a router event is read by its path).
 * @param {core.RequestEvent | core.RecordRequestEvent} e
 */
function isDeskAct(e) {
	var collection =
		e.collection || (e.request ? require(__hooks + '/lib/core/door.js').recordWriteCollection(e) : null);
	return !!collection && ACTED_ON.indexOf(collection.name) >= 0;
}

/**
 * The desk context of a request: null without the header; otherwise the staff member, the citizen and
 * the override reason ('' when none), or a refusal: the header from anyone but staff, an unknown or
 * deleted citizen, another staff account, an override without a reason, the header anywhere but on a
 * desk act.
 * @param {core.RequestEvent} e
 * @returns {{ staff: string, citizen: string, reason: string } | null}
 */
function context(e) {
	var headers = deskHeaders(e);
	// the citizen exactly as the rules read it (`@request.headers.x_borgerhus_for`)
	var citizen = headers.citizen;
	var rawOverride = headers.override;
	if (!citizen) {
		if (rawOverride) throw codeError(403, 'desk_staff_only');
		return null;
	}
	if (!e.auth || e.hasSuperuserAuth() || e.auth.collection().name !== 'users' || !e.auth.getBool('staff')) {
		throw codeError(403, 'desk_staff_only');
	}
	// the desk acts through the record API on these collections only: nowhere else (an association's or
	// membership's route, a season application, a swap) does a staff member act as the citizen
	if (!isDeskAct(e)) throw codeError(403, 'desk_not_here');
	var user;
	try {
		user = e.app.findRecordById('users', citizen);
	} catch (_) {
		throw codeError(400, 'desk_unknown_citizen');
	}
	if (user.getString('deleted_at') || user.getBool('staff')) throw codeError(400, 'desk_unknown_citizen');
	var reason = '';
	if (rawOverride) {
		try {
			reason = decodeURIComponent(rawOverride).trim();
		} catch (_) {
			reason = '';
		}
		if (!reason) throw codeError(400, 'desk_override_reason', 'override_reason');
		// the reason is what the audit log shows for the exception: written text, on one line
		var problem = require(__hooks + '/lib/input.js').textProblem(reason, 500, true);
		if (problem) throw codeError(400, problem, 'override_reason');
	}
	return { staff: e.auth.id, citizen: citizen, reason: reason };
}

var TEXTS = {
	create: {
		da: { title: 'Oprettet for dig ved skranken', body: '{what}. Se det i Mit overblik.' },
		en: { title: 'Made for you at the desk', body: '{what}. See it in My overview.' }
	},
	// an update that left the status as it was (an edited purpose, a moved time), or changed it to one
	// without a word in STATUS_WORDS
	update: {
		da: { title: 'Ændret for dig ved skranken', body: '{what}. Se det i Mit overblik.' },
		en: { title: 'Changed for you at the desk', body: '{what}. See it in My overview.' }
	},
	// an update that changed the status: the new one in words
	status: {
		da: { title: 'Ændret for dig ved skranken', body: '{what}: {status}.' },
		en: { title: 'Changed for you at the desk', body: '{what}: {status}.' }
	}
};

/**
 * Every status of the collections in ACTED_ON (bookings, holds, signups, registrations) in words, as a
 * `{ da, en }` message parameter. A status without a word is left out of the message, never shown raw.
 */
var STATUS_WORDS = {
	pending: { da: 'venter på godkendelse', en: 'waiting for approval' },
	approved: { da: 'godkendt', en: 'approved' },
	rejected: { da: 'afvist', en: 'rejected' },
	cancelled: { da: 'aflyst', en: 'cancelled' },
	no_show: { da: 'registreret som udeblevet', en: 'recorded as a no-show' },
	waiting: { da: 'venter igen', en: 'waiting again' },
	paused: { da: 'sat på pause', en: 'paused' },
	ready: { da: 'klar til afhentning', en: 'ready for pickup' },
	collected: { da: 'afhentet', en: 'collected' },
	expired: { da: 'udløbet', en: 'expired' },
	confirmed: { da: 'bekræftet', en: 'confirmed' },
	waitlisted: { da: 'på ventelisten', en: 'on the waiting list' }
};

/**
 * A status whose word depends on what it is of: a booking is "aflyst", a reservation, a ticket and a shift
 * "annulleret", as the house's own messages and Mit overblik say (docs/rules.md, "Languages").
 */
var STATUS_WORDS_OF = {
	holds: { cancelled: { da: 'annulleret', en: 'cancelled' } },
	registrations: { cancelled: { da: 'annulleret', en: 'cancelled' } },
	signups: { cancelled: { da: 'annulleret', en: 'cancelled' } }
};

/** The words of `status` of a row of `collection`, or undefined when it has none. */
function statusWords(collection, status) {
	var own = STATUS_WORDS_OF[collection];
	return (own && own[status]) || STATUS_WORDS[status];
}

/**
 * What the act was about, in a few words, for the message to the citizen: a `{ da, en }` message
 * parameter (notify.js paramText), so a booking's time is written in the citizen's language
 * (docs/rules.md, "Messages").
 * @returns {{ da: string, en: string }}
 */
function describe(app, collection, record) {
	var rel = function (coll, id, field) {
		try {
			return app.findRecordById(coll, id).getString(field);
		} catch (_) {
			return '';
		}
	};
	var same = function (text) {
		return { da: text, en: text };
	};
	if (collection === 'bookings') {
		var time = require(__hooks + '/lib/core/time.js');
		var room = rel('rooms', record.getString('room'), 'name');
		var start = record.getString('start');
		return { da: room + ', ' + time.format(start, 'da'), en: room + ', ' + time.format(start, 'en') };
	}
	if (collection === 'holds') return same(rel('titles', record.getString('title'), 'title'));
	// an event by its title in the reader's language (lib/content-language.js)
	var eventTitle = function (id) {
		try {
			return require(__hooks + '/lib/content-language.js').contentParam(
				app.findRecordById('events', id),
				'title'
			);
		} catch (_) {
			return same('');
		}
	};
	if (collection === 'registrations') return eventTitle(record.getString('event'));
	var shift;
	try {
		shift = app.findRecordById('shifts', record.getString('shift'));
	} catch (_) {
		return same('');
	}
	var title = eventTitle(shift.getString('event'));
	var task = shift.getString('task');
	return { da: title.da + ', ' + task, en: title.en + ', ' + task };
}

/**
 * Record request hook of the collections staff act on: a desk act runs in one transaction with its
 * audit entry and the citizen's message. The area's own hook (which re-enters the same transaction)
 * decides the act; an area hook that answers without calling e.next() audits through act() itself.
 * @param {core.RecordRequestEvent} e
 * @param {'create' | 'update'} kind
 */
function around(e, kind) {
	if (!context(e)) return e.next();
	var collection = e.collection.name;
	require(__hooks + '/lib/core/tx.js').request(e, function (txApp) {
		var before = kind === 'update' ? txApp.findRecordById(collection, e.record.id) : null;
		e.next();
		var saved;
		try {
			saved = txApp.findRecordById(collection, e.record.id);
		} catch (_) {
			return; // the area answered with another record (and audited it through act())
		}
		// an update that changed nothing is no act: nothing to audit or tell, and no row of someone else's
		// described to the citizen the header names (the areas decide every real change with that citizen's
		// rights)
		if (before && sameRow(before, saved)) return;
		act(txApp, e, kind, saved, before ? before.getString('status') : '', before);
	});
}

/** Whether two reads of one row hold the same values (as the records API would give them), `updated` aside. */
function sameRow(a, b) {
	return changedFields(a, b).length === 0;
}

/**
 * The fields whose values differ between two reads of one row (as the records API would give them),
 * `updated` aside: what an act changed, whatever names its request sent.
 */
function changedFields(a, b) {
	var x = JSON.parse(JSON.stringify(a));
	var y = JSON.parse(JSON.stringify(b));
	var names = Object.keys(x);
	Object.keys(y).forEach(function (name) {
		if (names.indexOf(name) < 0) names.push(name);
	});
	return names.filter(function (name) {
		return name !== 'updated' && JSON.stringify(x[name]) !== JSON.stringify(y[name]);
	});
}

/**
 * Audits one desk act, once per request, with both identities (staff X for citizen Y, with any override
 * reason), and tells the citizen. Does nothing for a request without the desk header.
 * @param {core.App} txApp the act's transaction
 * @param {core.RecordRequestEvent} e
 * @param {'create' | 'update'} kind
 * @param {core.Record} saved the record as the act left it
 * @param {string} from its status before the act ('' for a new one)
 * @param {core.Record} [before] the row as it was before an update, read in the act's transaction
 */
function act(txApp, e, kind, saved, from, before) {
	var desk = context(e);
	if (!desk || e.get('borgerhus.desk_audited')) return;
	e.set('borgerhus.desk_audited', true);
	var collection = saved.collection().name;
	var body = e.requestInfo().body || {};
	var to = saved.getString('status');
	var details = { from: from, to: to };
	if (desk.reason) details.override_reason = desk.reason;
	// the fields the act changed, not the names the request sent: a name that is no field, or a field sent
	// as it was, is no change of the citizen's row (and would be shown to them in Mine data as one)
	if (kind === 'update' && body.status === undefined && before) details.fields = changedFields(before, saved);
	require(__hooks + '/lib/core/audit.js').record(txApp, {
		actor: desk.staff,
		action: 'desk_' + kind,
		collection: collection,
		id: saved.id,
		details: details,
		onBehalfOf: desk.citizen
	});
	// an update names the new status when it changed and has a word; otherwise it says what was changed
	var status = kind === 'update' && to !== from ? statusWords(collection, to) : undefined;
	require(__hooks + '/lib/notify.js').notify(txApp, desk.citizen, {
		kind: 'desk_' + kind,
		texts: status ? TEXTS.status : TEXTS[kind],
		params: { what: describe(txApp, collection, saved), status: status || '' },
		link: '/overblik'
	});
}

/**
 * SQL (a 0/1 expression) for "staff made this entry for the user at the desk": an audit entry of the
 * desk's create for the row, on behalf of the user bound as `{:u}`. Looked up by (collection, id), the
 * audit log's index, as a column of the read that lists the entries (Mit overblik).
 * @param {string} collection a collection name (a constant of the code, never input)
 * @param {string} idColumn the SQL column holding the entry's id
 */
function madeAtDeskSql(collection, idColumn) {
	return (
		"EXISTS (SELECT 1 FROM audit_log d WHERE d.target_collection = '" +
		collection +
		"' AND d.target_id = " +
		idColumn +
		" AND d.action = 'desk_create' AND CASE WHEN json_valid(d.details) " +
		"THEN json_extract(d.details, '$.on_behalf_of') END = {:u})"
	);
}

// -- staff routes ----------------------------------------------------------------------------------

function requireDeskStaff(e) {
	var headers = deskHeaders(e);
	if (headers.citizen || headers.override) throw codeError(400, 'desk_staff_only');
	return require(__hooks + '/lib/core/auth.js').requireStaff(e);
}

/** The public face of a citizen for staff: no placeholder address. */
function citizenView(user, app) {
	var email = user.email();
	return {
		id: user.id,
		name: user.getString('name'),
		email: email.endsWith(PLACEHOLDER_DOMAIN) ? '' : email,
		phone: user.getString('phone'),
		library_card: user.getString('library_card'),
		desk_account: user.getBool('desk_account'),
		verified: user.verified(),
		language: user.getString('language') === 'en' ? 'en' : 'da',
		takeover_pending: app ? takeoverPending(app, user) : false,
		volunteer_terms: user.getString('volunteer_terms_at') !== ''
	};
}

/**
 * A take-over whose mail is not answered yet: staff gave the desk account an address (audited) and the
 * citizen has not chosen a password through it, so the address is not verified. Until then staff may send
 * the mail again, to the same address or a corrected one.
 */
function takeoverPending(app, user) {
	if (user.getBool('desk_account') || user.verified() || user.getString('deleted_at')) return false;
	return (
		app.findRecordsByFilter(
			'audit_log',
			bindFilter('action = "desk_account_takeover" && target_collection = "users" && target_id = {:id}', {
				id: user.id
			}),
			'',
			1,
			0
		).length > 0
	);
}

function digits(text) {
	return String(text || '').replace(/[^0-9]/g, '');
}

/** GET /api/borgerhus/desk/citizens?q= : staff find citizens by name, email, phone or library card. */
function search(e) {
	requireDeskStaff(e);
	var q = String(e.request.url.query().get('q') || '');
	if (require(__hooks + '/lib/input.js').textProblem(q, 100)) return e.json(200, { items: [] });
	q = q.trim();
	if (q.length < 2) return e.json(200, { items: [] });
	var params = { q: q, d: digits(q), placeholder: '%' + PLACEHOLDER_DOMAIN };
	// never by a desk account's placeholder address, which nobody sees ("desk-" would find every one)
	var filter = 'name ~ {:q} || (email ~ {:q} && email !~ {:placeholder})';
	if (params.d.length >= 4) {
		filter += ' || library_card = {:d}';
		// phone numbers are written with spaces, dashes and a country code: compare their digits; among
		// citizens only, as below, so that staff sharing a number take none of the 25 places
		var ids = arrayOf(new DynamicModel({ id: '' }));
		e.app
			.db()
			.newQuery(
				"SELECT id FROM users WHERE replace(replace(replace(replace(replace(phone, ' ', ''), '-', ''), '+', ''), '(', ''), ')', '') LIKE {:like} AND staff = FALSE AND deleted_at = '' ORDER BY name LIMIT 25"
			)
			.bind({ like: '%' + params.d + '%' })
			.all(ids);
		ids.forEach(function (row, i) {
			params['p' + i] = row.id;
			filter += ' || id = {:p' + i + '}';
		});
	}
	var rows = e.app.findRecordsByFilter(
		'users',
		bindFilter('staff = false && deleted_at = "" && (' + filter + ')', params),
		'name',
		25,
		0
	);
	// each with its take-over state (citizenView needs the app: never as map's index)
	return e.json(200, {
		items: rows.map(function (row) {
			return citizenView(row, e.app);
		})
	});
}

/**
 * The citizen a desk route's path names ({id}), read in `app`: an unknown, deleted or staff account is
 * refused with desk_unknown_citizen.
 * @param {core.App} app
 * @param {core.RequestEvent} e
 */
function citizenOf(app, e) {
	var row;
	try {
		row = app.findRecordById('users', e.request.pathValue('id'));
	} catch (_) {
		throw codeError(400, 'desk_unknown_citizen');
	}
	if (row.getString('deleted_at') || row.getBool('staff')) throw codeError(400, 'desk_unknown_citizen');
	return row;
}

/** GET /api/borgerhus/desk/citizens/{id} : one citizen and their overview, as Mit overblik shows it. */
function citizen(e) {
	requireDeskStaff(e);
	var user = citizenOf(e.app, e);
	var overview = require(__hooks + '/lib/overview-timeline.js').overviewFor(e, new Date(), user.id);
	return e.json(200, { citizen: citizenView(user, e.app), overview: overview });
}

/** A text field of a desk route: a string, no hostile characters, not only spaces, not too long. */
function cleanText(value, field, max, required) {
	if (value === undefined || value === null) value = '';
	if (typeof value !== 'string') throw codeError(400, 'core_invalid_value', field);
	// every text of the desk's routes is one line: a name, a phone, a card number, an address
	var problem = require(__hooks + '/lib/input.js').textProblem(
		value,
		max,
		true,
		field === 'name' || field === 'email'
	);
	if (problem) throw codeError(400, problem, field);
	var text = value.trim();
	if (required && !text) throw codeError(400, 'core_required', field);
	return text;
}

/** A library card number as typed (digits, spaces and dashes allowed between them), or ''. */
function cleanCard(value) {
	var text = cleanText(value, 'library_card', 30, false);
	if (!text) return '';
	if (!/^[0-9][0-9 -]*$/.test(text)) throw codeError(400, 'desk_card_invalid', 'library_card');
	var card = text.replace(/[ -]/g, '');
	if (!CARD_PATTERN.test(card)) throw codeError(400, 'desk_card_invalid', 'library_card');
	return card;
}

function checkCard(app, card, exceptId) {
	if (!card) return;
	var taken = app.findRecordsByFilter(
		'users',
		bindFilter('library_card = {:c} && id != {:id}', {
			c: card,
			id: exceptId || ''
		}),
		'',
		1,
		0
	);
	if (taken.length) throw codeError(400, 'desk_card_taken', 'library_card');
}

function randomPassword() {
	return $security.randomString(40);
}

/**
 * POST /api/borgerhus/desk/accounts {name, phone?, library_card?, language?} : a desk account for a
 * citizen without email: no address of their own, no password anyone knows, cannot sign in, gets no mail.
 */
function createAccount(e) {
	var staff = requireDeskStaff(e);
	var body = e.requestInfo().body || {};
	var name = cleanText(body.name, 'name', 100, true);
	var phone = cleanText(body.phone, 'phone', 30, false);
	var phoneCode = require(__hooks + '/lib/input.js').phoneProblem(phone);
	if (phoneCode) throw codeError(400, phoneCode, 'phone');
	var card = cleanCard(body.library_card);
	if (!phone && !card) throw codeError(400, 'desk_contact_required', 'phone');
	if (body.language !== undefined && body.language !== 'da' && body.language !== 'en') {
		throw codeError(400, 'core_invalid_value', 'language');
	}
	var language = body.language === 'en' ? 'en' : 'da';
	var user = require(__hooks + '/lib/core/tx.js').route(e, function (txApp) {
		checkCard(txApp, card, '');
		var row = new Record(txApp.findCachedCollectionByNameOrId('users'));
		row.set('name', name);
		row.set('phone', phone);
		row.set('library_card', card);
		row.set('language', language);
		row.set('desk_account', true);
		row.set('notify_email', false);
		row.setEmail(
			'desk-' +
				$security.randomStringWithAlphabet(15, 'abcdefghijklmnopqrstuvwxyz0123456789') +
				PLACEHOLDER_DOMAIN
		);
		row.setVerified(false);
		row.setPassword(randomPassword());
		txApp.save(row);
		require(__hooks + '/lib/core/audit.js').record(txApp, {
			actor: staff.id,
			action: 'desk_account_create',
			collection: 'users',
			id: row.id,
			details: {},
			onBehalfOf: row.id
		});
		return row;
	});
	return e.json(200, citizenView(user));
}

/** POST /api/borgerhus/desk/citizens/{id}/card {library_card} : staff set or clear a library card number. */
function setCard(e) {
	var staff = requireDeskStaff(e);
	var body = e.requestInfo().body || {};
	var card = cleanCard(body.library_card);
	var user = require(__hooks + '/lib/core/tx.js').route(e, function (txApp) {
		var row = citizenOf(txApp, e);
		checkCard(txApp, card, row.id);
		var before = row.getString('library_card');
		row.set('library_card', card);
		txApp.save(row);
		// whether a number was there before and is now, never the number: the audit log outlives the
		// account, whose deletion clears the number (migration 1767480000_desk_card_audit.js)
		require(__hooks + '/lib/core/audit.js').record(txApp, {
			actor: staff.id,
			action: 'desk_card_set',
			collection: 'users',
			id: row.id,
			details: { had: before !== '', has: card !== '' },
			onBehalfOf: row.id
		});
		return row;
	});
	return e.json(200, citizenView(user));
}

/**
 * POST /api/borgerhus/desk/citizens/{id}/volunteer-terms : the citizen at the desk has heard the volunteer
 * terms and says yes to them, and staff record it (a desk account cannot sign in to accept them itself).
 * Recorded once, with the staff member and the citizen in the audit log; a second call changes nothing.
 */
function volunteerTerms(e) {
	var staff = requireDeskStaff(e);
	var user = require(__hooks + '/lib/core/tx.js').route(e, function (txApp) {
		var row = citizenOf(txApp, e);
		if (row.getString('volunteer_terms_at')) return row;
		row.set('volunteer_terms_at', new Date().toISOString().replace('T', ' '));
		txApp.save(row);
		// places the citizen waited for while without the terms are filled now (docs/rules.md, "Places, the
		// waitlist and overlapping shifts")
		require(__hooks + '/lib/events-claims.js').refillAfterTerms(txApp, row.id);
		require(__hooks + '/lib/core/audit.js').record(txApp, {
			actor: staff.id,
			action: 'desk_volunteer_terms',
			collection: 'users',
			id: row.id,
			details: {},
			onBehalfOf: row.id
		});
		return row;
	});
	return e.json(200, citizenView(user));
}

/**
 * POST /api/borgerhus/desk/citizens/{id}/takeover {email} : staff give a desk account the citizen's own
 * address; the citizen gets a mail to choose a password, and confirming it verifies the address. From
 * then on it is an ordinary account (the desk_account flag is gone at once; sign-in waits for the mail).
 * Until the password is chosen staff may do it again, to correct a mistyped address or to send the mail
 * once more: the new random password ends the link sent before (PocketBase signs it with the token key).
 */
function takeover(e) {
	var staff = requireDeskStaff(e);
	var body = e.requestInfo().body || {};
	// stored as PocketBase compares addresses (rooms-memberships.js `normalizeEmail`: ASCII letters in lower
	// case, every other letter as written): "Øle@..." and "øle@..." are two accounts
	var email = require(__hooks + '/lib/rooms-memberships.js').normalizeEmail(
		cleanText(body.email, 'email', 200, true)
	);
	// the rules of sign-up's address (its parts' lengths, no hidden characters) hold here too
	if (
		!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) ||
		email.endsWith(PLACEHOLDER_DOMAIN) ||
		require(__hooks + '/lib/signup.js').addressProblem(email)
	) {
		throw codeError(400, 'desk_email_invalid', 'email');
	}
	var user = require(__hooks + '/lib/core/tx.js').route(e, function (txApp) {
		// an unknown, deleted or staff account as on every desk route
		var row = citizenOf(txApp, e);
		var again = takeoverPending(txApp, row);
		if (!row.getBool('desk_account') && !again) throw codeError(400, 'desk_not_desk_account');
		// an address is the same in any ASCII letter case (the users' email index is NOCASE, which folds ASCII
		// letters only; a filter's `=` compares as stored, so compare with SQLite's lower(), which folds the
		// same: a stored "Anna@..." is taken for "anna@...", a stored "Øle@..." not for "øle@...")
		var taken = txApp.findRecordsByFilter(
			'users',
			bindFilter('email:lower = {:m} && id != {:id}', {
				m: email,
				id: row.id
			}),
			'',
			1,
			0
		);
		if (taken.length) throw codeError(400, 'desk_email_taken', 'email');
		row.setEmail(email);
		row.setVerified(false);
		row.setPassword(randomPassword());
		row.set('desk_account', false);
		// the citizen's own account from now on: mail and reminders on, as for an account made by its owner
		row.set('notify_email', true);
		row.set('notify_reminders', true);
		txApp.save(row);
		require(__hooks + '/lib/core/audit.js').record(txApp, {
			actor: staff.id,
			action: 'desk_account_takeover',
			collection: 'users',
			id: row.id,
			details: again ? { again: true } : {},
			onBehalfOf: row.id
		});
		return row;
	});
	// after the commit: the mail to choose a password (confirming it verifies the address)
	require(__hooks + '/lib/mail.js').sendTakeover(e.app, user);
	return e.json(200, citizenView(user, e.app));
}

/**
 * POST /api/borgerhus/desk/citizens/{id}/mydata : everything the house holds about a desk account's citizen
 * (as "Mine data" shows it), for staff to print and hand over at the desk, since the citizen cannot sign in
 * to see it (docs/rules.md, "Desk accounts and the take-over"). Audited first, so the copy lists its own
 * hand-over. A citizen with an account of their own reads their data in the app.
 */
function citizenData(e) {
	var staff = requireDeskStaff(e);
	// the copy is made in the hand-over's transaction: a hand-over is audited only with its copy made
	var data = require(__hooks + '/lib/core/tx.js').route(e, function (txApp) {
		var row = citizenOf(txApp, e);
		if (!row.getBool('desk_account')) {
			throw codeError(400, takeoverPending(txApp, row) ? 'desk_takeover_pending' : 'desk_data_own_account');
		}
		require(__hooks + '/lib/core/audit.js').record(txApp, {
			actor: staff.id,
			action: 'desk_data_handed_over',
			collection: 'users',
			id: row.id,
			onBehalfOf: row.id
		});
		return require(__hooks + '/lib/overview-mydata.js').myDataFor(txApp, row.id, new Date());
	});
	return e.json(200, data);
}

/**
 * POST /api/borgerhus/desk/citizens/{id}/delete : staff delete a desk account at the citizen's request (the
 * citizen cannot sign in to do it under Mine data). The account is erased by the same function, and in the
 * same way, as a citizen's own deletion (lib/overview-account.js `deleteAccount`), in one transaction with
 * its audit entry: staff and the account's id, what was released, nothing about the person. An ordinary
 * account (one that signs in, or is being taken over) is the citizen's own to delete: desk_delete_own_account.
 */
function deleteDeskAccount(e) {
	var staff = requireDeskStaff(e);
	var released = require(__hooks + '/lib/core/tx.js').route(e, function (txApp) {
		var row = citizenOf(txApp, e);
		if (!row.getBool('desk_account')) {
			throw codeError(400, takeoverPending(txApp, row) ? 'desk_takeover_pending' : 'desk_delete_own_account');
		}
		var done = require(__hooks + '/lib/overview-account.js').deleteAccount(txApp, row.id, new Date());
		require(__hooks + '/lib/core/audit.js').record(txApp, {
			actor: staff.id,
			action: 'desk_account_delete',
			collection: 'users',
			id: row.id,
			details: { released: done },
			onBehalfOf: row.id
		});
		return done;
	});
	return e.json(200, { deleted: true, released: released });
}

/** True for an address nobody receives: desk accounts and deleted accounts. No mail goes there. */
function undeliverable(address) {
	return String(address || '')
		.toLowerCase()
		.endsWith(PLACEHOLDER_DOMAIN);
}

module.exports = {
	volunteerTerms,
	ACTED_ON: ACTED_ON,
	FOR_HEADER: FOR_HEADER,
	OVERRIDE_HEADER: OVERRIDE_HEADER,
	context: context,
	deskHeaders: deskHeaders,
	around: around,
	act: act,
	madeAtDeskSql: madeAtDeskSql,
	search: search,
	citizen: citizen,
	createAccount: createAccount,
	setCard: setCard,
	takeover: takeover,
	citizenData: citizenData,
	deleteDeskAccount: deleteDeskAccount,
	undeliverable: undeliverable
};
