/// <reference path="../../../pb_data/types.d.ts" />

// Who hears of a booking or season booking (docs/rules.md, "Who is told of a booking"): the messages the
// house sends when staff, a closure, a room taken out of use or the system act on someone's booking go
// through here, in the write's transaction. A booking in no association's name is its booker's. One in an
// association's name is the association's business: its booker hears of it while they may still book for it
// (an active admin or booker, rule 3), else the people who act for the association now, its active admins
// (season/common.js `actingFor`, the rule the season round tells by). A booker who left or was made a plain
// member hears nothing more of the association's times; an association with no active admin has nobody to
// tell. An admin who is the booker is told once, as the booker.

function lib(name) {
	return require(__hooks + '/lib/' + name + '.js');
}

/**
 * The line an admin's message ends with: why they, and not the booker, are told.
 */
var WHY = {
	da: ' Du får beskeden som administrator i {association}, fordi den, der bookede, ikke længere booker for foreningen.',
	en: ' You get this message as an admin of {association} because the person who booked no longer books for it.'
};

/**
 * Who is told of `record` (a booking or a booking series) now, on the rows as they stand in `txApp`: user
 * ids, each once, and whether they are told as the association's admins (`association`: its name as the
 * house's messages name it) rather than as the booker.
 * @param {core.App} txApp
 * @param {core.Record} record
 * @returns {{ users: string[], admins: boolean, association: unknown }}
 */
function toldOf(txApp, record) {
	var booker = record.getString('booker');
	var associationId = record.getString('association');
	if (!associationId) return { users: booker ? [booker] : [], admins: false, association: '' };
	var users = lib('season/common').actingFor(txApp, associationId, booker);
	if (users.length === 1 && users[0] === booker) return { users: users, admins: false, association: '' };
	var association = '';
	try {
		association = lib('rooms-bookings').namedToBooker(txApp.findRecordById('associations', associationId));
	} catch (_) {
		association = '';
	}
	return { users: users, admins: true, association: association };
}

/**
 * Who is told of each of `records`, gathered per person (rooms/told.js toldOf): one entry for each person, and
 * for an admin one per association, with the first of their records in the order given and how many there
 * are; for a message that counts them (a closure, a cancelled period, check-in switched on).
 * @param {core.App} txApp
 * @param {core.Record[]} records
 * @returns {{ record: core.Record, to: { users: string[], admins: boolean, association: unknown }, count: number }[]}
 */
function gather(txApp, records) {
	var per = {};
	var out = [];
	for (var i = 0; i < records.length; i++) {
		var to = toldOf(txApp, records[i]);
		for (var u = 0; u < to.users.length; u++) {
			var key = to.users[u] + (to.admins ? ':' + records[i].getString('association') : '');
			if (!per[key]) {
				per[key] = {
					record: records[i],
					to: { users: [to.users[u]], admins: to.admins, association: to.association },
					count: 0
				};
				out.push(per[key]);
			}
			per[key].count++;
		}
	}
	return out;
}

/**
 * The admins' words of a message: `texts` (written to the association, not to "you" as the booker) with
 * why they are told at the end of the body.
 * @param {{ da: { title: string, body: string }, en: { title: string, body: string } }} texts
 */
function forAdmins(texts) {
	return {
		da: { title: texts.da.title, body: texts.da.body + WHY.da },
		en: { title: texts.en.title, body: texts.en.body + WHY.en }
	};
}

/**
 * Sends one message about `record` to whoever is told of it (toldOf): `texts` to its booker, `admins` (its
 * words to the association's admins, which may name `{association}`) to the admins instead. A dedupe key is
 * the booker's as given and the admin's with their id after it; with `about`, notify.js notifyOncePerHour
 * (one message an hour about that thing to each person); `except`, an admin who acted and is told nothing
 * of their own act. Returns who was told.
 * @param {core.App} txApp
 * @param {core.Record} record
 * @param {{ kind: string, texts: object, admins: object, params?: Record<string, unknown>, link?: string,
 *   dedupeKey?: string, about?: string, except?: string }} message
 * @param {{ users: string[], admins: boolean, association: unknown }} [to] toldOf, when read already
 * @returns {string[]}
 */
function tell(txApp, record, message, to) {
	var notify = lib('notify');
	var who = to || toldOf(txApp, record);
	for (var i = 0; i < who.users.length; i++) {
		var user = who.users[i];
		// an admin who called the booking off themselves knows it already
		if (who.admins && message.except && user === message.except) continue;
		var out = {
			kind: message.kind,
			texts: who.admins ? forAdmins(message.admins) : message.texts,
			params: who.admins
				? Object.assign({}, message.params || {}, { association: who.association })
				: message.params,
			link: message.link
		};
		if (message.about) {
			notify.notifyOncePerHour(txApp, user, out, message.about);
			continue;
		}
		if (message.dedupeKey) out.dedupeKey = who.admins ? message.dedupeKey + ':' + user : message.dedupeKey;
		notify.notify(txApp, user, out);
	}
	return who.users.filter(function (user) {
		return !(who.admins && message.except && user === message.except);
	});
}

module.exports = { toldOf: toldOf, gather: gather, tell: tell, forAdmins: forAdmins };
