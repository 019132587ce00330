/// <reference path="../../pb_data/types.d.ts" />

// "Mine data" (docs/rules.md, "Account, feed and reminders"): everything the house holds about a user, in
// plain JSON, for the export, the page and its printed document, and for the desk's copy for a citizen with
// no app of their own (docs/rules.md, "Desk accounts and the take-over").
//
// Every query is bound to the one user's id (and address, phone and name for the association contact).
// Nothing about other people is returned: no other user's id, name or address, no invitee's address, no
// staff member's identity (an act by staff says "staff", by any other user "other"). Room, season and title
// names are the house's, and are returned; an association's or event's only where the user may read it.

/** lib/core/filter.js bindFilter, required at the call: loading this file needs nothing of PocketBase. */
function bindFilter(filter, params) {
	return require(`${__hooks}/lib/core/filter.js`).bindFilter(filter, params);
}

/** Reads a field of a row by id once per request, for names. */
function namer(app) {
	const cache = {};
	return function (collection, id, field) {
		if (!id) return '';
		const key = collection + ':' + id + ':' + field;
		if (!(key in cache)) {
			try {
				cache[key] = app.findRecordById(collection, id).getString(field);
			} catch (_) {
				cache[key] = '';
			}
		}
		return cache[key];
	};
}

/**
 * An association's name as the user's own token may read it (the collection's view rule, through the
 * `__viewable` binding of our PocketBase build), else `''`: an association staff have not verified is named
 * only to its active members and staff, as on `/foreninger`, so one renamed since (unverified again) that the
 * user has left, or never joined, is not named to them. The one rule for every section that names an
 * association; the page says "an association waiting for the house's verification" for `''`.
 * @param {core.App} app
 * @param {(collection: string, id: string, field: string) => string} name
 * @param {core.RequestInfo} info the user's own request info, also in the desk's copy for them
 */
function associationNamer(app, name, info) {
	const seen = {};
	return function (id) {
		if (!id) return '';
		if (!(id in seen)) seen[id] = __viewable(app, 'associations', [id], info).length > 0;
		return seen[id] ? name('associations', id, 'name') : '';
	};
}

/** A time as PocketBase stores it ("2026-12-06 01:38:40.424Z"): UTC, with a space before the time. */
const PB_TIME = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d+)?Z)$/;

/**
 * The export with every time in strict ISO 8601 ("2026-12-06T01:38:40.424Z", as `exported_at`), the one
 * place the file's times are written: PocketBase's own form has a space for the `T`, which strict parsers
 * refuse. Walks the whole answer, so a time of a section added later is written the same; an empty time
 * stays empty, and a day without a time (an audit entry's "2026-12-07") stays as it is.
 */
function isoTimes(value) {
	if (typeof value === 'string') return value.replace(PB_TIME, '$1T$2');
	if (Array.isArray(value)) return value.map(isoTimes);
	if (value && typeof value === 'object') {
		const out = {};
		for (const key of Object.keys(value)) out[key] = isoTimes(value[key]);
		return out;
	}
	return value;
}

function jsonOf(record, field) {
	const text = record.getString(field);
	try {
		return text ? JSON.parse(text) : null;
	} catch (_) {
		return null;
	}
}

/**
 * The associations that hold the user's contact details, or that the user founded, with the part of their
 * contact that is the user's own (lib/overview-contacts.js: the same rule deleting the account clears by).
 * What is somebody else's is left out, so a name alone, which anyone can give their profile, shows no one's
 * address or phone.
 */
function associations(app, user, association) {
	const list = [];
	for (const c of require(`${__hooks}/lib/overview-contacts.js`).ownContacts(app, user)) {
		const own = c.own.contact_name || c.own.contact_email || c.own.contact_phone;
		if (!own && !c.founded) continue;
		const a = c.record;
		list.push({
			name: association(a.id),
			founded_by_you: c.founded,
			created: a.getString('created'),
			verified: a.getBool('verified'),
			contact: own
				? {
						name: c.own.contact_name ? a.getString('contact_name') : '',
						email: c.own.contact_email ? a.getString('contact_email') : '',
						phone: c.own.contact_phone ? a.getString('contact_phone') : ''
					}
				: null
		});
	}
	return list;
}

/** Invitations the user sent as an association's admin: the association, role and answer, not the invitee. */
function invitationsSent(app, userId, association) {
	return app
		.findRecordsByFilter(
			'memberships',
			bindFilter('invited_by = {:u} && user != {:u}', {
				u: userId
			}),
			'-invited_at',
			0,
			0
		)
		.map((m) => ({
			association: association(m.getString('association')),
			role: m.getString('role'),
			status: sentStatus(m),
			// when, and how, it was answered is the invited person's to know (a block among them)
			invited_at: m.getString('invited_at')
		}));
}

/**
 * The invitations the user sent that count towards the hour's limit (lib/rooms-memberships.js
 * `invitations_sent`): when each was sent, also one that left no invitation row (an address with a member
 * behind it). Not to whom: the row keeps a hash of the address, which is the invited person's.
 */
function invitationsCounted(app, userId) {
	return app
		.findRecordsByFilter('invitations_sent', bindFilter('inviter = {:u}', { u: userId }), '-created', 0, 0)
		.map((r) => ({ counted_at: r.getString('created') }));
}

/**
 * An invitation's state as its sender may know it, which is what the association's admins see (docs/rules.md,
 * "Associations"): open ("invited", also a person who blocked the association and was invited again), a
 * member now ("active"), or neither any more ("closed": declined, blocked, withdrawn, or a member who left or
 * was removed). Only the invited person can tell a block from a no, or a withdrawn block from a withdrawal.
 * @param {core.Record} row a membership row
 * @returns {'invited' | 'active' | 'closed'}
 */
function sentStatus(row) {
	const status = row.getString('status');
	if (status === 'invited' || (status === 'blocked' && row.getString('email') !== '')) return 'invited';
	return status === 'active' ? 'active' : 'closed';
}

/** The weekly time of a season line, in words the page can show ("mon 17:00-19:00, Salen"). */
function lineOf(app, lineId, name) {
	if (!lineId) return null;
	try {
		const line = app.findRecordById('season_lines', lineId);
		return {
			activity: line.getString('activity_name'),
			room: name('rooms', line.getString('room'), 'name'),
			weekday: line.getString('weekday'),
			start_time: line.getString('start_time'),
			end_time: line.getString('end_time')
		};
	} catch (_) {
		return null;
	}
}

/** Season applications the user submitted for an association. */
function seasonApplications(app, userId, name, association) {
	return app
		.findRecordsByFilter(
			'season_applications',
			bindFilter('applicant = {:u}', { u: userId }),
			'-created',
			0,
			0
		)
		.map((r) => ({
			season: name('seasons', r.getString('season'), 'name'),
			association: association(r.getString('association')),
			round: r.getInt('round') === 2 ? 2 : 1,
			status: r.getString('status'),
			submitted_at: r.getString('submitted_at'),
			activities: jsonOf(r, 'activities') || [],
			local_criteria: jsonOf(r, 'local_criteria') || [],
			declared_section4: r.getBool('declared_section4'),
			declared_child_certificates: r.getBool('declared_child_certificates')
		}));
}

/** Objections the user wrote to a season's draft, with the house's answer (by "staff"). */
function seasonObjections(app, userId, name, association) {
	return app
		.findRecordsByFilter('season_objections', bindFilter('author = {:u}', { u: userId }), '-created', 0, 0)
		.map((r) => ({
			season: name('seasons', r.getString('season'), 'name'),
			association: association(r.getString('association')),
			time: lineOf(app, r.getString('line'), name),
			text: r.getString('text'),
			status: r.getString('status'),
			answer: r.getString('answer'),
			answered_at: r.getString('answered_at'),
			created: r.getString('created')
		}));
}

/**
 * Swaps and handovers of season times the user consented to for an association. The note is left out:
 * it is the proposing association's text, written by whoever proposed.
 */
function seasonSwaps(app, userId, name, association) {
	return app
		.findRecordsByFilter(
			'season_swaps',
			bindFilter('from_consent_by = {:u} || to_consent_by = {:u}', {
				u: userId
			}),
			'-created',
			0,
			0
		)
		.map((r) => {
			const side = r.getString('from_consent_by') === userId ? 'from' : 'to';
			return {
				season: name('seasons', r.getString('season'), 'name'),
				kind: r.getString('kind'),
				from_association: association(r.getString('from_association')),
				to_association: association(r.getString('to_association')),
				from_time: lineOf(app, r.getString('from_line'), name),
				to_time: lineOf(app, r.getString('to_line'), name),
				consented_for: side === 'from' ? 'from_association' : 'to_association',
				consented_at: r.getString(side + '_consent_at'),
				status: r.getString('status'),
				decided_at: r.getString('decided_at'),
				created: r.getString('created')
			};
		});
}

/**
 * An association's bookings made by someone else that the user cancelled or checked in (an admin's or a
 * member's acts for their association, staff's for one): the room, association and time, never the booker
 * or the purpose they wrote. A citizen's own booking is not among them, whoever acted on it: its room,
 * time and reasons are that person's, and staff's acts on it are in the audit entries without them.
 */
function bookingsActedOn(app, userId, name, association) {
	return app
		.findRecordsByFilter(
			'bookings',
			bindFilter("booker != {:u} && association != '' && (cancelled_by = {:u} || checked_in_by = {:u})", {
				u: userId
			}),
			'-start',
			0,
			0
		)
		.map((b) => ({
			room: name('rooms', b.getString('room'), 'name'),
			association: association(b.getString('association')),
			start: b.getString('start'),
			end: b.getString('end'),
			action: b.getString('cancelled_by') === userId ? 'cancelled' : 'checked_in',
			cancel_reason: b.getString('cancelled_by') === userId ? b.getString('cancel_reason') : '',
			checked_in_at: b.getString('checked_in_by') === userId ? b.getString('checked_in_at') : ''
		}));
}

/**
 * Who did something, in kind only, as the user may know it: "you", "staff", "system" (no actor), or
 * "other" (another user, such as a fellow member of an association); never a staff member's or another
 * person's name or id.
 * @param {core.App} app
 * @param {string} userId
 * @returns {(actor: string) => 'you' | 'staff' | 'system' | 'other'}
 */
function actorKinds(app, userId) {
	const staff = {};
	return function (actor) {
		if (actor === userId) return 'you';
		if (!actor) return 'system';
		if (!(actor in staff)) {
			try {
				staff[actor] = app.findRecordById('users', actor).getBool('staff');
			} catch (_) {
				staff[actor] = false;
			}
		}
		return staff[actor] ? 'staff' : 'other';
	};
}

/**
 * Every field of the schema that names an account (a relation to `users`, and `recordRef` of PocketBase's
 * own collections about an account), with the section of Mine data that holds what the rows it names say
 * about the user. A staff member's decisions and answers on rows (`decided_by`, `answered_by`, an event's
 * `created_by`) are in `audit`: the staff's log records each such act, and Mine data lists every act of the
 * user's there. `''` for PocketBase's one-time passwords and second factors, which the users collection
 * does not use (both are off), so no row of them is ever kept. A field added to the schema that names an
 * account makes `tests/integration/my-data-export.test.ts` ("every field of the schema that names an
 * account") fail until it is named here with the section that exports its rows.
 */
const USER_FIELDS = {
	'associations.created_by': 'associations',
	'memberships.user': 'memberships',
	'memberships.invited_by': 'invitations_sent',
	'booking_series.booker': 'series',
	'bookings.booker': 'bookings',
	'bookings.cancelled_by': 'bookings_acted_on',
	'bookings.checked_in_by': 'bookings_acted_on',
	'bookings.decided_by': 'audit',
	'holds.patron': 'holds',
	'loans.patron': 'loans',
	'events.created_by': 'audit',
	'signups.user': 'signups',
	'registrations.user': 'registrations',
	'notifications.user': 'notifications',
	'audit_log.actor': 'audit',
	'season_applications.applicant': 'season_applications',
	'season_objections.author': 'season_objections',
	'season_objections.answered_by': 'audit',
	'season_swaps.from_consent_by': 'season_swaps',
	'season_swaps.to_consent_by': 'season_swaps',
	'season_swaps.decided_by': 'audit',
	'invitations_sent.inviter': 'invitations_counted',
	'_authOrigins.recordRef': 'sign_ins',
	'_externalAuths.recordRef': 'sign_ins',
	'_mfas.recordRef': '',
	'_otps.recordRef': ''
};

/** The user's rows each collection names the user in, for the audit entries about them. */
const OWN_ROWS = [
	['bookings', 'booker'],
	['booking_series', 'booker'],
	['holds', 'patron'],
	['loans', 'patron'],
	['signups', 'user'],
	['registrations', 'user'],
	['memberships', 'user'],
	['season_applications', 'applicant'],
	['season_objections', 'author']
];

/** A plain value of an audit entry's details (a status, a date, a card number), never an object. */
const plain = (value) => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');

/**
 * The audit log's entries about the user: acts done for them at the desk (`on_behalf_of`), acts on their
 * account, staff's acts on their own rows (a booking or season booking only while it was theirs, heldByAt; and
 * not an act done at the desk for someone else on a row that is the user's since), staff's moves of a booking from or to them (`booking_reassigned`), and the desk's check-ins that gave them a copy or took one back; and every act the
 * user did themselves (staff's work, an association admin's acts), of which only what, on which kind of row
 * and when, when the row is someone else's. Each says what was done, when, by whom in kind ("staff",
 * "you", "system": never a staff member's name) and why, and of the details only the plain from/to, the
 * reasons and the names of changed fields, so no other person's id or row comes along.
 */
function auditEntries(app, userId) {
	const rows = arrayOf(new DynamicModel({ id: '', about: 0 }));
	// a row that moves between people counts while it was the user's (lib/audit-holder.js)
	const { heldByAt } = require(`${__hooks}/lib/audit-holder.js`);
	const own = OWN_ROWS.map(
		(pair) =>
			"(a.target_collection = '" +
			pair[0] +
			"' AND EXISTS (SELECT 1 FROM " +
			pair[0] +
			' r WHERE r.id = a.target_id AND ' +
			(heldByAt(pair[0]) || 'r.' + pair[1] + ' = {:u}') +
			'))'
	).join(' OR ');
	const about =
		'((' +
		"(CASE WHEN json_valid(a.details) THEN json_extract(a.details, '$.on_behalf_of') END = {:u}) " +
		// the desk's check-in that passed a copy to the user's hold, or took back the user's loan
		"OR (CASE WHEN json_valid(a.details) THEN json_extract(a.details, '$.patron') END = {:u}) " +
		"OR (CASE WHEN json_valid(a.details) THEN json_extract(a.details, '$.returnedLoan') END " +
		'IN (SELECT id FROM loans WHERE patron = {:u})) ' +
		"OR (a.target_collection = 'users' AND a.target_id = {:u}) " +
		// a booking staff moved away from the user (or to them, then on to someone else): the move and its
		// reason, told to both bookers, are theirs though the booking is someone else's now
		"OR (a.target_collection = 'bookings' AND a.action = 'booking_reassigned' AND " +
		"(CASE WHEN json_valid(a.details) THEN json_extract(a.details, '$.from.booker') END = {:u} " +
		"OR CASE WHEN json_valid(a.details) THEN json_extract(a.details, '$.to.booker') END = {:u})) OR " +
		own +
		// an act done at the desk for someone else stays theirs, though the row be the user's now (a
		// booking moved to the user): its reasons are about that person
		") AND COALESCE(CASE WHEN json_valid(a.details) THEN json_extract(a.details, '$.on_behalf_of') END, {:u}) = {:u})";
	app
		.db()
		.newQuery(
			'SELECT a.id, CASE WHEN ' +
				about +
				' THEN 1 ELSE 0 END AS about FROM audit_log a WHERE ' +
				about +
				// and what the user did to anything (staff's work, an admin's acts): that they did it is theirs
				' OR a.actor = {:u} ORDER BY a.created DESC'
		)
		.bind({ u: userId })
		.all(rows);
	// staff, or another user: an association's admin cancels its bookings too (never who it was)
	const kindOf = actorKinds(app, userId);
	return rows.map((row) => {
		const a = app.findRecordById('audit_log', row.id);
		// an act of the user's on someone else's row: what, of which kind of row, and when; not which row,
		// its states or the reasons, which are about the other person
		const details = row.about ? jsonOf(a, 'details') || {} : {};
		const actor = a.getString('actor');
		const fields = Array.isArray(details.fields) ? details.fields.filter((f) => typeof f === 'string') : [];
		return {
			action: a.getString('action'),
			collection: a.getString('target_collection'),
			target: row.about ? a.getString('target_id') : '',
			by: kindOf(actor),
			when: a.getString('created'),
			from: plain(details.from),
			to: plain(details.to),
			reason: plain(details.reason),
			override_reason: plain(details.override_reason),
			fields: fields
		};
	});
}

/** The devices PocketBase has seen the account sign in from (first and last time) and linked sign-ins. */
function signIns(app, user) {
	const collection = user.collection().id;
	const devices = app
		.findRecordsByFilter(
			'_authOrigins',
			bindFilter('recordRef = {:u} && collectionRef = {:c}', {
				u: user.id,
				c: collection
			}),
			'-updated',
			0,
			0
		)
		.map((r) => ({ first_seen: r.getString('created'), last_seen: r.getString('updated') }));
	const external = app
		.findRecordsByFilter(
			'_externalAuths',
			bindFilter('recordRef = {:u} && collectionRef = {:c}', {
				u: user.id,
				c: collection
			}),
			'-created',
			0,
			0
		)
		.map((r) => ({ provider: r.getString('provider'), created: r.getString('created') }));
	return { devices: devices, external: external };
}

/**
 * How often the mail of each of the user's messages was refused by the mail server, by message id (only
 * those refused at least once): the mailer's bookkeeping, hidden from the records API.
 */
function mailFailures(app, userId) {
	var out = {};
	app
		.findRecordsByFilter(
			'notifications',
			bindFilter('user = {:u} && mail_tries > 0', { u: userId }),
			'',
			0,
			0
		)
		.forEach(function (r) {
			out[r.id] = r.getInt('mail_tries');
		});
	return out;
}

/** The rows of a collection that name the user in `field`, newest first by `sort`. */
function ownRows(app, collection, field, userId, sort) {
	return app.findRecordsByFilter(collection, bindFilter(field + ' = {:u}', { u: userId }), sort, 0, 0);
}

/**
 * Of the related rows' ids, those the user may view under the collection's own view rule
 * (lib/overview-timeline.js), as an id-to-true map: the names of a draft event or of an association the
 * user is no member of stay out, as they do where the records API gives them.
 */
function viewableIds(app, collection, ids, info) {
	return require(`${__hooks}/lib/overview-timeline.js`).viewableIds(app, collection, ids, info);
}

/** The user's own rows: profile, memberships, bookings, series, holds, loans, sign-ups, tickets, messages. */
function records(app, user, name, info, association) {
	const u = user.id;
	const email = user.email();
	const str = (r, f) => r.getString(f);
	const shift = (id) => {
		try {
			return app.findRecordById('shifts', id);
		} catch (_) {
			return null;
		}
	};
	const failures = mailFailures(app, u);
	// who checked a booking or ticket in, in kind only (docs/rules.md, "Account, feed and reminders")
	const kindOf = actorKinds(app, u);
	const barcode = (copyId) => name('copies', copyId, 'barcode');
	// a ticket keeps no checker: the door's check-in is audited (events-claims.js checkIn), by staff only
	const ticketCheckedInBy = (r) => {
		if (!str(r, 'checked_in_at')) return '';
		const entries = app.findRecordsByFilter(
			'audit_log',
			bindFilter(
				"action = 'registrations.check_in' && target_collection = 'registrations' && target_id = {:id}",
				{
					id: r.id
				}
			),
			'-created',
			1,
			0
		);
		return kindOf(entries.length ? entries[0].getString('actor') : '');
	};
	const bookings = ownRows(app, 'bookings', 'booker', u, '-start');
	const series = ownRows(app, 'booking_series', 'booker', u, '-first_date');
	const signups = ownRows(app, 'signups', 'user', u, '-created').map((x) => ({
		row: x,
		shift: shift(str(x, 'shift'))
	}));
	const registrations = ownRows(app, 'registrations', 'user', u, '-created');
	const memberships = ownRows(app, 'memberships', 'user', u, '-created');
	const eventSeen = viewableIds(
		app,
		'events',
		registrations
			.map((r) => str(r, 'event'))
			.concat(signups.map((x) => (x.shift ? str(x.shift, 'event') : ''))),
		info
	);
	const event = (id, field) => (eventSeen[id] ? name('events', id, field) : '');
	return {
		profile: {
			id: u,
			name: str(user, 'name'),
			// a desk account's placeholder address is nobody's and reaches no one
			email: require(`${__hooks}/lib/desk.js`).undeliverable(email) ? '' : email,
			// whether the user has confirmed that address from the link in the mail
			email_confirmed: user.getBool('verified'),
			phone: str(user, 'phone'),
			language: str(user, 'language'),
			notify_email: user.getBool('notify_email'),
			notify_reminders: user.getBool('notify_reminders'),
			volunteer_terms_at: str(user, 'volunteer_terms_at'),
			skills: str(user, 'skills'),
			library_card: str(user, 'library_card'),
			has_picture: str(user, 'avatar') !== '',
			desk_account: user.getBool('desk_account'),
			staff: user.getBool('staff'),
			calendar_feed: str(user, 'calendar_token') !== '',
			created: str(user, 'created')
		},
		memberships: memberships.map((x) => ({
			association: association(str(x, 'association')),
			role: str(x, 'role'),
			status: str(x, 'status'),
			invited_at: str(x, 'invited_at'),
			// the address the invitation went to (the user's, then), kept until it is accepted or blocked
			sent_to: str(x, 'email'),
			decided_at: str(x, 'decided_at'),
			since: str(x, 'created')
		})),
		bookings: bookings.map((b) => ({
			id: b.id,
			room: name('rooms', str(b, 'room'), 'name'),
			association: association(str(b, 'association')),
			// an association's booking also where its name is left out (one the user may not read)
			for_association: str(b, 'association') !== '',
			purpose: str(b, 'purpose'),
			attendees: b.getInt('attendees'),
			start: str(b, 'start'),
			end: str(b, 'end'),
			status: str(b, 'status'),
			reason: str(b, 'reason'),
			cancel_reason: str(b, 'cancel_reason'),
			cancelled_by_you: str(b, 'cancelled_by') === u,
			decided_at: str(b, 'decided_at'),
			checked_in_at: str(b, 'checked_in_at'),
			checked_in_by: str(b, 'checked_in_at') ? kindOf(str(b, 'checked_in_by')) : '',
			checked_out_at: str(b, 'checked_out_at'),
			released_at: str(b, 'released_at'),
			cancel_hours: b.getInt('cancel_hours'),
			show_publicly: b.getBool('show_publicly'),
			created: str(b, 'created')
		})),
		series: series.map((x) => ({
			id: x.id,
			room: name('rooms', str(x, 'room'), 'name'),
			association: association(str(x, 'association')),
			for_association: str(x, 'association') !== '',
			purpose: str(x, 'purpose'),
			attendees: x.getInt('attendees'),
			first_date: str(x, 'first_date'),
			last_date: str(x, 'last_date'),
			start_time: str(x, 'start_time'),
			end_time: str(x, 'end_time'),
			rrule: str(x, 'rrule'),
			status: str(x, 'status'),
			show_publicly: x.getBool('show_publicly'),
			created: str(x, 'created')
		})),
		holds: ownRows(app, 'holds', 'patron', u, '-created').map((h) => ({
			id: h.id,
			title: name('titles', str(h, 'title'), 'title'),
			// the copy it was given, once it had one (a waiting hold has none)
			barcode: barcode(str(h, 'copy')),
			status: str(h, 'status'),
			placed_at: str(h, 'placed_at'),
			pickup_shelf: str(h, 'pickup_shelf'),
			pickup_deadline: str(h, 'pickup_deadline'),
			ready_at: str(h, 'ready_at'),
			ended_at: str(h, 'ended_at')
		})),
		loans: ownRows(app, 'loans', 'patron', u, '-start').map((l) => ({
			id: l.id,
			title: name('titles', str(l, 'title'), 'title'),
			barcode: barcode(str(l, 'copy')),
			start: str(l, 'start'),
			due: str(l, 'due'),
			returned_at: str(l, 'returned_at'),
			lost: l.getBool('lost')
		})),
		signups: signups.map(({ row: x, shift: s }) => {
			// a shift is seen as its event is (the shifts' rule reads the event's state)
			const seen = s !== null && eventSeen[str(s, 'event')] === true;
			return {
				id: x.id,
				task: seen ? str(s, 'task') : '',
				event: seen ? event(str(s, 'event'), 'title') : '',
				event_en: seen ? event(str(s, 'event'), 'title_en') : '',
				start: seen ? str(s, 'start') : '',
				end: seen ? str(s, 'end') : '',
				status: str(x, 'status'),
				// when the place took its turn in line (a place taken again goes to the back), and whether
				// the house cancelled it (staff, or the event's cancellation) rather than the person
				placed_at: str(x, 'placed_at'),
				// when the waitlist moved the place up to confirmed ('' when the person took it themselves)
				promoted_at: str(x, 'promoted_at'),
				cancelled_by_house: x.getBool('cancelled_by_house'),
				// and whether the house took the person off the waitlist rather than the person leaving it
				off_waitlist_by_house: x.getBool('off_waitlist_by_house'),
				created: str(x, 'created'),
				cancelled_at: str(x, 'cancelled_at')
			};
		}),
		registrations: registrations.map((r) => ({
			id: r.id,
			event: event(str(r, 'event'), 'title'),
			event_en: event(str(r, 'event'), 'title_en'),
			start: event(str(r, 'event'), 'start'),
			status: str(r, 'status'),
			// the code the door reads, as the ticket shows it
			ticket_code: str(r, 'ticket_code'),
			placed_at: str(r, 'placed_at'),
			promoted_at: str(r, 'promoted_at'),
			cancelled_by_house: r.getBool('cancelled_by_house'),
			off_waitlist_by_house: r.getBool('off_waitlist_by_house'),
			checked_in_at: str(r, 'checked_in_at'),
			checked_in_by: ticketCheckedInBy(r),
			created: str(r, 'created'),
			cancelled_at: str(r, 'cancelled_at')
		})),
		notifications: ownRows(app, 'notifications', 'user', u, '-created').map((n) => ({
			id: n.id,
			// what the message is about (its kind, as the house files it) and where it leads in the app
			kind: str(n, 'kind'),
			link: str(n, 'link'),
			title: str(n, 'title'),
			body: str(n, 'body'),
			// the message in both languages, as it was written (null for a message from before both were kept)
			texts: jsonOf(n, 'texts'),
			created: str(n, 'created'),
			read_at: str(n, 'read_at'),
			emailed_at: str(n, 'emailed_at'),
			mail_failed_tries: failures[n.id] || 0
		}))
	};
}

/**
 * Everything the house holds about one user, grouped, in plain JSON (`MyData` in
 * src/lib/overview/my-data.server.ts): for the signed-in user themselves, or for a desk account's citizen
 * by staff at the desk (audited by the caller).
 * @param {core.App} app
 * @param {string} userId the auth record's id, or a desk account's (never other input)
 * @param {Date} now
 */
function myDataFor(app, userId, now) {
	const user = app.findRecordById('users', userId);
	const name = namer(app);
	// related names as the user's own token would read them, also in the desk's copy for them
	const info = new RequestInfo({ auth: user });
	// every association's name as the user may read it: one rule for every section
	const association = associationNamer(app, name, info);
	const own = records(app, user, name, info, association);
	return isoTimes({
		exported_at: now.toISOString(),
		profile: own.profile,
		memberships: own.memberships,
		associations: associations(app, user, association),
		invitations_sent: invitationsSent(app, userId, association),
		invitations_counted: invitationsCounted(app, userId),
		bookings: own.bookings,
		series: own.series,
		bookings_acted_on: bookingsActedOn(app, userId, name, association),
		season_applications: seasonApplications(app, userId, name, association),
		season_objections: seasonObjections(app, userId, name, association),
		season_swaps: seasonSwaps(app, userId, name, association),
		holds: own.holds,
		loans: own.loans,
		signups: own.signups,
		registrations: own.registrations,
		notifications: own.notifications,
		audit: auditEntries(app, userId),
		sign_ins: signIns(app, user)
	});
}

module.exports = { myDataFor: myDataFor, USER_FIELDS: USER_FIELDS };
