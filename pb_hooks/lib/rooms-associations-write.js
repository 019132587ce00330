/// <reference path="../../pb_data/types.d.ts" />

// Writes of an association (docs/rules.md, "Associations and memberships"): create, update and staff
// verification, each in one transaction, each checking the name and the CVR check digit (every write, the
// system's included), each asking the association machine of rooms-associations.js; and staff deletion of
// one without history.

/** lib/core/filter.js bindFilter, required at the call: loading this file needs nothing of PocketBase. */
function bindFilter(filter, params) {
	return require(__hooks + '/lib/core/filter.js').bindFilter(filter, params);
}

/** Fields a client may write; the rest belong to the server and the machine. */
var EDITABLE = ['name', 'cvr', 'contact_name', 'contact_email', 'contact_phone', 'description'];
var LOCKED = ['verified', 'verified_at', 'created_by'];
/** The contact fields: a person's details, which the audit log names but never copies. */
var CONTACT = ['contact_name', 'contact_email', 'contact_phone'];

function now() {
	return new Date().toISOString().replace('T', ' ');
}

function sent(body, key) {
	return Object.prototype.hasOwnProperty.call(body, key);
}

/**
 * True when another verified association holds `record`'s CVR number. A number is unique among verified
 * associations only (the partial unique index `idx_associations_cvr_verified` is the backstop): an
 * unverified association holds no number, so one registered by anybody cannot keep the real association
 * from registering, and a refusal never tells of an unverified association its reader may not see.
 */
function verifiedHolder(txApp, record) {
	return (
		txApp.findRecordsByFilter(
			'associations',
			bindFilter('cvr = {:cvr} && verified = true && id != {:id}', {
				cvr: record.getString('cvr'),
				id: record.id || ''
			}),
			'',
			1,
			0
		).length > 0
	);
}

/**
 * Trims text fields, refuses a blank name and a wrong CVR check digit, and a number a verified association
 * already holds (verified associations are public, so the refusal tells nothing hidden). An unverified
 * association that keeps its stored number (`storedCvr`) may still be edited after staff verified another
 * with that number.
 */
function checkFields(txApp, record, storedCvr) {
	var errors = require(__hooks + '/lib/core/errors.js');
	var cvr = require(__hooks + '/lib/rooms-associations.js');
	var texts = ['name', 'contact_name', 'contact_phone', 'description', 'contact_email'];
	for (var i = 0; i < texts.length; i++) record.set(texts[i], record.getString(texts[i]).trim());
	if (!record.getString('name')) errors.refuse('core_text_blank', 'name');
	record.set('cvr', cvr.normalizeCvr(record.getString('cvr')));
	if (!cvr.validCvr(record.getString('cvr'))) errors.refuse('associations_cvr_invalid', 'cvr');
	var kept = storedCvr !== undefined && storedCvr === record.getString('cvr') && !record.getBool('verified');
	if (!kept && verifiedHolder(txApp, record)) errors.refuse('associations_cvr_taken', 'cvr');
}

/**
 * A new association: unverified (only the system, loading data, may create one verified), created by the
 * signed-in person, who becomes its active admin in the same transaction (their own act is their consent).
 * A person (not staff) holds at most `UNVERIFIED_PER_FOUNDER` unverified associations they founded at a
 * time, counted inside the transaction (`associations_found_limit`): founding costs nothing, and staff
 * look at every one.
 * @param {core.RecordRequestEvent} e
 */
function create(e) {
	var auth = require(__hooks + '/lib/core/auth.js');
	var errors = require(__hooks + '/lib/core/errors.js');
	var actor = auth.actor(e);
	var body = e.requestInfo().body || {};
	if (actor.kind !== 'system') {
		for (var i = 0; i < LOCKED.length; i++) {
			if (sent(body, LOCKED[i]) && !(LOCKED[i] === 'created_by' && body.created_by === actor.id)) {
				errors.refuse('core_field_locked', LOCKED[i]);
			}
		}
		e.record.set('verified', false);
		e.record.set('verified_at', '');
		e.record.set('created_by', actor.id);
	}
	require(__hooks + '/lib/core/tx.js').request(e, function (txApp) {
		checkFields(txApp, e.record);
		if (actor.kind === 'user') {
			var waiting = txApp.findRecordsByFilter(
				'associations',
				bindFilter('created_by = {:me} && verified = false', { me: actor.id }),
				'',
				0,
				0
			).length;
			var limit = require(__hooks + '/lib/rooms-associations.js').UNVERIFIED_PER_FOUNDER;
			if (waiting >= limit) errors.refuse('associations_found_limit');
		}
		e.next();
		if (actor.kind === 'system') return;
		var membership = new Record(txApp.findCachedCollectionByNameOrId('memberships'));
		membership.set('association', e.record.id);
		membership.set('user', actor.id);
		membership.set('role', 'admin');
		membership.set('status', 'active');
		membership.set('decided_at', now());
		txApp.save(membership);
		require(__hooks + '/lib/core/audit.js').staffAction(txApp, actor, 'associations_create', e.record, {
			name: e.record.getString('name')
		});
	});
}

/**
 * An edit by an active admin or staff. Decided from the row as it stands inside the transaction; fields the
 * request did not send keep their stored value. A verified association whose name or number changes goes
 * back to staff verification at once (the "resubmit" transition); it cannot book until staff verify it
 * again.
 * @param {core.RecordRequestEvent} e
 */
function update(e) {
	var auth = require(__hooks + '/lib/core/auth.js');
	var errors = require(__hooks + '/lib/core/errors.js');
	var machine = require(__hooks + '/lib/core/machine.js');
	var rules = require(__hooks + '/lib/rooms-associations.js');
	var actor = auth.actor(e);
	var body = e.requestInfo().body || {};
	if (actor.kind !== 'system') {
		for (var i = 0; i < LOCKED.length; i++)
			if (sent(body, LOCKED[i])) errors.refuse('core_field_locked', LOCKED[i]);
	}
	require(__hooks + '/lib/core/tx.js').request(e, function (txApp) {
		var fresh;
		try {
			fresh = txApp.findRecordById('associations', e.record.id);
		} catch (_) {
			throw new NotFoundError('Not found.');
		}
		var roles = [];
		if (actor.kind === 'system') roles.push('system');
		if (actor.kind === 'staff') roles.push('staff');
		if (require(__hooks + '/lib/rooms-memberships.js').isActiveAdmin(txApp, actor.id, fresh.id)) {
			roles.push('association');
		}
		if (!roles.length) throw new NotFoundError('Not found.');
		// `seen`: the row's `updated` as the editing form showed it; a change made since is refused, so two
		// people editing at once cannot silently write over each other (without it the last save wins)
		if (sent(body, 'seen') && String(body.seen) !== fresh.getString('updated'))
			errors.refuse('associations_edited_since', 'form');
		// the stored row, with only what this request sent written onto it
		var fields = e.record.collection().fields;
		for (var f = 0; f < fields.length; f++) {
			var name = fields[f].getName();
			if (name === 'id' || sent(body, name)) continue;
			e.record.set(name, fresh.get(name));
		}
		checkFields(txApp, e.record, fresh.getString('cvr'));
		var renamed =
			e.record.getString('name') !== fresh.getString('name') ||
			e.record.getString('cvr') !== fresh.getString('cvr');
		// what changed, with its value where it is the association's; of a contact only that it changed: a
		// name, address and phone are a person's, and the log outlives them (an account's deletion clears the
		// association's contact, never a copy here)
		var details = {};
		var contactChanged = [];
		for (var k = 0; k < EDITABLE.length; k++) {
			if (!sent(body, EDITABLE[k])) continue;
			if (CONTACT.indexOf(EDITABLE[k]) >= 0) contactChanged.push(EDITABLE[k]);
			else details[EDITABLE[k]] = e.record.getString(EDITABLE[k]);
		}
		if (contactChanged.length) details.contact_changed = contactChanged;
		if (fresh.getBool('verified') && renamed) {
			var t = machine.named(rules.associationMachine(), 'verified', 'resubmit');
			if (!machine.allowed(t, roles)) errors.refuse('core_bad_transition', 'verified');
			e.record.set('verified', false);
			e.record.set('verified_at', '');
			details.resubmitted = true;
		}
		e.next();
		if (renamed || e.record.getBool('verified') !== fresh.getBool('verified')) {
			require(__hooks + '/lib/rooms-bookings.js').relabelAssociation(txApp, e.record.id);
		}
		require(__hooks + '/lib/core/audit.js').staffAction(
			txApp,
			actor,
			'associations_update',
			e.record,
			details
		);
	});
}

/**
 * Staff verify or unverify an association: a named transition, audited with the staff member. The number's
 * check digit is checked again (a row loaded before the rule existed cannot be verified with a wrong one).
 * @param {core.App} app
 * @param {{ kind: string, id: string }} actor
 * @param {string} id
 * @param {'verify' | 'unverify'} name
 */
function verification(app, actor, id, name, seen) {
	var errors = require(__hooks + '/lib/core/errors.js');
	var machine = require(__hooks + '/lib/core/machine.js');
	var rules = require(__hooks + '/lib/rooms-associations.js');
	return require(__hooks + '/lib/core/tx.js').run(app, function (txApp) {
		var row;
		try {
			row = txApp.findRecordById('associations', id);
		} catch (_) {
			throw new NotFoundError('Not found.');
		}
		var from = rules.associationState(row.getBool('verified'));
		var t = machine.named(rules.associationMachine(), from, name);
		if (!t || !machine.allowed(t, [actor.kind === 'system' ? 'system' : 'staff'])) {
			errors.refuse('core_bad_transition', 'verified');
		}
		// staff verify what they read: a name, number or contact changed since is looked at again first
		if (seen !== undefined && seen !== null && String(seen) !== row.getString('updated'))
			errors.refuse('associations_changed_since', 'form');
		if (name === 'verify' && !rules.validCvr(row.getString('cvr')))
			errors.refuse('associations_cvr_invalid', 'cvr');
		// one number, one verified association: staff withdraw the other's verification first, if this is
		// the real one
		if (name === 'verify' && verifiedHolder(txApp, row))
			errors.refuse('associations_verify_cvr_taken', 'cvr');
		row.set('verified', t.to === 'verified');
		row.set('verified_at', t.to === 'verified' ? now() : '');
		txApp.save(row);
		require(__hooks + '/lib/rooms-bookings.js').relabelAssociation(txApp, row.id);
		require(__hooks + '/lib/core/audit.js').record(txApp, {
			actor: actor.id,
			action: 'association_' + name,
			collection: 'associations',
			id: row.id,
			details: { name: row.getString('name'), cvr: row.getString('cvr') }
		});
		return { id: row.id, verified: t.to === 'verified' };
	});
}

/**
 * True when an association has history that is kept (docs/rules.md, "Associations and memberships"):
 * bookings or booking series in its name (any status), season applications, lines, objections or swaps, a
 * season that names it a house association, or more than one active member. Deleting it would take its
 * season rows and memberships with it (cascade) and leave its bookings without an association.
 * @param {core.App} app the transaction's app
 * @param {string} id
 * @returns {boolean}
 */
function hasHistory(app, id) {
	var params = { a: id };
	var found = function (collection, filter, limit) {
		return app.findRecordsByFilter(collection, bindFilter(filter, params), '', limit, 0).length;
	};
	return (
		found('bookings', 'association = {:a}', 1) > 0 ||
		found('booking_series', 'association = {:a}', 1) > 0 ||
		found('season_applications', 'association = {:a}', 1) > 0 ||
		found('season_lines', 'association = {:a}', 1) > 0 ||
		found('season_objections', 'association = {:a}', 1) > 0 ||
		found('season_swaps', 'from_association = {:a} || to_association = {:a}', 1) > 0 ||
		found('seasons', 'house_associations ~ {:a}', 1) > 0 ||
		// one active member is the person who registered it (a mistake, a duplicate); a second one joined
		found('memberships', 'association = {:a} && status = "active"', 2) > 1
	);
}

/**
 * Staff delete an association that has no history (a mistake, a duplicate), audited in the same
 * transaction; one with history is refused with `associations_has_history` (staff withdraw its
 * verification instead). Decided inside the delete's transaction, so a booking, a season application or a
 * new member arriving at the same moment is counted. The system (maintenance) may delete any.
 * @param {core.RecordRequestEvent} e
 */
function remove(e) {
	var actor = require(__hooks + '/lib/core/auth.js').actor(e);
	require(__hooks + '/lib/core/tx.js').request(e, function (txApp) {
		var fresh;
		try {
			fresh = txApp.findRecordById('associations', e.record.id);
		} catch (_) {
			throw new NotFoundError('Not found.');
		}
		if (actor.kind !== 'system' && hasHistory(txApp, fresh.id)) {
			require(__hooks + '/lib/core/errors.js').refuse('associations_has_history');
		}
		e.next();
		require(__hooks + '/lib/core/audit.js').staffAction(txApp, actor, 'associations_delete', fresh, {
			name: fresh.getString('name'),
			cvr: fresh.getString('cvr'),
			verified: fresh.getBool('verified')
		});
	});
}

module.exports = {
	create: create,
	update: update,
	remove: remove,
	hasHistory: hasHistory,
	verification: verification,
	checkFields: checkFields
};
