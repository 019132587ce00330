/// <reference path="../../pb_data/types.d.ts" />

// An association's contact person (name, address, phone) and who founded it are for its active members
// and staff (docs/rules.md, "Associations and memberships"); its founder sees them as a member does, and in
// the answer to the founding, before their membership is written. The association itself is public once
// verified, so the record rules cannot say this: the fields are taken out of every record API answer and
// realtime message for anyone else, and a client filter or sort that names one of them is refused to anyone
// but staff (lib/core/door.js), as a filter could read a value a character at a time.

var PRIVATE = ['contact_name', 'contact_email', 'contact_phone', 'created_by'];

/**
 * A private field's name, as a field of the filter (outside its quoted texts) or sort. `created_by` of any
 * collection: the app filters by it for staff only.
 */
var CONTACT_FIELD = /contact_(?:name|email|phone)|created_by/i;

/**
 * Whether a client's filter or sort names a private field (the contact, the founder): the only way to
 * them besides the answer itself. A text searched for that reads "contact_email" names none.
 * @param {string | null | undefined} text
 */
function namesContact(text) {
	return require(__hooks + '/lib/core/filter-guard.js').namesField(text, CONTACT_FIELD);
}

/**
 * Whether the signed-in record may see the association's contact: a superuser, staff, an active member.
 * The one who founded it sees them as a member: in the answer to the founding, which is made before the
 * founder's membership is written in the same transaction, and while that membership is active; a founder
 * who left or was removed reads no more of the contact person (one named since, above all) than anyone else.
 */
function maySee(app, auth, association, method) {
	if (!auth) return false;
	if (auth.isSuperuser()) return true;
	if (auth.collection().name !== 'users') return false;
	if (auth.getBool('staff')) return true;
	var bindFilter = require(__hooks + '/lib/core/filter.js').bindFilter;
	var rows = app.findRecordsByFilter(
		'memberships',
		bindFilter('association = {:a} && user = {:u}', { a: association.id, u: auth.id }),
		'',
		1,
		0
	);
	if (rows.length) return rows[0].getString('status') === 'active';
	// no membership at all: only the answer to the founder's own founding (a create, before any membership
	// of the association is written). A founder who left, was invited again and moved to another address
	// holds no row either (the invitation went with the address): they read as anyone else
	if (association.getString('created_by') !== auth.id || method !== 'POST') return false;
	return (
		app.findRecordsByFilter('memberships', bindFilter('association = {:a}', { a: association.id }), '', 1, 0)
			.length === 0
	);
}

/**
 * onRecordEnrich of associations: hides the contact and the founder from whoever may not see them.
 * @param {core.RecordEnrichEvent} e
 */
function enrich(e) {
	var info = e.requestInfo;
	if (!maySee(e.app, info ? info.auth : null, e.record, info ? String(info.method || '').toUpperCase() : ''))
		e.record.hide.apply(e.record, PRIVATE);
	e.next();
}

module.exports = { enrich: enrich, namesContact: namesContact };
