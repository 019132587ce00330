// Validation of a season's set-up and of an application (docs/rules.md, "Season application round"). Pure;
// the hooks call it inside the write's transaction, the app imports it as $rules/season/validate.js for the
// forms' early check. Each check answers { code, field } for the first problem, or the clean value.

var allocate =
	typeof __hooks === 'undefined' ? require('./allocate.js') : require(__hooks + '/lib/season/allocate.js');
var input = typeof __hooks === 'undefined' ? require('../input.js') : require(__hooks + '/lib/input.js');
var time =
	typeof __hooks === 'undefined' ? require('../core/time.js') : require(__hooks + '/lib/core/time.js');
var policy =
	typeof __hooks === 'undefined' ? require('../rooms-policy.js') : require(__hooks + '/lib/rooms-policy.js');

var DAY = /^\d{4}-\d{2}-\d{2}$/;
var HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
var ID = /^[a-z0-9]{15}$/;
var KEY = /^[a-z0-9_]{1,30}$/;
var MAX_SLOTS = 600;
var MAX_ACTIVITIES = 20;
var MAX_WISHES = 5;
/** An activity's participants, at most; a season's length in days, at most. */
var MAX_PARTICIPANTS = 1000;
var MAX_SEASON_DAYS = 400;
var FIRST_YEAR = 1900;
var LAST_YEAR = 2200;

function problem(code, field) {
	return { problem: { code: code, field: field } };
}

/**
 * A text of the season's forms, checked as every text of the house is (lib/input.js textProblem); a name is
 * one line. Answers { code } or the trimmed { value }.
 */
function textOf(value, max, required) {
	if (value === undefined || value === null) value = '';
	if (typeof value !== 'string') return { code: 'core_invalid_value' };
	var problem = input.textProblem(value, max, true);
	if (problem) return { code: problem };
	if (required && !value.trim()) return { code: 'core_required' };
	return { value: value.trim() };
}

function dayProblem(value) {
	if (typeof value !== 'string' || !DAY.test(value)) return 'core_invalid_date';
	var year = +value.slice(0, 4);
	if (year < FIRST_YEAR || year > LAST_YEAR) return 'core_date_out_of_range';
	var ms = Date.UTC(year, +value.slice(5, 7) - 1, +value.slice(8, 10));
	if (new Date(ms).toISOString().slice(0, 10) !== value) return 'core_invalid_date';
	return '';
}

/** An instant sent with its zone ("2026-05-01T10:00:00Z" or "+02:00"), as ms, or a code. */
function instantOf(value) {
	if (typeof value !== 'string' || !/(Z|[+-]\d{2}:?\d{2})$/.test(value.trim())) {
		return { code: typeof value === 'string' && value ? 'core_time_no_zone' : 'core_invalid_date' };
	}
	var ms = Date.parse(value.trim().replace(' ', 'T'));
	if (isNaN(ms)) return { code: 'core_invalid_date' };
	var year = new Date(ms).getUTCFullYear();
	if (year < FIRST_YEAR || year > LAST_YEAR) return { code: 'core_date_out_of_range' };
	return { ms: ms };
}

/** The minutes since midnight of a time of day "HH:MM". */
function minutes(hhmm) {
	return +hhmm.slice(0, 2) * 60 + +hhmm.slice(3, 5);
}

var WEEK = 7 * 1440;

/**
 * The minutes between two weekly times, across midnight and the week's end too (a Friday until 00:00 and
 * a Saturday from 00:00 are 0 apart); negative when they overlap.
 */
function weeklyGap(a, b) {
	function span(s) {
		var day = allocate.WEEKDAYS.indexOf(s.weekday) * 1440;
		return [day + minutes(s.start), day + time.endMinutes(s.end)];
	}
	var x = span(a);
	var y = span(b);
	var gap = Infinity;
	for (var shift = -WEEK; shift <= WEEK; shift += WEEK) {
		var start = y[0] + shift;
		var end = y[1] + shift;
		gap = Math.min(gap, Math.max(start - x[1], x[0] - end));
	}
	return gap;
}

/** The season's own code for each way a room's policy (rule 2) refuses a weekly time. */
var SLOT_POLICY_CODES = {
	rooms_too_long: 'season_slot_too_long',
	rooms_too_short: 'season_slot_too_short',
	rooms_off_step: 'season_slot_off_step',
	rooms_outside_hours: 'season_slot_outside_hours'
};

/**
 * Whether a weekly time could be booked in its room at all: the room's policy (rooms-policy.js
 * checkBookingPolicy, the check every booking of the plan meets) asked for the time on the period's first
 * date of its weekday (the next week's when the clocks change that night). The length, the time step and
 * the opening hours read nothing but the weekday and the wall-clock time, so one date answers for them all;
 * the horizon, the clock and the attendees are the booking's own. Answers '' or a season code.
 */
function slotPolicyProblem(slot, room, firstDate) {
	var date = firstDate;
	for (var d = 0; d < 7 && time.weekdayOf(date) !== slot.weekday; d++) date = time.addDays(date, 1);
	for (var week = 0; week < 2; week++, date = time.addDays(date, 7)) {
		var start = time.resolve(date, slot.start);
		var end = time.resolveEnd(date, slot.end);
		if (!('instant' in start) || !('instant' in end)) continue;
		var shape = {};
		for (var key in room) shape[key] = room[key];
		// only the time is asked about here: the room is offered (active) and anyone fits it
		shape.active = true;
		shape.capacity = Math.max(1, room.capacity || 0);
		var refused = policy.checkBookingPolicy({
			room: shape,
			start: start.instant,
			end: end.instant,
			attendees: 1,
			now: 0,
			skipHorizon: true
		});
		return refused ? SLOT_POLICY_CODES[refused.code] || refused.code : '';
	}
	return '';
}

/** The id of a weekly slot: the same room, weekday and start keep their id from season to season. */
function slotId(room, weekday, start) {
	return room + '-' + weekday + '-' + start.replace(':', '');
}

/**
 * Checks a season's set-up as sent (all fields; an update sends the merged set-up).
 * @param {object} body
 * @param {{ rooms: string[], associations?: string[], seasons?: string[], self?: string,
 *   buffers?: Record<string, number>, policies?: Record<string, object>, stored?: object[] }} known the ids
 *   of active rooms (and of associations, and of the seasons `previous` may name, never `self`: the season
 *   updated); with `buffers` (each room's pause between bookings, in minutes), two times of one room
 *   closer than its pause are refused, as both could never be booked; with `policies` (each active room's
 *   policy fields, rooms-policy.js), a time its room could never book is refused (too long, too short, off
 *   the time step, outside the opening hours). `stored`: the times the season holds now; one sent back
 *   unchanged is not asked again (its room may have been made inactive since, or its policy changed: the
 *   plan's booking then skips the dates it cannot have)
 * @returns {{ problem: { code: string, field: string } } | { value: object }}
 */
function checkSeason(body, known) {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return problem('core_invalid_value', 'form');
	var name = textOf(body.name, 200, true);
	if (name.code) return problem(name.code, 'name');
	var p = dayProblem(body.first_date);
	if (p) return problem(p, 'first_date');
	p = dayProblem(body.last_date);
	if (p) return problem(p, 'last_date');
	if (body.last_date < body.first_date) return problem('core_end_before_start', 'last_date');
	var span = (Date.parse(body.last_date) - Date.parse(body.first_date)) / 86400000;
	if (span > MAX_SEASON_DAYS) return problem('season_period_too_long', 'last_date');

	if (!Array.isArray(body.slots) || !body.slots.length || body.slots.length > MAX_SLOTS) {
		return problem('season_slots_required', 'slots');
	}
	var slots = [];
	var ids = {};
	var asked = [];
	var stored = {};
	((known && known.stored) || []).forEach(function (s) {
		if (s && typeof s === 'object') stored[[s.room, s.weekday, s.start, s.end].join(' ')] = true;
	});
	for (var i = 0; i < body.slots.length; i++) {
		var s = body.slots[i];
		if (!s || typeof s !== 'object') return problem('core_invalid_value', 'slots');
		var kept = stored[[s.room, s.weekday, s.start, s.end].join(' ')] === true;
		// a time the season holds already keeps its room, made inactive since or not
		if (typeof s.room !== 'string' || (!kept && known.rooms.indexOf(s.room) < 0))
			return problem('season_slot_unknown', 'slots');
		if (allocate.WEEKDAYS.indexOf(s.weekday) < 0) return problem('core_invalid_value', 'slots');
		if (
			typeof s.start !== 'string' ||
			!HHMM.test(s.start) ||
			typeof s.end !== 'string' ||
			!HHMM.test(s.end)
		) {
			return problem('core_invalid_value', 'slots');
		}
		if (time.endMinutes(s.end) <= minutes(s.start)) return problem('core_end_before_start', 'slots');
		for (var j = 0; j < slots.length; j++) {
			var o = slots[j];
			if (o.room !== s.room) continue;
			var gap = weeklyGap(o, s);
			if (gap < 0) return problem('season_slot_overlap', 'slots');
			// both could never be booked: the room's pause between bookings lies between them
			if (known && known.buffers && gap < (known.buffers[s.room] || 0)) {
				return problem('season_slot_too_close', 'slots');
			}
		}
		var id = slotId(s.room, s.weekday, s.start);
		if (ids[id]) return problem('season_slot_overlap', 'slots');
		ids[id] = true;
		slots.push({ id: id, room: s.room, weekday: s.weekday, start: s.start, end: s.end });
		if (!kept) asked.push(slots[slots.length - 1]);
	}
	// a time its room could never book would be promised by the plan and skipped on every date
	for (var q = 0; known && known.policies && q < asked.length; q++) {
		var room = known.policies[asked[q].room];
		var code = room ? slotPolicyProblem(asked[q], room, body.first_date) : '';
		if (code) return problem(code, 'slots');
	}

	var blackout = body.blackout_dates === undefined || body.blackout_dates === null ? [] : body.blackout_dates;
	if (!Array.isArray(blackout) || blackout.length > 400)
		return problem('core_invalid_value', 'blackout_dates');
	var dates = [];
	for (var b = 0; b < blackout.length; b++) {
		p = dayProblem(blackout[b]);
		if (p) return problem(p, 'blackout_dates');
		if (blackout[b] < body.first_date || blackout[b] > body.last_date) {
			return problem('season_blackout_outside', 'blackout_dates');
		}
		if (dates.indexOf(blackout[b]) < 0) dates.push(blackout[b]);
	}
	dates.sort();

	// the round's dates in order: window, draft, end of objections, final plan
	var order = ['apply_from', 'apply_until', 'draft_at', 'objection_until', 'final_at'];
	var instants = {};
	var last = null;
	for (var k = 0; k < order.length; k++) {
		var field = order[k];
		var v = body[field];
		if (v === undefined || v === null || v === '') {
			if (field === 'apply_from' || field === 'apply_until') return problem('core_required', field);
			instants[field] = '';
			continue;
		}
		var at = instantOf(v);
		if (at.code) return problem(at.code, field);
		if (last !== null && at.ms < last) return problem('season_dates_order', field);
		if (field === 'apply_until' && at.ms <= last) return problem('core_end_before_start', field);
		last = at.ms;
		instants[field] = new Date(at.ms).toISOString().replace('T', ' ');
	}

	var tiers = body.tiers === undefined || body.tiers === null ? allocate.LAW_TIERS : body.tiers;
	var wanted = JSON.stringify(tiers);
	if (wanted !== JSON.stringify(allocate.LAW_TIERS) && wanted !== JSON.stringify(allocate.TIERS)) {
		return problem('season_tiers_invalid', 'tiers');
	}
	var house = body.house_associations || [];
	if (!Array.isArray(house) || house.length > 50) return problem('core_invalid_value', 'house_associations');
	for (var h = 0; h < house.length; h++) {
		if (typeof house[h] !== 'string' || !ID.test(house[h]))
			return problem('core_invalid_value', 'house_associations');
		if (known.associations && known.associations.indexOf(house[h]) < 0) {
			return problem('core_unknown_record', 'house_associations');
		}
	}
	var criteria = body.local_criteria || [];
	if (!Array.isArray(criteria) || criteria.length > 5) return problem('core_invalid_value', 'local_criteria');
	var cleanCriteria = [];
	for (var c = 0; c < criteria.length; c++) {
		var crit = criteria[c];
		if (!crit || typeof crit.key !== 'string' || !KEY.test(crit.key))
			return problem('core_invalid_value', 'local_criteria');
		var da = textOf(crit.da, 200, true);
		var en = textOf(crit.en, 200, true);
		if (da.code || en.code) return problem(da.code || en.code, 'local_criteria');
		cleanCriteria.push({ key: crit.key, da: da.value, en: en.value });
	}
	var breakers = body.tie_breakers || [];
	if (!Array.isArray(breakers)) return problem('core_invalid_value', 'tie_breakers');
	for (var t = 0; t < breakers.length; t++) {
		if (allocate.TIE_BREAKERS.indexOf(breakers[t]) < 0 || breakers.indexOf(breakers[t]) !== t) {
			return problem('core_invalid_value', 'tie_breakers');
		}
	}
	var leftovers = body.leftovers || 'fcfs';
	if (leftovers !== 'fcfs' && leftovers !== 'second_round') return problem('core_invalid_value', 'leftovers');
	if (body.swap_approval !== undefined && typeof body.swap_approval !== 'boolean') {
		return problem('core_invalid_value', 'swap_approval');
	}
	var previous = body.previous || '';
	if (typeof previous !== 'string' || (previous && !ID.test(previous)))
		return problem('core_invalid_value', 'previous');
	// the season whose history counts and whose applications are copied: another season that exists
	if (previous && known && previous === known.self) return problem('season_previous_self', 'previous');
	if (previous && known && known.seasons && known.seasons.indexOf(previous) < 0) {
		return problem('core_unknown_record', 'previous');
	}
	return {
		value: {
			name: name.value,
			first_date: body.first_date,
			last_date: body.last_date,
			slots: slots,
			blackout_dates: dates,
			apply_from: instants.apply_from,
			apply_until: instants.apply_until,
			draft_at: instants.draft_at,
			objection_until: instants.objection_until,
			final_at: instants.final_at,
			tiers: tiers,
			house_associations: house,
			local_criteria: cleanCriteria,
			tie_breakers: breakers,
			leftovers: leftovers,
			swap_approval: !!body.swap_approval,
			previous: previous
		}
	};
}

/**
 * Checks an application's activities against a season.
 * @param {{ slots: { id: string }[], local_criteria?: { key: string }[] }} season
 * @param {object} body
 * @returns {{ problem: { code: string, field: string } } | { value: object }}
 */
function checkApplication(season, body) {
	if (!body || typeof body !== 'object') return problem('core_invalid_value', 'form');
	var list = body.activities;
	if (!Array.isArray(list) || !list.length) return problem('season_activities_required', 'activities');
	if (list.length > MAX_ACTIVITIES) return problem('season_too_many', 'activities');
	var slotIds = (season.slots || []).map(function (s) {
		return s.id;
	});
	var activities = [];
	var children = false;
	for (var i = 0; i < list.length; i++) {
		var a = list[i];
		var field = 'activities.' + i;
		if (!a || typeof a !== 'object') return problem('core_invalid_value', field);
		var name = textOf(a.name, 200, true);
		if (name.code) return problem(name.code, field + '.name');
		if (allocate.AGE_GROUPS.indexOf(a.age_group) < 0)
			return problem('core_invalid_value', field + '.age_group');
		var child = a.age_group === 'children' || a.age_group === 'youth';
		if (child) children = true;
		var kind = child ? '' : a.adult_kind || 'other';
		if (!child && allocate.ADULT_KINDS.indexOf(kind) < 0)
			return problem('core_invalid_value', field + '.adult_kind');
		if (
			typeof a.participants !== 'number' ||
			a.participants % 1 !== 0 ||
			a.participants < 1 ||
			a.participants > MAX_PARTICIPANTS
		) {
			return problem('season_participants_range', field + '.participants');
		}
		if (a.step_free !== undefined && typeof a.step_free !== 'boolean')
			return problem('core_invalid_value', field + '.step_free');
		var flex = a.flexibility || 'none';
		if (allocate.FLEXIBILITY.indexOf(flex) < 0) return problem('core_invalid_value', field + '.flexibility');
		if (!Array.isArray(a.wishes) || !a.wishes.length)
			return problem('season_wishes_required', field + '.wishes');
		if (a.wishes.length > MAX_WISHES) return problem('season_too_many', field + '.wishes');
		var wishes = [];
		for (var w = 0; w < a.wishes.length; w++) {
			var wish = a.wishes[w];
			if (!wish || typeof wish.slot !== 'string' || slotIds.indexOf(wish.slot) < 0) {
				return problem('season_slot_unknown', field + '.wishes');
			}
			var every = wish.every === undefined ? 1 : wish.every;
			if (every !== 1 && every !== 2) return problem('core_invalid_value', field + '.wishes');
			for (var d = 0; d < wishes.length; d++) {
				if (wishes[d].slot === wish.slot && wishes[d].every === every)
					return problem('season_wish_twice', field + '.wishes');
			}
			wishes.push({ slot: wish.slot, every: every });
		}
		activities.push({
			key: 'a' + (i + 1),
			name: name.value,
			age_group: a.age_group,
			adult_kind: kind,
			participants: a.participants,
			step_free: !!a.step_free,
			flexibility: flex,
			wishes: wishes
		});
	}
	var keys = (season.local_criteria || []).map(function (c) {
		return c.key;
	});
	var local = body.local_criteria || [];
	if (!Array.isArray(local)) return problem('core_invalid_value', 'local_criteria');
	for (var l = 0; l < local.length; l++) {
		if (keys.indexOf(local[l]) < 0) return problem('core_invalid_value', 'local_criteria');
	}
	if (body.declared_section4 !== undefined && typeof body.declared_section4 !== 'boolean') {
		return problem('core_invalid_value', 'declared_section4');
	}
	if (
		body.declared_child_certificates !== undefined &&
		typeof body.declared_child_certificates !== 'boolean'
	) {
		return problem('core_invalid_value', 'declared_child_certificates');
	}
	return {
		value: {
			activities: activities,
			children: children,
			local_criteria: local.filter(function (k, n) {
				return local.indexOf(k) === n;
			}),
			declared_section4: !!body.declared_section4,
			declared_child_certificates: !!body.declared_child_certificates
		}
	};
}

/**
 * Checks the end of a second round's window: an instant with its zone, after now.
 * @param {unknown} value
 * @param {number} nowMs
 * @returns {{ problem: { code: string, field: string } } | { value: string }}
 */
function checkSecondWindow(value, nowMs) {
	if (value === undefined || value === null || value === '') return problem('core_required', 'second_until');
	var at = instantOf(value);
	if (at.code) return problem(at.code, 'second_until');
	if (at.ms <= nowMs) return problem('core_end_before_start', 'second_until');
	return { value: new Date(at.ms).toISOString().replace('T', ' ') };
}

/**
 * The objection deadline staff set, or bring forward, once the draft is published: an instant not in the
 * past (`season_objection_deadline_past`) and, where the associations were told one (`wasMs`; NaN for
 * none), not later than that nor none (`season_objection_deadline_later`); before the planned final plan
 * (`finalMs`, NaN for none) as the set-up orders them.
 */
function checkObjectionDeadline(value, nowMs, wasMs, finalMs) {
	if (value === undefined || value === null || value === '') {
		return problem(isNaN(wasMs) ? 'core_required' : 'season_objection_deadline_later', 'objection_until');
	}
	var at = instantOf(value);
	if (at.code) return problem(at.code, 'objection_until');
	if (!isNaN(wasMs) && at.ms > wasMs) return problem('season_objection_deadline_later', 'objection_until');
	if (at.ms < nowMs) return problem('season_objection_deadline_past', 'objection_until');
	if (!isNaN(finalMs) && at.ms > finalMs) return problem('season_dates_order', 'objection_until');
	return { value: new Date(at.ms).toISOString().replace('T', ' ') };
}

module.exports = {
	checkSeason: checkSeason,
	checkSecondWindow: checkSecondWindow,
	checkObjectionDeadline: checkObjectionDeadline,
	checkApplication: checkApplication,
	slotId: slotId,
	dayProblem: dayProblem,
	minutes: minutes,
	MAX_ACTIVITIES: MAX_ACTIVITIES,
	MAX_WISHES: MAX_WISHES,
	MAX_PARTICIPANTS: MAX_PARTICIPANTS,
	MAX_SEASON_DAYS: MAX_SEASON_DAYS
};
