/// <reference path="../../../pb_data/types.d.ts" />

// The audit log of staff actions (docs/rules.md, "Audit"). An entry is written with the app of the
// write's transaction, so the action and its entry commit together or not at all.

/**
 * Writes one audit entry.
 * @param {core.App} app the transaction's app
 * @param {{ actor: string, action: string, collection: string, id: string, details?: object,
 *   onBehalfOf?: string }} entry `onBehalfOf` is the citizen a staff member acted for
 */
function record(app, entry) {
	var row = new Record(app.findCachedCollectionByNameOrId('audit_log'));
	if (entry.actor) row.set('actor', entry.actor);
	row.set('action', entry.action);
	row.set('target_collection', entry.collection);
	row.set('target_id', entry.id);
	var details = entry.details || {};
	if (entry.onBehalfOf) details.on_behalf_of = entry.onBehalfOf;
	row.set('details', details);
	app.save(row);
}

/**
 * Audits an action when the actor is staff (citizens' own acts and system loads are not staff actions).
 * @param {core.App} app
 * @param {{ kind: string, id: string }} actor
 * @param {string} action
 * @param {core.Record} target
 * @param {object} [details]
 */
function staffAction(app, actor, action, target, details) {
	if (actor.kind !== 'staff') return;
	record(app, {
		actor: actor.id,
		action: action,
		collection: target.collection().name,
		id: target.id,
		details: details
	});
}

module.exports = { record: record, staffAction: staffAction };
