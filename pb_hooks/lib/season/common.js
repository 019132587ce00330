/// <reference path="../../../pb_data/types.d.ts" />

// Helpers shared by the season routes (docs/rules.md, "Season application round").

/** lib/core/filter.js bindFilter, required at the call: loading this file needs nothing of PocketBase. */
function bindFilter(filter, params) {
	return require(__hooks + '/lib/core/filter.js').bindFilter(filter, params);
}

function lib(name) {
	return require(__hooks + '/lib/' + name + '.js');
}

function refusal(code, field) {
	return lib('core/errors').refusal(code, field);
}

/** The request body as plain JSON (PocketBase's body is a Go map whose lists are Go slices). */
function bodyOf(e) {
	var body = e.requestInfo().body;
	return body && typeof body === 'object' ? JSON.parse(JSON.stringify(body)) : {};
}

/** A JSON field as plain data. */
function jsonOf(record, field) {
	var text = record.getString(field);
	try {
		return text ? JSON.parse(text) : null;
	} catch (_) {
		return null;
	}
}

function nowPb() {
	return new Date().toISOString().replace('T', ' ');
}

function msOf(pbDate) {
	return pbDate ? Date.parse(String(pbDate).replace(' ', 'T')) : NaN;
}

/** The season of a route, or 404; a season in set-up is staff's only. */
function seasonOf(app, id, actor) {
	var season;
	try {
		season = app.findRecordById('seasons', id);
	} catch (_) {
		throw new NotFoundError('Not found.');
	}
	if (season.getString('status') === 'setup' && actor.kind !== 'staff' && actor.kind !== 'system') {
		throw new NotFoundError('Not found.');
	}
	return season;
}

/** The active role ('admin' | 'booker' | 'member') of a user in an association, or ''. */
function roleIn(app, userId, associationId) {
	if (!userId || !associationId) return '';
	var rows = app.findRecordsByFilter(
		'memberships',
		bindFilter('association = {:a} && user = {:u} && status = "active"', { a: associationId, u: userId }),
		'',
		1,
		0
	);
	return rows.length ? rows[0].getString('role') : '';
}

/**
 * Who acts for an association in the season round now (docs/rules.md, "Season application round"): the
 * applicant (or an objection's author) while they are still an active admin or booker of it, else its active
 * admins, the longest-standing first. Whoever is told of its application, and the person its times are
 * booked for (publish.js `bookerFor`, the first), are asked here, on the rows as they are now. Answers user
 * ids, each once; none when the association has no active admin.
 * @param {core.App} app
 * @param {string} associationId
 * @param {string} applicant
 * @returns {string[]}
 */
function actingFor(app, associationId, applicant) {
	var role = roleIn(app, applicant, associationId);
	if (role === 'admin' || role === 'booker') return [applicant];
	var out = [];
	app
		.findRecordsByFilter(
			'memberships',
			bindFilter('association = {:a} && status = "active" && role = "admin" && user != ""', {
				a: associationId
			}),
			'decided_at,created',
			0,
			0
		)
		.forEach(function (m) {
			var user = m.getString('user');
			if (out.indexOf(user) < 0) out.push(user);
		});
	return out;
}

/** The season's set-up as the allocation reads it. */
function configOf(season) {
	return {
		id: season.id,
		first_date: season.getString('first_date'),
		last_date: season.getString('last_date'),
		slots: jsonOf(season, 'slots') || [],
		blackout_dates: jsonOf(season, 'blackout_dates') || [],
		tiers: jsonOf(season, 'tiers') || [],
		house_associations: jsonOf(season, 'house_associations') || [],
		local_criteria: jsonOf(season, 'local_criteria') || [],
		tie_breakers: jsonOf(season, 'tie_breakers') || [],
		settlements: jsonOf(season, 'settlements') || [],
		overrides: jsonOf(season, 'overrides') || []
	};
}

/** The season's rooms as the allocation reads them. */
function roomsOf(app, config) {
	var rooms = {};
	var ids = [];
	config.slots.forEach(function (s) {
		if (ids.indexOf(s.room) < 0) ids.push(s.room);
	});
	for (var i = 0; i < ids.length; i++) {
		try {
			var room = app.findRecordById('rooms', ids[i]);
			rooms[room.id] = {
				capacity: room.getInt('capacity'),
				step_free: room.getBool('step_free'),
				name: room.getString('name'),
				active: room.getBool('active')
			};
		} catch (_) {
			// a room deleted since the set-up offers nothing
		}
	}
	return rooms;
}

/** Asks the season machine for the move to `to`, or refuses. */
function moveSeason(season, to, roles) {
	var machine = lib('core/machine');
	var from = season.getString('status') || 'setup';
	var t = machine.permitted(lib('season/machines').season, from, to, roles);
	if (!t) throw refusal('core_bad_transition', 'status');
	season.set('status', to);
	return t;
}

/**
 * An association's name as the season's public pages show it: the name staff have verified, so a new,
 * unverified name shows nowhere public (as on the house's screens); staff see it as it is. Names read are
 * kept in `cache` by id ('' for an association not shown or gone).
 * @param {core.App} app
 * @param {string} associationId
 * @param {boolean} staff
 * @param {Record<string, string>} cache
 */
function shownName(app, associationId, staff, cache) {
	if (cache[associationId] === undefined) {
		try {
			var row = app.findRecordById('associations', associationId);
			cache[associationId] = staff || row.getBool('verified') ? row.getString('name') : '';
		} catch (_) {
			cache[associationId] = '';
		}
	}
	return cache[associationId];
}

module.exports = {
	shownName: shownName,
	lib: lib,
	refusal: refusal,
	bodyOf: bodyOf,
	jsonOf: jsonOf,
	nowPb: nowPb,
	msOf: msOf,
	seasonOf: seasonOf,
	roleIn: roleIn,
	actingFor: actingFor,
	configOf: configOf,
	roomsOf: roomsOf,
	moveSeason: moveSeason
};
