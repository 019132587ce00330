/// <reference path="../../../pb_data/types.d.ts" />

// A room keeps the addresses it had (docs/rules.md, "Rooms and closures"). A room's slug is printed on its
// door sign and in the sign's QR code (`/lokaler/{slug}/tjek-ind`), so when staff rename the slug the old
// one stays the room's: `former_slugs`, server-owned, written by the room's update in the same transaction
// as the new slug. A slug that is some room's former slug can be taken by no other room (an old sign would
// lead to the wrong room); the room itself may take one of its own back (it leaves the list). `roomBySlug`
// is the one place a slug, now or former, is read as a room: the screens route and the app's pages (through
// GET /api/borgerhus/rooms/slug/{slug}) follow it.

function lib(name) {
	return require(__hooks + '/lib/' + name + '.js');
}

function refusal(code, field) {
	return lib('core/errors').refusal(code, field);
}

var SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** The rooms row's former slugs read as SQL rows: a list of texts, anything else as none. */
var FORMER =
	"CASE WHEN json_valid(r.former_slugs) AND json_type(r.former_slugs) = 'array' THEN r.former_slugs ELSE '[]' END";

/**
 * The former slugs of a room record, as a list of texts (none when the field holds anything else).
 * @param {core.Record} record
 * @returns {string[]}
 */
function formerOf(record) {
	var value;
	try {
		value = JSON.parse(record.getString('former_slugs') || 'null');
	} catch (_) {
		value = null;
	}
	if (!Array.isArray(value)) return [];
	return value.filter(function (s) {
		return typeof s === 'string';
	});
}

/**
 * The id of another room than `except` whose former slugs hold `slug`, or ''.
 * @param {core.App} app
 * @param {string} slug
 * @param {string} except
 */
function formerOwner(app, slug, except) {
	var rows = arrayOf(new DynamicModel({ id: '' }));
	app
		.db()
		.newQuery(
			'SELECT r.id AS id FROM rooms r, json_each(' +
				FORMER +
				') j WHERE j.value = {:slug} AND r.id != {:except} LIMIT 1'
		)
		.bind({ slug: slug, except: except || '' })
		.all(rows);
	return rows.length ? rows[0].id : '';
}

/**
 * The room a slug leads to: the room whose slug it is now, else the room that had it, or null.
 * @param {core.App} app
 * @param {string} slug
 * @returns {core.Record | null}
 */
function roomBySlug(app, slug) {
	if (typeof slug !== 'string' || !SLUG.test(slug) || slug.length > 80) return null;
	try {
		return app.findFirstRecordByData('rooms', 'slug', slug);
	} catch (_) {
		// not a slug of now: perhaps a former one
	}
	var id = formerOwner(app, slug, '');
	if (!id) return null;
	try {
		return app.findRecordById('rooms', id);
	} catch (_) {
		return null;
	}
}

/**
 * A room's create or update (inside its transaction, after the room's own checks, before the save): a
 * client may not write `former_slugs` (`core_field_locked`; the system account may, arranging data as it
 * finds it); a slug changed on update goes onto the room's former slugs, and a former slug of its own taken
 * back leaves them; a slug that is another room's former slug, or (from the system) a former slug that is
 * another room's slug now or former, is refused with `rooms_slug_former`.
 * @param {core.App} txApp
 * @param {core.RecordRequestEvent} e
 * @param {'create' | 'update'} verb
 * @param {boolean} sent the request sent `former_slugs`
 * @param {boolean} system the request is the system account's
 */
function keepFormer(txApp, e, verb, sent, system) {
	if (sent && !system) throw refusal('core_field_locked', 'former_slugs');
	var record = e.record;
	var slug = record.getString('slug');
	var former = formerOf(record);
	if (sent) {
		var parsed;
		try {
			parsed = JSON.parse(record.getString('former_slugs') || 'null');
		} catch (_) {
			parsed = undefined;
		}
		var valid =
			parsed === null ||
			(Array.isArray(parsed) &&
				parsed.every(function (s) {
					return typeof s === 'string' && SLUG.test(s) && s.length <= 80;
				}));
		if (!valid) throw refusal('core_invalid_value', 'former_slugs');
	}
	if (verb === 'update') {
		var before = txApp.findRecordById('rooms', record.id).getString('slug');
		if (before && before !== slug && former.indexOf(before) < 0) former.push(before);
	}
	// the room's slug of now is not among its former ones (a slug taken back leaves the list)
	former = former.filter(function (s, i) {
		return s !== slug && former.indexOf(s) === i;
	});
	if (formerOwner(txApp, slug, record.id)) throw refusal('rooms_slug_former', 'slug');
	for (var i = 0; i < former.length; i++) {
		var other = formerOwner(txApp, former[i], record.id);
		if (!other) {
			try {
				other = txApp.findFirstRecordByData('rooms', 'slug', former[i]).id;
			} catch (_) {
				other = '';
			}
		}
		if (other && other !== record.id) throw refusal('rooms_slug_former', 'former_slugs');
	}
	record.set('former_slugs', former.length ? former : null);
}

/**
 * GET /api/borgerhus/rooms/slug/{slug}: the slug of now of the room a slug, now or former, leads to
 * (public, as the rooms are); 404 when it leads to none.
 * @param {core.RequestEvent} e
 */
function current(e) {
	var room = roomBySlug(e.app, e.request.pathValue('slug'));
	if (!room) throw new NotFoundError('Not found.');
	return e.json(200, { slug: room.getString('slug') });
}

module.exports = {
	current: current,
	formerOf: formerOf,
	keepFormer: keepFormer,
	roomBySlug: roomBySlug
};
